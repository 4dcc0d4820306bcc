import { parse, type CsvError, type Info } from "csv-parse";
import type { Cell, RecordOrProblem } from "./records.js";

export interface CsvOptions {
  /** Longest record accepted, in characters; a longer one stops the file with csv-record-too-long. */
  maxRecordLength?: number;
  /** Most fields accepted in a record. */
  maxFields?: number;
}

const candidateDelimiters = [",", ";", "\t"] as const;

/**
 * Read CSV text chunks as records keyed by header name, streaming. Handles comma, semicolon and tab
 * delimiters (sniffed from the header, or Excel's `sep=` line), CRLF/LF/CR, quoted fields and a BOM.
 * Structural problems (ragged rows, duplicate headers, an unclosed quote) come out as problems with
 * their line and column; a problem that leaves the rest unreadable ends the file.
 */
export async function* readCsvRecords(chunks: AsyncIterable<string>, options: CsvOptions = {}): AsyncGenerator<RecordOrProblem> {
  const maxRecordLength = options.maxRecordLength ?? 1_000_000;
  const maxFields = options.maxFields ?? 1000;
  const lines = normaliseLineEnds(chunks);
  const first = await lines.next();
  if (first.done) return;
  let head = first.value.replace(/^\uFEFF/, "");
  let nextLine = 1;

  const sepLine = head.match(/^sep=(.)\n/i);
  const delimiter = sepLine?.[1] ?? sniffDelimiter(head);
  if (sepLine) {
    head = head.slice(sepLine[0].length);
    nextLine = 2;
  }

  const parser = parse({
    delimiter,
    record_delimiter: "\n",
    relax_column_count: true,
    skip_empty_lines: false,
    info: true,
    raw: true,
    max_record_size: maxRecordLength,
    trim: false,
  });
  const pending: { record: string[]; info: Info & { raw?: string } }[] = [];
  let failure: CsvError | undefined;
  parser.on("data", (item: { record: string[]; info: Info & { raw?: string } }) => pending.push(item));
  parser.on("error", (error: CsvError) => {
    failure = error;
  });

  let header: string[] | undefined;
  const columnOf = new Map<string, number>();

  function* drain(): Generator<RecordOrProblem> {
    for (const { record, info } of pending) {
      const line = nextLine;
      nextLine += countNewlines(info.raw ?? "\n");
      if (record.length > maxFields) {
        yield problem("csv-too-many-fields", `${record.length} fields in one row; at most ${maxFields} are accepted`, line, 1);
        continue;
      }
      if (!header) {
        if (record.every((field) => field.trim() === "")) continue;
        header = record.map((name) => name.trim());
        const seen = new Set<string>();
        for (const [index, name] of header.entries()) {
          if (name === "") {
            yield problem("csv-empty-header", `column ${index + 1} has no name in the header row`, line, index + 1);
          } else if (seen.has(name)) {
            yield problem("csv-duplicate-header", `column "${name}" appears twice in the header row; the first is used`, line, index + 1);
          } else {
            columnOf.set(name, index);
          }
          seen.add(name);
        }
        continue;
      }
      if (record.length !== header.length && !(record.length === 1 && record[0] === "")) {
        const fewer = record.length < header.length;
        yield problem(
          "csv-ragged-row",
          `${record.length} field${record.length === 1 ? "" : "s"} where the header has ${header.length} (${fewer ? "too few" : "too many"}; a comma inside a value must be quoted)`,
          line,
          Math.min(record.length, header.length) + (fewer ? 0 : 1),
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
  while (!failure) {
    const next = await lines.next();
    if (next.done) break;
    parser.write(next.value);
    yield* drain();
  }
  if (!failure) {
    parser.end();
    await new Promise<void>((resolve) => parser.once("end", resolve).once("error", () => resolve()));
  }
  yield* drain();
  if (failure) yield csvFailure(failure, nextLine, maxRecordLength);
  else if (!header) yield problem("csv-empty-file", "the file has no header row and no data", 1, 1, "the first row names the columns: indicator,area,period,value");
}

function csvFailure(error: CsvError, line: number, maxRecordLength: number): RecordOrProblem {
  switch (error.code) {
    case "CSV_QUOTE_NOT_CLOSED":
      return problem("csv-unclosed-quote", "a quoted field opened here is never closed; the rest of the file cannot be read", line, 1, 'close the quote, or double a quote inside a value: "say ""hi"""');
    case "CSV_MAX_RECORD_SIZE":
      return problem("csv-record-too-long", `a row longer than ${maxRecordLength} characters; the rest of the file is not read`, line, 1);
    case "CSV_INVALID_CLOSING_QUOTE":
      return problem("csv-bad-quote", "a quote inside an unquoted or quoted field is not doubled; the rest of the file is not read", line, 1, 'quote the whole value and double inner quotes: "a ""b"" c"');
    default:
      return problem("csv-syntax", `${error.message}; the rest of the file is not read`, line, 1);
  }
}

function problem(code: string, message: string, line: number, column: number, hint?: string): RecordOrProblem {
  return { problem: true, code, message, line, column, ...(hint ? { hint } : {}) };
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
