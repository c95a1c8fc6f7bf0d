import type { Db, TokenScope } from "@repo/db";
import type { ApiCache } from "../../cache-policy.ts";
import type { Clock } from "../../clock.ts";
import { postPrices } from "../../services/prices/post-prices.ts";
import type { TokenPrincipal } from "../../services/tokens/authenticate-token.ts";
import { importRows } from "./import-operation.ts";

/** What an operation of the token API runs with. */
export interface TokenOperationDeps {
  db: Db;
  cache: ApiCache;
  clock: Clock;
}

/** One endpoint of the token API: POST /api/v1/<name>. */
export interface TokenOperation {
  /** The scope a token needs for it. */
  scope: TokenScope;
  /** The body's one field: the array of rows (`{ "prices": [...] }`). */
  field: string;
  /** One row as the docs and the refusal of a malformed body show it. */
  rowShape: string;
  /**
   * Checks every row and writes them, or throws InvalidRowsError with every row's error and
   * writes nothing. Answers the counts.
   */
  run(
    deps: TokenOperationDeps,
    principal: TokenPrincipal,
    rows: readonly unknown[],
  ): Promise<Record<string, unknown>>;
}

export const TOKEN_OPERATIONS: Record<string, TokenOperation> = {
  closes: {
    scope: "CLOSES",
    field: "closes",
    rowShape: '{ "symbol": "AAPL", "date": "2026-12-04", "close": 189.5 }',
    run: (deps, principal, rows) => importRows("closes", deps, principal, rows),
  },
  prices: {
    scope: "PRICES",
    field: "prices",
    rowShape: '{ "symbol": "AAPL", "price": 189.5, "at": "2026-12-06T14:30:00Z" }',
    run: (deps, principal, rows) => postPrices(deps, principal.tenantId, rows),
  },
  positions: {
    scope: "POSITIONS",
    field: "positions",
    rowShape:
      '{ "traderEmail": "maya@example.com", "symbol": "AAPL", "quantity": 100, "averagePrice": 189.5, "openedAt": "2026-12-04" }',
    run: (deps, principal, rows) => importRows("positions", deps, principal, rows),
  },
};

/** The operations' names, for the answer to an unknown one. */
export const TOKEN_OPERATION_NAMES = () => Object.keys(TOKEN_OPERATIONS).join(", ");
