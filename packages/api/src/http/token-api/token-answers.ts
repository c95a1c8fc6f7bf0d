import type { RowError } from "../../errors.ts";
import { REFUSAL_STATUS, type RefusalCode } from "../refusal-status.ts";

/** The body of every refusal of the token API. */
export interface TokenApiErrorBody {
  error: { code: string; message: string; rows?: RowError[] };
}

/** An answer of the token API: its status, its JSON body and any headers of its own. */
export interface TokenApiAnswer {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

export function refusal(
  code: RefusalCode,
  message: string,
  extra: { rows?: RowError[]; headers?: Record<string, string> } = {},
): TokenApiAnswer {
  const error: TokenApiErrorBody["error"] = { code, message };
  if (extra.rows) error.rows = extra.rows;
  return { status: REFUSAL_STATUS[code], body: { error }, headers: extra.headers };
}

export function toResponse(answer: TokenApiAnswer): Response {
  return Response.json(answer.body, {
    status: answer.status,
    headers: { "cache-control": "no-store", ...answer.headers },
  });
}
