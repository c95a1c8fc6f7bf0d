import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook, WebhookVerificationError } from "standardwebhooks";

/** One POST the receiver accepted: its verified event, with the headers it came with. */
export interface ReceivedEvent {
  id: string;
  type: string;
  body: Record<string, unknown>;
  /** The body as it came, byte for byte. */
  raw: string;
  receivedAt: Date;
}

export interface WebhookReceiver {
  /** http://127.0.0.1:<port>/hooks — the same port across stop() and start(). */
  url: string;
  /** Every verified POST, duplicates included, in arrival order. */
  posts: ReceivedEvent[];
  /** How many POSTs came for each event id (exactly once: 1 each). */
  countsById(): Map<string, number>;
  /** POSTs refused: a bad or missing signature, a stale timestamp. */
  rejected: string[];
  /** Answer 500 to every POST (`true`) or accept them again (`false`). */
  failWith500(on: boolean): void;
  /** Close the port: senders get "connection refused". */
  stop(): Promise<void>;
  /** Listen again on the same port. */
  start(): Promise<void>;
  /** Verify with another secret from now on (a rotation). */
  setSecret(secret: string): void;
}

/**
 * A real HTTP receiver of the app's webhooks, as a firm would write one: it verifies every
 * request with the standardwebhooks package (signature and a timestamp within five minutes) and
 * records the events by id. Down, it refuses connections; failing, it answers 500.
 */
export async function startWebhookReceiver(secret: string): Promise<WebhookReceiver> {
  let verifier = new Webhook(secret);
  let failing = false;
  const posts: ReceivedEvent[] = [];
  const rejected: string[] = [];
  let port = 0;
  let server: Server | undefined;

  const listen = async () => {
    if (server) return;
    const next = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks).toString("utf8");
      if (failing) {
        res.writeHead(500).end();
        return;
      }
      try {
        const event = verifier.verify(
          body,
          req.headers as Record<string, string>,
        ) as ReceivedEvent["body"];
        posts.push({
          id: String(req.headers["webhook-id"]),
          type: String(event.type),
          body: event,
          raw: body,
          receivedAt: new Date(),
        });
        res.writeHead(204).end();
      } catch (error) {
        rejected.push(error instanceof WebhookVerificationError ? error.message : String(error));
        res.writeHead(400).end();
      }
    });
    await new Promise<void>((resolve, reject) => {
      next.once("error", reject);
      next.listen(port, "127.0.0.1", resolve);
    });
    port = (next.address() as AddressInfo).port;
    server = next;
  };
  await listen();

  return {
    url: `http://127.0.0.1:${port}/hooks`,
    posts,
    rejected,
    countsById() {
      const counts = new Map<string, number>();
      for (const post of posts) counts.set(post.id, (counts.get(post.id) ?? 0) + 1);
      return counts;
    },
    failWith500(on) {
      failing = on;
    },
    async stop() {
      const current = server;
      server = undefined;
      if (!current) return;
      current.closeAllConnections();
      await new Promise<void>((resolve) => current.close(() => resolve()));
    },
    start: listen,
    setSecret(next) {
      verifier = new Webhook(next);
    },
  };
}
