import type { Invalidation, RiskCache } from "@repo/risk-cache";
import { LRUCache } from "lru-cache";
import type { ApiDeps } from "../../deps.ts";
import { isDatabaseUnavailable } from "../../errors.ts";
import { findSession, hashToken, type SessionRecord, type Viewer } from "./sessions.ts";

interface Remembered {
  viewer: Viewer;
  expiresAtMs: number;
  checkedAtMs: number;
}

export interface LiveSessionsOptions {
  /** How long a remembered session is trusted before PostgreSQL is asked again. */
  recheckMs?: number;
  maxSessions?: number;
}

/**
 * Sessions seen alive lately, remembered in this process: a request then need not ask
 * PostgreSQL who its cookie belongs to (about a millisecond of CPU each), and a signed-in
 * trader keeps being served from the cache while PostgreSQL cannot be reached.
 *
 * Sign-out must still reach every instance at once. Logout revokes the session in PostgreSQL,
 * then invalidates the user's cache, and that invalidation is applied on every instance —
 * including to these sessions — before logout returns. So a remembered session is trusted only
 * while the cache says invalidations reach every instance; otherwise (Redis away, cache
 * disabled) each request asks PostgreSQL, as it would without this, and what is remembered
 * serves only when PostgreSQL cannot answer. Viewers stay in this process: the shared cache
 * holds no personal data (docs/architecture.md, "The tenant model").
 */
export class LiveSessions {
  private readonly sessions: LRUCache<string, Remembered>;
  private readonly recheckMs: number;
  /** Moves on every invalidation that concerns sessions; see `viewer`. */
  private epoch = 0;

  constructor(
    private readonly cache: Pick<RiskCache, "onInvalidation" | "invalidationsReachEveryInstance">,
    options: LiveSessionsOptions = {},
  ) {
    this.recheckMs = options.recheckMs ?? 60_000;
    this.sessions = new LRUCache({ max: options.maxSessions ?? 50_000 });
    cache.onInvalidation((invalidation) => this.forget(invalidation));
  }

  /**
   * The viewer of `token`'s session: remembered, or from `lookUp` (PostgreSQL). A lookup that
   * began before an invalidation returns its answer but is not remembered, as it may predate
   * the sign-out the invalidation announced; nor is one with `remember` false.
   */
  async viewer(
    token: string,
    now: Date,
    lookUp: () => Promise<SessionRecord | null>,
    { remember = true }: { remember?: boolean } = {},
  ): Promise<Viewer | null> {
    const key = hashToken(token);
    const nowMs = now.getTime();
    let known = this.sessions.get(key);
    if (known && known.expiresAtMs <= nowMs) {
      this.sessions.delete(key);
      known = undefined;
    }
    const recent = known !== undefined && nowMs - known.checkedAtMs < this.recheckMs;
    if (known && recent && this.cache.invalidationsReachEveryInstance) return known.viewer;

    const epoch = this.epoch;
    let found: SessionRecord | null;
    try {
      found = await lookUp();
    } catch (error) {
      if (known && isDatabaseUnavailable(error)) return known.viewer;
      throw error;
    }
    if (!found) {
      this.sessions.delete(key);
      return null;
    }
    if (remember && epoch === this.epoch) {
      this.sessions.set(key, {
        viewer: found.viewer,
        expiresAtMs: found.expiresAt.getTime(),
        checkedAtMs: nowMs,
      });
    }
    return found.viewer;
  }

  private forget(invalidation: Invalidation) {
    // One user's cached values changing says nothing about anyone's session.
    if (invalidation.scope === "entry") return;
    this.epoch++;
    if (invalidation.scope === "all") return this.sessions.clear();
    const concerned = [...this.sessions.entries()].filter(
      ([, { viewer }]) =>
        viewer.tenantId === invalidation.tenantId &&
        (invalidation.scope === "tenant" || viewer.userId === invalidation.userId),
    );
    for (const [key] of concerned) this.sessions.delete(key);
  }
}

/**
 * The viewer of `token`'s session as every request sees it — tRPC's context and a server
 * render alike: remembered by this instance, else read from PostgreSQL. Only the API's requests
 * (`remember`, the default) add to what is remembered: a page is rendered once, and a change
 * made to a session outside the app (an expiry moved in PostgreSQL) stays noticed by the
 * page's first poll, as it was before renders read the remembered sessions.
 */
export function liveViewer(
  deps: Pick<ApiDeps, "db" | "clock" | "sessions">,
  token: string,
  options: { remember?: boolean } = {},
): Promise<Viewer | null> {
  const now = deps.clock();
  return deps.sessions.live.viewer(token, now, () => findSession(deps.db, token, now), options);
}
