import { handleImportRequest } from "@repo/api";
import { getApiDeps } from "~/server/api-deps.ts";

export const dynamic = "force-dynamic";

/** An admin's CSV import (packages/api/src/http/import-handler.ts): the body is the file. */
export async function POST(
  request: Request,
  { params }: { params: Promise<{ kind: string }> },
): Promise<Response> {
  return handleImportRequest(await getApiDeps(), request, (await params).kind);
}
