import type { TRPCClient } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppRouter } from "../root.ts";
import type { ImportReport } from "../services/imports/import-report.ts";
import { type ApiFixture, createApiFixture } from "../testing/api-fixture.ts";
import { httpClient, signInOverHttp } from "../testing/http-client.ts";
import {
  startTestHttpServer,
  startTwoInstances,
  type TestHttpServer,
} from "../testing/http-server.ts";
import { IMPORT_ENDPOINT } from "./import-handler.ts";

/**
 * The import endpoint over real sockets, on two app instances sharing Redis: an admin imports
 * through A while a trader's dashboard polls B, whose copies only the cache's cross-instance
 * invalidation can drop (a minute in its process memory).
 */

let fixture: ApiFixture;
let serverA: TestHttpServer;
let serverB: TestHttpServer;
let adminCookie: string;

beforeAll(async () => {
  fixture = await createApiFixture({ memory: { ttlMs: 60_000 } });
  ({ serverA, serverB } = await startTwoInstances(fixture));
  adminCookie = await signInOverHttp(serverA.url, "admin@northwind.example.com");
  // An instrument no demo book holds, with a price, for the tests to trade.
  await expectImport(
    "instruments",
    "apply",
    "symbol,name,sector,currency\nZZHTTP,Zed Http,Energy,USD",
  );
  await expectImport("closes", "apply", "symbol,date,close\nZZHTTP,2026-11-20,50");
});
afterAll(async () => {
  await Promise.all([serverA?.close(), serverB?.close()]);
  await fixture?.close();
});

function post(
  kind: string,
  body: RequestInit["body"],
  headers: Record<string, string> = {},
  server = serverA,
  mode = "preview",
) {
  return fetch(`${server.url}${IMPORT_ENDPOINT}/${kind}?mode=${mode}`, {
    method: "POST",
    body,
    headers: { "content-type": "text/csv", cookie: adminCookie, ...headers },
  });
}

async function expectImport(kind: string, mode: string, csv: string): Promise<ImportReport> {
  const response = await post(kind, csv, { "x-file-name": `${kind}.csv` }, serverA, mode);
  const report = (await response.json()) as ImportReport;
  expect(report.errors).toEqual([]);
  expect(response.status).toBe(200);
  return report;
}

async function errorOf(response: Response) {
  return { status: response.status, ...((await response.json()) as { error: unknown }) };
}

describe("who may import", () => {
  it("answers 401 without a session, 403 to a trader and to an admin on a temporary password", async () => {
    expect(await errorOf(await post("closes", "symbol,date,close", { cookie: "" }))).toEqual({
      status: 401,
      error: { code: "UNAUTHORIZED", message: "Sign in as an admin to import files." },
    });
    const trader = await signInOverHttp(serverA.url, "maya@northwind.example.com");
    expect(await errorOf(await post("closes", "symbol,date,close", { cookie: trader }))).toEqual({
      status: 403,
      error: { code: "FORBIDDEN", message: "Only an admin can import files." },
    });
    await fixture.database.db.user.update({
      where: { email: "admin@harbor.example.com" },
      data: { mustChangePassword: true },
    });
    const temporary = await signInOverHttp(serverA.url, "admin@harbor.example.com");
    expect(
      await errorOf(await post("closes", "symbol,date,close", { cookie: temporary })),
    ).toMatchObject({
      status: 403,
      error: { code: "FORBIDDEN" },
    });
  });

  it("refuses a POST from another site, or one that is not CSV, as the API refuses them", async () => {
    expect(
      await errorOf(await post("closes", "symbol,date,close", { origin: "https://evil.example" })),
    ).toMatchObject({
      status: 403,
      error: { code: "FORBIDDEN", message: expect.stringMatching(/another website/) },
    });
    expect(
      await errorOf(await post("closes", "symbol,date,close", { "content-type": "text/plain" })),
    ).toMatchObject({
      status: 403,
      error: { message: expect.stringMatching(/Content-Type: text\/csv/) },
    });
    // The app's own page: its origin is the host the request went to.
    const own = await post("closes", "symbol,date,close", { origin: serverA.url });
    expect(own.status).toBe(200);
  });

  it("answers 404 for an unknown kind and 400 without a mode", async () => {
    expect(await errorOf(await post("trades", "x"))).toMatchObject({
      status: 404,
      error: {
        code: "NOT_FOUND",
        message: expect.stringMatching(/instruments, positions, closes/),
      },
    });
    const response = await fetch(`${serverA.url}${IMPORT_ENDPOINT}/closes`, {
      method: "POST",
      body: "symbol,date,close",
      headers: { "content-type": "text/csv", cookie: adminCookie },
    });
    expect(response.status).toBe(400);
  });

  it("answers 413 past the byte limit, by its length or as the body streams in", async () => {
    const small = await startTestHttpServer({ ...fixture.deps, importMaxBytes: 1_024 });
    try {
      const big = `symbol,date,close\n${"ZZHTTP,2026-11-20,50\n".repeat(200)}`;
      expect(await errorOf(await post("closes", big, {}, small))).toMatchObject({
        status: 413,
        error: { code: "PAYLOAD_TOO_LARGE" },
      });
      // Chunks without a length: counted as they are read.
      const chunks = new ReadableStream<Uint8Array>({
        start(controller) {
          const encoder = new TextEncoder();
          controller.enqueue(encoder.encode("symbol,date,close\n"));
          for (let i = 0; i < 200; i++)
            controller.enqueue(encoder.encode("ZZHTTP,2026-11-20,50\n"));
          controller.close();
        },
      });
      const response = await fetch(`${small.url}${IMPORT_ENDPOINT}/closes?mode=preview`, {
        method: "POST",
        body: chunks,
        headers: { "content-type": "text/csv", cookie: adminCookie },
        duplex: "half",
      } as RequestInit);
      expect(await errorOf(response)).toMatchObject({
        status: 413,
        error: { code: "PAYLOAD_TOO_LARGE" },
      });
    } finally {
      await small.close();
    }
  });
});

describe("importing over HTTP", () => {
  it("answers a preview with 200 and an apply with invalid rows with 422 and the same report", async () => {
    const csv = "symbol,date,close\nZZHTTP,2026-11-23,51\nZZHTTP,2026-11-22,52";
    const preview = await post("closes", csv);
    expect(preview.status).toBe(200);
    const apply = await post("closes", csv, {}, serverA, "apply");
    expect(apply.status).toBe(422);
    const report = (await apply.json()) as ImportReport;
    expect(report).toEqual({ ...((await preview.json()) as ImportReport), mode: "apply" });
    expect(report.errors).toEqual([
      { line: 3, column: "date", message: expect.stringMatching(/is a Sunday/) },
    ]);
  });

  it("keeps the file name the page sends in the audit event", async () => {
    const response = await post(
      "closes",
      "symbol,date,close\nZZHTTP,2026-11-19,49",
      { "x-file-name": encodeURIComponent("clôtures novembre.csv") },
      serverA,
      "apply",
    );
    const report = (await response.json()) as ImportReport;
    const event = await fixture.database.db.auditEvent.findFirstOrThrow({
      where: { entityId: report.importId as string },
    });
    expect(event.after).toMatchObject({
      kind: "closes",
      created: 1,
      fileName: "clôtures novembre.csv",
    });
  });
});

type Client = TRPCClient<AppRouter>;

/** Reads the dashboard on B until B answers it from its own memory: a cached read. */
async function cachedDashboard(client: Client) {
  for (let attempt = 0; attempt < 10; attempt++) {
    const read = await client.risk.dashboard.query();
    if (read.freshness.source === "memory") return read;
  }
  throw new Error("B never answered the dashboard from its memory");
}

describe("what an import changes, the next poll on another instance shows", () => {
  it("a new position in a trader's book", async () => {
    const sofia = httpClient(
      serverB.url,
      await signInOverHttp(serverB.url, "sofia@northwind.example.com"),
    );
    const before = await cachedDashboard(sofia);
    expect(JSON.stringify(before)).not.toContain("ZZHTTP");
    await expectImport(
      "positions",
      "apply",
      "trader email,symbol,quantity,average price,opened at\nsofia@northwind.example.com,ZZHTTP,10,50,2026-11-23",
    );
    const after = await sofia.risk.dashboard.query();
    expect(after.freshness.source).not.toBe("memory");
    expect(JSON.stringify(after)).toContain("ZZHTTP");
  });

  it("a changed instrument in the books that hold it, and new closes in every valuation", async () => {
    const lucas = httpClient(
      serverB.url,
      await signInOverHttp(serverB.url, "lucas@northwind.example.com"),
    );
    await expectImport(
      "positions",
      "apply",
      "trader email,symbol,quantity,average price,opened at\nlucas@northwind.example.com,ZZHTTP,5,50,2026-11-23",
    );
    const before = await cachedDashboard(lucas);
    await expectImport(
      "instruments",
      "apply",
      "symbol,name,sector,currency\nZZHTTP,Zed Http,Utilities,USD",
    );
    const renamed = await lucas.risk.dashboard.query();
    expect(renamed.version).not.toBe(before.version);
    expect(JSON.stringify(renamed)).toContain("Utilities");

    const cached = await cachedDashboard(lucas);
    await expectImport("closes", "apply", "symbol,date,close\nZZHTTP,2026-11-24,60");
    const repriced = await lucas.risk.dashboard.query();
    expect(repriced.tick).toBeGreaterThan(cached.tick);
  });
});

describe("two applies at once", () => {
  it("each counts what it did: one creates the bars, the other finds them unchanged", async () => {
    const lines = ["symbol,date,close"];
    for (let day = Date.UTC(2025, 0, 6); lines.length <= 300; day += 86_400_000) {
      const weekday = new Date(day).getUTCDay();
      if (weekday !== 0 && weekday !== 6) {
        lines.push(`ZZHTTP,${new Date(day).toISOString().slice(0, 10)},${lines.length}`);
      }
    }
    const csv = lines.join("\n");
    const [first, second] = await Promise.all([
      post("closes", csv, {}, serverA, "apply").then((r) => r.json() as Promise<ImportReport>),
      post("closes", csv, {}, serverB, "apply").then((r) => r.json() as Promise<ImportReport>),
    ]);
    expect([first.created, second.created].sort((a, b) => a - b)).toEqual([0, 300]);
    expect(first.unchanged + second.unchanged).toBe(300);
    expect(first.changed + second.changed).toBe(0);
  });
});
