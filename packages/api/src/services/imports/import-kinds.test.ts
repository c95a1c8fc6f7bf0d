import { readFileSync } from "node:fs";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { readCsv } from "./csv-rows.ts";
import { IMPORT_COLUMNS, IMPORT_KINDS } from "./import-kinds.ts";
import { parseRow } from "./row-schemas.ts";

const ROOT = new URL("../../../../../", import.meta.url);
const read = (path: string) => readFileSync(new URL(path, ROOT), "utf8");

describe("the one definition of each kind's columns", () => {
  it.each(IMPORT_KINDS)(
    "%s: the example file names its columns, and every row is valid",
    async (kind) => {
      const source = await readCsv(kind, Readable.from([read(`examples/imports/${kind}.csv`)]));
      expect(source.headerErrors).toEqual([]);
      const header = read(`examples/imports/${kind}.csv`).split("\n")[0]?.split(",");
      expect(header).toEqual(IMPORT_COLUMNS[kind].map((column) => column.name));
      let rows = 0;
      for await (const row of source.rows) {
        expect(parseRow(kind, row.values), `line ${row.line}`).toHaveProperty("row");
        rows += 1;
      }
      expect(rows).toBeGreaterThan(0);
    },
  );

  it("is the README's table of columns", () => {
    const readme = read("README.md");
    const table = readme.slice(
      readme.indexOf("<!-- import-columns:start"),
      readme.indexOf("<!-- import-columns:end"),
    );
    const rows = table
      .split("\n")
      .filter(
        (line) => line.startsWith("| ") && !line.startsWith("| file") && !line.startsWith("| --"),
      )
      .map((line) =>
        line
          .split("|")
          .slice(1, -1)
          .map((cell) => cell.trim()),
      );
    expect(rows).toEqual(
      IMPORT_KINDS.flatMap((kind) =>
        IMPORT_COLUMNS[kind].map((column) => [
          kind,
          `\`${column.name}\``,
          column.required ? "yes" : "no",
          column.description,
        ]),
      ),
    );
  });
});
