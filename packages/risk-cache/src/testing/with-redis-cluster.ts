/**
 * Runs a command against a Redis Cluster of its own:
 *
 *   tsx src/testing/with-redis-cluster.ts <command> [args…]
 *
 * starts 3 cluster-enabled redis-server masters on free ports, runs the command with
 * TEST_REDIS_URL set to their seed list (`redis://127.0.0.1:P1,redis://…`), stops the cluster
 * and exits with the command's status. It wraps the command rather than offering separate
 * start and stop steps so the nodes live exactly as long as this process: the harness kills
 * them when it exits, however it exits, and CI can never leave a cluster running.
 */
import { spawn } from "node:child_process";
import { startRedisCluster } from "./redis-processes.ts";

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error("usage: with-redis-cluster <command> [args…]");
  process.exit(2);
}

const cluster = await startRedisCluster({ masters: 3 });
console.info(`Redis Cluster ready: ${cluster.url}`);
const status = await new Promise<number>((resolve) => {
  const child = spawn(command, args, {
    stdio: "inherit",
    env: { ...process.env, TEST_REDIS_URL: cluster.url },
  });
  child.once("error", (error) => {
    console.error(`could not run ${command}: ${error.message}`);
    resolve(127);
  });
  // A command killed by a signal has no exit code; report it as a failure all the same.
  child.once("exit", (code) => resolve(code ?? 1));
});
await cluster.stop();
process.exit(status);
