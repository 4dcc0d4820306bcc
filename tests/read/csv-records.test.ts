import { describe, expect, it } from "vitest";
import { readCsvRecords, sniffDelimiter, type CsvHeader, type CsvOptions } from "../../src/read/csv.js";
import { isProblem, type RecordOrProblem } from "../../src/read/records.js";

async function* chunked(text: string, size: number): AsyncGenerator<string> {
  for (let start = 0; start < text.length; start += size) yield text.slice(start, start + size);
}

/** Records as "line: a|b|c" (cells in header order) and problems as "code@line:column". */
async function read(text: string, options: CsvOptions & { chunk?: number } = {}): Promise<string[]> {
  const out: string[] = [];
  const items: RecordOrProblem[] = [];
  for await (const item of readCsvRecords(chunked(text, options.chunk ?? 1 << 16), options)) items.push(item);
  for (const item of items) {
    if (isProblem(item)) out.push(`${item.code}@${item.line}:${item.column}`);
    else out.push(`${item.line}: ${[...item.cells.values()].map((cell) => cell.value).join("|")}`);
  }
  return out;
}

describe("readCsvRecords: dialects", () => {
  const expected = ["2: pm25|中原区|2024|40", "3: dust|二七区|2025-06|5"];

  it.each([
    ["comma, LF", "i,a,p,v\npm25,中原区,2024,40\ndust,二七区,2025-06,5\n"],
    ["comma, CRLF", "i,a,p,v\r\npm25,中原区,2024,40\r\ndust,二七区,2025-06,5\r\n"],
    ["comma, CR only", "i,a,p,v\rpm25,中原区,2024,40\rdust,二七区,2025-06,5\r"],
    ["semicolon", "i;a;p;v\npm25;中原区;2024;40\ndust;二七区;2025-06;5"],
    ["tab", "i\ta\tp\tv\npm25\t中原区\t2024\t40\ndust\t二七区\t2025-06\t5\n"],
    ["BOM", "\uFEFFi,a,p,v\npm25,中原区,2024,40\ndust,二七区,2025-06,5\n"],
    ["spaces around quoted fields", 'i, a ,p,v\npm25, "中原区" ,2024,40\ndust,二七区 , 2025-06,5\n'],
  ])("%s", async (_, text) => {
    for (const chunk of [1, 2, 3, 1 << 16]) expect(await read(text, { chunk })).toEqual(expected);
  });

  it("takes the delimiter from Excel's sep= line (quoted or not), counting it as line 1", async () => {
    for (const first of ["sep=;", '"sep=;"', "SEP=;"]) {
      expect(await read(`${first}\r\ni;a,x;p;v\r\npm25;中原区;2024;40\r\n`, { chunk: 2 })).toEqual(["3: pm25|中原区|2024|40"]);
    }
  });

  it("counts lines inside quoted fields, so later rows keep their editor line numbers", async () => {
    const text = 'i,a,p,v\npm25,"中原\n区",2024,"1,234.5"\n"dust","say ""hi""",2025-06,5\n';
    expect(await read(text, { chunk: 3 })).toEqual(["2: pm25|中原\n区|2024|1,234.5", '4: dust|say "hi"|2025-06|5']);
  });

  it("keeps a stray quote inside an unquoted field as text", async () => {
    expect(await read('i,a,p,v\npm25,中原"区,2024,40\n')).toEqual(['2: pm25|中原"区|2024|40']);
  });

  it("sniffs the delimiter outside quotes, comma on a tie", () => {
    expect(sniffDelimiter('"a;b;c",d,e\n')).toBe(",");
    expect(sniffDelimiter("a;b;c\n")).toBe(";");
    expect(sniffDelimiter("a\tb\tc;d\n")).toBe("\t");
    expect(sniffDelimiter("abc\n")).toBe(",");
  });
});

describe("readCsvRecords: structure", () => {
  it("passes blank lines on as blank records, and skips those before the header", async () => {
    expect(await read("\n\ni,a\n1,2\n\n3,4\n")).toEqual(["4: 1|2", "5: |", "6: 3|4"]);
  });

  it("tells the header and its line", async () => {
    let header: CsvHeader | undefined;
    await read("\n指标,区县,,\n", { onHeader: (found) => (header = found) });
    expect(header).toEqual({ names: ["指标", "区县"], line: 2 });
  });

  it("reports ragged rows at the first missing or first extra field, ignoring trailing empty fields", async () => {
    expect(await read("i,a,p,v\n1,2,3\n1,2,3,4,5\n1,2,3,4,,, \n")).toEqual(["csv-ragged-row@2:3", "csv-ragged-row@3:5", "4: 1|2|3|4"]);
  });

  it("reports empty and duplicate header names at their columns", async () => {
    expect(await read("i,,a,i\n1,2,3,4\n")).toEqual(["csv-empty-header@1:2", "csv-duplicate-header@1:4", "2: 1|3"]);
  });

  it("reports an empty file and a file of blank lines", async () => {
    expect(await read("")).toEqual(["csv-empty-file@1:1"]);
    expect(await read("\uFEFF")).toEqual(["csv-empty-file@1:1"]);
    expect(await read("\r\n \r\n")).toEqual(["csv-empty-file@1:1"]);
  });

  it("reports an unclosed quote where it opens, after the rows before it", async () => {
    expect(await read('i,a,p,v\n1,2,3,4\n5,6,"7\n8,9\n', { chunk: 4 })).toEqual(["2: 1|2|3|4", "csv-unclosed-quote@3:3"]);
    // The quote opens on the second line of a record that began on line 2.
    expect(await read('i,a,p,v\n1,"a\nb",3,"4\n5\n')).toEqual(["csv-unclosed-quote@3:4"]);
  });

  it("reports a quote that swallows the file past the length limit as unclosed, not as a long row", async () => {
    const text = `i,a,p,v\n1,"2,3,4\n${"5,6,7,8\n".repeat(50)}`;
    expect(await read(text, { maxRecordLength: 100 })).toEqual(["csv-unclosed-quote@2:2"]);
  });
});

describe("readCsvRecords: limits", () => {
  it("stops at a row longer than the limit, with its line", async () => {
    const text = `i,a\n1,2\n3,${"x".repeat(500)}\n5,6\n`;
    expect(await read(text, { maxRecordLength: 100, chunk: 64 })).toEqual(["2: 1|2", "csv-record-too-long@3:2"]);
  });

  it("has a default row limit that a 200,000-character line exceeds", async () => {
    expect(await read(`i,a\n1,${"x".repeat(200_000)}\n`)).toEqual(["csv-record-too-long@2:2"]);
  });

  it("rejects a data row with more fields than the limit, and reads on", async () => {
    const wide = Array.from({ length: 5000 }, (_, index) => String(index)).join(",");
    expect(await read(`i,a\n${wide}\n1,2\n`)).toEqual(["csv-too-many-fields@2:4001", "3: 1|2"]);
  });

  it("stops when the header itself has more columns than the limit", async () => {
    const wide = Array.from({ length: 20 }, (_, index) => `c${index}`).join(",");
    expect(await read(`${wide}\n1,2\n`, { maxFields: 10 })).toEqual(["csv-too-many-fields@1:11"]);
  });

  it("does not count Excel's trailing empty header columns against the limit", async () => {
    expect(await read(`i,a${",".repeat(5000)}\n1,2\n`)).toEqual(["2: 1|2"]);
  });

  it("lets go of its source when it stops early", async () => {
    let closed = false;
    async function* source() {
      try {
        yield "i,a\n1,\"2\n";
        yield "x".repeat(200);
        yield "more\n";
      } finally {
        closed = true;
      }
    }
    const items: RecordOrProblem[] = [];
    for await (const item of readCsvRecords(source(), { maxRecordLength: 50 })) items.push(item);
    expect(items.map((item) => (isProblem(item) ? item.code : "record"))).toEqual(["csv-unclosed-quote"]);
    expect(closed).toBe(true);
  });
});
