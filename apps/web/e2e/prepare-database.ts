/**
 * Gives the end-to-end run its database, empty, so every run starts from the seed: a new one
 * named after the run, or the one E2E_DATABASE_URL names, recreated. The run's Redis keys need no
 * clearing: its key prefix is new too (support/run.ts). Runs before the app starts, as the first
 * half of the web server's command, with the app's DATABASE_URL.
 */
import { dropDatabase, droppableName, serverClient } from "./support/postgres.ts";

const url = process.env.DATABASE_URL;
if (!url) throw new Error("DATABASE_URL is not set: start the specs through playwright.config.ts");
const name = droppableName(url);

const client = await serverClient(url);
try {
  await dropDatabase(client, name);
  await client.query(`CREATE DATABASE "${name}"`);
} finally {
  await client.end();
}
