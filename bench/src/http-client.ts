/** Just enough of tRPC's wire format (superjson transformer) for the benchmarks. */

export const DEMO_PASSWORD = "risk-demo-2026";

/**
 * How long any request of a benchmark may take, body included, unless its caller gives its own
 * signal: the browser's poll gives up after 10 s too, and a run must not wait on a server that
 * stopped answering (fetch's own limits are 300 s for the headers, and 300 s between two chunks
 * of the body).
 */
export const REQUEST_TIMEOUT_MS = 10_000;

export function queryPath(procedure: string, input: unknown = {}): string {
  return `/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
}

/** Signs in through auth.login and returns the Cookie header value. */
export async function signIn(baseUrl: string, email: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/trpc/auth.login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ json: { email, password: DEMO_PASSWORD } }),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`sign-in of ${email} failed: ${response.status}`);
  const cookie = response.headers.getSetCookie()[0]?.split(";")[0];
  if (!cookie) throw new Error("no session cookie");
  return cookie;
}

export async function callJson<T>(
  baseUrl: string,
  path: string,
  cookie: string,
  init: RequestInit = {},
): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, {
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    ...init,
    headers: { cookie, "content-type": "application/json", ...(init.headers ?? {}) },
  });
  const body = (await response.json()) as { result?: { data: { json: T } }; error?: unknown };
  if (!response.ok || !body.result)
    throw new Error(`${path}: ${response.status} ${JSON.stringify(body.error)}`);
  return body.result.data.json;
}

/**
 * The operator token every server a benchmark starts is given (app-instance.ts): /api/metrics
 * answers only to it. A run's servers listen on loopback and live as long as the run.
 */
export const BENCH_OPERATOR_TOKEN = "bench-operator-token-for-loopback-runs-only";

/**
 * The sum of a Prometheus counter's samples whose labels include `labels` (every sample when none
 * are given), from /api/metrics.
 */
export async function counter(
  baseUrl: string,
  name: string,
  labels = "",
  timeoutMs = REQUEST_TIMEOUT_MS,
): Promise<number> {
  const response = await fetch(`${baseUrl}/api/metrics`, {
    headers: { authorization: `Bearer ${BENCH_OPERATOR_TOKEN}` },
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok) throw new Error(`/api/metrics answered ${response.status}`);
  const text = await response.text();
  let sum = 0;
  for (const line of text.split("\n")) {
    const labelled = line.startsWith(`${name}{`) && line.includes(labels);
    const plain = labels === "" && line.startsWith(`${name} `);
    if (labelled || plain) sum += Number(line.split(" ").at(-1));
  }
  return sum;
}
