import { nameKey } from "../vocabulary/names.js";
import type { Cell } from "./records.js";
import type { TableRow } from "./table.js";

/**
 * Excel workbooks (.xlsx, and .xlsm without running its macros): every sheet, or the one --sheet
 * names, as rows for the table assembler. read-excel-file does the reading (fflate, which it
 * unzips with, also lists the zip's directory first to bound what it unpacks to).
 */

export interface XlsxLimits {
  /** Largest workbook file read. */
  maxBytes: number;
  /** Most bytes its XML parts may unpack to, as the zip's directory declares them. */
  maxUnpackedBytes: number;
  /** Most cells (filled or not, as the sheets' rows hold them) over all sheets read. */
  maxCells: number;
}

/**
 * A monthly drop is a few hundred kB; a year of hourly readings for every station of the city
 * (12 stations x 8,760 hours x 10 columns) is about a million cells and 20 MB of XML. Fflate
 * inflates each part into a buffer of the size the directory declares and no larger, so a zip
 * bomb is refused before any of it is unpacked.
 */
export const defaultXlsxLimits: XlsxLimits = {
  maxBytes: 50 * 1024 * 1024,
  maxUnpackedBytes: 300 * 1024 * 1024,
  maxCells: 5_000_000,
};

export interface Sheet {
  name: string;
  /** 1-based position in the workbook. */
  number: number;
  rows: TableRow[];
}

export type WorkbookRead = { ok: true; sheets: Sheet[] } | { ok: false; code: "xlsx-too-large" | "xlsx-unreadable" | "xlsx-no-such-sheet"; message: string; hint?: string };

/** Read a workbook's bytes; `sheet` is a sheet's name or its 1-based number. */
export async function readWorkbook(bytes: Uint8Array, sheet?: string, limits: XlsxLimits = defaultXlsxLimits): Promise<WorkbookRead> {
  if (bytes.length > limits.maxBytes) {
    return { ok: false, code: "xlsx-too-large", message: `the workbook is ${megabytes(bytes.length)}; at most ${megabytes(limits.maxBytes)} is read`, hint: "save the sheet that holds the data as CSV, or split the workbook" };
  }
  // Both libraries are loaded only when a workbook is read: a run over CSV files never loads them.
  const { unzipSync } = await import("fflate");
  let unpacked = 0;
  try {
    // Only the directory is walked here: the filter declines every part, so nothing is inflated.
    unzipSync(bytes, {
      filter: (file) => {
        if (/\.(xml|rels)$/i.test(file.name)) unpacked += file.originalSize;
        return false;
      },
    });
  } catch {
    return { ok: false, code: "xlsx-unreadable", message: "this is not an Excel workbook (.xlsx): it is not a zip archive, or the archive is damaged", hint: "open it in Excel or WPS and save it again as .xlsx or CSV" };
  }
  if (unpacked > limits.maxUnpackedBytes) {
    return {
      ok: false,
      code: "xlsx-too-large",
      message: `the workbook unpacks to ${megabytes(unpacked)} of XML; at most ${megabytes(limits.maxUnpackedBytes)} is read`,
      hint: "save the sheet that holds the data as CSV, or split the workbook",
    };
  }

  const { default: readXlsxFile } = await import("read-excel-file/universal");
  let sheets: { sheet: string; data: unknown[][] }[];
  try {
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    sheets = (await readXlsxFile(buffer)) as unknown as { sheet: string; data: unknown[][] }[];
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/`/g, "") : String(error);
    return { ok: false, code: "xlsx-unreadable", message: `the workbook cannot be read (${reason})`, hint: "open it in Excel or WPS and save it again as .xlsx or CSV" };
  }

  const numbered = sheets.map((entry, index) => ({ name: entry.sheet, number: index + 1, data: entry.data }));
  const chosen = sheet === undefined ? numbered : numbered.filter((entry) => matchesSheet(entry, sheet));
  if (chosen.length === 0) {
    return {
      ok: false,
      code: "xlsx-no-such-sheet",
      message: `the workbook has no sheet "${sheet}"; its sheets are ${numbered.map((entry) => `${entry.number} "${entry.name}"`).join(", ")}`,
      hint: "--sheet takes a sheet's name or its number, counting from 1",
    };
  }
  let cells = 0;
  for (const entry of chosen) for (const row of entry.data) cells += row.length;
  if (cells > limits.maxCells) {
    return { ok: false, code: "xlsx-too-large", message: `the sheets read hold ${cells} cells; at most ${limits.maxCells} are read`, hint: "name the sheet that holds the data with --sheet, or save it as CSV" };
  }
  return { ok: true, sheets: chosen.map((entry) => ({ name: entry.name, number: entry.number, rows: sheetRows(entry.data) })) };
}

function matchesSheet(entry: { name: string; number: number }, wanted: string): boolean {
  const text = wanted.trim();
  return /^\d+$/.test(text) ? entry.number === Number(text) : nameKey(entry.name) === nameKey(text);
}

function megabytes(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

/** Headers under which a date cell on the first of a month stands for the month (月份: 2025年6月 typed into Excel). */
const monthHeaders = new Set(["月份", "月", "month", "统计月份", "报送月份", "期间", "统计期", "所属月份"].map(nameKey));
/** How far down a sheet a month header is looked for. */
const headerSearchDepth = 20;

/**
 * A sheet's rows with each cell as the table assembler takes it. A date cell (Excel stores the
 * wall-clock date and time, which read-excel-file returns as that instant in UTC) becomes the
 * China Standard Time date or time it shows, written as text, so nothing depends on the machine's
 * time zone: 2025-06-15, or 2025-06-15 13:00:00 with a time. Excel turns "2025年6月" typed into a
 * cell into the date 2025-06-01, so a column of first-of-month dates is read as months when its
 * header names a month (月份) or when it holds two or more different months.
 */
function sheetRows(data: readonly unknown[][]): TableRow[] {
  const monthColumns = monthLikeColumns(data);
  return data.map((row, index) => ({
    line: index + 1,
    fields: row.map((value, column) => cellValue(value, monthColumns.has(column))),
  }));
}

function cellValue(value: unknown, asMonth: boolean): Cell["value"] {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (value instanceof Date) return wallClockText(value, asMonth);
  return String(value);
}

function wallClockText(date: Date, asMonth: boolean): string {
  // Excel keeps seconds as a fraction of a day; round away the binary noise.
  const rounded = new Date(Math.round(date.getTime() / 1000) * 1000);
  const iso = rounded.toISOString();
  if (iso.slice(11, 19) === "00:00:00") return asMonth ? iso.slice(0, 7) : iso.slice(0, 10);
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

function monthLikeColumns(data: readonly unknown[][]): Set<number> {
  const months = new Map<number, Set<string> | undefined>();
  const named = new Set<number>();
  for (const [rowIndex, row] of data.entries()) {
    for (const [column, value] of row.entries()) {
      if (rowIndex < headerSearchDepth && typeof value === "string" && monthHeaders.has(nameKey(value))) named.add(column);
      if (!(value instanceof Date)) continue;
      const iso = value.toISOString();
      const firstOfMonth = iso.slice(8, 10) === "01" && iso.slice(11, 19) === "00:00:00";
      if (!firstOfMonth) months.set(column, undefined);
      else if (!months.has(column) || months.get(column) !== undefined) months.set(column, (months.get(column) ?? new Set()).add(iso.slice(0, 7)));
    }
  }
  const columns = new Set<number>();
  for (const [column, seen] of months) if (seen && (named.has(column) || seen.size >= 2)) columns.add(column);
  return columns;
}
