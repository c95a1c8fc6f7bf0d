import type { ImportReport } from "@repo/api";
import { TableScroll } from "~/components/table-scroll.tsx";
import { decimal } from "~/lib/format.ts";

/** The counts a report is read by, in the tense of what happened or would happen. */
function countsOf(report: ImportReport): [string, number][] {
  const applied = report.applied;
  return [
    ["Rows read", report.rowsRead],
    [applied ? "Created" : "Will create", report.created],
    [applied ? "Changed" : "Will change", report.changed],
    [applied ? "Left unchanged" : "Will leave unchanged", report.unchanged],
    ["Invalid rows", report.invalidRows],
  ];
}

/** Whether the report found anything wrong: an invalid row, or the file's header. */
export function hasProblems(report: ImportReport): boolean {
  return report.invalidRows > 0 || report.errors.length > 0 || report.moreErrors > 0;
}

/**
 * What a preview found, or what an import did: the counts, and each invalid row's line, column
 * and problem (the server sends the first 1,000).
 */
export function ImportReportView({
  report,
  fileName,
  headingId,
}: {
  report: ImportReport;
  fileName: string;
  headingId: string;
}) {
  const heading = report.applied
    ? `Imported ${fileName}`
    : report.mode === "apply"
      ? `${fileName} was not imported`
      : `Preview of ${fileName}`;
  return (
    <section className="panel import-report" aria-labelledby={headingId}>
      <h2 id={headingId} tabIndex={-1}>
        {heading}
      </h2>
      <dl className="import-counts">
        {countsOf(report).map(([label, count]) => (
          <div key={label} data-tone={label === "Invalid rows" && count > 0 ? "BREACH" : undefined}>
            <dt>{label}</dt>
            <dd>{decimal(count, 0)}</dd>
          </div>
        ))}
      </dl>
      {hasProblems(report) ? (
        <>
          <p>
            {report.applied
              ? null
              : "Nothing is imported while a row is invalid: correct the file, choose it again and preview once more."}
            {report.moreErrors > 0
              ? ` The first ${decimal(report.errors.length, 0)} problems are listed; ${decimal(report.moreErrors, 0)} more are not.`
              : null}
          </p>
          <TableScroll label="Problems table">
            <table aria-label="Problems" className="import-problems">
              <thead>
                <tr>
                  <th scope="col" className="num">
                    Line
                  </th>
                  <th scope="col">Column</th>
                  <th scope="col">Problem</th>
                </tr>
              </thead>
              <tbody>
                {report.errors.map((problem, index) => (
                  <tr key={`${problem.line}-${problem.column ?? ""}-${index}`}>
                    <td className="num">{problem.line}</td>
                    <td>{problem.column ?? "—"}</td>
                    <td>{problem.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      ) : null}
    </section>
  );
}
