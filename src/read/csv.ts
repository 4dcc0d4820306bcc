import type { IssueCode } from "../vocabulary/catalogue.js";
import { parse, type CsvError } from "csv-parse";
import { recordProblem, type RecordOrProblem, type RecordProblem } from "./records.js";
import { TableAssembler, type TableHeader, type TableOptions } from "./table.js";

export interface CsvOptions {
  /** Longest record accepted, in characters; a longer one stops the file with csv-record-too-long. */
  maxRecordLength?: number;
  /** Most fields accepted in a record (empty fields at the end of a row do not count). */
  maxFields?: number;
  /** Told the header row once it has been read, so that a file with no data rows can still be checked. */
  onHeader?: (header: CsvHeader) => void;
  /** How the header row is recognised under a title or notes (see TableAssembler). */
  looksLikeHeader?: TableOptions["looksLikeHeader"];
  /** The header is on this line (--header-row). */
  headerRow?: number;
  /** Data lines offered to a kind's own reader before they become records (see LineTap). */
  lines?: LineTap;
  /** Every line through csv-parse: the reference that the line splitter is tested against. */
  referenceParser?: boolean;
}

/**
 * A kind that reads simple data lines faster than records (the hourly air readings) sets take;
 * the reader then offers it each data line while lines are simple (no quotes), and a line it
 * declines (returns false for) becomes a record as usual. A line taken is the kind's to count.
 */
export class LineTap {
  /** The file's delimiter, set by the reader before the first line is offered. */
  delimiter = ",";
  take: ((text: string, start: number, end: number, line: number) => boolean) | undefined;
  /** Lines taken so far. */
  taken = 0;
}

export type CsvHeader = TableHeader;

/**
 * No data row comes near this: a long note is a few hundred characters. A quote that is never
 * closed would otherwise swallow the rest of the file into one field.
 */
export const defaultMaxRecordLength = 100_000;
/**
 * Excel's own limit is 16,384 columns. A data file has a handful, except CNEMC's national hourly
 * files, which have a column per station (about 2,000).
 */
export const defaultMaxFields = 4000;

const candidateDelimiters = [",", ";", "\t"] as const;
/** Lines the delimiter is sniffed from: a template's title and notes, and its header. */
const sniffLines = 12;
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

  // Chunks may be tiny; the sep= line and the delimiter need whole lines: the first few, since a
  // title line above the header may hold no delimiter at all.
  let head = "";
  let exhausted = false;
  // A decoding error past the first line waits until the lines before it have been read as rows.
  let deferred: { error: unknown } | undefined;
  while (countLines(head) <= sniffLines && head.length < maxHeadLength) {
    let next: IteratorResult<string>;
    try {
      next = await lines.next();
    } catch (error) {
      if (!head.includes("\n")) throw error;
      deferred = { error };
      break;
    }
    if (next.done) {
      exhausted = true;
      break;
    }
    head += next.value;
  }
  head = head.replace(/^\uFEFF/, "");
  if (head === "" && exhausted) {
    yield problem("csv-empty-file", "the file is empty", 1, 1, true, "the first row names the columns: indicator,area,period,value");
    return;
  }
  let nextLine = 1;

  const sepLine = head.match(/^"?sep=(.)"?(?:\n|$)/i);
  const delimiter = sepLine?.[1] ?? sniffDelimiter(head);
  if (sepLine) {
    head = head.slice(sepLine[0].length);
    nextLine = 2;
  }

  const table = new TableAssembler({
    maxFields,
    ...(options.looksLikeHeader ? { looksLikeHeader: options.looksLikeHeader } : {}),
    ...(options.headerRow !== undefined ? { headerRow: options.headerRow } : {}),
    ...(options.onHeader ? { onHeader: options.onHeader } : {}),
    raggedMessage: (fields, headerFields) => {
      const fewer = fields < headerFields;
      return `${fields} field${fields === 1 ? "" : "s"} where the header has ${headerFields} (${fewer ? "too few" : "too many"}; a ${describeDelimiter(delimiter)} inside a value must be quoted: "1,234.5")`;
    },
  });
  if (options.lines) options.lines.delimiter = delimiter;

  // Lines are cut here while they are simple (see splitLine); from the first line that is not,
  // csv-parse reads the rest of the file, quotes spanning lines and all.
  let rest = head;
  if (!options.referenceParser) {
    const simple = yield* readSimpleLines();
    if (simple.done) return;
    rest = simple.rest;
  }

  async function* readSimpleLines(): AsyncGenerator<RecordOrProblem, { done: true } | { done: false; rest: string }> {
    const delimiterCode = delimiter.charCodeAt(0);
    // A record's size limit counts UTF-8 bytes: a line whose bytes may reach it is left to csv-parse.
    const longest = Math.floor((maxRecordLength - 8) / 3);
    let text = head;
    let ended = false;
    for (;;) {
      let start = 0;
      for (let end = text.indexOf("\n"); end !== -1 || (ended && start < text.length); end = text.indexOf("\n", start)) {
        const lineEnd = end === -1 ? text.length : end;
        if (end === -1 && isBlankTail(text, start, delimiterCode)) break;
        // Before any kind takes it: a line that may pass the record limit is csv-parse's to judge.
        if (lineEnd - start > longest) return { done: false, rest: text.slice(start) };
        const take = table.hasHeader ? options.lines?.take : undefined;
        if (take && take(text, start, lineEnd, nextLine)) {
          options.lines!.taken += 1;
          nextLine += 1;
          start = lineEnd + 1;
          continue;
        }
        const fields = splitLine(text, start, lineEnd, delimiterCode);
        if (!fields) return { done: false, rest: text.slice(start) };
        yield* table.push({ fields, line: nextLine });
        nextLine += 1;
        start = lineEnd + 1;
        if (table.isStopped) return { done: true };
      }
      if (ended) break;
      // A line still without its end past the limit: waiting for a newline that may never come
      // would search an ever longer text again and again.
      if (text.length - start > longest) return { done: false, rest: text.slice(start) };
      text = start === 0 ? text : text.slice(start);
      if (deferred) throw deferred.error;
      const next = await lines.next();
      if (next.done) ended = true;
      else text += next.value;
    }
    yield* table.finish();
    if (!table.hasHeader) yield problem("csv-empty-file", "the file has only blank lines: no header row and no data", 1, 1, true, "the first row names the columns: indicator,area,period,value");
    return { done: true };
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

  function* drain(): Generator<RecordOrProblem> {
    for (const { record: fields, raw } of pending) {
      if (stopped) break;
      const line = nextLine;
      nextLine += countNewlines(raw);
      yield* table.push({ fields, line });
      if (table.isStopped) stopped = true;
    }
    pending.length = 0;
  }

  parser.write(rest);
  yield* drain();
  while (!failure && !stopped) {
    if (deferred) throw deferred.error;
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
  yield* table.finish();
  if (failure) yield csvFailure(failure, nextLine, delimiter, maxRecordLength, table.hasHeader);
  else if (!table.hasHeader) yield problem("csv-empty-file", "the file has only blank lines: no header row and no data", 1, 1, true, "the first row names the columns: indicator,area,period,value");
}

const quoteCode = 0x22;

/**
 * Where each field of a simple line (no quote anywhere) starts and ends once trimmed, into bounds
 * (start, end pairs); false when the line has a quote or not exactly count fields. Bounds are the
 * fields splitLine gives, without making strings of them.
 */
export function simpleFieldBounds(text: string, start: number, end: number, delimiterCode: number, bounds: Int32Array, count: number): boolean {
  let field = 0;
  let fieldStart = start;
  for (let index = start; ; index += 1) {
    const code = index < end ? text.charCodeAt(index) : delimiterCode;
    if (code === quoteCode) return false;
    if (code !== delimiterCode) continue;
    if (field === count) return false;
    let from = fieldStart;
    let to = index;
    while (from < to && isTrimmable(text.charCodeAt(from))) from += 1;
    while (to > from && isTrimmable(text.charCodeAt(to - 1))) to -= 1;
    bounds[2 * field] = from;
    bounds[2 * field + 1] = to;
    field += 1;
    if (index >= end) return field === count;
    fieldStart = index + 1;
  }
}

/**
 * text.slice(from, to) that does not keep text alive: V8 makes a longer slice a view into its
 * parent, and a cell kept for the run (a time in a cache, a name) would hold a whole chunk.
 */
export function detached(text: string, from: number, to: number): string {
  return to - from < 13 ? text.slice(from, to) : (" " + text.slice(from, to)).slice(1);
}

function isSpaceOrTab(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

/** A last line without a line end that holds only spaces (no delimiter): csv-parse makes no record of it. */
function isBlankTail(text: string, start: number, delimiterCode: number): boolean {
  for (let index = start; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === delimiterCode || !isTrimmable(code)) return false;
  }
  return true;
}

/**
 * What csv-parse trims around a field under ltrim/rtrim, which is also what String.prototype.trim
 * removes: ASCII space and tab to CR, NBSP, the Unicode spaces, the line and paragraph separators
 * and the BOM.
 */
function isTrimmable(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

/**
 * The fields of one line as csv-parse gives them (trimmed; a field wholly in quotes without
 * quotes inside loses its quotes), or undefined when the line holds any other quote: that line
 * and the rest of the file go to csv-parse, which knows quoted delimiters and line breaks.
 */
export function splitLine(text: string, start: number, end: number, delimiterCode: number): string[] | undefined {
  const fields: string[] = [];
  let fieldStart = start;
  let quotes = 0;
  for (let index = start; ; index += 1) {
    const code = index < end ? text.charCodeAt(index) : delimiterCode;
    if (code === quoteCode) {
      quotes += 1;
      continue;
    }
    if (code !== delimiterCode) continue;
    let from = fieldStart;
    let to = index;
    if (quotes === 0) {
      while (from < to && isTrimmable(text.charCodeAt(from))) from += 1;
      while (to > from && isTrimmable(text.charCodeAt(to - 1))) to -= 1;
      fields.push(detached(text, from, to));
    } else {
      // Around quotes only spaces and tabs are taken: other spaces there are csv-parse's to judge.
      while (from < to && isSpaceOrTab(text.charCodeAt(from))) from += 1;
      while (to > from && isSpaceOrTab(text.charCodeAt(to - 1))) to -= 1;
      if (quotes !== 2 || to - from < 2 || text.charCodeAt(from) !== quoteCode || text.charCodeAt(to - 1) !== quoteCode) return undefined;
      fields.push(detached(text, from + 1, to - 1));
    }
    if (index >= end) return fields;
    fieldStart = index + 1;
    quotes = 0;
  }
}

function csvFailure(error: CsvError, recordLine: number, delimiter: string, maxRecordLength: number, inData: boolean): RecordProblem {
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
        !inData,
        'close the quote, or double a quote inside a value: "say ""hi"""',
      );
    case "CSV_MAX_RECORD_SIZE":
      if (openQuote && openQuote.spansLines) {
        return problem(
          "csv-unclosed-quote",
          `a quoted field opened here runs on over more than ${maxRecordLength} characters: its closing quote is probably missing; the rest of the file is not read`,
          recordLine + openQuote.linesBefore,
          openQuote.field + 1,
          !inData,
          'close the quote, or double a quote inside a value: "say ""hi"""',
        );
      }
      return problem(
        "csv-record-too-long",
        `a row longer than ${maxRecordLength} characters; the rest of the file is not read`,
        recordLine,
        fieldIndex + 1,
        !inData,
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
        !inData,
        'quote the whole value and double inner quotes: "a ""b"" c"',
      );
    default:
      return problem("csv-syntax", `${error.message}; the rest of the file is not read`, recordLine + scan.lines, fieldIndex + 1, !inData);
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

/** A CSV problem always says whether it stands in the header (see RecordProblem.inHeader). */
function problem(code: IssueCode, message: string, line: number, column: number, inHeader: boolean, hint?: string): RecordProblem {
  return recordProblem(code, message, line, column, { inHeader, hint });
}

function describeDelimiter(delimiter: string): string {
  return delimiter === "," ? "comma" : delimiter === ";" ? "semicolon" : delimiter === "\t" ? "tab" : `"${delimiter}"`;
}

/**
 * Pick the delimiter that occurs most often in one line, outside quotes, over the first few lines
 * (the header has the most; a title line above it may have none); comma on a tie.
 */
export function sniffDelimiter(text: string): string {
  const counts = new Map<string, number>(candidateDelimiters.map((delimiter) => [delimiter, 0]));
  for (const line of text.split("\n", sniffLines)) {
    const inLine = new Map<string, number>();
    let quoted = false;
    for (const char of line) {
      if (char === '"') quoted = !quoted;
      else if (!quoted && counts.has(char)) inLine.set(char, (inLine.get(char) ?? 0) + 1);
    }
    for (const [delimiter, count] of inLine) counts.set(delimiter, Math.max(counts.get(delimiter) ?? 0, count));
  }
  let best = ",";
  for (const delimiter of candidateDelimiters) if ((counts.get(delimiter) ?? 0) > (counts.get(best) ?? 0)) best = delimiter;
  return best;
}

function countLines(text: string): number {
  let count = 0;
  for (let index = text.indexOf("\n"); index !== -1; index = text.indexOf("\n", index + 1)) count += 1;
  return count;
}

function countNewlines(raw: string): number {
  return Math.max(countLines(raw), 1);
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
