import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { TRPCError } from "@trpc/server";
import { createHttpContext } from "../context.ts";
import { tenantDb } from "../data/tenant-db.ts";
import type { ApiDeps } from "../deps.ts";
import { AppError, databaseStateMessage } from "../errors.ts";
import { columnList, IMPORT_KINDS, isImportKind } from "../services/imports/import-kinds.ts";
import { IMPORT_MODES, type ImportMode } from "../services/imports/import-report.ts";
import { importCsv } from "../services/imports/run-import.ts";
import { DEFAULT_MAX_IMPORT_BYTES } from "./limits.ts";
import { REFUSAL_STATUS, type RefusalCode } from "./refusal-status.ts";
import { forgeryRefusal } from "./request-forgery.ts";

/** Where the app serves imports: POST {IMPORT_ENDPOINT}/{kind}?mode=preview|apply. */
export const IMPORT_ENDPOINT = "/api/admin/imports";

/** The file name the page sends along (x-file-name), kept in the audit event. */
export const MAX_FILE_NAME_CHARS = 200;

/** Every refusal of the endpoint: a code the page can branch on, a sentence it can show. */
export type ImportRefusalCode = Exclude<
  RefusalCode,
  "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE_CONTENT"
>;

/** The body went past its limit while it was read. */
class BodyTooLarge extends Error {
  override name = "BodyTooLarge";
}

/**
 * An admin's CSV import over HTTP, for the Next route and the tests alike: the file is the raw
 * request body (text/csv), read as it arrives. The session cookie says who asks, exactly as
 * for the tRPC API (a trader, or a session that must change its password first, is refused);
 * POSTs from another site are refused as the API refuses them (request-forgery.ts). The answer
 * is the ImportReport: 200 for a preview and for an apply that was written, 422 for an apply
 * refused for its invalid rows; anything else is `{ error: { code, message } }`.
 */
export async function handleImportRequest(
  deps: ApiDeps,
  request: Request,
  kind: string,
): Promise<Response> {
  if (request.method !== "POST") {
    return refusal("METHOD_NOT_ALLOWED", "Send the file with POST.", { allow: "POST" });
  }
  if (!isImportKind(kind)) {
    return refusal(
      "NOT_FOUND",
      `There is no import of ${kind.slice(0, 40)}: imports are of ${IMPORT_KINDS.join(", ")}.`,
    );
  }
  const mode = new URL(request.url).searchParams.get("mode");
  if (!IMPORT_MODES.includes(mode as ImportMode)) {
    return refusal("BAD_REQUEST", "Say mode=preview to check the file or mode=apply to import it.");
  }
  const maxBytes = deps.importMaxBytes ?? DEFAULT_MAX_IMPORT_BYTES;
  const tooLarge = `The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB: split it into smaller files.`;
  if (Number(request.headers.get("content-length") ?? 0) > maxBytes) {
    return refusal("PAYLOAD_TOO_LARGE", tooLarge);
  }
  const forged = forgeryRefusal(request, deps.publicOrigin, "text/csv");
  if (forged) return refusal("FORBIDDEN", forged);

  try {
    const { viewer } = await createHttpContext(deps, request, new Headers());
    if (!viewer) return refusal("UNAUTHORIZED", "Sign in as an admin to import files.");
    if (viewer.role !== "ADMIN") return refusal("FORBIDDEN", "Only an admin can import files.");
    if (viewer.mustChangePassword) {
      return refusal("FORBIDDEN", "Choose your own password before you import files.");
    }
    const wait = await deps.requestLimiter?.consume({ userId: viewer.userId }, 1);
    if (wait) {
      return refusal(
        "TOO_MANY_REQUESTS",
        `Too many requests in the last minute: wait ${wait} second${wait === 1 ? "" : "s"} and try again.`,
        { "retry-after": String(wait) },
      );
    }
    if (!request.body) {
      return refusal("BAD_REQUEST", `The file is empty: send the CSV with ${columnList(kind)}.`);
    }
    const report = await importCsv(
      { db: tenantDb(deps.db, viewer.tenantId), cache: deps.cache, clock: deps.clock },
      {
        kind,
        mode: mode as ImportMode,
        actor: { tenantId: viewer.tenantId, userId: viewer.userId },
        fileName: fileNameOf(request),
        input: Readable.fromWeb(limited(request.body, maxBytes) as NodeReadableStream<Uint8Array>),
      },
    );
    const refused = report.mode === "apply" && !report.applied;
    return Response.json(report, { status: refused ? 422 : 200, headers: NO_STORE });
  } catch (error) {
    if (error instanceof BodyTooLarge) return refusal("PAYLOAD_TOO_LARGE", tooLarge);
    if (error instanceof AppError && error.code === "CONFLICT") {
      return refusal("CONFLICT", error.message);
    }
    if (error instanceof TRPCError && error.code === "SERVICE_UNAVAILABLE") {
      return refusal("SERVICE_UNAVAILABLE", error.message);
    }
    const unavailable = databaseStateMessage(error, "mutation");
    if (unavailable) return refusal("SERVICE_UNAVAILABLE", unavailable);
    console.error(
      `risk-dashboard: import ${kind} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
    return refusal(
      "INTERNAL_SERVER_ERROR",
      "The import failed on the server: nothing was imported.",
    );
  }
}

const NO_STORE = { "cache-control": "no-store" };

function refusal(
  code: ImportRefusalCode,
  message: string,
  headers: Record<string, string> = {},
): Response {
  return Response.json(
    { error: { code, message } },
    { status: REFUSAL_STATUS[code], headers: { ...NO_STORE, ...headers } },
  );
}

/** The name the page sent, as it sent it (URI-encoded when it is not ASCII), cut to length. */
function fileNameOf(request: Request): string | undefined {
  const raw = request.headers.get("x-file-name")?.trim();
  if (!raw) return undefined;
  let name = raw;
  try {
    name = decodeURIComponent(raw);
  } catch {
    // Not encoded: kept as sent.
  }
  return name.slice(0, MAX_FILE_NAME_CHARS);
}

/**
 * The body, counted as it is read and cut off past `maxBytes`: a body sent in chunks has no
 * length to check up front, and Next sets no limit on a route's body.
 */
function limited(body: ReadableStream<Uint8Array>, maxBytes: number): ReadableStream<Uint8Array> {
  let size = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        size += chunk.byteLength;
        if (size <= maxBytes) controller.enqueue(chunk);
        else controller.error(new BodyTooLarge());
      },
    }),
  );
}
