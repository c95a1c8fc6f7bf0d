import pg from "pg";

export interface BenchTrader {
  email: string;
  userId: string;
  tenantId: string;
}

export interface BenchAdmin {
  email: string;
  tenantId: string;
}

/**
 * Adds `copies` traders per demo trader to a bench database, in the demo trader's tenant: the
 * demo seeds only 10 traders, and a realistic run needs more books than that. Each copy gets the
 * demo trader's account, open positions, profile and limits under a new user id, and the demo
 * password hash copied, so it signs in with the demo password. Plain SQL in one transaction:
 * the seed's id scheme (uuid v5 of the email) is not needed here, and nothing else reads these
 * rows after the run drops the database.
 */
export async function addTraderCopies(
  databaseUrl: string,
  copies: number,
): Promise<{ traders: BenchTrader[]; admins: BenchAdmin[]; symbols: Map<string, string[]> }> {
  if (!Number.isInteger(copies) || copies < 1) throw new Error(`bad copies ${copies}`);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query(`
      CREATE TEMP TABLE copy_map ON COMMIT DROP AS
        SELECT u.id AS old_id, gen_random_uuid() AS new_id, k
        FROM "User" u CROSS JOIN generate_series(1, ${copies}) AS k
        WHERE u.role = 'TRADER'`);
    await client.query(`
      INSERT INTO "User" (id, "tenantId", email, name, role, "passwordHash", active, "updatedAt")
        SELECT m.new_id, u."tenantId", 'copy' || m.k || '.' || u.email, u.name || ' #' || m.k,
               u.role, u."passwordHash", true, now()
        FROM copy_map m JOIN "User" u ON u.id = m.old_id`);
    await client.query(`
      INSERT INTO "Account" (id, "tenantId", "traderId", cash, "baseCurrency", "updatedAt")
        SELECT gen_random_uuid(), a."tenantId", m.new_id, a.cash, a."baseCurrency", now()
        FROM copy_map m JOIN "Account" a ON a."traderId" = m.old_id`);
    await client.query(`
      INSERT INTO "Position" (id, "tenantId", "traderId", "instrumentId", quantity, "averagePrice", "openedAt")
        SELECT gen_random_uuid(), p."tenantId", m.new_id, p."instrumentId", p.quantity, p."averagePrice", p."openedAt"
        FROM copy_map m JOIN "Position" p ON p."traderId" = m.old_id AND p."closedAt" IS NULL`);
    await client.query(`
      INSERT INTO "RiskProfile" (id, "tenantId", "traderId", "riskTolerance", "varConfidence",
                                 "lookbackDays", "maxDrawdownTolerance", version, "updatedAt")
        SELECT gen_random_uuid(), r."tenantId", m.new_id, r."riskTolerance", r."varConfidence",
               r."lookbackDays", r."maxDrawdownTolerance", 1, now()
        FROM copy_map m JOIN "RiskProfile" r ON r."traderId" = m.old_id`);
    await client.query(`
      INSERT INTO "RiskLimit" (id, "tenantId", "traderId", type, threshold, "warnFraction",
                               severity, symbol, active, version, "updatedAt")
        SELECT gen_random_uuid(), l."tenantId", m.new_id, l.type, l.threshold, l."warnFraction",
               l.severity, l.symbol, l.active, 1, now()
        FROM copy_map m JOIN "RiskLimit" l ON l."traderId" = m.old_id`);
    await client.query("COMMIT");

    const traders = await client.query<BenchTrader>(
      `SELECT email, id AS "userId", "tenantId" FROM "User"
       WHERE role = 'TRADER' AND email LIKE 'copy%' ORDER BY email`,
    );
    const admins = await client.query<BenchAdmin>(
      `SELECT email, "tenantId" FROM "User" WHERE role = 'ADMIN' ORDER BY email`,
    );
    const instruments = await client.query<{ tenantId: string; symbol: string }>(
      `SELECT "tenantId", symbol FROM "Instrument" ORDER BY symbol`,
    );
    const symbols = new Map<string, string[]>();
    for (const { tenantId, symbol } of instruments.rows) {
      symbols.set(tenantId, [...(symbols.get(tenantId) ?? []), symbol]);
    }
    return { traders: traders.rows, admins: admins.rows, symbols };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
