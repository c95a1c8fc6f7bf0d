import { once } from "node:events";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { ImportReport } from "@repo/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendImport } from "./imports.ts";

const MB = 1024 * 1024;

const REPORT: ImportReport = {
  kind: "closes",
  mode: "preview",
  rowsRead: 2,
  created: 1,
  changed: 0,
  unchanged: 0,
  invalidRows: 1,
  errors: [
    { line: 3, column: "date", message: "2026-11-21 is a Saturday: closes are for weekdays." },
  ],
  moreErrors: 0,
  applied: false,
};

/** What the test server answers next, and what it was sent. */
let answer: { status: number; type: string; body: string };
let received: { url: string; headers: IncomingMessage["headers"]; body: string } | undefined;
let server: Server;
let endpoint: string;

const json = (status: number, body: unknown) => {
  answer = { status, type: "application/json", body: JSON.stringify(body) };
};

beforeAll(async () => {
  server = createServer(async (request, response) => {
    let body = "";
    for await (const chunk of request) body += chunk;
    received = { url: request.url ?? "", headers: request.headers, body };
    response.writeHead(answer.status, { "content-type": answer.type }).end(answer.body);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/admin/imports`;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

const send = (mode: "preview" | "apply" = "preview") =>
  sendImport(
    "closes",
    mode,
    { name: "clôtures.csv", text: "symbol,date,close\n" },
    endpoint,
    5 * MB,
  );

describe("sendImport", () => {
  it("sends the file's text as CSV, with its name, to the kind's endpoint and mode", async () => {
    json(200, REPORT);
    expect(await send("apply")).toEqual({ ok: true, report: REPORT });
    expect(received?.url).toBe("/api/admin/imports/closes?mode=apply");
    expect(received?.headers["content-type"]).toBe("text/csv");
    expect(decodeURIComponent(String(received?.headers["x-file-name"]))).toBe("clôtures.csv");
    expect(received?.body).toBe("symbol,date,close\n");
  });

  it("keeps the report of an import refused for invalid rows, and says nothing was imported", async () => {
    json(422, { ...REPORT, mode: "apply" });
    const outcome = await send("apply");
    expect(outcome).toMatchObject({ ok: false, status: 422, report: { invalidRows: 1 } });
    expect(!outcome.ok && outcome.message).toMatch(/^Nothing was imported/);
  });

  it("says each refusal in words a person can act on", async () => {
    json(401, { error: { code: "UNAUTHORIZED", message: "Sign in first." } });
    expect(await send()).toMatchObject({
      ok: false,
      message: expect.stringMatching(/Sign in again/),
    });
    json(413, { error: { code: "PAYLOAD_TOO_LARGE", message: "Too large." } });
    expect(await send()).toMatchObject({
      message: expect.stringMatching(/^The file is larger than 5 MB\./),
    });
    json(400, { error: { code: "BAD_REQUEST", message: "The header has no date column." } });
    expect(await send()).toMatchObject({ message: "The header has no date column." });
  });

  it("never shows a proxy's page or a server's internals", async () => {
    answer = { status: 502, type: "text/html", body: "<html>Bad Gateway</html>" };
    expect(await send()).toMatchObject({
      ok: false,
      message: "Something went wrong on our side. Try again in a moment.",
    });
    answer = { status: 200, type: "text/html", body: "<html>a login page</html>" };
    expect(await send()).toMatchObject({ ok: false, message: expect.stringMatching(/our side/) });
  });

  it("says so when the server cannot be reached", async () => {
    const outcome = await sendImport(
      "closes",
      "preview",
      { name: "a.csv", text: "" },
      "http://127.0.0.1:1/api/admin/imports",
      MB,
    );
    expect(outcome).toMatchObject({
      ok: false,
      status: 0,
      message: expect.stringMatching(/could not be reached/),
    });
  });
});
