import type { TenantDb, TenantTx } from "../../data/tenant-db.ts";
import { notFound } from "../../errors.ts";
import type { Subject } from "../auth/resolve-subject.ts";

const PROFILE_SELECT = {
  id: true,
  riskTolerance: true,
  varConfidence: true,
  lookbackDays: true,
  maxDrawdownTolerance: true,
  version: true,
  updatedAt: true,
} as const;

/** A risk profile with plain numbers: what the API returns, the cache holds and audits record. */
export interface ProfileView {
  id: string;
  riskTolerance: "CONSERVATIVE" | "MODERATE" | "AGGRESSIVE";
  varConfidence: number;
  lookbackDays: number;
  maxDrawdownTolerance: number;
  version: number;
  updatedAt: Date;
}

export async function readProfile(db: TenantDb | TenantTx, subject: Subject): Promise<ProfileView> {
  const row = await db.riskProfile.findUnique({
    where: { tenantId_traderId: { tenantId: subject.tenantId, traderId: subject.userId } },
    select: PROFILE_SELECT,
  });
  if (!row) throw notFound("The risk profile");
  return {
    ...row,
    varConfidence: row.varConfidence.toNumber(),
    maxDrawdownTolerance: row.maxDrawdownTolerance.toNumber(),
  };
}

/** The audited fields of a profile (no ids or timestamps). */
export function auditedProfile({
  riskTolerance,
  varConfidence,
  lookbackDays,
  maxDrawdownTolerance,
  version,
}: ProfileView) {
  return { riskTolerance, varConfidence, lookbackDays, maxDrawdownTolerance, version };
}
