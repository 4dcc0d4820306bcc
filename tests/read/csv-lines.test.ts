import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readCsvRecords, splitLine, type CsvOptions } from "../../src/read/csv.js";
import type { RecordOrProblem } from "../../src/read/records.js";

/**
 * The line splitter that reads simple lines must give exactly what csv-parse gives (the reference
 * parser) on any text: the same records, cells, lines, columns and problems, and the same header.
 */

async function* chunked(text: string, size: number): AsyncGenerator<string> {
  for (let start = 0; start < text.length; start += size) yield text.slice(start, start + size);
}

async function readAll(text: string, chunk: number, options: CsvOptions): Promise<{ items: RecordOrProblem[]; header: unknown }> {
  let header: unknown;
  const items: RecordOrProblem[] = [];
  for await (const item of readCsvRecords(chunked(text, chunk), { ...options, onHeader: (found) => (header = found) })) items.push(item);
  return { items, header };
}

/** Pieces that make CSV hard: delimiters, quotes, every kind of space csv-parse trims, line ends, a BOM, CJK. */
const piece = fc.constantFrom(
  "a", "b", "12", "3.5", "中原区", "郑州", "PM2.5", "time", "station", "",
  ",", ",", ",", ";", "\t", '"', '""', " ", "  ", "\u3000", "\u00a0", "\u2003", "\uFEFF", "\f", "\v",
  "\n", "\n", "\r\n", "\r", "\n\n", "sep=;\n", "填报人：张三", "x\u0085",
);
const csvText = fc.array(piece, { maxLength: 80 }).map((pieces) => pieces.join(""));
/** Mostly well-formed tables, so that the header and data paths are reached often. */
const table = fc
  .tuple(
    fc.constantFrom(",", ";", "\t"),
    fc.array(fc.array(fc.oneof(fc.constantFrom("1", "2.5", "", " 7 ", '"q"', '" s "', '"a,b"', '"x""y"', "中", "\u3000z", "\uFEFFw"), fc.string({ maxLength: 4 })), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 8 }),
    fc.constantFrom("\n", "\r\n", "\r"),
    fc.boolean(),
  )
  .map(([delimiter, rows, end, bom]) => `${bom ? "\uFEFF" : ""}${rows.map((row) => row.join(delimiter)).join(end)}${end}`);

const options = fc.record({
  maxRecordLength: fc.constantFrom(undefined, 12, 40, 200),
  maxFields: fc.constantFrom(undefined, 2, 4),
  headerRow: fc.constantFrom(undefined, undefined, 1, 2, 3),
});

describe("the line splitter reads what csv-parse reads", () => {
  it.each([
    ["any text", csvText],
    ["tables", table],
  ])("%s", async (_, texts) => {
    await fc.assert(
      fc.asyncProperty(texts, fc.integer({ min: 1, max: 50 }), options, async (text, chunk, limits) => {
        const clean = Object.fromEntries(Object.entries(limits).filter(([, value]) => value !== undefined)) as CsvOptions;
        const fast = await readAll(text, chunk, clean);
        const reference = await readAll(text, 1 << 16, { ...clean, referenceParser: true });
        expect(fast).toEqual(reference);
      }),
      { numRuns: 400 },
    );
  });

  it("splits simple lines, trims like csv-parse and keeps spaces inside quotes", () => {
    const split = (line: string) => splitLine(line, 0, line.length, ",".charCodeAt(0));
    expect(split(' a ,"b", " c " ,,中\u3000')).toEqual(["a", "b", " c ", "", "中"]);
    expect(split("")).toEqual([""]);
  });

  it("declines a line whose quotes are not whole fields", () => {
    const split = (line: string) => splitLine(line, 0, line.length, ",".charCodeAt(0));
    expect(split('a,"b,c"')).toBeUndefined();
    expect(split('a,b"c')).toBeUndefined();
    expect(split('a,"b""c"')).toBeUndefined();
    expect(split('a,"b')).toBeUndefined();
  });

  it("hands a line that never ends to csv-parse at the record limit instead of waiting for its newline", async () => {
    // An endless line, arriving as a file's chunks do (one per turn of the event loop, where
    // csv-parse reports its error): a reader that waits for the newline never returns.
    async function* endless(): AsyncGenerator<string> {
      yield "indicator,area,period,value\n";
      for (;;) {
        await new Promise((resolve) => setImmediate(resolve));
        yield "x".repeat(4096);
      }
    }
    const items: RecordOrProblem[] = [];
    for await (const item of readCsvRecords(endless(), { maxRecordLength: 20_000 })) items.push(item);
    expect(items.map((item) => ("code" in item ? `${item.code}@${item.line}` : "record"))).toEqual(["csv-record-too-long@2"]);
  });
});
