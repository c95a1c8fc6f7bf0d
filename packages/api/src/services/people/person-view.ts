import type { Role } from "@repo/db";
import type { ApiCache } from "../../cache-policy.ts";
import type { TenantDb, TenantTx } from "../../data/tenant-db.ts";
import type { ApiDeps, WriteDeps } from "../../deps.ts";
import { notFound } from "../../errors.ts";
import type { AuditChange } from "../audit/record-audit.ts";
import type { LoginLimiter } from "../auth/login-limiter.ts";
import { tenantSummary } from "../cache/invalidate-book.ts";

/** What a change to a person's account needs: a write's deps, and the sign-in state. */
export type PeopleDeps = WriteDeps & { loginLimiter: LoginLimiter };

export const PERSON_SELECT = {
  id: true,
  tenantId: true,
  name: true,
  email: true,
  role: true,
  active: true,
  mustChangePassword: true,
  createdAt: true,
} as const;

/** A person of the firm as the people screen lists them (`locked`: sign-in paused by failures). */
export interface PersonView {
  id: string;
  name: string;
  email: string;
  role: Role;
  active: boolean;
  mustChangePassword: boolean;
  locked: boolean;
  createdAt: Date;
}

export type PersonRow = Omit<PersonView, "locked"> & { tenantId: string };

/** The person `userId` of the viewer's tenant, or NOT_FOUND — also for another tenant's. */
export async function findPerson(db: TenantDb | TenantTx, userId: string): Promise<PersonRow> {
  const person = await db.user.findFirst({ where: { id: userId }, select: PERSON_SELECT });
  if (!person) throw notFound("The person");
  return person;
}

/** The person with their sign-in state, as the API answers. */
export async function personView(
  deps: Pick<PeopleDeps, "loginLimiter" | "clock">,
  { tenantId: _, ...person }: PersonRow,
): Promise<PersonView> {
  const state = await deps.loginLimiter.state(person.email, deps.clock());
  return { ...person, locked: state.locked || state.pausedEverywhere };
}

/** Which password a person signs in with, in the audit's words. */
export const passwordKind = (mustChangePassword: boolean) =>
  mustChangePassword ? "temporary" : "own";

/**
 * The audit row of a change to a person's account: `traderId` is the person when a trader (so
 * it shows in their history), none for an admin; the name and role name the row in the log.
 */
export function personAudit(
  actorId: string,
  person: PersonRow,
  before: Record<string, string | boolean>,
  after: Record<string, string | boolean>,
): AuditChange {
  const named = { name: person.name, role: person.role };
  return {
    actorId,
    subject: { tenantId: person.tenantId, userId: person.role === "TRADER" ? person.id : null },
    entity: "USER",
    entityId: person.id,
    action: "UPDATE",
    before: { ...named, ...before },
    after: { ...named, ...after },
  };
}

/**
 * After a change to a person's account has committed: every instance forgets their sessions
 * and cached values before this returns (the invalidation logout uses; live-sessions.ts).
 */
export async function forgetPerson(cache: ApiCache, person: PersonRow): Promise<void> {
  await cache.invalidateUser({ tenantId: person.tenantId, userId: person.id });
}

/** After a trader was added, deactivated or reactivated: the admins' summary is made again. */
export async function dropTradersSummary(cache: ApiCache, tenantId: string): Promise<void> {
  await cache.invalidate("traders", tenantSummary(tenantId));
}

/** The dependencies of a people procedure, from its context: the viewer acts. */
export function peopleDeps(ctx: { writeDeps: WriteDeps; deps: ApiDeps }): PeopleDeps {
  return { ...ctx.writeDeps, loginLimiter: ctx.deps.loginLimiter };
}
