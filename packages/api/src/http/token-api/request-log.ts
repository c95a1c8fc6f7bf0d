import { randomUUID } from "node:crypto";
import type { Db, Prisma } from "@repo/db";
import type { TokenPrincipal } from "../../services/tokens/authenticate-token.ts";

/** The status of a request whose answer is not written yet: its key is taken, its work running. */
const PENDING = 0;

/**
 * How long a retry waits for a request with the same key that is still running, polling its row,
 * before it is told to try again; a batch of prices takes milliseconds, an import seconds.
 */
export const IN_PROGRESS_WAIT_MS = 15_000;
const IN_PROGRESS_POLL_MS = 50;

/**
 * A pending request older than this was abandoned (its server stopped mid-request): its key is
 * freed so a retry can run. Its work may have committed; every operation's writes set values
 * rather than add to them, so running it again leaves the same data.
 */
export const ABANDONED_AFTER_MS = 5 * 60_000;

/**
 * How long the log keeps a request (and so an Idempotency-Key's answer): a feed posting every
 * second writes 86,400 rows a day, so the log is pruned rather than kept forever.
 */
export const REQUEST_LOG_DAYS = 30;
const DAY_MS = 24 * 60 * 60_000;

/** Each instance prunes a firm's log at most this often, after one of its requests. */
const PRUNE_EVERY_MS = 60 * 60_000;
const lastPruned = new WeakMap<Db, Map<string, number>>();

/** Deletes the firm's requests older than REQUEST_LOG_DAYS; returns how many. */
export async function pruneRequestLog(db: Db, tenantId: string, now: Date): Promise<number> {
  const { count } = await db.apiRequest.deleteMany({
    where: { tenantId, createdAt: { lt: new Date(now.getTime() - REQUEST_LOG_DAYS * DAY_MS) } },
  });
  return count;
}

/** Prunes the firm's log unless this instance did within the hour (one indexed delete). */
export async function pruneNowAndThen(db: Db, tenantId: string, now: Date): Promise<void> {
  let byTenant = lastPruned.get(db);
  if (!byTenant) {
    byTenant = new Map();
    lastPruned.set(db, byTenant);
  }
  const last = byTenant.get(tenantId);
  if (last !== undefined && now.getTime() - last < PRUNE_EVERY_MS) return;
  byTenant.set(tenantId, now.getTime());
  await pruneRequestLog(db, tenantId, now);
}

/** What the log needs to know of a request before it runs. */
export interface RequestEntry {
  principal: TokenPrincipal;
  operation: string;
  idempotencyKey: string | null;
  bodyHash: string;
  rows: number;
}

/** A request's answer as kept in the log (the replay of a retry). */
export interface LoggedAnswer {
  id: string;
  status: number;
  response: Record<string, unknown>;
}

export type Claim =
  /** Run it: the log row is `id`, pending until finishRequest. */
  | { kind: "new"; id: string }
  /** The same key and body answered before: send that answer again, write nothing. */
  | { kind: "replay"; answer: LoggedAnswer }
  /** The same key came with another body. */
  | { kind: "different-body" }
  /** The same key's request is still running after IN_PROGRESS_WAIT_MS. */
  | { kind: "in-progress" };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Takes the request's Idempotency-Key, or finds who has it. The log row is inserted pending
 * before the work runs, and the unique (tokenId, idempotencyKey) lets one of two concurrent
 * requests with the same key insert it; the other waits for its answer and repeats it, so the
 * work runs once. Without a key the row is simply the log entry.
 */
export async function claimRequest(db: Db, entry: RequestEntry, now: () => Date): Promise<Claim> {
  const { principal, idempotencyKey } = entry;
  const deadline = now().getTime() + IN_PROGRESS_WAIT_MS;
  for (;;) {
    const id = randomUUID();
    const [inserted] = await db.$queryRaw<{ id: string }[]>`
      INSERT INTO "ApiRequest" (id, "tenantId", "tokenId", "tokenName", operation,
                                "idempotencyKey", "bodyHash", status, response, rows, "createdAt")
      VALUES (${id}::uuid, ${principal.tenantId}::uuid, ${principal.tokenId}::uuid,
              ${principal.name}, ${entry.operation}, ${idempotencyKey}, ${entry.bodyHash},
              ${PENDING}, '{}'::jsonb, ${entry.rows}, ${now()})
      ON CONFLICT ("tokenId", "idempotencyKey") DO NOTHING
      RETURNING id`;
    if (inserted) return { kind: "new", id: inserted.id };
    const holder = await db.apiRequest.findFirst({
      where: { tenantId: principal.tenantId, tokenId: principal.tokenId, idempotencyKey },
      select: { id: true, bodyHash: true, status: true, response: true, createdAt: true },
    });
    // Freed between the insert and the read (its request failed): take it now.
    if (!holder) continue;
    if (holder.bodyHash !== entry.bodyHash) return { kind: "different-body" };
    if (holder.status !== PENDING) {
      const response = holder.response as Record<string, unknown>;
      return { kind: "replay", answer: { id: holder.id, status: holder.status, response } };
    }
    if (holder.createdAt.getTime() < now().getTime() - ABANDONED_AFTER_MS) {
      await freeKey(db, holder.id, { status: 500, response: ABANDONED }, { pendingOnly: true });
      continue;
    }
    if (now().getTime() >= deadline) return { kind: "in-progress" };
    await sleep(IN_PROGRESS_POLL_MS);
  }
}

const ABANDONED = {
  error: {
    code: "INTERNAL_SERVER_ERROR",
    message: "The server stopped before it answered this request.",
  },
};

/**
 * Writes a claimed request's answer and the token's last use. `keepKey`: a retry with the same
 * key gets this answer again; otherwise (the server failed, or the firm's state refused it) the
 * key is freed so the retry runs, and the row stays as the log of this attempt.
 */
export async function finishRequest(
  db: Db,
  principal: TokenPrincipal,
  id: string,
  answer: { status: number; response: Record<string, unknown>; keepKey: boolean },
  at: Date,
): Promise<void> {
  const { status, response, keepKey } = answer;
  await db.$transaction([
    keepKey
      ? db.apiRequest.updateMany({
          where: { id, tenantId: principal.tenantId },
          data: { status, response: response as Prisma.InputJsonObject },
        })
      : freeKeyQuery(db, id, { status, response }, { pendingOnly: false }),
    touchToken(db, principal, at),
  ]);
}

/**
 * Logs a request that did not claim a key: refused before it ran (scope, body, JSON), refused
 * for its key, or answered from an earlier request with the same key (`replayOf`).
 */
export async function logRequest(
  db: Db,
  entry: Omit<RequestEntry, "idempotencyKey">,
  answer: { status: number; response: Record<string, unknown>; replayOf?: string },
  at: Date,
): Promise<void> {
  const { principal } = entry;
  await db.$transaction([
    db.apiRequest.create({
      data: {
        id: randomUUID(),
        tenantId: principal.tenantId,
        tokenId: principal.tokenId,
        tokenName: principal.name,
        operation: entry.operation,
        idempotencyKey: null,
        bodyHash: entry.bodyHash,
        status: answer.status,
        response: answer.response as Prisma.InputJsonObject,
        rows: entry.rows,
        replayOf: answer.replayOf ?? null,
        createdAt: at,
      },
    }),
    touchToken(db, principal, at),
  ]);
}

function touchToken(db: Db, principal: TokenPrincipal, at: Date) {
  return db.apiToken.updateMany({
    where: { id: principal.tokenId, tenantId: principal.tenantId },
    data: { lastUsedAt: at },
  });
}

function freeKeyQuery(
  db: Db,
  id: string,
  answer: { status: number; response: Record<string, unknown> },
  { pendingOnly }: { pendingOnly: boolean },
) {
  return db.apiRequest.updateMany({
    where: { id, ...(pendingOnly ? { status: PENDING } : {}) },
    data: {
      idempotencyKey: null,
      status: answer.status,
      response: answer.response as Prisma.InputJsonObject,
    },
  });
}

async function freeKey(
  db: Db,
  id: string,
  answer: { status: number; response: Record<string, unknown> },
  options: { pendingOnly: boolean },
): Promise<void> {
  await freeKeyQuery(db, id, answer, options);
}
