import { randomUUID } from "node:crypto";
import { sql } from "./session.ts";

/** A firm of a spec's own: nothing of the demo firms is in it, and nothing of it reaches them. */
export interface OwnFirm {
  tenantId: string;
  name: string;
  admin: { email: string; name: string };
  trader: { email: string; name: string };
}

/**
 * Creates an empty firm (no instruments, prices or positions) with an admin and one trader, who
 * sign in with the demo password: their hash is copied from a demo user's, so no hashing here.
 * The trader has an account and a risk profile, as one added on the people screen would.
 */
export async function createFirm(label: string): Promise<OwnFirm> {
  const tenantId = randomUUID();
  const slug = `${label}-${tenantId.slice(0, 8)}`;
  const name = `${label[0]?.toUpperCase()}${label.slice(1)} Test Firm ${tenantId.slice(0, 4)}`;
  const admin = { email: `admin@${slug}.example.com`, name: "Iris Admin", id: randomUUID() };
  const trader = { email: `ada@${slug}.example.com`, name: "Ada Lind", id: randomUUID() };
  await sql(
    `WITH hash AS (SELECT "passwordHash" FROM "User" WHERE email = 'admin@northwind.example.com'),
          firm AS (INSERT INTO "Tenant" (id, slug, name) VALUES ($1, $2, $3) RETURNING id),
          people AS (
            INSERT INTO "User" (id, "tenantId", email, name, role, "passwordHash", "updatedAt")
            SELECT person.id::uuid, firm.id, person.email, person.name, person.role::"Role",
                   hash."passwordHash", now()
            FROM firm, hash,
                 (VALUES ($4, $5, $6, 'ADMIN'), ($7, $8, $9, 'TRADER'))
                   AS person (id, email, name, role)
            RETURNING id, role
          ),
          account AS (
            INSERT INTO "Account" (id, "tenantId", "traderId", cash, "baseCurrency", "updatedAt")
            SELECT gen_random_uuid(), $1, id, 1000000, 'USD', now() FROM people WHERE role = 'TRADER'
          )
     INSERT INTO "RiskProfile"
       (id, "tenantId", "traderId", "riskTolerance", "varConfidence", "lookbackDays",
        "maxDrawdownTolerance", "updatedAt")
     SELECT gen_random_uuid(), $1, id, 'MODERATE', 0.95, 250, 0.15, now()
     FROM people WHERE role = 'TRADER'`,
    [tenantId, slug, name, admin.id, admin.email, admin.name, trader.id, trader.email, trader.name],
  );
  return {
    tenantId,
    name,
    admin: { email: admin.email, name: admin.name },
    trader: { email: trader.email, name: trader.name },
  };
}
