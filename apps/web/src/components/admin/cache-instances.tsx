import { percent, whenOf } from "~/lib/format.ts";
import { useTimeZone } from "~/lib/use-time-zone.ts";
import type { RouterOutputs } from "~/trpc/types.ts";
import { TableScroll } from "../table-scroll.tsx";
import { count, milliseconds } from "./cache-numbers.ts";

type Deployment = RouterOutputs["admin"]["cacheDeployment"];
type Figures = Deployment["total"];

const COLUMNS = [
  ["Hit rate", (f: Figures) => (f.reads === 0 ? "—" : percent(f.hitRate))],
  ["Reads", (f: Figures) => count(f.reads)],
  ["Misses", (f: Figures) => count(f.misses)],
  ["Fallback reads", (f: Figures) => count(f.fallbackReads)],
  ["Errors", (f: Figures) => count(f.errors)],
  ["Read p50", (f: Figures) => milliseconds(f.readLatency.p50Ms)],
  ["Read p99", (f: Figures) => milliseconds(f.readLatency.p99Ms)],
] as const;

/** `host · pid 123`: what an operator looks for to find the process. */
export function instanceName(instance: { host: string; pid: number }): string {
  return `${instance.host} · pid ${instance.pid}`;
}

function FigureCells({ figures }: { figures: Figures }) {
  return COLUMNS.map(([name, cell]) => (
    <td key={name} className="num">
      {cell(figures)}
    </td>
  ));
}

/**
 * Every instance that reported lately, each with its figures since it started, and their sum.
 * The table scrolls inside its own box on a narrow screen.
 */
export function CacheInstances({ deployment }: { deployment: Deployment }) {
  const { instances, total } = deployment;
  const timeZone = useTimeZone();
  return (
    <section className="panel" aria-labelledby="cache-instances-heading">
      <h2 id="cache-instances-heading">Instances</h2>
      {deployment.shared ? null : (
        <p className="muted">
          Only this server is shown: in memory mode, or while Redis cannot be read, the others
          cannot be seen.
        </p>
      )}
      <TableScroll label="Instances table">
        <table aria-label="Cache figures by instance">
          <thead>
            <tr>
              <th scope="col">Instance</th>
              <th scope="col">Started</th>
              <th scope="col">Last report</th>
              <th scope="col">Serving from</th>
              {COLUMNS.map(([name]) => (
                <th key={name} scope="col" className="num">
                  {name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {instances.map((instance) => (
              <tr key={instance.id} data-testid="cache-instance">
                <th scope="row">
                  {instanceName(instance)}
                  {instance.self ? <span className="muted"> (answering you)</span> : null}
                </th>
                <td>{whenOf(new Date(instance.startedAt), timeZone)}</td>
                <td>{whenOf(new Date(instance.lastSeen), timeZone)}</td>
                <td>{instance.fallback ? "Memory fallback" : "Cache"}</td>
                <FigureCells figures={instance.figures} />
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr data-testid="cache-deployment-total">
              <th scope="row">
                All {count(instances.length)} {instances.length === 1 ? "instance" : "instances"}
              </th>
              <td colSpan={3} className="muted">
                latency: the slowest instance
              </td>
              <FigureCells figures={total} />
            </tr>
          </tfoot>
        </table>
      </TableScroll>
    </section>
  );
}
