import Papa from "papaparse";

/**
 * Saves rows as a CSV file in the browser (papaparse writes it: quoting, and a leading
 * apostrophe on a text cell a spreadsheet would run as a formula). Numbers stay raw numbers,
 * unformatted, for a spreadsheet to compute with.
 */
export function downloadCsv(filename: string, rows: Record<string, string | number | null>[]) {
  const text = Papa.unparse(rows, { escapeFormulae: true });
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.click();
  URL.revokeObjectURL(url);
}
