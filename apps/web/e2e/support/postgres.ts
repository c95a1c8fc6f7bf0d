import pg from "pg";

/** Names the e2e code creates or drops: plain identifiers, and never a database others rely on. */
const DROPPABLE = /^[a-z0-9_]+$/;
const RESERVED = new Set(["postgres", "template0", "template1"]);

function assertDroppable(name: string) {
  if (!DROPPABLE.test(name) || RESERVED.has(name)) {
    throw new Error(`refusing to recreate or drop database "${name}"`);
  }
}

/** The name of the database `url` points at, refused if the e2e code must not drop it. */
export function droppableName(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  assertDroppable(name);
  return name;
}

/** A client on the maintenance database of the server `databaseUrl` is on. */
export async function serverClient(databaseUrl: string): Promise<pg.Client> {
  const server = new URL(databaseUrl);
  server.pathname = "/postgres";
  const client = new pg.Client({ connectionString: server.toString() });
  await client.connect();
  return client;
}

/** Drops `name`, ending the sessions still on it (the app's pool while it shuts down). */
export async function dropDatabase(client: pg.Client, name: string) {
  assertDroppable(name);
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}
