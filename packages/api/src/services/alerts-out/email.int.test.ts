import type { AddressInfo } from "node:net";
import { seedDemoData } from "@repo/db/demo";
import { createTestDatabase, type TestDatabase } from "@repo/db/testing";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../../clock.ts";
import { eventually, traderLimits, valueAt } from "../../testing/alert-syncs.ts";
import { startDeliveryWorker } from "./delivery-worker.ts";
import { createEmailSender } from "./send-email.ts";

/** Email out: one plain-text message per event, to a real SMTP server (smtp-server). */

interface Received {
  to: string[];
  raw: string;
}

let database: TestDatabase;
let smtp: SMTPServer;
let port: number;
const received: Received[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.db);
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  port = (smtp.server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => smtp?.close(() => resolve()));
  await database?.drop();
});

describe("alert email", () => {
  it("sends each event once as a plain-text message to the firm's recipients", async () => {
    const maya = await traderLimits(database.db, "maya@northwind.example.com");
    await valueAt(database.db, maya, ["OK"]);
    await database.db.alertSettings.create({
      data: {
        tenantId: maya.subject.tenantId,
        emailRecipients: ["desk@example.com", "risk@example.com"],
      },
    });
    const email = createEmailSender(`smtp://127.0.0.1:${port}`, "alerts@risk.example.com");
    const worker = startDeliveryWorker({
      db: database.db,
      clock: systemClock,
      intervalMs: 100,
      schedule: { baseDelayMs: 50, maxDelayMs: 400, maxAttempts: 100, maxAgeMs: 3_600_000 },
      email,
    });
    try {
      await valueAt(database.db, maya, ["WARN"]);
      await valueAt(database.db, maya, ["BREACH"]);
      await eventually(async () => {
        const rows = await database.db.alertDelivery.findMany();
        return rows.length === 2 && rows.every((d) => d.status === "DELIVERED");
      }, "both emails delivered");
    } finally {
      await worker.stop();
      email.close();
    }
    expect(received).toHaveLength(2);
    const events = await database.db.alertEvent.findMany({ orderBy: { seq: "asc" } });
    for (const [i, message] of received.entries()) {
      expect(message.to).toEqual(["desk@example.com", "risk@example.com"]);
      expect(message.raw).toMatch(/^Content-Type: text\/plain/m);
      expect(message.raw).toContain(`Message-ID: <${events[i]?.id}@risk-dashboard>`);
    }
    expect(received[0]?.raw).toMatch(/^Subject: \[northwind\] WARN raised: /m);
    expect(received[1]?.raw).toMatch(/^Subject: \[northwind\] BREACH escalated from WARN: /m);
  });
});
