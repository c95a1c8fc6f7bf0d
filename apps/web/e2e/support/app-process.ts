/**
 * The app started as `pnpm start` starts it (scripts/serve.ts), as a process of a test's own:
 * for the specs and tests about starting, restarting and stopping it. In a process group of its
 * own, as under a terminal, so a signal can reach the launcher and the server together.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const appDir = fileURLToPath(new URL("../../", import.meta.url));

export interface AppProcess {
  child: ChildProcess;
  /** Everything it printed so far, stdout and stderr in order. */
  output(): string;
  /** Resolves once it has printed a line matching `pattern`; rejects if it exits first. */
  printed(pattern: RegExp): Promise<void>;
  /** Its exit code; null when a signal ended it. */
  exited: Promise<number | null>;
  /** Signals its whole process group, as Ctrl-C in a terminal does. */
  signal(signal: NodeJS.Signals): void;
}

/** Runs `node --import tsx scripts/serve.ts …args` in apps/web with exactly `env`. */
export function startApp(args: string[], env: NodeJS.ProcessEnv): AppProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts", ...args], {
    cwd: appDir,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env,
  });
  let text = "";
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  const take = (chunk: Buffer) => {
    text += chunk.toString();
    for (const waiter of waiters.filter((w) => w.pattern.test(text))) waiter.resolve();
  };
  child.stdout?.on("data", take);
  child.stderr?.on("data", take);
  const exited = new Promise<number | null>((settle) => child.on("exit", settle));
  return {
    child,
    output: () => text,
    printed: (pattern) =>
      new Promise<void>((resolve, reject) => {
        if (pattern.test(text)) return resolve();
        waiters.push({ pattern, resolve });
        void exited.then((code) => reject(new Error(`the app exited (${code}) first:\n${text}`)));
      }),
    exited,
    signal(signal) {
      if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, signal);
    },
  };
}
