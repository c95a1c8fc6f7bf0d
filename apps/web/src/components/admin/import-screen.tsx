"use client";

import type { ImportKind, ImportMode, ImportReport } from "@repo/api";
import { IMPORT_COLUMNS, IMPORT_KINDS } from "@repo/api/import-kinds";
import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { type FormEvent, useId, useRef, useState } from "react";
import { IMPORTS_PATH, refusalMessage, sendImport } from "~/lib/imports.ts";
import { hasProblems, ImportReportView } from "./import-report.tsx";

/** How each kind is named on the screen and what its file is for. */
const KIND_TEXT: Record<ImportKind, { label: string; purpose: string }> = {
  instruments: { label: "Instruments", purpose: "what the firm trades" },
  positions: { label: "Positions", purpose: "traders' open positions" },
  closes: { label: "Daily closes", purpose: "each instrument's closing price by day" },
};

/** The file as it was read for a send: what an Apply sends is exactly what was previewed. */
interface ReadFile {
  file: File;
  name: string;
  text: string;
}

/** The last answer shown, and what it was for. */
interface Shown {
  kind: ImportKind;
  read: ReadFile;
  report: ImportReport;
}

/**
 * Imports a CSV file of the firm's data in two steps: Preview sends it to be checked and says
 * what it would change; Apply, offered only for a clean preview of the file still chosen, writes
 * it, all or nothing. A corrected file is chosen and previewed again without leaving the page.
 */
export function ImportScreen({ endpoint, maxBytes }: { endpoint: string; maxBytes: number }) {
  const id = useId();
  const queryClient = useQueryClient();
  const fileInput = useRef<HTMLInputElement>(null);
  const [kind, setKind] = useState<ImportKind>("instruments");
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState<ImportMode | null>(null);
  const [shown, setShown] = useState<Shown | null>(null);
  const [error, setError] = useState<{ message: string; signIn: boolean } | null>(null);

  const clear = () => {
    setShown(null);
    setError(null);
  };
  const refuse = (message: string, status?: number) =>
    setError({ message, signIn: status === 401 });

  /** The chosen file's text, or null with the reason said. */
  const readChosen = async (chosen: File): Promise<ReadFile | null> => {
    if (chosen.size > maxBytes) {
      refuse(refusalMessage(413, undefined, maxBytes));
      return null;
    }
    try {
      return { file: chosen, name: chosen.name, text: await chosen.text() };
    } catch {
      // The browser keeps a snapshot of a chosen file; once it changes on disk it must be chosen
      // again, and an input whose value is unchanged would not say so when it is.
      if (fileInput.current) fileInput.current.value = "";
      setFile(null);
      refuse(
        "The file could not be read: it may have changed since you chose it. Choose it again.",
      );
      return null;
    }
  };

  const send = async (mode: ImportMode, read: ReadFile) => {
    setBusy(mode);
    setError(null);
    try {
      const outcome = await sendImport(kind, mode, read, endpoint, maxBytes);
      if (outcome.report) setShown({ kind, read, report: outcome.report });
      else if (!outcome.ok) setShown(null);
      if (!outcome.ok) refuse(outcome.message, outcome.status);
      if (outcome.ok && outcome.report.applied) await queryClient.invalidateQueries();
    } finally {
      setBusy(null);
    }
  };

  const preview = async (event: FormEvent) => {
    event.preventDefault();
    clear();
    if (!file) {
      refuse("Choose a CSV file to preview.");
      return;
    }
    const read = await readChosen(file);
    if (read) await send("preview", read);
  };

  const clean = shown && !shown.report.applied && !hasProblems(shown.report);
  const canApply = Boolean(clean && shown?.read.file === file && shown?.kind === kind) && !busy;
  const apply = () => {
    if (shown && canApply) void send("apply", shown.read);
  };

  return (
    <>
      <section className="panel" aria-labelledby={`${id}-heading`}>
        <h2 id={`${id}-heading`}>Import a file</h2>
        <form className="form import-form" aria-labelledby={`${id}-heading`} onSubmit={preview}>
          {/* Fixed while a file is out, so the answer is for what the screen shows. */}
          <fieldset className="import-kinds" disabled={busy !== null}>
            <legend>What the file holds</legend>
            {IMPORT_KINDS.map((choice) => (
              <div key={choice} className="import-kind">
                <input
                  type="radio"
                  name={`${id}-kind`}
                  id={`${id}-kind-${choice}`}
                  value={choice}
                  checked={kind === choice}
                  aria-describedby={`${id}-kind-${choice}-columns`}
                  onChange={() => {
                    setKind(choice);
                    clear();
                  }}
                />
                <label htmlFor={`${id}-kind-${choice}`}>
                  {KIND_TEXT[choice].label}
                  <span className="hint"> — {KIND_TEXT[choice].purpose}</span>
                </label>
                <p id={`${id}-kind-${choice}-columns`} className="import-columns">
                  <ColumnsOf kind={choice} />
                </p>
              </div>
            ))}
          </fieldset>
          <details className="import-about">
            <summary>What each column of {KIND_TEXT[kind].label.toLowerCase()} holds</summary>
            <dl>
              {IMPORT_COLUMNS[kind].map((column) => (
                <div key={column.name}>
                  <dt>
                    <code>{column.name}</code>
                    {column.required ? null : " (optional)"}
                  </dt>
                  <dd>
                    {column.description} For example <code>{column.example}</code>.
                  </dd>
                </div>
              ))}
            </dl>
          </details>
          <div className="field">
            <label htmlFor={`${id}-file`}>CSV file</label>
            <input
              ref={fileInput}
              id={`${id}-file`}
              type="file"
              accept=".csv,text/csv"
              disabled={busy !== null}
              aria-describedby={`${id}-file-hint`}
              onChange={(event) => {
                setFile(event.currentTarget.files?.[0] ?? null);
                clear();
              }}
            />
            <span id={`${id}-file-hint`} className="hint">
              UTF-8, a header line first, at most {Math.round(maxBytes / (1024 * 1024))} MB
            </span>
          </div>
          <div className="mutation-error" role="alert">
            {error ? <p className="error">{error.message}</p> : null}
            {error?.signIn ? (
              <Link href={`/login?next=${encodeURIComponent(IMPORTS_PATH)}`}>Sign in again</Link>
            ) : null}
          </div>
          <div className="actions">
            <button type="submit" disabled={busy !== null}>
              {busy === "preview" ? "Checking…" : "Preview"}
            </button>
            <button type="button" disabled={!canApply} onClick={apply}>
              {busy === "apply" ? "Importing…" : "Apply"}
            </button>
            <p className="saved" role="status">
              {statusOf(shown, busy)}
            </p>
          </div>
        </form>
      </section>
      {shown ? (
        <ImportReportView
          report={shown.report}
          fileName={shown.read.name}
          headingId={`${id}-report`}
        />
      ) : null}
    </>
  );
}

/** A kind's header line as its file writes it, and the columns it may add. */
function ColumnsOf({ kind }: { kind: ImportKind }) {
  const columns = IMPORT_COLUMNS[kind];
  const required = columns.filter((column) => column.required).map((column) => column.name);
  const optional = columns.filter((column) => !column.required).map((column) => column.name);
  return (
    <>
      Columns: <code>{required.join(",")}</code>
      {optional.length > 0 ? (
        <>
          {" "}
          (optional: <code>{optional.join(",")}</code>)
        </>
      ) : null}
    </>
  );
}

/** The one line announced after each step: what the preview found or what the import did. */
function statusOf(shown: Shown | null, busy: ImportMode | null): string {
  if (busy || !shown) return "";
  const { report } = shown;
  if (report.applied) {
    return `Imported: ${report.created} created, ${report.changed} changed, ${report.unchanged} left unchanged.`;
  }
  if (report.mode === "apply") return "";
  if (hasProblems(report)) return "";
  return "The file is valid. Apply imports it.";
}
