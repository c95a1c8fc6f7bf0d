/**
 * The production build `pnpm start` runs before it serves: through Turborepo, so a start with
 * unchanged code reuses the last build, and with Next's own output streamed (its phases and
 * page counts, and every error), so the first build, which takes a while, is seen to progress.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const turbo = fileURLToPath(new URL("../../../node_modules/.bin/turbo", import.meta.url));

export interface Build {
  /** The build's exit code; null when a signal ended it. */
  exited: Promise<number | null>;
  /** Ends the build and every process it started. */
  stop(signal: NodeJS.Signals): void;
}

/**
 * Starts `turbo run build` for the app; `new-only` prints a build's output as it happens, and
 * one line for a build reused from the cache.
 */
export function startBuild(): Build {
  // A process group of its own: Ctrl-C reaches it once, through stop, and when Turborepo shuts
  // its tasks down it touches none of the processes that started it (pnpm would then report a
  // failed script).
  const child = spawn(turbo, ["run", "build", "--filter=@repo/web", "--output-logs=new-only"], {
    cwd: root,
    stdio: "inherit",
    detached: true,
  });
  return {
    exited: new Promise((settle) => child.on("exit", settle)),
    stop(signal) {
      // The group: node_modules/.bin/turbo is a shell script that runs Turborepo's binary.
      if (child.pid !== undefined) process.kill(-child.pid, signal);
    },
  };
}
