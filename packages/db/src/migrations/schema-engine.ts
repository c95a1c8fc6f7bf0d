import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import * as engineBindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import pg from "pg";
import { parse as parseConnectionString } from "pg-connection-string";

type SchemaEngine = engineBindings.SchemaEngine;

// The one WebAssembly call used here; Node has the global, but @types/node does not declare it.
declare const WebAssembly: {
  instantiate(
    bytes: Uint8Array,
    imports: Record<string, object>,
  ): Promise<{ instance: { exports: Record<string, unknown> } }>;
};

let loaded: Promise<void> | undefined;

// The package's entry imports its .wasm as an ES module, which Node 24 treats as experimental
// (a warning at every start). Instantiating the same bytes against the same JS glue here works
// in plain Node, tsx and Vitest alike, without one.
function loadWasm(): Promise<void> {
  loaded ??= (async () => {
    const require = createRequire(import.meta.url);
    const entry = require.resolve("@prisma/schema-engine-wasm");
    const bytes = await readFile(join(dirname(entry), "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, {
      "./schema_engine_bg.js": engineBindings,
    });
    engineBindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  return loaded;
}

/**
 * Explicit connection fields rather than a URL, so that a shadow database can be reached by
 * overriding `database` (a connectionString would take precedence over it).
 */
function poolConfig(databaseUrl: string): pg.PoolConfig {
  const { host, port, user, password, database, ssl } = parseConnectionString(databaseUrl);
  return {
    host: host ?? undefined,
    port: port ? Number(port) : undefined,
    user,
    password,
    database: database ?? undefined,
    ssl: typeof ssl === "boolean" ? ssl : undefined,
    max: 2,
  };
}

const PG_INTERNAL_CHAR_OID = 18;
const PG_TEXT_OID = 25;

type PgQueryable = { performIO(query: unknown): Promise<{ fields: { dataTypeID: number }[] }> };
type PgAdapter = Awaited<ReturnType<PrismaPg["connect"]>>;

/**
 * The engine reads pg_catalog columns of PostgreSQL's one-byte "char" type, which the pg adapter
 * does not map and refuses. Its values arrive from pg as strings already, so they are labelled
 * as text before the adapter maps column types.
 */
function readInternalCharAsText<T extends object>(queryable: T): T {
  const target = queryable as unknown as PgQueryable;
  const performIO = target.performIO.bind(target);
  target.performIO = async (query) => {
    const result = await performIO(query);
    for (const field of result.fields) {
      if (field.dataTypeID === PG_INTERNAL_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
    }
    return result;
  };
  return queryable;
}

/**
 * The adapter runs a migration script by splitting it at every ";", which cuts a function body
 * (`$$ … $$`) apart. PostgreSQL takes the whole script as one simple query, as `psql -f` or
 * Prisma's native engine would send it, and runs it as one transaction.
 */
function runScriptsWhole(adapter: PgAdapter) {
  const target = adapter as unknown as {
    client: pg.Pool | pg.PoolClient;
    onError(error: unknown): never;
  };
  adapter.executeScript = async (script) => {
    try {
      await target.client.query(script);
    } catch (error) {
      target.onError(error);
    }
  };
}

function forMigrations(adapter: PgAdapter): PgAdapter {
  runScriptsWhole(adapter);
  readInternalCharAsText(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) =>
    readInternalCharAsText(await startTransaction(isolationLevel));
  return adapter;
}

/**
 * The pg adapter factory with a shadow database that is really dropped afterwards: the stock one
 * drops it while its own pool still holds a connection, which PostgreSQL refuses.
 */
class MigrationAdapterFactory extends PrismaPg {
  constructor(
    private readonly pool: pg.Pool,
    private readonly connectionConfig: pg.PoolConfig,
  ) {
    super(pool);
  }

  override async connect() {
    return forMigrations(await super.connect());
  }

  override async connectToShadowDb() {
    const database = `rd_shadow_${randomUUID().replaceAll("-", "")}`;
    await this.pool.query(`CREATE DATABASE "${database}"`);
    const shadowPool = new pg.Pool({ ...this.connectionConfig, database });
    const adapter = forMigrations(
      await new PrismaPg(shadowPool, { disposeExternalPool: true }).connect(),
    );
    const release = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await release();
      await this.pool.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    };
    return adapter;
  }
}

/** Runs `work` with a schema engine connected to `databaseUrl`, then frees every connection. */
export async function withSchemaEngine<T>(
  databaseUrl: string,
  schema: { path: string; content: string },
  work: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  await loadWasm();
  const config = poolConfig(databaseUrl);
  const pool = new pg.Pool(config);
  const factory = bindMigrationAwareSqlAdapterFactory(new MigrationAdapterFactory(pool, config));
  const log = (message: string) => {
    if (process.env.DEBUG_SCHEMA_ENGINE) console.info(message);
  };
  const engine = await engineBindings.SchemaEngine.new(
    { datamodels: [[schema.path, schema.content]] },
    log,
    factory,
  );
  try {
    return await work(engine);
  } finally {
    engine.free();
    await pool.end();
  }
}
