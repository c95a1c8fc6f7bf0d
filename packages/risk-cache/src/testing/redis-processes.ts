// Over 400 lines on purpose: one job, real redis-server processes for tests; the standalone
// server and the cluster share the spawn, probe, port and clean-up code that makes up most of it.
/**
 * Real redis-server processes for integration tests: a standalone server (optionally with a
 * password) that can be stopped, crashed and restarted, and a small Redis Cluster.
 *
 * Every process listens on 127.0.0.1 on a port of its own (chosen by the OS unless given), works
 * in a fresh temp dir, persists nothing, and is killed when the test process ends even if a test
 * forgets to stop it. A server only counts as started once the process we spawned answers
 * (checked by pid), so a Redis already on the port, such as a shared one, never passes for ours.
 */
import type { ChildProcess } from "node:child_process";
import { execFile, spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import type { Server } from "node:net";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { Redis } from "ioredis";

export interface RedisServerOptions {
  /** The port to listen on; a free one chosen by the OS when omitted. */
  port?: number;
  /** Sets `requirepass`; the server's url then carries it. */
  password?: string;
}

export interface RedisServer {
  readonly port: number;
  /** `redis://127.0.0.1:PORT`, or `redis://:PASSWORD@127.0.0.1:PORT` with a password. */
  readonly url: string;
  /** Graceful shutdown (SIGTERM); resolves once the process has exited. Safe to call again. */
  stop(): Promise<void>;
  /** SIGKILL, as in a crash; resolves once the process has exited. Safe to call again. */
  kill(): Promise<void>;
  /** Starts a fresh, empty server on the same port and password; does nothing if it runs. */
  start(): Promise<void>;
  /**
   * SIGSTOP: the server hangs with its connections open, as a stalled host or a network that
   * drops packets would look. `resume` (SIGCONT) lets it answer again; `stop` and `kill` resume
   * it first.
   */
  pause(): void;
  resume(): void;
}

export interface RedisClusterOptions {
  /** Number of master nodes, no replicas; at least 3 (redis-cli's minimum). Defaults to 3. */
  masters?: number;
}

export interface RedisCluster {
  readonly nodes: { host: string; port: number }[];
  /** The nodes as a comma-separated list of `redis://127.0.0.1:PORT`, the form REDIS_URL takes. */
  readonly url: string;
  /** Stops every node (SIGTERM) and removes their temp dirs. Safe to call again. */
  stop(): Promise<void>;
}

const HOST = "127.0.0.1";
const READY_TIMEOUT_MS = 10_000;
const CLUSTER_CREATE_TIMEOUT_MS = 30_000;
const CLUSTER_READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;
const POLL_INTERVAL_MS = 100;
const PROBE_TIMEOUT_MS = 1_000;
const OUTPUT_TAIL_CHARS = 4_000;
/** Redis Cluster nodes talk to each other on their port + 10000. */
const CLUSTER_BUS_OFFSET = 10_000;
const CLUSTER_SLOTS = 16_384;
const CLUSTER_ARGS = [
  "--cluster-enabled",
  "yes",
  "--cluster-config-file",
  "nodes.conf",
  "--cluster-node-timeout",
  "2000",
];

// ---------------------------------------------------------------------------------------------
// Standalone server

export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  const { password } = options;
  const port = options.port ?? (await findFreePort());
  const extraArgs = password === undefined ? [] : ["--requirepass", password];
  const lifecycle = oneAtATime();
  let current: RedisProcess | undefined;

  const start = lifecycle(async () => {
    if (current && !current.hasExited()) return;
    current = await launch(port, extraArgs, password);
  });
  const terminateWith = (signal: NodeJS.Signals) =>
    lifecycle(async () => {
      if (current) await terminate(current, signal);
      current = undefined;
    });

  await start();
  return {
    port,
    url: serverUrl(port, password),
    start,
    stop: terminateWith("SIGTERM"),
    kill: terminateWith("SIGKILL"),
    pause: () => current?.child.kill("SIGSTOP"),
    resume: () => current?.child.kill("SIGCONT"),
  };
}

function serverUrl(port: number, password: string | undefined): string {
  const auth = password === undefined ? "" : `:${encodeURIComponent(password)}@`;
  return `redis://${auth}${HOST}:${port}`;
}

/**
 * Wraps async operations so they run one at a time in call order: a `start()` issued while
 * `kill()` is still waiting for the exit must not find the old process and do nothing.
 */
function oneAtATime(): (operation: () => Promise<void>) => () => Promise<void> {
  let tail: Promise<void> = Promise.resolve();
  return (operation) => () => {
    const result = tail.then(operation);
    tail = result.catch(() => undefined);
    return result;
  };
}

// ---------------------------------------------------------------------------------------------
// Cluster

export async function startRedisCluster(options: RedisClusterOptions = {}): Promise<RedisCluster> {
  const masters = options.masters ?? 3;
  if (!Number.isInteger(masters) || masters < 3) {
    throw new Error(`a Redis Cluster needs at least 3 masters, got ${masters}`);
  }
  const ports = await findFreePorts(masters, { withClusterBus: true });
  const processes = await launchAll(ports, CLUSTER_ARGS);
  const stop = async () => {
    await Promise.all(processes.map((redis) => terminate(redis, "SIGTERM")));
  };
  try {
    await createCluster(ports);
    await waitUntilClusterReady(ports);
  } catch (error) {
    await stop();
    throw error;
  }
  const nodes = ports.map((port) => ({ host: HOST, port }));
  const url = ports.map((port) => serverUrl(port, undefined)).join(",");
  return { nodes, url, stop };
}

/** Launches one server per port; if any fails, the others are killed before the error is thrown. */
async function launchAll(ports: number[], extraArgs: string[]): Promise<RedisProcess[]> {
  const results = await Promise.allSettled(ports.map((port) => launch(port, extraArgs)));
  const started = results.flatMap((result) =>
    result.status === "fulfilled" ? [result.value] : [],
  );
  const failure = results.find((result) => result.status === "rejected");
  if (failure) {
    await Promise.all(started.map((redis) => terminate(redis, "SIGKILL")));
    throw failure.reason;
  }
  return started;
}

/** Assigns all slots across the nodes, as masters without replicas. */
async function createCluster(ports: number[]): Promise<void> {
  const addresses = ports.map((port) => `${HOST}:${port}`);
  const args = ["--cluster", "create", ...addresses, "--cluster-replicas", "0", "--cluster-yes"];
  await runCommand("redis-cli", args, CLUSTER_CREATE_TIMEOUT_MS);
}

/**
 * `redis-cli --cluster create` returns once the slots are assigned, but the nodes learn about
 * each other by gossip; a client is only safe once every node sees the whole cluster.
 */
async function waitUntilClusterReady(ports: number[]): Promise<void> {
  const outcome = await pollUntil(async () => {
    for (const port of ports) await checkClusterNode(port, ports.length);
  }, CLUSTER_READY_TIMEOUT_MS);
  if (!outcome.ok) {
    throw new Error(
      `Redis Cluster on ports ${ports.join(", ")} was not ready within ` +
        `${CLUSTER_READY_TIMEOUT_MS / 1000} s: ${messageOf(outcome.lastError)}`,
    );
  }
}

async function checkClusterNode(port: number, expectedNodes: number): Promise<void> {
  const info = await withProbe(port, undefined, (client) => client.cluster("INFO"));
  const state = infoField(info, "cluster_state");
  const assigned = infoField(info, "cluster_slots_assigned");
  const known = infoField(info, "cluster_known_nodes");
  if (state !== "ok" || assigned !== String(CLUSTER_SLOTS) || known !== String(expectedNodes)) {
    throw new Error(
      `node ${HOST}:${port} reports cluster_state:${state}, ` +
        `cluster_slots_assigned:${assigned}, cluster_known_nodes:${known}`,
    );
  }
}

/** One `name:value` line of an INFO-style reply. */
function infoField(info: string, name: string): string | undefined {
  return new RegExp(`^${name}:(.*)$`, "m").exec(info)?.[1]?.trim();
}

// ---------------------------------------------------------------------------------------------
// One redis-server process

/** One run of redis-server: the child, and what it printed. */
interface RedisProcess {
  readonly child: ChildProcess;
  /** Resolves once the process has exited and its temp dir is removed. */
  readonly exited: Promise<void>;
  hasExited(): boolean;
  /** The last few KB of stdout and stderr, for error messages. */
  output(): string;
}

/** Spawns redis-server and waits until it answers; on failure it is killed and the error says why. */
async function launch(port: number, extraArgs: string[], password?: string): Promise<RedisProcess> {
  const redis = await spawnRedis(port, extraArgs);
  const outcome = await pollUntil(
    () => checkAnswering(port, password, redis.child.pid),
    READY_TIMEOUT_MS,
    redis.hasExited,
  );
  if (outcome.ok) return redis;
  const reason = redis.hasExited()
    ? "stopped before answering PING"
    : `did not answer PING within ${READY_TIMEOUT_MS / 1000} s (${messageOf(outcome.lastError)})`;
  await terminate(redis, "SIGKILL"); // also lets the output arrive in full
  throw new Error(`redis-server on port ${port} ${reason}. Its output:\n${redis.output()}`);
}

async function spawnRedis(port: number, extraArgs: string[]): Promise<RedisProcess> {
  const dir = await mkdtemp(join(tmpdir(), `redis-${port}-`));
  // Nothing is persisted (save "" turns RDB snapshots off), so a restart always starts empty.
  const settings = {
    port: String(port),
    bind: HOST,
    save: "",
    appendonly: "no",
    daemonize: "no",
    dir,
  };
  const args = Object.entries(settings).flatMap(([name, value]) => [`--${name}`, value]);
  args.push(...extraArgs);
  const child = spawn("redis-server", args, { stdio: ["ignore", "pipe", "pipe"] });
  const untrack = track(child, dir);
  const output = captureOutput(child);
  let exited = false;
  // 'close' (unlike 'exit') also follows a failed spawn, and comes after the last output.
  const closed = new Promise<void>((resolve) => child.once("close", () => resolve()));
  const cleanedUp = closed.then(async () => {
    exited = true;
    untrack();
    await rm(dir, { recursive: true, force: true });
  });
  return { child, exited: cleanedUp, hasExited: () => exited, output };
}

/** Keeps the end of stdout and stderr: redis-server explains a failed start there. */
function captureOutput(child: ChildProcess): () => string {
  let tail = "";
  const append = (chunk: Buffer | string) => {
    tail = (tail + chunk.toString()).slice(-OUTPUT_TAIL_CHARS);
  };
  child.stdout?.on("data", append);
  child.stderr?.on("data", append);
  child.on("error", (error) => append(`${error.message}\n`));
  return () => tail.trim() || "(no output)";
}

/** Sends `signal` and waits for the exit; a SIGTERM still ignored after 10 s becomes SIGKILL. */
async function terminate(redis: RedisProcess, signal: NodeJS.Signals): Promise<void> {
  // kill() on a child that has already exited does nothing, so calling this twice is safe.
  redis.child.kill(signal);
  // A paused server would hold a SIGTERM until it is continued.
  redis.child.kill("SIGCONT");
  const escalation = setTimeout(() => redis.child.kill("SIGKILL"), STOP_TIMEOUT_MS);
  try {
    await redis.exited;
  } finally {
    clearTimeout(escalation);
  }
}

// ---------------------------------------------------------------------------------------------
// Safety net: no process outlives the test run

const liveChildren = new Set<ChildProcess>();
const liveDirs = new Set<string>();
let safetyNetInstalled = false;
/**
 * Signals that end a test run without an 'exit' event: Vitest stops its worker processes with
 * SIGTERM, and Ctrl-C sends SIGINT.
 */
const ENDING_SIGNALS: NodeJS.Signals[] = ["SIGTERM", "SIGINT", "SIGHUP"];

/** Remembers a child until it exits; returns the function that forgets it. */
function track(child: ChildProcess, dir: string): () => void {
  if (!safetyNetInstalled) installSafetyNet();
  liveChildren.add(child);
  liveDirs.add(dir);
  return () => {
    liveChildren.delete(child);
    liveDirs.delete(dir);
  };
}

function installSafetyNet(): void {
  safetyNetInstalled = true;
  process.on("exit", killLeftovers);
  for (const signal of ENDING_SIGNALS) {
    const onSignal = () => {
      killLeftovers();
      process.off(signal, onSignal);
      // Listening to a signal cancels its default action; if no one else listens, restore it.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}

/** Synchronous, as 'exit' handlers must be: signal the children and remove their dirs. */
function killLeftovers(): void {
  for (const child of liveChildren) child.kill("SIGKILL");
  for (const dir of liveDirs) rmSync(dir, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------------
// Probing

/**
 * Answers PING, and is the process we spawned: with a port taken by someone else, the other
 * server must not pass for ours while our process is still on its way to failing.
 */
async function checkAnswering(
  port: number,
  password: string | undefined,
  pid: number | undefined,
): Promise<void> {
  const [pong, info] = await withProbe(port, password, (client) =>
    Promise.all([client.ping(), client.info("server")]),
  );
  const answeringPid = infoField(info, "process_id");
  if (pong !== "PONG" || answeringPid !== String(pid)) {
    throw new Error(`port ${port} answered ${pong} from pid ${answeringPid}, expected pid ${pid}`);
  }
}

/** A short-lived connection that fails fast instead of retrying, for probing a server. */
async function withProbe<T>(
  port: number,
  password: string | undefined,
  use: (client: Redis) => Promise<T>,
): Promise<T> {
  const client = new Redis({
    host: HOST,
    port,
    password,
    lazyConnect: true,
    // A port held by something that is not Redis may accept and never answer.
    connectTimeout: PROBE_TIMEOUT_MS,
    commandTimeout: PROBE_TIMEOUT_MS,
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
  });
  // connect() only rejects with "Connection is closed."; the reason arrives as an 'error' event.
  let reason: Error | undefined;
  client.on("error", (error: Error) => {
    reason = error;
  });
  try {
    try {
      await client.connect();
    } catch (error) {
      throw reason ?? error;
    }
    return await use(client);
  } finally {
    client.disconnect();
  }
}

type PollOutcome = { ok: true } | { ok: false; lastError: unknown };

/**
 * Calls `attempt` until it resolves, every 100 ms, for at most `timeoutMs` or until `gaveUp()`
 * says that waiting longer is pointless. A rejection means "not yet", and the last one is kept.
 */
async function pollUntil(
  attempt: () => Promise<void>,
  timeoutMs: number,
  gaveUp: () => boolean = () => false,
): Promise<PollOutcome> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown = new Error("no attempt finished in time");
  while (Date.now() < deadline && !gaveUp()) {
    try {
      await attempt();
      return { ok: true };
    } catch (error) {
      lastError = error;
    }
    await delay(POLL_INTERVAL_MS);
  }
  return { ok: false, lastError };
}

// ---------------------------------------------------------------------------------------------
// Ports and commands

/**
 * A port the OS says is free (listening on port 0). Another process could take it before
 * redis-server binds it; the start then fails with redis's "Address already in use".
 */
async function findFreePort(): Promise<number> {
  const server = await listenOn(0);
  if (!server) throw new Error(`could not find a free port on ${HOST}`);
  const port = portOf(server);
  await closeAll([server]);
  return port;
}

/**
 * `count` distinct free ports. Each is held until all are chosen, so none is handed out twice;
 * for cluster nodes, port + 10000 (the cluster bus, so at most 65535) must be free as well.
 */
async function findFreePorts(count: number, { withClusterBus = false } = {}): Promise<number[]> {
  const held: Server[] = [];
  const ports: number[] = [];
  try {
    for (let attempt = 0; ports.length < count && attempt < count * 20; attempt++) {
      const server = await listenOn(0);
      if (!server) continue;
      held.push(server);
      const port = portOf(server);
      if (withClusterBus) {
        const busPort = port + CLUSTER_BUS_OFFSET;
        const bus = busPort <= 65_535 ? await listenOn(busPort) : undefined;
        if (!bus) continue;
        held.push(bus);
      }
      ports.push(port);
    }
  } finally {
    await closeAll(held);
  }
  if (ports.length < count) throw new Error(`could not find ${count} free ports on ${HOST}`);
  return ports;
}

/** Listens on `port` (0: any); undefined if it is taken. */
async function listenOn(port: number): Promise<Server | undefined> {
  const server = createServer();
  return new Promise((resolve) => {
    server.once("error", () => resolve(undefined));
    server.listen(port, HOST, () => resolve(server));
  });
}

function portOf(server: Server): number {
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("not a TCP server");
  return address.port;
}

async function closeAll(servers: Server[]): Promise<void> {
  await Promise.all(
    servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))),
  );
}

/** Runs a command without a shell; rejects with its output if it fails or times out. */
function runCommand(command: string, args: string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: timeoutMs }, (error, stdout, stderr) => {
      if (!error) return resolve();
      const how = error.killed ? `timed out after ${timeoutMs / 1000} s` : `failed (${error.code})`;
      const output = `${stdout}${stderr}`.trim() || "(no output)";
      reject(new Error(`${command} ${args.join(" ")} ${how}. Its output:\n${output}`));
    });
  });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
