import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { Db, Role } from "@repo/db";
import type { TenantTx } from "../../data/tenant-db.ts";

/**
 * Who is signed in, as every procedure sees it. Never in the shared cache (it holds no
 * personal data: docs/architecture.md, "The tenant model"); live-sessions.ts keeps recent ones in process memory only.
 */
export interface Viewer {
  sessionId: string;
  userId: string;
  tenantId: string;
  role: Role;
  name: string;
  email: string;
  tenant: { name: string; slug: string };
  /**
   * Signed in with a temporary password an admin gave: until they choose their own, the
   * session may only change the password, say who it is and sign out (trpc.ts).
   */
  mustChangePassword: boolean;
}

/** A live session: who it belongs to and until when. */
export interface SessionRecord {
  viewer: Viewer;
  expiresAt: Date;
}

/** Only the hash is stored: a copy of the sessions table cannot be replayed as cookies. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export async function createSession(
  db: Db,
  user: { id: string; tenantId: string },
  now: Date,
  ttlMs: number,
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + ttlMs);
  await db.session.create({
    data: {
      id: randomUUID(),
      tenantId: user.tenantId,
      userId: user.id,
      tokenHash: hashToken(token),
      expiresAt,
    },
  });
  return { token, expiresAt };
}

/** The user's columns a viewer is made of, for every query that signs someone in. */
export const VIEWER_USER_SELECT = {
  id: true,
  tenantId: true,
  role: true,
  name: true,
  email: true,
  active: true,
  mustChangePassword: true,
  tenant: { select: { name: true, slug: true } },
} as const;

/** A user row as VIEWER_USER_SELECT reads it: the viewer's fields, under the row's own id. */
type ViewerUser = Omit<Viewer, "sessionId" | "userId"> & { id: string };

/** The viewer a user row (read with VIEWER_USER_SELECT) stands for, without its session. */
export function viewerOf(user: ViewerUser): Omit<Viewer, "sessionId"> {
  const { id: userId, tenantId, role, name, email, tenant, mustChangePassword } = user;
  return { userId, tenantId, role, name, email, tenant, mustChangePassword };
}

/** The viewer of a live session: not expired, not revoked, its user still active. */
export async function findViewer(db: Db, token: string, now: Date): Promise<Viewer | null> {
  return (await findSession(db, token, now))?.viewer ?? null;
}

/** The live session `token` names, from PostgreSQL; null when there is none. */
export async function findSession(db: Db, token: string, now: Date): Promise<SessionRecord | null> {
  if (token.length < 20 || token.length > 100) return null;
  const session = await db.session.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      expiresAt: true,
      revokedAt: true,
      user: { select: VIEWER_USER_SELECT },
    },
  });
  if (!session || session.revokedAt || session.expiresAt <= now || !session.user.active)
    return null;
  return {
    viewer: { sessionId: session.id, ...viewerOf(session.user) },
    expiresAt: session.expiresAt,
  };
}

export async function revokeSession(db: Db, sessionId: string, now: Date): Promise<void> {
  await db.session.updateMany({
    where: { id: sessionId, revokedAt: null },
    data: { revokedAt: now },
  });
}

/**
 * Ends every live session of the user but `keep` (the one changing its own password), in the
 * caller's transaction. The caller then invalidates the user's cache, which makes every
 * instance forget the sessions it remembers (live-sessions.ts), as logout does.
 */
export async function revokeSessionsOf(
  tx: TenantTx,
  userId: string,
  now: Date,
  keep?: string,
): Promise<void> {
  await tx.session.updateMany({
    where: { userId, revokedAt: null, ...(keep ? { id: { not: keep } } : {}) },
    data: { revokedAt: now },
  });
}
