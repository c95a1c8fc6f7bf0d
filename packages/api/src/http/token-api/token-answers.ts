import type { RowError } from "../../errors.ts";

/** The body of every refusal of the token API. */
export interface TokenApiErrorBody {
  error: { code: string; message: string; rows?: RowError[] };
}

/** The HTTP status and a code a client can branch on, for each kind of refusal. */
export const TOKEN_API_REFUSALS = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNPROCESSABLE_CONTENT: 422,
  TOO_MANY_REQUESTS: 429,
  INTERNAL_SERVER_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
} as const;
export type TokenApiRefusal = keyof typeof TOKEN_API_REFUSALS;

/** An answer of the token API: its status, its JSON body and any headers of its own. */
export interface TokenApiAnswer {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

export function refusal(
  code: TokenApiRefusal,
  message: string,
  extra: { rows?: RowError[]; headers?: Record<string, string> } = {},
): TokenApiAnswer {
  const error: TokenApiErrorBody["error"] = { code, message };
  if (extra.rows) error.rows = extra.rows;
  return { status: TOKEN_API_REFUSALS[code], body: { error }, headers: extra.headers };
}

export function toResponse(answer: TokenApiAnswer): Response {
  return Response.json(answer.body, {
    status: answer.status,
    headers: { "cache-control": "no-store", ...answer.headers },
  });
}
