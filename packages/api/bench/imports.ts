/**
 * pnpm --filter @repo/api bench:imports   (needs the test PostgreSQL, as the integration tests)
 *
 * Three years of daily closes of 500 instruments (~390,000 rows, ~13 MB) through the import's
 * own path (importCsv, which the HTTP handler calls with the request body), read from a file
 * stream into a fresh database seeded with the demo firms: a preview, an apply, and the same
 * apply again (every row unchanged). The baselines of the same run: csv-parse alone, and
 * csv-parse with each row's checks (no database). For each phase: rows/s, and the process's
 * peak RSS and heap sampled every 20 ms. The script runs with --max-old-space-size=256: an
 * import that held the file, or grew with it, would fail here rather than pass slowly.
 */
import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { seedDemoData } from "@repo/db/demo";
import { createTestDatabase } from "@repo/db/testing";
import { parseRedisConfig, RiskCache } from "@repo/risk-cache";
import { parse } from "csv-parse";
import { API_CACHE_POLICY } from "../src/cache-policy.ts";
import { systemClock } from "../src/clock.ts";
import { tenantDb } from "../src/data/tenant-db.ts";
import { readCsv } from "../src/services/imports/csv-rows.ts";
import { parseRow } from "../src/services/imports/row-schemas.ts";
import { importCsv } from "../src/services/imports/run-import.ts";

const INSTRUMENTS = Number(process.env.BENCH_IMPORT_INSTRUMENTS ?? 500);
const YEARS = Number(process.env.BENCH_IMPORT_YEARS ?? 3);

const database = await createTestDatabase();
await seedDemoData(database.db);
// The cache is not what is measured: an in-process one (no Redis needed).
const cache = await RiskCache.create({ ...API_CACHE_POLICY, redis: parseRedisConfig(undefined) });
const admin = await database.db.user.findUniqueOrThrow({
  where: { email: "admin@northwind.example.com" },
  select: { id: true, tenantId: true },
});
const actor = { tenantId: admin.tenantId, userId: admin.id };
const deps = { db: tenantDb(database.db, admin.tenantId), cache, clock: systemClock };
const folder = await mkdtemp(join(tmpdir(), "rd-import-bench-"));
const symbols = Array.from({ length: INSTRUMENTS }, (_, i) => `BN${String(i).padStart(4, "0")}`);

/** Writes lines to a file as a stream, waiting when it is full: the file is never in memory. */
async function writeFile(path: string, lines: Iterable<string>): Promise<number> {
  const out = createWriteStream(path);
  let count = 0;
  for (const line of lines) {
    if (!out.write(`${line}\n`)) await once(out, "drain");
    count += 1;
  }
  out.end();
  await once(out, "finish");
  return count - 1;
}

function* closesFile(): Iterable<string> {
  yield "symbol,date,close";
  const end = Date.UTC(2026, 10, 20);
  const start = end - YEARS * 365 * 86_400_000;
  for (let day = start; day <= end; day += 86_400_000) {
    const weekday = new Date(day).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    const date = new Date(day).toISOString().slice(0, 10);
    for (let i = 0; i < symbols.length; i++) {
      const close = 50 + i / 10 + ((day / 86_400_000) % 97) / 7;
      yield `${symbols[i]},${date},${close.toFixed(4)}`;
    }
  }
}

interface Phase {
  phase: string;
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  peakRssMb: number;
  peakHeapMb: number;
  note: string;
}
const phases: Phase[] = [];
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

/** Runs `work`, sampling memory every 20 ms, after a GC so each phase starts from what is live. */
async function measure(phase: string, work: () => Promise<{ rows: number; note?: string }>) {
  globalThis.gc?.();
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  };
  const timer = setInterval(sample, 20);
  const started = performance.now();
  const { rows, note = "" } = await work();
  const seconds = (performance.now() - started) / 1000;
  clearInterval(timer);
  sample();
  phases.push({
    phase,
    rows,
    seconds: Number(seconds.toFixed(2)),
    rowsPerSecond: Math.round(rows / seconds),
    peakRssMb: mb(peakRss),
    peakHeapMb: mb(peakHeap),
    note,
  });
  console.info(phases.at(-1));
}

/** The plan of one batch's comparison against the bars (BENCH_IMPORT_EXPLAIN=1). */
async function explainCompare() {
  const inst = await database.db.instrument.findMany({
    where: { symbol: { startsWith: "BN" } },
    select: { id: true },
  });
  const ids: string[] = [];
  const days: string[] = [];
  for (const day of ["2025-03-03", "2025-03-04", "2025-03-05", "2025-03-06"]) {
    for (const { id } of inst) {
      ids.push(id);
      days.push(day);
    }
  }
  const plan = await database.db.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
    `EXPLAIN (ANALYZE, BUFFERS) SELECT count(*) FILTER (WHERE b.close IS NULL)
     FROM unnest($1::uuid[], $2::date[]) AS v(id, day)
     LEFT JOIN LATERAL (SELECT p.close FROM "PriceBar" p
       WHERE p."instrumentId" = v.id AND p.day = v.day AND p."tenantId" = $3::uuid LIMIT 1) b ON true`,
    ids,
    days,
    admin.tenantId,
  );
  console.info(plan.map((row) => row["QUERY PLAN"]).join("\n"));
}

try {
  const instrumentsPath = join(folder, "instruments.csv");
  await writeFile(instrumentsPath, [
    "symbol,name,sector,currency",
    ...symbols.map((symbol) => `${symbol},Bench ${symbol},Technology,USD`),
  ]);
  const instruments = await importCsv(deps, {
    kind: "instruments",
    mode: "apply",
    actor,
    input: createReadStream(instrumentsPath),
  });
  if (!instruments.applied) throw new Error(JSON.stringify(instruments.errors.slice(0, 3)));

  const path = join(folder, "closes.csv");
  const rows = await writeFile(path, closesFile());
  const bytes = (await stat(path)).size;
  console.info(`closes file: ${rows} rows, ${mb(bytes)} MB, ${path}`);

  await measure("baseline: csv-parse alone", async () => {
    let count = -1;
    for await (const _ of createReadStream(path).pipe(parse())) count += 1;
    return { rows: count };
  });
  await measure("baseline: csv-parse + row checks", async () => {
    const source = await readCsv("closes", createReadStream(path));
    let count = 0;
    for await (const row of source.rows) {
      if ("errors" in parseRow("closes", row.values)) throw new Error(`line ${row.line} invalid`);
      count += 1;
    }
    return { rows: count };
  });
  for (const [phase, mode] of [
    ["preview (all rows new)", "preview"],
    ["apply (all rows new)", "apply"],
    ["preview again (all rows unchanged)", "preview"],
    ["apply again (all rows unchanged)", "apply"],
  ] as const) {
    if (process.env.BENCH_IMPORT_EXPLAIN && phase.startsWith("preview again"))
      await explainCompare();
    await measure(phase, async () => {
      const report = await importCsv(deps, {
        kind: "closes",
        mode,
        actor,
        input: createReadStream(path),
      });
      if (report.invalidRows > 0) throw new Error(JSON.stringify(report.errors.slice(0, 3)));
      return {
        rows: report.rowsRead,
        note: `created ${report.created}, changed ${report.changed}, unchanged ${report.unchanged}`,
      };
    });
  }
  console.info(
    `\n${new Date().toISOString()} · ${cpus().length} × ${cpus()[0]?.model ?? "cpu"} · Node ${process.version} · heap limit ${mb(
      (await import("node:v8")).getHeapStatistics().heap_size_limit,
    )} MB · ${rows} rows, ${mb(bytes)} MB\n`,
  );
  console.info("| phase | rows | s | rows/s | peak RSS MB | peak heap MB | counts |");
  console.info("| --- | --- | --- | --- | --- | --- | --- |");
  for (const p of phases) {
    console.info(
      `| ${p.phase} | ${p.rows} | ${p.seconds} | ${p.rowsPerSecond} | ${p.peakRssMb} | ${p.peakHeapMb} | ${p.note} |`,
    );
  }
} finally {
  await rm(folder, { recursive: true, force: true });
  await cache.close();
  await database.drop();
}
