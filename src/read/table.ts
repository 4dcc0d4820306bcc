import { footerLabel } from "../vocabulary/names.js";
import { recordProblem, type Cell, type RecordOrProblem } from "./records.js";

/**
 * Rows of a table (a CSV file or a spreadsheet's sheet) -> records keyed by header name. Shared by
 * the CSV and the xlsx readers, so that both find the header row the same way: exports from
 * government templates start with a title, a 填报单位 line or notes, and end with 填报人/审核人
 * lines; neither is data, and neither is silently dropped.
 */

/** One row as read: its fields and the line (or sheet row) it starts on. */
export interface TableRow {
  fields: readonly Cell["value"][];
  line: number;
}

export interface TableHeader {
  names: readonly string[];
  line: number;
}

export interface TableOptions {
  /** Most fields accepted in a row (empty fields at the end of a row do not count). */
  maxFields: number;
  /**
   * Whether a row's cells name the columns of a data file the caller reads. Without it the first
   * non-blank row is the header.
   */
  looksLikeHeader?: (names: readonly string[]) => boolean;
  /** The header is on this line (--header-row): the escape hatch when it is not recognised. */
  headerRow?: number;
  /** Told the header row once it has been read, so that a file with no data rows can still be checked. */
  onHeader?: (header: TableHeader) => void;
  /**
   * CSV: the message for a row with more or fewer fields than the header (a delimiter inside an
   * unquoted value), which is rejected. Undefined for a sheet, whose rows are cells in columns:
   * a short row is padded, and a value beyond the header's columns is reported and not read.
   */
  raggedMessage?: (fields: number, headerFields: number) => string;
}

/** How many non-blank rows are searched for a recognised header before the first row is taken. */
export const headerSearchRows = 20;

export class TableAssembler {
  private header: string[] | undefined;
  private readonly columnOf = new Map<string, number>();
  /** Non-blank rows above the header while it is being searched for. */
  private readonly above: TableRow[] = [];
  private readonly footers: number[] = [];
  private stopped = false;

  constructor(private readonly options: TableOptions) {}

  get hasHeader(): boolean {
    return this.header !== undefined;
  }

  /** True once a problem has made the rest unreadable. */
  get isStopped(): boolean {
    return this.stopped;
  }

  push(row: TableRow): RecordOrProblem[] {
    if (this.stopped) return [];
    if (this.header) return this.dataRow(row);
    const fields = withoutTrailingEmpties(row.fields, 0);
    if (fields.every((field) => textOf(field) === "")) return [];
    if (fields.length > this.options.maxFields) {
      this.stopped = true;
      return [recordProblem("csv-too-many-fields", `the header row has ${fields.length} columns; at most ${this.options.maxFields} are read`, row.line, this.options.maxFields + 1, { inHeader: true })];
    }
    const { headerRow, looksLikeHeader } = this.options;
    if (headerRow !== undefined) {
      if (row.line < headerRow) {
        this.above.push(row);
        return [];
      }
      return this.takeHeader(row, this.above.splice(0));
    }
    if (!looksLikeHeader || looksLikeHeader(fields.map((field) => textOf(field)))) return this.takeHeader(row, this.above.splice(0));
    this.above.push(row);
    if (this.above.length < headerSearchRows) return [];
    return this.fallBack();
  }

  /** What is left once every row has been pushed. */
  finish(): RecordOrProblem[] {
    const out = !this.header && this.above.length > 0 && !this.stopped ? this.fallBack() : [];
    if (this.footers.length > 0) {
      const lines = describeLines(this.footers);
      out.push(
        recordProblem(
          "footer-lines",
          `${lines} ${this.footers.length === 1 ? "is a sign-off line" : "are sign-off lines"} (填报人, 审核人, 联系电话, 备注 …), not data; not read`,
          this.footers[0]!,
          1,
          { inHeader: false },
        ),
      );
    }
    return out;
  }

  /** No row was recognised as the header: the first non-blank row is taken, as in a plain CSV. */
  private fallBack(): RecordOrProblem[] {
    const [first, ...rest] = this.above.splice(0);
    if (!first) return [];
    const out = this.takeHeader(first, [], true);
    for (const row of rest) out.push(...this.dataRow(row));
    return out;
  }

  private takeHeader(row: TableRow, skipped: readonly TableRow[], guessed = false): RecordOrProblem[] {
    const out: RecordOrProblem[] = [];
    const header = withoutTrailingEmpties(row.fields, 0).map((field) => textOf(field));
    this.header = header;
    const seen = new Set<string>();
    for (const [index, name] of header.entries()) {
      if (name === "") {
        out.push(recordProblem("csv-empty-header", `column ${index + 1} has no name in the header row; its values are not read`, row.line, index + 1, { inHeader: true }));
      } else if (seen.has(name)) {
        out.push(recordProblem("csv-duplicate-header", `column "${name}" appears twice in the header row (columns ${(this.columnOf.get(name) ?? 0) + 1} and ${index + 1}); only the first is read`, row.line, index + 1, { inHeader: true }));
      } else {
        this.columnOf.set(name, index);
      }
      seen.add(name);
    }
    if (skipped.length > 0 && !guessed) {
      const first = skipped.map((above) => above.fields.map((field) => textOf(field)).find((text) => text !== "") ?? "").find((text) => text !== "") ?? "";
      out.push(
        recordProblem(
          "header-not-first",
          `the header row is line ${row.line}; ${describeLines(skipped.map((above) => above.line))} above it (${quoteShort(first)}${skipped.length > 1 ? " …" : ""}) ${skipped.length === 1 ? "is a title or a note" : "are a title or notes"}, not data; not read`,
          row.line,
          1,
          { inHeader: false, hint: "--header-row N names the header line when another line is taken for it" },
        ),
      );
    }
    this.options.onHeader?.({ names: header, line: row.line });
    return out;
  }

  private dataRow(row: TableRow): RecordOrProblem[] {
    const header = this.header!;
    const fields = withoutTrailingEmpties(row.fields, header.length);
    const firstText = firstNonBlank(fields);
    if (firstText !== undefined && mayBeFooter(firstText) && footerLabel(firstText) !== undefined) {
      this.footers.push(row.line);
      return [];
    }
    if (fields.length > this.options.maxFields) {
      return [recordProblem("csv-too-many-fields", `${fields.length} fields in one row; at most ${this.options.maxFields} are read`, row.line, this.options.maxFields + 1, { inHeader: false })];
    }
    const out: RecordOrProblem[] = [];
    const blank = fields.length === 1 && textOf(fields[0] ?? null) === "";
    if (fields.length !== header.length && !blank) {
      const ragged = this.options.raggedMessage;
      if (ragged) {
        const fewer = fields.length < header.length;
        return [recordProblem("csv-ragged-row", ragged(fields.length, header.length), row.line, Math.min(fields.length, header.length) + (fewer ? 0 : 1), { inHeader: false })];
      }
      for (let index = header.length; index < fields.length; index += 1) {
        if (textOf(fields[index] ?? null) === "") continue;
        out.push(recordProblem("cell-outside-header", `a value (${quoteShort(textOf(fields[index] ?? null))}) in column ${index + 1}, which has no header; it is not read`, row.line, index + 1, { inHeader: false }));
      }
    }
    const cells = new Map<string, Cell>();
    for (const [name, index] of this.columnOf) {
      cells.set(name, { value: fields[index] ?? "", line: row.line, column: index + 1 });
    }
    out.push({ line: row.line, column: 1, cells });
    return out;
  }
}

function firstNonBlank(fields: readonly Cell["value"][]): string | undefined {
  for (const field of fields) {
    const text = textOf(field);
    if (text !== "") return text;
  }
  return undefined;
}

/** A sign-off label opens with a CJK character, a space, * or ※ (see footerLabel); a digit or Latin letter opens none. */
function mayBeFooter(text: string): boolean {
  const code = text.charCodeAt(0);
  return !((code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a));
}

function textOf(value: Cell["value"]): string {
  if (value === null || typeof value === "object") return "";
  return String(value).trim();
}

function quoteShort(text: string): string {
  const chars = [...text];
  return `"${chars.length > 24 ? `${chars.slice(0, 24).join("")}…` : text}"`;
}

/** "line 1", "lines 1-2", "lines 1, 3 and 5-7". */
function describeLines(lines: readonly number[]): string {
  const runs: string[] = [];
  for (let index = 0; index < lines.length; ) {
    let end = index;
    while (end + 1 < lines.length && lines[end + 1] === lines[end]! + 1) end += 1;
    runs.push(end === index ? `${lines[index]}` : `${lines[index]}-${lines[end]}`);
    index = end + 1;
  }
  const listed = runs.length > 6 ? [...runs.slice(0, 6), "…"] : runs;
  const text = listed.length > 1 ? `${listed.slice(0, -1).join(", ")} and ${listed.at(-1)}` : listed[0]!;
  return `line${lines.length === 1 ? "" : "s"} ${text}`;
}

/** A row as read, less the empty fields Excel leaves at the end of rows (and of the header). */
export function withoutTrailingEmpties<T extends Cell["value"]>(fields: readonly T[], keep: number): T[] {
  let length = fields.length;
  while (length > keep && textOf(fields[length - 1] ?? null) === "") length -= 1;
  return length === fields.length ? [...fields] : fields.slice(0, Math.max(length, keep === 0 ? 1 : keep));
}
