import { randomUUID } from "node:crypto";
import { Prisma } from "@repo/db";
import { AppError } from "../../errors.ts";
import { mapBounded } from "../admin/map-bounded.ts";
import { invalidateBook } from "../cache/invalidate-book.ts";
import { hasPrice, loadInstruments, loadTraders } from "./firm-lookups.ts";
import type { ImportError } from "./import-report.ts";
import type { ImportTarget, Planned, TargetContext } from "./import-target.ts";
import type { ImportRow } from "./row-schemas.ts";

interface PositionValues {
  traderId: string;
  email: string;
  instrumentId: string;
  symbol: string;
  quantity: Prisma.Decimal;
  averagePrice: string;
  openedAt: Date;
}

interface OpenPosition {
  id: string;
  traderId: string;
  instrumentId: string;
  quantity: string;
  averagePrice: string;
  openedAt: Date;
}

/** Instruments of a firm fit in 21 bits (two million): a key per (trader, instrument). */
const INSTRUMENT_BITS = 2 ** 21;
const INVALIDATIONS_AT_ONCE = 8;

/**
 * Positions: each row sets a trader's open position in a symbol to its quantity, average price
 * and opening time — opened when there is none, changed when it differs, closed by a quantity
 * of 0. Positions the file does not name are left as they are; cash is not touched. Every
 * change bumps the trader's book version (the Position trigger) in the transaction; the books
 * are dropped from the cache after the commit, so their dashboards show them at the next poll.
 */
export async function openPositionsTarget(
  context: TargetContext,
): Promise<ImportTarget<ImportRow<"positions">, PositionValues>> {
  const { tx, tenantId, now } = context;
  const [instruments, traders] = await Promise.all([loadInstruments(tx), loadTraders(tx)]);
  const touched = new Set<string>();

  return {
    duplicateBy: "same trader and symbol",
    resolve(row) {
      const trader = traders.get(row["trader email"]);
      const instrument = instruments.get(row.symbol);
      const errors = [];
      if (!trader) {
        errors.push({
          column: "trader email",
          message: `There is no trader ${row["trader email"]} in this firm.`,
        });
      }
      if (!instrument) {
        errors.push({
          column: "symbol",
          message: `There is no instrument ${row.symbol} in this firm: import it with the instruments file first.`,
        });
      } else if (!hasPrice(instrument)) {
        errors.push({
          column: "symbol",
          message: `${row.symbol} has no price yet: import its closes first.`,
        });
      }
      if (!trader || !instrument || errors.length > 0) return { errors };
      return {
        key: trader.index * INSTRUMENT_BITS + instrument.index,
        value: {
          traderId: trader.id,
          email: row["trader email"],
          instrumentId: instrument.id,
          symbol: row.symbol,
          quantity: new Prisma.Decimal(row.quantity),
          averagePrice: row["average price"],
          openedAt: row["opened at"],
        },
      };
    },

    async flush(batch, write) {
      const open = await tx.$queryRaw<OpenPosition[]>`
        SELECT p."id", p."traderId", p."instrumentId", p."quantity"::text AS quantity,
               p."averagePrice"::text AS "averagePrice", p."openedAt"
        FROM "Position" p
        JOIN unnest(${batch.map((b) => b.value.traderId)}::uuid[],
                    ${batch.map((b) => b.value.instrumentId)}::uuid[]) AS v(trader, instrument)
          ON p."traderId" = v.trader AND p."instrumentId" = v.instrument
        WHERE p."tenantId" = ${tenantId}::uuid AND p."closedAt" IS NULL`;
      const byPair = new Map<string, OpenPosition[]>();
      for (const position of open) {
        const pair = `${position.traderId}/${position.instrumentId}`;
        byPair.set(pair, [...(byPair.get(pair) ?? []), position]);
      }
      const errors: ImportError[] = [];
      const creates: Planned<PositionValues>[] = [];
      const changes: { id: string; value: PositionValues }[] = [];
      const closes: { id: string; value: PositionValues }[] = [];
      let unchanged = 0;
      for (const planned of batch) {
        const { value, line } = planned;
        const held = byPair.get(`${value.traderId}/${value.instrumentId}`) ?? [];
        const [position] = held;
        if (held.length > 1) {
          errors.push({
            line,
            column: null,
            message: `${value.email} has ${held.length} open positions in ${value.symbol}: close all but one in the app before importing.`,
          });
        } else if (value.quantity.isZero()) {
          if (position) closes.push({ id: position.id, value });
          else unchanged += 1;
        } else if (!position) {
          creates.push(planned);
        } else if (
          !value.quantity.equals(position.quantity) ||
          !new Prisma.Decimal(value.averagePrice).equals(position.averagePrice) ||
          value.openedAt.getTime() !== position.openedAt.getTime()
        ) {
          changes.push({ id: position.id, value });
        } else {
          unchanged += 1;
        }
      }
      if (write && errors.length === 0) await writeBatch(creates, changes, closes);
      return {
        created: creates.length,
        changed: changes.length + closes.length,
        unchanged,
        errors,
      };
    },

    async finish() {
      return undefined;
    },

    async invalidate(cache) {
      await mapBounded([...touched], INVALIDATIONS_AT_ONCE, (userId) =>
        invalidateBook(cache, { tenantId, userId }, ["book"]),
      );
    },
  };

  async function writeBatch(
    creates: Planned<PositionValues>[],
    changes: { id: string; value: PositionValues }[],
    closes: { id: string; value: PositionValues }[],
  ) {
    if (creates.length > 0) {
      await tx.position.createMany({
        data: creates.map(({ value }) => ({
          id: randomUUID(),
          tenantId,
          traderId: value.traderId,
          instrumentId: value.instrumentId,
          quantity: value.quantity,
          averagePrice: value.averagePrice,
          openedAt: value.openedAt,
        })),
      });
    }
    let updated = 0;
    if (changes.length > 0) {
      updated += await tx.$executeRaw`
        UPDATE "Position" AS p
        SET "quantity" = v.quantity, "averagePrice" = v.price, "openedAt" = v.opened
        FROM unnest(${changes.map((c) => c.id)}::uuid[],
                    ${changes.map((c) => c.value.quantity.toString())}::numeric[],
                    ${changes.map((c) => c.value.averagePrice)}::numeric[],
                    ${changes.map((c) => c.value.openedAt)}::timestamp[])
          AS v(id, quantity, price, opened)
        WHERE p."id" = v.id AND p."tenantId" = ${tenantId}::uuid AND p."closedAt" IS NULL`;
    }
    if (closes.length > 0) {
      updated += await tx.$executeRaw`
        UPDATE "Position" SET "closedAt" = ${now}
        WHERE "id" = ANY(${closes.map((c) => c.id)}::uuid[]) AND "tenantId" = ${tenantId}::uuid
          AND "closedAt" IS NULL`;
    }
    // A trader closed one of these positions in the app since it was read: the counts would
    // be wrong, so the whole import is undone and the admin asked to run it again.
    if (updated !== changes.length + closes.length) {
      throw new AppError(
        "CONFLICT",
        "Some positions changed while the file was being imported, so nothing was imported: import it again.",
      );
    }
    for (const { value } of [...creates, ...changes, ...closes]) touched.add(value.traderId);
  }
}
