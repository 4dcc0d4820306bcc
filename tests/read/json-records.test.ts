import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readJsonRecords, type JsonRecordsOptions } from "../../src/read/json/records.js";
import { isProblem, type Cell, type DataRecord, type RecordOrProblem, type RecordProblem } from "../../src/read/records.js";

// ---- helpers ----

async function* source(chunks: readonly string[]): AsyncGenerator<string> {
  for (const chunk of chunks) yield chunk;
}

async function readAll(input: string | readonly string[], options?: JsonRecordsOptions): Promise<RecordOrProblem[]> {
  const items: RecordOrProblem[] = [];
  for await (const item of readJsonRecords(source(typeof input === "string" ? [input] : input), options)) items.push(item);
  return items;
}

/** Cut text at the given offsets (any order, duplicates allowed: empty chunks are fine too). */
function cut(text: string, offsets: readonly number[]): string[] {
  const sorted = [...offsets].sort((a, b) => a - b);
  const chunks: string[] = [];
  let from = 0;
  for (const at of sorted) {
    chunks.push(text.slice(from, at));
    from = at;
  }
  chunks.push(text.slice(from));
  return chunks;
}

function chunksOf(text: string, size: number): string[] {
  const chunks: string[] = [];
  for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
  return chunks;
}

/** Records as plain data (Map entries in order), so that toEqual compares everything, -0 included. */
function plain(items: readonly RecordOrProblem[]): unknown[] {
  return items.map((item) => (isProblem(item) ? { ...item } : { line: item.line, column: item.column, cells: [...item.cells] }));
}

function recordsOf(items: readonly RecordOrProblem[]): DataRecord[] {
  return items.filter((item): item is DataRecord => !isProblem(item));
}

function problemsOf(items: readonly RecordOrProblem[]): RecordProblem[] {
  return items.filter(isProblem);
}

function cell(record: DataRecord | undefined, key: string): Cell {
  const found = record?.cells.get(key);
  if (found === undefined) throw new Error(`no cell ${JSON.stringify(key)}`);
  return found;
}

function values(record: DataRecord | undefined): Record<string, Cell["value"]> {
  const out: Record<string, Cell["value"]> = {};
  for (const [key, c] of record?.cells ?? []) Object.defineProperty(out, key, { value: c.value, enumerable: true });
  return out;
}

/** Read a text that must give exactly one problem and nothing else. */
async function onlyProblem(text: string | readonly string[], options?: JsonRecordsOptions): Promise<RecordProblem> {
  const items = await readAll(text, options);
  expect(items).toHaveLength(1);
  const first = items[0];
  if (first === undefined || !isProblem(first)) throw new Error(`expected one problem, got ${JSON.stringify(plain(items))}`);
  return first;
}

/** Read a text that must end with one fatal problem, after any number of records; return that problem. */
async function fatalProblem(text: string | readonly string[], options?: JsonRecordsOptions): Promise<RecordProblem> {
  const items = await readAll(text, options);
  const last = items[items.length - 1];
  if (last === undefined || !isProblem(last)) throw new Error(`expected a problem at the end, got ${JSON.stringify(plain(items))}`);
  expect(problemsOf(items)).toEqual([last]);
  return last;
}

/** Offset in text of a 1-based line and column, with LF, CRLF and CR ending lines. */
function offsetOf(text: string, line: number, column: number): number {
  let currentLine = 1;
  let lineStart = 0;
  for (let i = 0; i < text.length && currentLine < line; i++) {
    const c = text[i];
    if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      currentLine++;
      lineStart = i + 1;
    }
  }
  return lineStart + column - 1;
}

// A small document with a bit of everything: CRLF and lone CR line ends, a raw surrogate pair,
// escapes (including an escaped surrogate pair), numbers, nested values, a duplicate key, an element
// that is not an object, and keys that are dangerous as object properties.
const mixedDocument =
  '\uFEFF{ "meta": {"note": "skip [ { me", "list": [1, {"x": [true]}]},\r\n' +
  ' "observations": [\r\n' +
  '  {"站点": "郑州😀", "value": -0, "big": 1e400, "small": 1.5E-3, "esc": "a\\n\\"\\u4e2d\\ud83d\\ude00", "t": true, "f": false, "n": null},\r' +
  '  {"__proto__": {"polluted": 1}, "constructor": "c", "deep": [[{"a": [1]}]], "k": 1, "k": 2},\n' +
  '  42,\n' +
  '  {}\n' +
  " ],\n" +
  ' "tail": ["]", "}"]\n' +
  "}\n";

describe("readJsonRecords: accepted shapes", () => {
  it("reads a top-level array of flat objects with positions of records and values", async () => {
    const text = '[\n  {"a": 1, "b": "x"},\n  {"b": true, "a": null}\n]';
    const items = await readAll(text);
    expect(problemsOf(items)).toEqual([]);
    const records = recordsOf(items);
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({ line: 2, column: 3 });
    expect([...(records[0]?.cells.keys() ?? [])]).toEqual(["a", "b"]);
    expect(cell(records[0], "a")).toEqual({ value: 1, line: 2, column: 9 });
    expect(cell(records[0], "b")).toEqual({ value: "x", line: 2, column: 17 });
    expect(records[1]).toMatchObject({ line: 3, column: 3 });
    expect([...(records[1]?.cells.keys() ?? [])]).toEqual(["b", "a"]);
    expect(cell(records[1], "b")).toEqual({ value: true, line: 3, column: 9 });
    expect(cell(records[1], "a")).toEqual({ value: null, line: 3, column: 20 });
  });

  it("reads the observations array of a wrapper object, skipping other keys whatever they hold", async () => {
    const after = await readAll(
      '{"meta": {"records": [{"not": "me"}], "n": [1, [2, {"x": null}]]}, "title": "t", "observations": [{"a": 1}], "more": [{"b": 2}]}',
    );
    expect(plain(after)).toEqual([{ line: 1, column: 99, cells: [["a", { value: 1, line: 1, column: 105 }]] }]);

    const before = await readAll('{"observations": [{"a": 1}, {"a": 2}], "meta": {"x": [1, 2, {"observations": [{"c": 3}]}]}}');
    expect(recordsOf(before).map((r) => cell(r, "a").value)).toEqual([1, 2]);
    expect(problemsOf(before)).toEqual([]);
  });

  it("reads empty arrays as no records", async () => {
    expect(await readAll("[]")).toEqual([]);
    expect(await readAll(' { "observations" : [ ] } \n')).toEqual([]);
    expect(await readAll("[{}]")).toEqual([{ line: 1, column: 2, cells: new Map() }]);
  });

  it("reads JSON Lines: objects one per line without commas", async () => {
    const text = '{"a": 1, "b": [1]}\r\n{"a": 2}\n\n  {"a": 3, "a": 4}\n';
    const items = await readAll(text);
    expect(plain(items)).toEqual([
      {
        line: 1,
        column: 1,
        cells: [
          ["a", { value: 1, line: 1, column: 7 }],
          ["b", { value: { nested: "array" }, line: 1, column: 15 }],
        ],
      },
      { line: 2, column: 1, cells: [["a", { value: 2, line: 2, column: 7 }]] },
      expect.objectContaining({ problem: true, code: "json-duplicate-key", line: 4, column: 12 }),
      { line: 4, column: 3, cells: [["a", { value: 3, line: 4, column: 9 }]] },
    ]);
  });

  it("takes a non-array observations key in the first object as a JSON Lines field", async () => {
    const items = await readAll('{"observations": 3, "a": 1}\n{"observations": [1], "a": 2}');
    expect(plain(items)).toEqual([
      {
        line: 1,
        column: 1,
        cells: [
          ["observations", { value: 3, line: 1, column: 18 }],
          ["a", { value: 1, line: 1, column: 26 }],
        ],
      },
      {
        line: 2,
        column: 1,
        cells: [
          ["observations", { value: { nested: "array" }, line: 2, column: 18 }],
          ["a", { value: 2, line: 2, column: 28 }],
        ],
      },
    ]);
  });

  it("reports duplicate keys in the first JSON Lines object once it is known to be a record", async () => {
    const items = await readAll('{"a": 1, "a": 2}\n{"a": 3}');
    expect(items.map((i) => (isProblem(i) ? i.code : cell(i, "a").value))).toEqual(["json-duplicate-key", 1, 3]);
    expect(problemsOf(items)[0]).toMatchObject({ line: 1, column: 10 });
  });

  it("reports a JSON Lines line that is not an object and goes on", async () => {
    const items = await readAll('{"a": 1}\n{"a": 2}\n[1, 2]\n"x"\n{"a": 3}');
    expect(items.map((i) => (isProblem(i) ? `${i.code}@${i.line}:${i.column}` : cell(i, "a").value))).toEqual([
      1,
      2,
      "json-not-an-object@3:1",
      "json-not-an-object@4:1",
      3,
    ]);
  });

  it("needs a second object to take the data for JSON Lines", async () => {
    // An object without "observations" followed by anything but another object is not JSON Lines.
    const p = await onlyProblem('{"a": 1}\n[1, 2]');
    expect(p).toMatchObject({ code: "json-syntax", line: 2, column: 1 });
    expect(p.message).toBe('expected the next record (an object) or the end of the data, found "["');
  });

  it("rejects commas and garbage between JSON Lines records", async () => {
    const items = await readAll('{"a": 1}\n{"a": 2},\n{"a": 3}');
    expect(recordsOf(items)).toHaveLength(2);
    expect(problemsOf(items)).toEqual([expect.objectContaining({ code: "json-syntax", line: 2, column: 9 })]);
    expect(problemsOf(items)[0]?.message).toBe('expected the next record (an object) or the end of the data, found ","');
    expect(problemsOf(items)[0]?.hint).toMatch(/no commas/);
  });

  it("skips a UTF-8 byte-order mark without counting it as a column", async () => {
    const items = await readAll('\uFEFF[{"a": 1}]');
    expect(plain(items)).toEqual([{ line: 1, column: 2, cells: [["a", { value: 1, line: 1, column: 8 }]] }]);
    // The mark in a chunk of its own, after an empty chunk.
    expect(plain(await readAll(["", "\uFEFF", '[{"a": 1}]']))).toEqual(plain(items));
    // A mark anywhere else is an error.
    const p = await onlyProblem('[\uFEFF{"a": 1}]');
    expect(p).toMatchObject({ code: "json-syntax", line: 1, column: 2 });
    expect(p.message).toContain("U+FEFF");
  });
});

describe("readJsonRecords: values", () => {
  it("records nested objects and arrays as { nested } at their first character", async () => {
    const items = await readAll('[{"o": {"x": {"y": [1]}}, "a": [[], {}], "e": {}, "s": "after"}]');
    const record = recordsOf(items)[0];
    expect(cell(record, "o")).toEqual({ value: { nested: "object" }, line: 1, column: 8 });
    expect(cell(record, "a")).toEqual({ value: { nested: "array" }, line: 1, column: 32 });
    expect(cell(record, "e")).toEqual({ value: { nested: "object" }, line: 1, column: 47 });
    expect(cell(record, "s")).toEqual({ value: "after", line: 1, column: 56 });
  });

  it("keeps keys such as __proto__ and constructor as Map data and never touches Object.prototype", async () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const items = await readAll(
      '[{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}, "hasOwnProperty": 1, "toString": "s"},' +
        ' {"__proto__": "plain", "polluted": 2}]',
    );
    expect(problemsOf(items)).toEqual([]);
    const [first, second] = recordsOf(items);
    expect(cell(first, "__proto__").value).toEqual({ nested: "object" });
    expect(cell(first, "constructor").value).toEqual({ nested: "object" });
    expect(cell(first, "hasOwnProperty").value).toBe(1);
    expect(cell(first, "toString").value).toBe("s");
    expect(first?.cells.size).toBe(4);
    expect(cell(second, "__proto__").value).toBe("plain");
    expect([...(second?.cells.keys() ?? [])]).toEqual(["__proto__", "polluted"]);
    expect(first?.cells).toBeInstanceOf(Map);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    expect(Object.getPrototypeOf(first)).toBe(Object.prototype);
  });

  it("reads numbers by the JSON grammar", async () => {
    const items = await readAll('[{"a": -0, "b": 1e5, "c": 1.5E-3, "d": 0, "e": -12.25e+2, "f": 0.5, "g": 1E400, "h": -1e400, "i": 1e-400, "j": 123456789012345678901234567890}]');
    const record = recordsOf(items)[0];
    expect(Object.is(cell(record, "a").value, -0)).toBe(true);
    expect(cell(record, "b").value).toBe(100000);
    expect(cell(record, "c").value).toBe(0.0015);
    expect(Object.is(cell(record, "d").value, 0)).toBe(true);
    expect(cell(record, "e").value).toBe(-1225);
    expect(cell(record, "f").value).toBe(0.5);
    // Out of range: the literal as written, so later stages can reject it with the original text.
    expect(cell(record, "g").value).toBe("1E400");
    expect(cell(record, "h").value).toBe("-1e400");
    expect(cell(record, "i").value).toBe(0);
    expect(cell(record, "j").value).toBe(1.2345678901234568e29);
    expect(problemsOf(items)).toEqual([]);
  });

  it.each([
    ["leading zero", '[{"a": 01}]', 1, 9, 'invalid number "01"'],
    ["negative leading zero", '[{"a": -012}]', 1, 10, 'invalid number "-01"'],
    ["dot without digits", '[{"a": 1.}]', 1, 10, 'expected a digit after the decimal point in "1.", found "}"'],
    ["dot before exponent", '[{"a": 1.e5}]', 1, 10, 'expected a digit after the decimal point in "1.", found "e"'],
    ["leading dot", '[{"a": .5}]', 1, 8, 'expected a value after ":", found "."'],
    ["lone minus", '[{"a": -}]', 1, 9, 'expected a digit after "-", found "}"'],
    ["minus then space", '[{"a": - 1}]', 1, 9, 'expected a digit after "-", found " "'],
    ["plus sign", '[{"a": +1}]', 1, 8, 'expected a value after ":", found "+"'],
    ["empty exponent", '[{"a": 1e}]', 1, 10, 'expected a digit in the exponent of "1e", found "}"'],
    ["exponent sign only", '[{"a": 2E+]', 1, 11, 'expected a digit in the exponent of "2E+", found "]"'],
    ["hex", '[{"a": 0x10}]', 1, 9, 'expected "," or "}" after a value, found "x"'],
    ["minus then word", '[{"a": -abc}]', 1, 8, 'expected a digit after "-", found "-abc"'],
    ["number at end of input", '[{"a": 1.', 1, 10, 'expected a digit after the decimal point in "1.", found the end of the input'],
  ])("rejects a bad number: %s", async (_name, text, line, column, message) => {
    const p = await onlyProblem(text);
    expect(p).toMatchObject({ code: "json-syntax", line, column });
    expect(p.message).toContain(message);
  });

  it.each([
    ["NaN", '[{"a": NaN}]', 1, 8],
    ["Infinity", '[{"a": 1},\n {"a": Infinity}]', 2, 8],
    ["-Infinity", '[{"a": -Infinity}]', 1, 8],
    ["in a skipped key", '{"meta": [NaN], "observations": []}', 1, 11],
    ["as an element", "[NaN]", 1, 2],
  ])("rejects %s as a syntax error at its position", async (_name, text, line, column) => {
    const items = await readAll(text);
    const p = problemsOf(items)[0];
    expect(p).toMatchObject({ code: "json-syntax", line, column });
    expect(p?.message).toMatch(/NaN and Infinity are not valid JSON; write null or leave the value out/);
    expect(problemsOf(items)).toHaveLength(1);
  });

  it("unescapes strings", async () => {
    const record = recordsOf(await readAll('[{"a": "\\u4e2d\\u6587", "b": "x\\ny", "c": "say \\"hi\\"", "d": "\\\\ \\/ \\b\\f\\r\\t", "e": "\\u00E9\\ud83d\\ude00", "f": "\\u0000", "\\u006b": 1}]'))[0];
    expect(cell(record, "a").value).toBe("中文");
    expect(cell(record, "b").value).toBe("x\ny");
    expect(cell(record, "c").value).toBe('say "hi"');
    expect(cell(record, "d").value).toBe("\\ / \b\f\r\t");
    expect(cell(record, "e").value).toBe("é😀");
    expect(cell(record, "f").value).toBe("\u0000");
    expect(cell(record, "k").value).toBe(1);
  });

  it("keeps lone surrogates from escapes as they are", async () => {
    const record = recordsOf(await readAll('[{"a": "\\ud800x", "b": "\\udc00"}]'))[0];
    expect(cell(record, "a").value).toBe("\ud800x");
    expect(cell(record, "b").value).toBe("\udc00");
  });
});

describe("readJsonRecords: problems that do not stop reading", () => {
  it("reports a duplicate key at the second key, keeps the first value, and still yields the record", async () => {
    const items = await readAll('[{"a": 1, "b": 2, "a": {"x": 3}, "c": 4}, {"a": 5}]');
    expect(items).toHaveLength(3);
    const p = items[0];
    expect(p).toMatchObject({ problem: true, code: "json-duplicate-key", line: 1, column: 19 });
    expect((p as RecordProblem).message).toBe('duplicate key "a": the first value (line 1, column 8) is kept and this one is ignored');
    const record = items[1] as DataRecord;
    expect(values(record)).toEqual({ a: 1, b: 2, c: 4 });
    expect(cell(items[2] as DataRecord, "a").value).toBe(5);
  });

  it("reports a second observations key as a duplicate and ignores its records", async () => {
    const items = await readAll('{"observations": [{"a": 1}], "observations": [{"a": 2}]}');
    expect(items.map((i) => (isProblem(i) ? `${i.code}@${i.line}:${i.column}` : cell(i, "a").value))).toEqual([1, "json-duplicate-key@1:30"]);
  });

  it("reports each element that is not an object at its position and goes on", async () => {
    const items = await readAll('[1, "x", true,\n null, [1, {"a": 1}], {"a": 2}, false, -2.5e3]');
    expect(items.map((i) => (isProblem(i) ? `${i.code}@${i.line}:${i.column}` : cell(i, "a").value))).toEqual([
      "json-not-an-object@1:2",
      "json-not-an-object@1:5",
      "json-not-an-object@1:10",
      "json-not-an-object@2:2",
      "json-not-an-object@2:8",
      2,
      "json-not-an-object@2:33",
      "json-not-an-object@2:40",
    ]);
    expect((items[0] as RecordProblem).message).toBe("expected an object (one record), found a number; it is skipped");
    expect((items[4] as RecordProblem).message).toContain("found an array");
    expect((items[2] as RecordProblem).message).toContain("found true");
  });
});

describe("readJsonRecords: fatal errors stop with one problem at the exact place", () => {
  it.each<[string, string, string, number, number, string]>([
    ["missing comma in an object", '[{"a": 1 "b": 2}]', "json-syntax", 1, 10, `expected "," or "}" after a value, found '"'`],
    ["array closed inside an object", '[{"a": 1]', "json-syntax", 1, 9, 'expected "," or "}" after a value, found "]"'],
    ["missing comma between records", '[{"a": 1}\n {"a": 2}]', "json-syntax", 2, 2, 'expected "," or "]" after a value, found "{"'],
    ["trailing comma in an array", '[{"a": 1},\n]', "json-syntax", 2, 1, 'expected a value after ",", found "]"'],
    ["trailing comma in an object", '[{"a": 1,}]', "json-syntax", 1, 10, 'expected a key in double quotes after ",", found "}"'],
    ["unquoted key", "[{a: 1}]", "json-syntax", 1, 3, 'expected a key in double quotes or "}", found "a"'],
    ["single quotes", "[{'a': 1}]", "json-syntax", 1, 3, `expected a key in double quotes or "}", found "'"`],
    ["missing colon", '[{"a" 1}]', "json-syntax", 1, 7, 'expected ":" after the key "a", found "1"'],
    ["bad literal", '[{"a": tru}]', "json-syntax", 1, 8, 'expected a value, found "tru"'],
    ["capitalised literal", '[{"a": True}]', "json-syntax", 1, 8, 'expected a value, found "True"'],
    ["unexpected character", '[{"a": @}]', "json-syntax", 1, 8, 'expected a value after ":", found "@"'],
    ["comment", '[// records\n{"a": 1}]', "json-syntax", 1, 2, 'expected a value or "]", found "/"'],
    ["trailing garbage", '[{"a": 1}] x', "json-syntax", 1, 12, 'expected the end of the data after the top-level array, found "x"'],
    ["second array", '[{"a": 1}]\n[]', "json-syntax", 2, 1, 'expected the end of the data after the top-level array, found "["'],
    ["garbage after a wrapper", '{"observations": []} {"a": 1}', "json-syntax", 1, 22, 'expected the end of the data after the top-level object, found "{"'],
    ["bad start", "<xml/>", "json-syntax", 1, 1, 'expected "[" or "{" at the start of the data, found "<"'],
    ["unterminated string at end", '[{"a": "abc', "json-syntax", 1, 8, "unterminated string: the input ends before its closing '\"'"],
    ["unterminated key at end", '[{"ab', "json-syntax", 1, 3, "unterminated string"],
    ["line break in a string", '[{"a": "ab\ncd"}]', "json-syntax", 1, 11, "unterminated string: a line break inside a string"],
    ["CR in a string", '[{"a": "ab\rcd"}]', "json-syntax", 1, 11, "unterminated string: a line break inside a string"],
    ["tab in a string", '[{"a": "a\tb"}]', "json-syntax", 1, 10, "control character U+0009 inside a string: it must be escaped"],
    ["NUL in a key", '[{"a\u0000": 1}]', "json-syntax", 1, 5, "control character U+0000 inside a string"],
    ["bad escape", '[{"a": "x\\qy"}]', "json-syntax", 1, 10, 'invalid escape "\\q" in a string'],
    ["bad unicode escape", '[{"a": "\\u12G4"}]', "json-syntax", 1, 9, 'expected 4 hex digits after "\\u", found "G"'],
    ["short unicode escape", '[{"a": "\\u12"}]', "json-syntax", 1, 9, `expected 4 hex digits after "\\u", found '"'`],
    ["backslash at end", '[{"a": "x\\', "json-syntax", 1, 8, "unterminated string"],
    ["end after a value", '[{"a": 1}', "json-syntax", 1, 10, 'unexpected end of input: expected "," or "]" after a value'],
    ["end after a comma", '[{"a": 1},\n', "json-syntax", 2, 1, 'unexpected end of input: expected a value after ","'],
    ["end after a colon", '{"observations": [{"a":', "json-syntax", 1, 24, 'unexpected end of input: expected a value after ":"'],
    ["end after a key", '[{"a"  ', "json-syntax", 1, 8, 'unexpected end of input: expected ":" after the key "a"'],
    ["end in a literal", '[{"a": nul', "json-syntax", 1, 8, 'expected a value, found "nul"'],
    ["bare number", "42", "json-shape", 1, 1, 'expected an array of records or an object with an "observations" array, found a number'],
    ["bare string", '  "x"', "json-shape", 1, 3, "found a string"],
    ["bare null", "\nnull", "json-shape", 2, 1, "found null"],
    ["bare true", "true", "json-shape", 1, 1, "found true"],
    ["object without observations", '{"a": 1, "b": [1]}', "json-shape", 1, 1, 'expected the top-level object to have an "observations" key'],
    ["empty object", "  {}", "json-shape", 1, 3, 'expected the top-level object to have an "observations" key'],
    ["observations not an array", '{"meta": 1, "observations": {"a": 1}}', "json-shape", 1, 29, 'expected "observations" to hold an array of records, found an object'],
    ["observations a number", '{"observations": 3}', "json-shape", 1, 18, "found a number"],
    ["observations null", '{"observations": null}', "json-shape", 1, 18, "found null"],
    ["observations a string, then an array", '{"observations": "x", "observations": [{"a": 1}]}', "json-shape", 1, 18, "found a string"],
    ["empty text", "", "json-empty", 1, 1, "empty"],
    ["only white space", " \r\n\t\n", "json-empty", 1, 1, "empty"],
    ["only a byte-order mark", "\uFEFF", "json-empty", 1, 1, "empty"],
  ])("%s", async (_name, text, code, line, column, message) => {
    const p = await fatalProblem(text);
    expect(p).toMatchObject({ problem: true, code, line, column });
    expect(p.message).toContain(message);
    // The same result however the text is cut.
    expect(plain(await readAll([...text]))).toEqual(plain(await readAll(text)));
  });

  it("gives the exact message for a stray bracket in an object", async () => {
    const items = await readAll('[{"a": 1},\n {"b": 2]');
    expect(plain(items)).toEqual([
      { line: 1, column: 2, cells: [["a", { value: 1, line: 1, column: 8 }]] },
      { problem: true, code: "json-syntax", message: 'expected "," or "}" after a value, found "]"', line: 2, column: 9 },
    ]);
  });

  it("says which container is not closed at the end of the input", async () => {
    const p = await fatalProblem('{"observations": [\n  {"a": 1},\n  {"a": {"b": 2}');
    expect(p).toMatchObject({ code: "json-syntax", line: 3, column: 17 });
    expect(p.hint).toBe("the object that opens at line 3, column 3 is not closed");
  });

  it("gives helpful hints for common mistakes", async () => {
    expect((await onlyProblem('[{"a": 1 "b": 2}]')).hint).toMatch(/"," is missing/);
    expect((await fatalProblem('[{"a": 1},]')).hint).toMatch(/remove the ","/);
    expect((await onlyProblem("[{'a': 1}]")).hint).toMatch(/double quotes/);
    expect((await onlyProblem('[{"a": True}]')).hint).toBe("JSON literals are lowercase: write true");
    expect((await onlyProblem('[{"a": 01}]')).hint).toMatch(/quote the value/);
  });

  it("stops at the first fatal error after yielding what came before", async () => {
    const items = await readAll('[{"a": 1}, {"a": 2}, {"a": 3 x}, {"a": 4}]');
    expect(items.map((i) => (isProblem(i) ? i.code : cell(i, "a").value))).toEqual([1, 2, "json-syntax"]);
  });

  it("does not read the source any further after a fatal error", async () => {
    let pulled = 0;
    async function* chunks(): AsyncGenerator<string> {
      pulled++;
      yield '[{"a": 1}, oops]';
      pulled++;
      throw new Error("read past the error");
    }
    const items: RecordOrProblem[] = [];
    for await (const item of readJsonRecords(chunks())) items.push(item);
    expect(items.map((i) => (isProblem(i) ? i.code : "record"))).toEqual(["record", "json-syntax"]);
    expect(pulled).toBe(1);
  });

  it("rejects a character that needs escaping even when it arrives alone in a chunk", async () => {
    const p = await onlyProblem(['[{"a": "x', "\u0001", 'y"}]']);
    expect(p).toMatchObject({ code: "json-syntax", line: 1, column: 10 });
    expect(p.message).toContain("U+0001");
  });
});

describe("readJsonRecords: limits", () => {
  it("stops at 100,000 nested arrays with json-too-deep, without overflowing the stack", async () => {
    const text = "[".repeat(100_000);
    const p = await onlyProblem(chunksOf(text, 4096));
    expect(p).toMatchObject({ code: "json-too-deep", line: 1, column: 65 });
    expect(p.message).toContain("64");
  });

  it("counts depth through the wrapper and records", async () => {
    // Wrapper object (1), observations array (2), record (3), then 61 arrays reach 64; the 62nd is too deep.
    const prefix = '{"observations": [{"a": ';
    const ok = prefix + "[".repeat(61) + "]".repeat(61) + "}]}";
    expect(recordsOf(await readAll(ok))).toHaveLength(1);
    const p = await onlyProblem(prefix + "[".repeat(62) + "]".repeat(62) + "}]}");
    expect(p).toMatchObject({ code: "json-too-deep", line: 1, column: prefix.length + 62 });
  });

  it("stops deep objects in skipped keys too", async () => {
    const p = await onlyProblem('{"meta": ' + '{"a": '.repeat(100_000));
    expect(p).toMatchObject({ code: "json-too-deep", line: 1, column: 10 + 6 * 63 });
  });

  it("honours maxDepth", async () => {
    expect(recordsOf(await readAll('[{"a": 1}]', { maxDepth: 2 }))).toHaveLength(1);
    expect(await onlyProblem('[{"a": [1]}]', { maxDepth: 2 })).toMatchObject({ code: "json-too-deep", line: 1, column: 8 });
  });

  it("stops at a string longer than maxStringLength", async () => {
    const five = await readAll('[{"a": "12345", "b": "\\u0041\\u0042\\u0043\\u0044\\u0045"}]', { maxStringLength: 5 });
    expect(values(recordsOf(five)[0])).toEqual({ a: "12345", b: "ABCDE" });
    expect(await onlyProblem('[{"a": "123456"}]', { maxStringLength: 5 })).toMatchObject({ code: "json-too-long", line: 1, column: 8 });
    expect(await onlyProblem('[{"a": "1234\\n5"}]', { maxStringLength: 5 })).toMatchObject({ code: "json-too-long", line: 1, column: 8 });
    expect(await onlyProblem('[{"abcdef": 1}]', { maxStringLength: 5 })).toMatchObject({ code: "json-too-long", line: 1, column: 3 });
    expect(await onlyProblem('{"meta": "abcdef", "observations": []}', { maxStringLength: 5 })).toMatchObject({
      code: "json-too-long",
      line: 1,
      column: 10,
    });
    expect(await onlyProblem('[{"a": 1234567}]', { maxStringLength: 5 })).toMatchObject({ code: "json-too-long", line: 1, column: 8 });
  });

  it("has a default string limit of 1,000,000 characters", async () => {
    const exactly = "x".repeat(1_000_000);
    const ok = await readAll(chunksOf(`[{"a": "${exactly}"}]`, 65536));
    expect(cell(recordsOf(ok)[0], "a").value).toBe(exactly);
    const p = await onlyProblem(chunksOf(`[{"a": "${exactly}y"}]`, 65536));
    expect(p).toMatchObject({ code: "json-too-long", line: 1, column: 8 });
    expect(p.message).toContain("1000000");
  });

  it("skips a record with more keys than maxFields, like an over-wide CSV row, and reads on", async () => {
    const items = await readAll('[{"a": 1, "b": 2, "c": 3},\n {"a": 1, "b": 2, "c": 3, "d": {"e": 4}},\n {"a": 5}]', { maxFields: 3 });
    expect(plain(items)).toEqual([
      { line: 1, column: 2, cells: [["a", { value: 1, line: 1, column: 8 }], ["b", { value: 2, line: 1, column: 16 }], ["c", { value: 3, line: 1, column: 24 }]] },
      expect.objectContaining({ problem: true, code: "json-too-many-fields", line: 2, column: 2 }),
      { line: 3, column: 2, cells: [["a", { value: 5, line: 3, column: 8 }]] },
    ]);
    // A repeated key does not count twice.
    expect(recordsOf(await readAll('[{"a": 1, "a": 2, "b": 3}]', { maxFields: 2 }))).toHaveLength(1);
    // JSON Lines records and the wrapper object are bounded too.
    expect(plain(await readAll('{"a": 1, "b": 2}\n{"a": 1}', { maxFields: 1 }))[0]).toMatchObject({ code: "json-too-many-fields", line: 1, column: 10 });
  });

  it("has a default of 1,000 keys in a record, and a hundred thousand keys cost one problem, not that many cells", async () => {
    const keys = (count: number) => Array.from({ length: count }, (_, index) => `"k${index}": ${index}`).join(", ");
    expect(recordsOf(await readAll(`[{${keys(1000)}}]`))[0]!.cells.size).toBe(1000);
    const wide = await readAll(chunksOf(`[{${keys(100_000)}}, {"a": 1}]`, 65536));
    expect(wide.map((item) => (isProblem(item) ? item.code : item.cells.size))).toEqual(["json-too-many-fields", 1]);
    expect((wide[0] as RecordProblem).message).toContain("1000 keys");
  });

  it("rejects nonsensical options", async () => {
    await expect(readAll("[]", { maxFields: 0 })).rejects.toThrow(RangeError);
    await expect(readAll("[]", { maxDepth: 0 })).rejects.toThrow(RangeError);
    await expect(readAll("[]", { maxStringLength: 1.5 })).rejects.toThrow(RangeError);
  });
});

describe("readJsonRecords: lines and columns", () => {
  it("counts LF, CRLF and lone CR as one line end each", async () => {
    const text = '[\n{"a": 1},\r\n{"a": 2},\r{"a": 3},\r\r\n{"a": 4},\n\r{"a": 5}]';
    const positions = recordsOf(await readAll(text)).map((r) => `${r.line}:${r.column}`);
    expect(positions).toEqual(["2:1", "3:1", "4:1", "6:1", "8:1"]);
  });

  it("counts a CRLF split across chunks once", async () => {
    const items = await readAll(['[{"a": 1},\r', '\n  {"a": 2}]']);
    expect(recordsOf(items).map((r) => `${r.line}:${r.column}`)).toEqual(["1:2", "2:3"]);
    const p = await fatalProblem(['[{"a": 1},\r', "\n  x]"]);
    expect(p).toMatchObject({ line: 2, column: 3 });
  });

  it("counts columns in UTF-16 code units, a surrogate pair as two", async () => {
    const record = recordsOf(await readAll('[{"😀": "中😀", "b": 1}]'))[0];
    expect(cell(record, "😀")).toEqual({ value: "中😀", line: 1, column: 9 });
    expect(cell(record, "b")).toEqual({ value: 1, line: 1, column: 21 });
  });

  it("joins surrogate pairs and escapes split across chunks", async () => {
    const text = '[{"k😀": "a😀b", "e": "\\ud83d\\ude00\\u4e2d\\n", "after": 7}]';
    const whole = plain(await readAll(text));
    expect(whole).toEqual([
      {
        line: 1,
        column: 2,
        cells: [
          ["k😀", { value: "a😀b", line: 1, column: 10 }],
          ["e", { value: "😀中\n", line: 1, column: 23 }],
          ["after", { value: 7, line: 1, column: 56 }],
        ],
      },
    ]);
    // Split in the middle of each surrogate pair and each escape.
    for (let at = 1; at < text.length; at++) {
      expect(plain(await readAll([text.slice(0, at), text.slice(at)]))).toEqual(whole);
    }
    // Every code unit on its own.
    expect(plain(await readAll([...text.split("")]))).toEqual(whole);
  });

  it("reads one huge line of 200,000 records", async () => {
    const parts: string[] = ["["];
    const columns: number[] = [];
    let length = 1;
    for (let k = 0; k < 200_000; k++) {
      if (k > 0) {
        parts.push(",");
        length++;
      }
      columns.push(length + 1);
      const record = `{"i":${k},"s":"r${k}"}`;
      parts.push(record);
      length += record.length;
    }
    parts.push("]");
    const text = parts.join("");
    let count = 0;
    let wrong = 0;
    for await (const item of readJsonRecords(source(chunksOf(text, 65536)))) {
      if (isProblem(item)) throw new Error(item.message);
      const i = item.cells.get("i")?.value;
      if (i !== count || item.line !== 1 || item.column !== columns[count] || item.cells.get("s")?.value !== `r${count}`) wrong++;
      count++;
    }
    expect(count).toBe(200_000);
    expect(wrong).toBe(0);
  });
});

describe("readJsonRecords: chunking does not change the result", () => {
  const expectedMixed = async (): Promise<unknown[]> => plain(await readAll(mixedDocument));

  it("reads the mixed document as intended", async () => {
    const items = await readAll(mixedDocument);
    expect(items.map((i) => (isProblem(i) ? `${i.code}@${i.line}:${i.column}` : `record@${i.line}:${i.column}`))).toEqual([
      "record@3:3",
      "json-duplicate-key@4:86",
      "record@4:3",
      "json-not-an-object@5:3",
      "record@6:3",
    ]);
    const [first, second] = recordsOf(items);
    expect(values(first)).toEqual({
      站点: "郑州😀",
      value: -0,
      big: "1e400",
      small: 0.0015,
      esc: 'a\n"中😀',
      t: true,
      f: false,
      n: null,
    });
    expect(Object.is(cell(first, "value").value, -0)).toBe(true);
    expect(values(second)).toEqual(
      Object.defineProperty({ constructor: "c", deep: { nested: "array" }, k: 1 }, "__proto__", {
        value: { nested: "object" },
        enumerable: true,
      }),
    );
    expect(cell(second, "k")).toEqual({ value: 1, line: 4, column: 83 });
  });

  it("gives identical results when the text is split at every possible boundary", async () => {
    const whole = await expectedMixed();
    for (let at = 0; at <= mixedDocument.length; at++) {
      const split = plain(await readAll([mixedDocument.slice(0, at), mixedDocument.slice(at)]));
      if (JSON.stringify(split) !== JSON.stringify(whole)) expect({ at, split }).toEqual({ at, split: whole });
    }
    expect(plain(await readAll(mixedDocument.split("")))).toEqual(whole);
  });

  it("gives identical problems at every boundary for a broken document", async () => {
    const broken = '{"observations": [\r\n {"a": "x\\u4e2"}]}';
    const whole = plain(await readAll(broken));
    expect(whole).toEqual([expect.objectContaining({ code: "json-syntax", line: 2, column: 10 })]);
    for (let at = 0; at <= broken.length; at++) {
      expect(plain(await readAll([broken.slice(0, at), broken.slice(at)]))).toEqual(whole);
    }
  });

  it("gives identical results at random boundaries (property)", async () => {
    const whole = await expectedMixed();
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat({ max: mixedDocument.length }), { maxLength: 40 }), async (offsets) => {
        expect(plain(await readAll(cut(mixedDocument, offsets)))).toEqual(whole);
      }),
      { numRuns: 300 },
    );
  });

  it("agrees with JSON.parse on generated records, with positions that point at the values (property)", async () => {
    const unit = fc.oneof(
      { weight: 4, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }) },
      { weight: 1, arbitrary: fc.constantFrom('"', "\\", "/", "\n", "\r", "\t", "\u0000", "\u2028", "\ud83d", "\ude00", "😀", "中", "__proto__") },
    );
    const text = fc.string({ unit, maxLength: 12 });
    const scalar = fc.oneof(
      text,
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.constantFrom(0.1, 1e21, 5e-324, -1.7976931348623157e308),
    );
    const value = fc.oneof({ weight: 5, arbitrary: scalar }, { weight: 1, arbitrary: fc.array(scalar, { maxLength: 2 }) }, {
      weight: 1,
      arbitrary: fc.dictionary(text, scalar, { maxKeys: 2 }),
    });
    const records = fc.array(fc.dictionary(text, value, { maxKeys: 6 }), { maxLength: 6 });
    const layout = fc.record({
      indent: fc.constantFrom(0, 1, 2, "\t"),
      newline: fc.constantFrom("\n", "\r\n", "\r"),
      wrapped: fc.boolean(),
      offsets: fc.array(fc.nat(), { maxLength: 12 }),
    });
    await fc.assert(
      fc.asyncProperty(records, layout, async (data, { indent, newline, wrapped, offsets }) => {
        const json = JSON.stringify(wrapped ? { meta: { n: data.length }, observations: data } : data, null, indent).replace(/\n/g, newline);
        const parsed = (JSON.parse(json) as { observations?: unknown[] } | unknown[]) as unknown;
        const expected = (wrapped ? (parsed as { observations: Record<string, unknown>[] }).observations : parsed) as Record<string, unknown>[];
        const items = await readAll(cut(json, offsets.map((o) => o % (json.length + 1))));
        expect(problemsOf(items)).toEqual([]);
        const got = recordsOf(items);
        expect(got).toHaveLength(expected.length);
        got.forEach((record, index) => {
          expect(json[offsetOf(json, record.line, record.column)]).toBe("{");
          const want = expected[index] ?? {};
          expect([...record.cells.keys()].sort()).toEqual(Object.keys(want).sort());
          for (const [key, c] of record.cells) {
            const original = want[key];
            const at = offsetOf(json, c.line, c.column);
            if (Array.isArray(original)) {
              expect(c.value).toEqual({ nested: "array" });
              expect(json[at]).toBe("[");
            } else if (original !== null && typeof original === "object") {
              expect(c.value).toEqual({ nested: "object" });
              expect(json[at]).toBe("{");
            } else {
              expect(c.value).toEqual(original);
              expect(json.startsWith(JSON.stringify(original), at)).toBe(true);
            }
          }
        });
      }),
      { numRuns: 300 },
    );
  });
});

describe("readJsonRecords: streaming", () => {
  it("yields a record before the source has given the next chunk", async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let secondChunkGiven = false;
    async function* chunks(): AsyncGenerator<string> {
      yield '[{"a": 1}, {"a"';
      await gate;
      secondChunkGiven = true;
      yield ": 2}]";
    }
    const reader = readJsonRecords(chunks());
    const first = await reader.next();
    expect(first.done).toBe(false);
    expect(cell(first.value as DataRecord, "a").value).toBe(1);
    expect(secondChunkGiven).toBe(false);
    release();
    const second = await reader.next();
    expect(cell(second.value as DataRecord, "a").value).toBe(2);
    expect(secondChunkGiven).toBe(true);
    expect((await reader.next()).done).toBe(true);
  });

  it("rejects chunks that are not strings", async () => {
    const chunks = source(["[", 5 as unknown as string, "]"]);
    const read = async (): Promise<void> => {
      for await (const _item of readJsonRecords(chunks)) void _item;
    };
    await expect(read()).rejects.toThrow(TypeError);
  });

  it("reads a source with no chunks at all as empty", async () => {
    expect(await onlyProblem([])).toMatchObject({ code: "json-empty", line: 1, column: 1 });
  });
});
