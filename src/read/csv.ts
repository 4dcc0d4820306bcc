import { parse, type CsvError } from "csv-parse";
import type { Cell, RecordOrProblem, RecordProblem } from "./records.js";

export interface CsvOptions {
  /** Longest record accepted, in characters; a longer one stops the file with csv-record-too-long. */
  maxRecordLength?: number;
  /** Most fields accepted in a record (empty fields at the end of a row do not count). */
  maxFields?: number;
  /** Told the header row once it has been read, so that a file with no data rows can still be checked. */
  onHeader?: (header: CsvHeader) => void;
}

export interface CsvHeader {
  names: readonly string[];
  line: number;
}

/** A problem that also says whether it cost a data row (read and rejected) or is about the file. */
export interface CsvProblem extends RecordProblem {
  rejectsRow: boolean;
}

/**
 * No data row comes near this: a long note is a few hundred characters. A quote that is never
 * closed would otherwise swallow the rest of the file into one field.
 */
export const defaultMaxRecordLength = 100_000;
/** Excel's own limit is 16,384 columns; a data file has a handful. */
export const defaultMaxFields = 1000;

const candidateDelimiters = [",", ";", "\t"] as const;
/** Enough to hold any real header row; the delimiter is sniffed from it. */
const maxHeadLength = 65_536;

/**
 * Read CSV text chunks as records keyed by header name, streaming. Handles comma, semicolon and tab
 * delimiters (sniffed from the header, or Excel's `sep=` line), CRLF/LF/CR, quoted fields, spaces
 * around fields and a BOM. Structural problems (ragged rows, duplicate headers, an unclosed quote)
 * come out as problems with their line and column, the column being the field's number; a problem
 * that leaves the rest unreadable ends the file.
 */
export async function* readCsvRecords(chunks: AsyncIterable<string>, options: CsvOptions = {}): AsyncGenerator<RecordOrProblem> {
  const lines = normaliseLineEnds(chunks);
  try {
    yield* readRecords(lines, options);
  } finally {
    // Stopping early (a fatal problem) must still close the chunks' source.
    await lines.return(undefined);
  }
}

async function* readRecords(lines: AsyncGenerator<string>, options: CsvOptions): AsyncGenerator<RecordOrProblem> {
  const maxRecordLength = options.maxRecordLength ?? defaultMaxRecordLength;
  const maxFields = options.maxFields ?? defaultMaxFields;

  // Chunks may be tiny; the sep= line and the delimiter need the whole first line.
  let head = "";
  let exhausted = false;
  while (!head.includes("\n") && head.length < maxHeadLength) {
    const next = await lines.next();
    if (next.done) {
      exhausted = true;
      break;
    }
    head += next.value;
  }
  head = head.replace(/^\uFEFF/, "");
  if (head === "" && exhausted) {
    yield problem("csv-empty-file", "the file is empty", 1, 1, false, "the first row names the columns: indicator,area,period,value");
    return;
  }
  let nextLine = 1;

  const sepLine = head.match(/^"?sep=(.)"?(?:\n|$)/i);
  const delimiter = sepLine?.[1] ?? sniffDelimiter(head);
  if (sepLine) {
    head = head.slice(sepLine[0].length);
    nextLine = 2;
  }

  const parser = parse({
    delimiter,
    record_delimiter: "\n",
    relax_column_count: true,
    // A stray quote inside a value is kept as text; the value is then judged like any other.
    relax_quotes: true,
    skip_empty_lines: false,
    // raw, not info: line numbers come from counting each record's raw text, and info costs
    // about twice the parse itself (bench: 200k rows, 1.0 s with info, 0.34 s without).
    raw: true,
    max_record_size: maxRecordLength,
    // Spaces around a delimiter, as in `a, "b"`; spaces inside quotes are kept.
    ltrim: true,
    rtrim: true,
  });
  const pending: { record: string[]; raw: string }[] = [];
  let failure: CsvError | undefined;
  let stopped = false;
  parser.on("data", (item: { record: string[]; raw: string }) => pending.push(item));
  parser.on("error", (error: CsvError) => {
    failure = error;
  });

  let header: string[] | undefined;
  const columnOf = new Map<string, number>();

  function* drain(): Generator<RecordOrProblem> {
    for (const { record: fields, raw } of pending) {
      if (stopped) break;
      const line = nextLine;
      nextLine += countNewlines(raw);
      const record = withoutTrailingEmpties(fields, header?.length ?? 0);
      if (!header) {
        if (record.every((field) => field.trim() === "")) continue;
        if (record.length > maxFields) {
          stopped = true;
          yield problem("csv-too-many-fields", `the header row has ${record.length} columns; at most ${maxFields} are read`, line, maxFields + 1, false);
          break;
        }
        header = record.map((name) => name.trim());
        const seen = new Set<string>();
        for (const [index, name] of header.entries()) {
          if (name === "") {
            yield problem("csv-empty-header", `column ${index + 1} has no name in the header row; its values are not read`, line, index + 1, false);
          } else if (seen.has(name)) {
            yield problem("csv-duplicate-header", `column "${name}" appears twice in the header row (columns ${(columnOf.get(name) ?? 0) + 1} and ${index + 1}); only the first is read`, line, index + 1, false);
          } else {
            columnOf.set(name, index);
          }
          seen.add(name);
        }
        options.onHeader?.({ names: header, line });
        continue;
      }
      if (record.length > maxFields) {
        yield problem("csv-too-many-fields", `${record.length} fields in one row; at most ${maxFields} are read`, line, maxFields + 1, true);
        continue;
      }
      if (record.length !== header.length && !(record.length === 1 && record[0] === "")) {
        const fewer = record.length < header.length;
        yield problem(
          "csv-ragged-row",
          `${record.length} field${record.length === 1 ? "" : "s"} where the header has ${header.length} (${fewer ? "too few" : "too many"}; a ${describeDelimiter(delimiter)} inside a value must be quoted: "1,234.5")`,
          line,
          Math.min(record.length, header.length) + (fewer ? 0 : 1),
          true,
        );
        continue;
      }
      const cells = new Map<string, Cell>();
      for (const [name, index] of columnOf) {
        cells.set(name, { value: record[index] ?? "", line, column: index + 1 });
      }
      yield { line, column: 1, cells };
    }
    pending.length = 0;
  }

  parser.write(head);
  yield* drain();
  while (!failure && !stopped) {
    const next = await lines.next();
    if (next.done) break;
    parser.write(next.value);
    yield* drain();
  }
  if (stopped) {
    parser.destroy();
    return;
  }
  if (!failure) {
    parser.end();
    await new Promise<void>((resolve) => parser.once("end", resolve).once("error", () => resolve()));
  }
  yield* drain();
  if (stopped) return;
  if (failure) yield csvFailure(failure, nextLine, delimiter, maxRecordLength, header !== undefined);
  else if (!header) yield problem("csv-empty-file", "the file has only blank lines: no header row and no data", 1, 1, false, "the first row names the columns: indicator,area,period,value");
}

function csvFailure(error: CsvError, recordLine: number, delimiter: string, maxRecordLength: number, inData: boolean): CsvProblem {
  const raw = typeof (error as { raw?: unknown }).raw === "string" ? ((error as { raw?: string }).raw ?? "") : "";
  const fieldIndex = typeof (error as { index?: unknown }).index === "number" ? ((error as { index?: number }).index ?? 0) : 0;
  const scan = scanRecord(raw, delimiter);
  const openQuote = scan.openQuote;
  switch (error.code) {
    case "CSV_QUOTE_NOT_CLOSED":
      return problem(
        "csv-unclosed-quote",
        `a quoted field opened here is never closed; the rest of the file (from line ${recordLine}) cannot be read`,
        recordLine + (openQuote?.linesBefore ?? 0),
        (openQuote?.field ?? fieldIndex) + 1,
        inData,
        'close the quote, or double a quote inside a value: "say ""hi"""',
      );
    case "CSV_MAX_RECORD_SIZE":
      if (openQuote && openQuote.spansLines) {
        return problem(
          "csv-unclosed-quote",
          `a quoted field opened here runs on over more than ${maxRecordLength} characters: its closing quote is probably missing; the rest of the file is not read`,
          recordLine + openQuote.linesBefore,
          openQuote.field + 1,
          inData,
          'close the quote, or double a quote inside a value: "say ""hi"""',
        );
      }
      return problem(
        "csv-record-too-long",
        `a row longer than ${maxRecordLength} characters; the rest of the file is not read`,
        recordLine,
        fieldIndex + 1,
        inData,
        "a data row holds an indicator, an area, a period and a value; check that this is the right file",
      );
    case "CSV_INVALID_CLOSING_QUOTE":
    case "INVALID_OPENING_QUOTE":
    case "CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE":
      return problem(
        "csv-bad-quote",
        "a quote inside a field is not doubled; the rest of the file is not read",
        recordLine + scan.lines,
        fieldIndex + 1,
        inData,
        'quote the whole value and double inner quotes: "a ""b"" c"',
      );
    default:
      return problem("csv-syntax", `${error.message}; the rest of the file is not read`, recordLine + scan.lines, fieldIndex + 1, inData);
  }
}

/** Where, in the raw text of a record cut short by an error, a quoted field was left open. */
function scanRecord(raw: string, delimiter: string): { lines: number; openQuote?: { field: number; linesBefore: number; spansLines: boolean } } {
  let field = 0;
  let lines = 0;
  let quoted = false;
  let fieldStart = true;
  let openQuote: { field: number; linesBefore: number; spansLines: boolean } | undefined;
  for (let index = 0; index < raw.length; index += 1) {
    const char = raw[index];
    if (quoted) {
      if (char === '"') {
        if (raw[index + 1] === '"') index += 1;
        else {
          quoted = false;
          openQuote = undefined;
        }
      } else if (char === "\n") {
        lines += 1;
        if (openQuote) openQuote.spansLines = true;
      }
      continue;
    }
    if (char === delimiter) {
      field += 1;
      fieldStart = true;
      continue;
    }
    if (char === "\n") {
      lines += 1;
      fieldStart = true;
      continue;
    }
    if (char === '"' && fieldStart) {
      quoted = true;
      openQuote = { field, linesBefore: lines, spansLines: false };
    }
    if (char !== " " && char !== "\t") fieldStart = false;
  }
  return { lines, ...(quoted && openQuote ? { openQuote } : {}) };
}

function problem(code: string, message: string, line: number, column: number, rejectsRow: boolean, hint?: string): CsvProblem {
  return { problem: true, code, message, line, column, rejectsRow, ...(hint ? { hint } : {}) };
}

/** A row as read, less the empty fields Excel leaves at the end of rows (and of the header). */
function withoutTrailingEmpties(fields: string[], keep: number): string[] {
  let length = fields.length;
  while (length > keep && (fields[length - 1] ?? "").trim() === "") length -= 1;
  return length === fields.length ? fields : fields.slice(0, Math.max(length, keep === 0 ? 1 : keep));
}

function describeDelimiter(delimiter: string): string {
  return delimiter === "," ? "comma" : delimiter === ";" ? "semicolon" : delimiter === "\t" ? "tab" : `"${delimiter}"`;
}

/** Pick the delimiter that occurs most in the first line, outside quotes; comma on a tie. */
export function sniffDelimiter(text: string): string {
  const firstLine = text.split("\n", 1)[0] ?? "";
  const counts = new Map<string, number>(candidateDelimiters.map((delimiter) => [delimiter, 0]));
  let quoted = false;
  for (const char of firstLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && counts.has(char)) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let best = ",";
  for (const delimiter of candidateDelimiters) if ((counts.get(delimiter) ?? 0) > (counts.get(best) ?? 0)) best = delimiter;
  return best;
}

function countNewlines(raw: string): number {
  let count = 0;
  for (let index = raw.indexOf("\n"); index !== -1; index = raw.indexOf("\n", index + 1)) count += 1;
  return Math.max(count, 1);
}

/**
 * CRLF and lone CR become LF, so that csv-parse sees one record delimiter and line numbers count
 * the way editors count them. A CR at the end of a chunk waits for the next chunk's first character.
 */
async function* normaliseLineEnds(chunks: AsyncIterable<string>): AsyncGenerator<string> {
  let carry = "";
  for await (const chunk of chunks) {
    let text = carry + chunk;
    carry = "";
    if (text.endsWith("\r")) {
      carry = "\r";
      text = text.slice(0, -1);
    }
    if (text) yield text.replace(/\r\n?/g, "\n");
  }
  if (carry) yield "\n";
}
