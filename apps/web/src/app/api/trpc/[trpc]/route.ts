import { handleTrpcRequest } from "@repo/api";
import { getApiDeps } from "~/server/api-deps.ts";

export const dynamic = "force-dynamic";

async function handler(request: Request): Promise<Response> {
  return handleTrpcRequest(await getApiDeps(), request);
}

export { handler as GET, handler as POST };
