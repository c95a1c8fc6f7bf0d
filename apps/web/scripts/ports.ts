/**
 * The ports `pnpm start` and `pnpm dev` are about to listen on, checked before anything slow
 * (the build, migrations, Next's start), so a busy one stops the start at once with a sentence
 * naming the variable to set instead of a raw EADDRINUSE minutes later.
 */
import { createServer } from "node:net";
import type { AppConfig } from "../src/server/config.ts";

interface WantedPort {
  port: number;
  /** Where the process will listen: undefined is every interface, as the app's server does. */
  host: string | undefined;
  /** What listens there, for the sentence. */
  role: string;
  /** The environment variable that moves it. */
  variable: string;
  /** What else helps, said after "set VARIABLE=…". */
  alternative?: string;
}

/** The ports this start will listen on: the app's, and the embedded database's when used. */
export function wantedPorts(config: AppConfig, env = process.env): WantedPort[] {
  const ports: WantedPort[] = [
    { port: config.port, host: env.HOSTNAME || undefined, role: "the app", variable: "PORT" },
  ];
  // 0 lets the system pick a free port; an external database listens elsewhere.
  if (!config.databaseUrl && config.embeddedDbPort !== 0) {
    ports.push({
      port: config.embeddedDbPort,
      host: "127.0.0.1",
      role: "the embedded database",
      variable: "EMBEDDED_DB_PORT",
      alternative: "or DATABASE_URL for an external PostgreSQL",
    });
  }
  return ports;
}

/** One sentence for the first port that cannot be listened on; null when all are free. */
export async function busyPortProblem(ports: WantedPort[]): Promise<string | null> {
  for (const wanted of ports) {
    const code = await listenError(wanted.port, wanted.host);
    if (code === null) continue;
    const next = wanted.port === 65_535 ? wanted.port - 1 : wanted.port + 1;
    const cause =
      code === "EADDRINUSE"
        ? "is in use by another program (perhaps another Risk Dashboard)"
        : `cannot be listened on (${code})`;
    const alternative = wanted.alternative ? ` (${wanted.alternative})` : "";
    return `Port ${wanted.port} for ${wanted.role} ${cause}: set ${wanted.variable}=${next}${alternative} and start again.`;
  }
  return null;
}

/** Listens on the port for a moment: null when that worked, else the error's code. */
function listenError(port: number, host: string | undefined): Promise<string | null> {
  return new Promise((settle) => {
    const probe = createServer();
    probe.once("error", (error: NodeJS.ErrnoException) => settle(error.code ?? error.message));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => settle(null)));
  });
}
