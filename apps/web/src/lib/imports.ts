import type { ImportKind, ImportMode, ImportReport } from "@repo/api";

/** What a send came back with: a report (an apply refused for invalid rows is one too), or why not. */
export type ImportOutcome =
  | { ok: true; report: ImportReport }
  | { ok: false; status: number; message: string; report?: ImportReport };

/** The import screen's own path: where a sign-in leads back to. */
export const IMPORTS_PATH = "/admin/imports";

/**
 * The sentence for a refusal, by status: the ones a person can act on said in our words, the
 * others in the server's (already a sentence), never a proxy's page or a library's wording.
 */
export function refusalMessage(
  status: number,
  serverMessage: string | undefined,
  maxBytes: number,
): string {
  if (status === 401) return "Your session has ended. Sign in again, then choose the file again.";
  if (status === 403) return serverMessage ?? "Only an admin of the firm can import data.";
  if (status === 413) {
    return `The file is larger than ${Math.round(maxBytes / (1024 * 1024))} MB. Split it into smaller files and import them one after another.`;
  }
  if (status === 429) return "Too many requests just now. Wait a minute, then try again.";
  if (status >= 500 || status === 0 || !serverMessage) {
    return status >= 500
      ? "Something went wrong on our side. Try again in a moment."
      : "The server could not be reached. Check your connection and try again.";
  }
  return serverMessage;
}

function isReport(body: unknown): body is ImportReport {
  return typeof body === "object" && body !== null && "rowsRead" in body && "errors" in body;
}

function serverMessageOf(body: unknown): string | undefined {
  if (typeof body !== "object" || body === null || !("error" in body)) return undefined;
  const error = (body as { error?: { message?: unknown } }).error;
  return typeof error?.message === "string" ? error.message : undefined;
}

/**
 * Sends a CSV file's text to the import endpoint as a preview or an import. The file name travels
 * percent-encoded: a header holds only Latin-1, and a name may be in any script.
 */
export async function sendImport(
  kind: ImportKind,
  mode: ImportMode,
  file: { name: string; text: string },
  /** The server's import endpoint (IMPORT_ENDPOINT of @repo/api): a path, or a test's URL. */
  endpoint: string,
  maxBytes: number,
): Promise<ImportOutcome> {
  let response: Response;
  try {
    response = await fetch(`${endpoint}/${kind}?mode=${mode}`, {
      method: "POST",
      headers: { "content-type": "text/csv", "x-file-name": encodeURIComponent(file.name) },
      body: file.text,
      credentials: "same-origin",
    });
  } catch {
    return { ok: false, status: 0, message: refusalMessage(0, undefined, maxBytes) };
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (response.ok && isReport(body)) return { ok: true, report: body };
  if (response.status === 422 && isReport(body)) {
    return {
      ok: false,
      status: 422,
      message: "Nothing was imported: the file has invalid rows. Fix them and preview again.",
      report: body,
    };
  }
  const status = response.ok ? 500 : response.status;
  return { ok: false, status, message: refusalMessage(status, serverMessageOf(body), maxBytes) };
}
