import { mkdir } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export interface EmbeddedPostgres {
  /** A postgresql:// URL for pg, Prisma and the migration runner. */
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Folder that keeps the data between runs. */
  dataDir: string;
  /** 0 picks a free port. */
  port: number;
  host?: string;
}

/**
 * PostgreSQL compiled to WebAssembly (PGlite), served over the wire protocol so the app uses the
 * same pg pool and Prisma adapter as against a real server. PGlite runs one statement at a time;
 * the socket server queues them and keeps a transaction on the connection that opened it.
 */
export async function startEmbeddedPostgres({
  dataDir,
  port,
  host = "127.0.0.1",
}: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  await mkdir(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir);
  const server = new PGLiteSocketServer({ db, port, host, maxConnections: 32 });
  try {
    await server.start();
  } catch (error) {
    await db.close();
    throw error;
  }
  // With port 0 the OS picks a free port; the server reports the one it got.
  const address = server.getServerConn();
  return {
    url: `postgresql://postgres:postgres@${address}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
