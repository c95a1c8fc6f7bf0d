import { createHash } from "node:crypto";
import type { ApiDeps } from "../../deps.ts";
import { AppError, databaseStateMessage, InvalidRowsError } from "../../errors.ts";
import {
  authenticateToken,
  type TokenPrincipal,
} from "../../services/tokens/authenticate-token.ts";
import {
  IDEMPOTENCY_KEY_MAX_LENGTH,
  TOKEN_API_MAX_BODY_BYTES,
  TOKEN_API_MAX_ROWS,
} from "../limits.ts";
import { TOKEN_OPERATION_NAMES, TOKEN_OPERATIONS, type TokenOperation } from "./operations.ts";
import { readBodyWithin } from "./read-body.ts";
import {
  claimRequest,
  finishRequest,
  logRequest,
  pruneNowAndThen,
  type RequestEntry,
} from "./request-log.ts";
import { refusal, type TokenApiAnswer, toResponse } from "./token-answers.ts";

/** Where the token API is served; `<operation>` follows. */
export const TOKEN_API_PATH = "/api/v1";

/** Printable ASCII without spaces, as long as the log's column allows. */
const IDEMPOTENCY_KEY_SHAPE = new RegExp(`^[\\x21-\\x7e]{1,${IDEMPOTENCY_KEY_MAX_LENGTH}}$`);

/** Set on an answer repeated from an earlier request with the same Idempotency-Key. */
export const REPLAYED_HEADER = "idempotent-replayed";

const NO_TOKEN = refusal(
  "UNAUTHORIZED",
  "Send a live API token as Authorization: Bearer rdt_…; an admin makes one on the API tokens page.",
  { headers: { "www-authenticate": 'Bearer realm="risk-dashboard"' } },
);

const TOO_LARGE = refusal(
  "PAYLOAD_TOO_LARGE",
  `The request is larger than ${TOKEN_API_MAX_BODY_BYTES / 1024 / 1024} MB: send at most ${TOKEN_API_MAX_ROWS.toLocaleString("en")} rows at a time.`,
);

/**
 * One request of the token API (POST /api/v1/<operation>, Authorization: Bearer rdt_…), for the
 * Next route and the tests alike. In order: the token (401), its rate (429, not logged: logging
 * it would cost what the limit bounds), its scope (403), the body (415, 413, 400), then the
 * Idempotency-Key (a repeat answers the first request's answer and writes nothing; another body
 * under the same key is 422), then the operation (422 with each invalid row). Every request
 * that names a live token is logged under the token's name.
 */
export async function handleTokenApiRequest(
  deps: ApiDeps,
  request: Request,
  operationName: string,
): Promise<Response> {
  const operation = Object.hasOwn(TOKEN_OPERATIONS, operationName)
    ? TOKEN_OPERATIONS[operationName]
    : undefined;
  if (!operation) {
    return toResponse(
      refusal(
        "NOT_FOUND",
        `There is no such operation: post to one of ${TOKEN_OPERATION_NAMES()}.`,
      ),
    );
  }
  if (request.method !== "POST") {
    return toResponse(
      refusal("METHOD_NOT_ALLOWED", "Send the rows with POST.", { headers: { allow: "POST" } }),
    );
  }
  try {
    const principal = await authenticate(deps, request);
    if (!principal) return toResponse(NO_TOKEN);
    const wait = (await deps.tokenLimiter?.consume(principal.tokenId)) ?? 0;
    if (wait > 0) {
      return toResponse(
        refusal(
          "TOO_MANY_REQUESTS",
          `This token made too many requests in the last minute: wait ${wait} second${wait === 1 ? "" : "s"} and try again.`,
          { headers: { "retry-after": String(wait) } },
        ),
      );
    }
    const answered = await answer(deps, request, operationName, operation, principal);
    // Once the answer is written; a failed prune is tried again an hour later.
    await pruneNowAndThen(deps.db, principal.tenantId, deps.clock()).catch(() => {});
    return toResponse(answered);
  } catch (error) {
    // The token or the log could not be read or written: the database is away, or a bug.
    return toResponse(serverFailure(operationName, error));
  }
}

function serverFailure(operationName: string, error: unknown): TokenApiAnswer {
  const unavailable = databaseStateMessage(error, "mutation");
  if (unavailable) return refusal("SERVICE_UNAVAILABLE", unavailable);
  const cause = error instanceof Error ? error.message.split("\n").at(-1)?.trim() : String(error);
  console.error(`risk-dashboard: token API ${operationName} failed: ${cause}`);
  return refusal(
    "INTERNAL_SERVER_ERROR",
    "Something went wrong on our side. Try again in a moment.",
  );
}

async function authenticate(deps: ApiDeps, request: Request): Promise<TokenPrincipal | null> {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer +(\S+)$/i.exec(header.trim());
  return match?.[1] ? authenticateToken(deps.db, match[1]) : null;
}

async function answer(
  deps: ApiDeps,
  request: Request,
  operationName: string,
  operation: TokenOperation,
  principal: TokenPrincipal,
): Promise<TokenApiAnswer> {
  const entry: RequestEntry = {
    principal,
    operation: operationName,
    idempotencyKey: null,
    bodyHash: "",
    rows: 0,
  };
  // A refusal before the work runs is logged as it is, with no key.
  const refuse = async (refused: TokenApiAnswer) => {
    await logRequest(
      deps.db,
      entry,
      { status: refused.status, response: refused.body },
      deps.clock(),
    );
    return refused;
  };

  if (!principal.scopes.includes(operation.scope)) {
    return refuse(
      refusal(
        "FORBIDDEN",
        `This token may not post ${operationName}: an admin can make a token with the ${operation.scope} scope.`,
      ),
    );
  }
  const key = request.headers.get("idempotency-key");
  if (key !== null && !IDEMPOTENCY_KEY_SHAPE.test(key)) {
    return refuse(
      refusal(
        "BAD_REQUEST",
        `An Idempotency-Key is 1 to ${IDEMPOTENCY_KEY_MAX_LENGTH} printable characters without spaces, such as a UUID.`,
      ),
    );
  }
  if (!(request.headers.get("content-type") ?? "").toLowerCase().startsWith("application/json")) {
    return refuse(
      refusal(
        "UNSUPPORTED_MEDIA_TYPE",
        "Send the body as JSON with Content-Type: application/json.",
      ),
    );
  }
  const text = await readBodyWithin(request, TOKEN_API_MAX_BODY_BYTES);
  if (text === null) return refuse(TOO_LARGE);
  const shape = `Send {"${operation.field}": [${operation.rowShape}, …]}.`;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return refuse(refusal("BAD_REQUEST", `The body is not valid JSON. ${shape}`));
  }
  const rows = (body as Record<string, unknown> | null)?.[operation.field];
  if (
    typeof body !== "object" ||
    body === null ||
    Array.isArray(body) ||
    !Array.isArray(rows) ||
    Object.keys(body).length !== 1
  ) {
    return refuse(refusal("BAD_REQUEST", `The body is not in the expected shape. ${shape}`));
  }
  entry.rows = rows.length;
  // Whitespace and formatting aside, the same JSON is the same body.
  entry.bodyHash = createHash("sha256").update(JSON.stringify(body)).digest("hex");
  if (rows.length === 0) {
    return refuse(refusal("BAD_REQUEST", `The "${operation.field}" array is empty. ${shape}`));
  }
  if (rows.length > TOKEN_API_MAX_ROWS) return refuse(TOO_LARGE);

  const claim = await claimRequest(deps.db, { ...entry, idempotencyKey: key }, deps.clock);
  if (claim.kind === "different-body") {
    return refuse(
      refusal(
        "UNPROCESSABLE_CONTENT",
        "This Idempotency-Key was used with a different body: send a new key for a new request, or the same body to get the first answer again.",
      ),
    );
  }
  if (claim.kind === "in-progress") {
    return refuse(
      refusal(
        "CONFLICT",
        "A request with this Idempotency-Key is still running: try again in a moment to get its answer.",
        { headers: { "retry-after": "1" } },
      ),
    );
  }
  if (claim.kind === "replay") {
    const { id, status, response } = claim.answer;
    await logRequest(deps.db, entry, { status, response, replayOf: id }, deps.clock());
    return { status, body: response, headers: { [REPLAYED_HEADER]: "true" } };
  }

  const { answer: outcome, keepKey } = await run(deps, operation, principal, rows);
  await finishRequest(
    deps.db,
    principal,
    claim.id,
    { status: outcome.status, response: outcome.body, keepKey },
    deps.clock(),
  );
  return outcome;
}

/**
 * Runs the operation. `keepKey`: whether a retry with the same key should get this answer
 * again. It should for what the request alone decided (written, or rows refused); it should
 * not when the firm's state (its price source) or the server refused it: the retry runs anew.
 */
async function run(
  deps: ApiDeps,
  operation: TokenOperation,
  principal: TokenPrincipal,
  rows: readonly unknown[],
): Promise<{ answer: TokenApiAnswer; keepKey: boolean }> {
  try {
    const counts = await operation.run(deps, principal, rows);
    return { answer: { status: 200, body: counts }, keepKey: true };
  } catch (error) {
    if (error instanceof InvalidRowsError) {
      const answer = refusal("UNPROCESSABLE_CONTENT", error.message, { rows: error.rows });
      return { answer, keepKey: true };
    }
    if (error instanceof AppError) {
      const code = error.code === "BAD_REQUEST" ? "UNPROCESSABLE_CONTENT" : error.code;
      const mapped = code === "PRECONDITION_FAILED" ? "CONFLICT" : code;
      return {
        answer: refusal(mapped, error.message),
        keepKey: mapped === "UNPROCESSABLE_CONTENT",
      };
    }
    return { answer: serverFailure(operation.field, error), keepKey: false };
  }
}
