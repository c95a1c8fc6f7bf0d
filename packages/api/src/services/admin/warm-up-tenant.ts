import type { ServiceDeps } from "../../deps.ts";
import { getMetrics } from "../risk/get-metrics.ts";
import { loadBook } from "../risk/load-book.ts";
import { activeTraders } from "./active-traders.ts";
import { mapBounded } from "./map-bounded.ts";

/** At most this many books are loaded at once, so a warm-up leaves connections for users. */
export const WARM_UP_CONCURRENCY = 4;

/**
 * Caches the book of every active trader of the tenant that is not cached yet, then values each
 * book once, which caches the histories of what it holds (shared by every instance) and the
 * valuation (in this instance): the next dashboard poll of each costs no query.
 */
export async function warmUpTenant(
  deps: ServiceDeps,
  tenantId: string,
): Promise<{ traders: number; warmed: number; failed: number }> {
  const subjects = await activeTraders(deps.db, tenantId);
  const { warmed, failed } = await deps.cache.warmUp(
    "book",
    subjects,
    (subject) => loadBook(deps.db, subject),
    { concurrency: WARM_UP_CONCURRENCY },
  );
  // A trader without a risk profile cannot be valued: their book is warm all the same, and
  // their dashboard says why when they open it.
  await mapBounded(subjects, WARM_UP_CONCURRENCY, (subject) =>
    getMetrics(deps, subject).catch(() => undefined),
  );
  return { traders: subjects.length, warmed, failed };
}
