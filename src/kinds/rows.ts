import { issue, type IssueCode } from "../vocabulary/catalogue.js";
import type { PlanLookup } from "../plan/lookup.js";
import type { Area } from "../plan/schema.js";
import type { Cell, DataRecord } from "../read/records.js";
import type { Issue, Location } from "../vocabulary/issues.js";
import { memoise } from "../vocabulary/memoise.js";
import { matchColumns } from "../vocabulary/names.js";
import type { RowSink } from "./kind.js";

/**
 * The row kit: what every reader of a kind does with each record, written once. eachRow counts the
 * row, skips it when blank, matches the columns on the first record, rejects every row while a
 * required column is missing, and otherwise hands the row to the kind, which ends it with
 * row.reject(...), sink.used() or sink.skip().
 */

/** One data row, with its cells by canonical column. */
export interface Row<C extends string> {
  record: DataRecord;
  file: string;
  /** The header this file uses for a column, if it has one. */
  header(column: C): string | undefined;
  cell(column: C): Cell | undefined;
  /** The cell's text, trimmed; "" for a missing, empty or nested cell. */
  text(column: C): string;
  /** Where a column's cell stood, or the row when the file has no such column. */
  at(column: C): Location;
  /** Reject the row for a problem in one column. */
  reject(code: IssueCode, message: string, column: C | Cell | undefined, hint?: string): void;
}

export interface RowColumns<C extends string> {
  /** Header spellings of each canonical column. */
  spellings: Record<C, readonly string[]>;
  /** How headers are matched to spellings; matchColumns unless the kind reads units in headers. */
  match?: (headers: readonly string[], spellings: Record<C, readonly string[]>) => Map<C, string>;
  /** What a file without which no row can be read lacks, described for a person; empty when nothing is. */
  missing?: (columns: Map<C, string>, headers: readonly string[]) => readonly string[];
  /** The hint beside a missing-column problem. */
  missingHint?: string;
}

/** Reads every record of one file through the row protocol; returns the columns matched (none for an empty file). */
export async function eachRow<C extends string>(
  records: AsyncIterable<DataRecord>,
  sink: RowSink,
  columnsOf: RowColumns<C>,
  read: (row: Row<C>) => void | Promise<void>,
): Promise<Map<C, string> | undefined> {
  let columns: Map<C, string> | undefined;
  let missing: readonly string[] = [];
  for await (const record of records) {
    sink.read();
    if (!columns) {
      const headers = [...record.cells.keys()];
      columns = (columnsOf.match ?? matchColumns)(headers, columnsOf.spellings);
      missing = columnsOf.missing?.(columns, headers) ?? [];
    }
    if (isBlank(record)) {
      sink.skip();
      continue;
    }
    if (missing.length > 0) {
      sink.reject(missingColumns(sink.file, record, missing, columnsOf.missingHint ?? ""));
      continue;
    }
    await read(rowOf(record, columns, sink));
  }
  return columns;
}

function rowOf<C extends string>(record: DataRecord, columns: Map<C, string>, sink: RowSink): Row<C> {
  const cell = (column: C) => {
    const header = columns.get(column);
    return header === undefined ? undefined : record.cells.get(header);
  };
  return {
    record,
    file: sink.file,
    header: (column) => columns.get(column),
    cell,
    text: (column) => cellText(cell(column)),
    at: (column) => locate(sink.file, record, cell(column)),
    reject(code, message, column, hint) {
      const at = typeof column === "string" ? cell(column) : column;
      sink.reject(issue(code, message, { location: locate(sink.file, record, at), hint }));
    },
  };
}

/**
 * The plan's areas by the names a file writes. A name is looked up, and an unknown one given its
 * did-you-mean, once per distinct spelling however many rows repeat it.
 */
export interface AreaNames {
  find(text: string): Area | undefined;
  /** `unknown area "x" (did you mean "y"?)` */
  unknown(text: string): string;
  /** How to name an area, with examples from the plan. */
  hint: string;
  city: Area;
}

export function areaNames(lookup: PlanLookup): AreaNames {
  return {
    find: lookup.findArea,
    unknown: memoise((text) => `unknown area "${text}"${lookup.suggestArea(text)}`),
    hint: lookup.areaHint,
    city: lookup.city,
  };
}

export function cellText(cell: Cell | undefined): string {
  if (!cell || cell.value === null) return "";
  if (typeof cell.value === "object") return "";
  return String(cell.value).trim();
}

export function isBlank(record: DataRecord): boolean {
  for (const cell of record.cells.values()) if (cellText(cell) !== "") return false;
  return true;
}

/** Where a cell stood, or its record when the cell is missing. */
export function locate(file: string, record: DataRecord, cell: Cell | undefined): Location {
  return cell ? { file, line: cell.line, column: cell.column } : { file, line: record.line, column: record.column };
}

export function missingColumns(file: string, record: DataRecord, missing: readonly string[], hint: string): Issue {
  return issue("missing-column", `required column${missing.length > 1 ? "s" : ""} missing: ${missing.join("; ")}`, { location: { file, line: record.line, column: 1 }, hint });
}
