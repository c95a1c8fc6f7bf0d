/**
 * A TCP proxy to PostgreSQL that a test or the fault run can cut: whatever is pointed at it loses
 * its database (connections reset, new ones refused) while PostgreSQL itself, shared with other
 * work on this machine, keeps running.
 */
import { connect, createServer, type Server, type Socket } from "node:net";

export interface TcpProxy {
  readonly port: number;
  /** Resets every open connection and stops listening, so connects are refused. */
  cut(): Promise<void>;
  /** Listens again on the same port. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(targetPort, targetHost);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      socket.on("error", () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        server.off("error", reject);
        resolve();
      });
    });
  await listen(0);
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("proxy has no port");
  const port = address.port;
  const cut = async () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of sockets) {
      // A socket already ended (its peer closed, and pipe() or allowHalfOpen ended this side)
      // may still have its shutdown pending in libuv, which refuses a reset then (EINVAL). Node
      // marks the handle closing all the same and never closes it: no 'close' event, and at
      // exit the process spins forever waiting for that handle. Such a connection is closing
      // anyway; destroying it is enough.
      if (socket.writableEnded) socket.destroy();
      else socket.resetAndDestroy();
    }
    await closed;
  };
  return {
    port,
    cut,
    restore: () => listen(port),
    close: async () => {
      if (server.listening) await cut();
    },
  };
}
