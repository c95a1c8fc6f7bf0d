export const dynamic = "force-dynamic";

/**
 * Liveness: 200 whenever this process serves requests, whatever PostgreSQL and Redis do. The
 * load balancer checks replicas here (docker/Caddyfile): /api/health answers 503 while the
 * shared database is down, which would take every replica out at once although each still
 * serves what it has cached.
 */
export function GET(): Response {
  return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}
