import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readDataFiles, type DataSource } from "../../src/kinds/files.js";
import type { DataSet } from "../../src/kinds/observation.js";
import { buildLookup } from "../../src/plan/lookup.js";
import { loadPlan } from "../../src/plan/load.js";

const planFile = fileURLToPath(new URL("../../plan/zhengzhou-2023-2025.yaml", import.meta.url));
const lookup = buildLookup(loadPlan(readFileSync(planFile, "utf8"), planFile));

/*
 * Random tables of valid rows mixed with corrupted ones, written as CSV or JSON bytes and read back
 * through readDataFiles. What each row should become is known from how it was made, so the test
 * checks every row's fate, not only the totals.
 */

const indicators = [
  { id: "pm25-annual-mean", annual: true, min: 0, max: 500, percent: false },
  { id: "good-day-ratio", annual: true, min: 5, max: 100, percent: true },
  { id: "dust-fall", annual: false, min: 0, max: 100, percent: false },
] as const;
const areas = lookup.plan.areas;
const months = Array.from({ length: 36 }, (_, index) => ({ year: 2023 + Math.floor(index / 12), month: (index % 12) + 1 }));

type Kind = "valid" | "duplicate" | "blank" | "bad-number" | "unknown-area" | "missing-value" | "ragged" | "before-baseline";
type Fate = "used" | "skipped" | "rejected";
const fateOf: Record<Kind, Fate> = {
  valid: "used",
  duplicate: "skipped",
  blank: "skipped",
  "before-baseline": "skipped",
  "bad-number": "rejected",
  "unknown-area": "rejected",
  "missing-value": "rejected",
  ragged: "rejected",
};

interface Row {
  kind: Kind;
  indicator: string;
  area: string;
  period: string;
  value: string;
  note: string;
  /** For a valid row: "indicator code period value" as the observation should read. */
  expected?: string;
}

const fullWidth = (text: string) => text.replace(/[0-9.]/g, (char) => String.fromCharCode(char.charCodeAt(0) + 0xfee0));

/** A valid row for a distinct (indicator, area, period) key, in one of the spellings people use. */
const validRow = (key: { indicator: number; area: number; period: number }) =>
  fc.record({ spelling: fc.nat(5), tenths: fc.nat(), style: fc.nat(4), note: fc.constantFrom("", "复核", "line\nbreak", 'say "hi"', "a,b;c") }).map(({ spelling, tenths, style, note }): Row => {
    const indicator = indicators[key.indicator]!;
    const area = areas[key.area]!;
    const { year, month } = months[key.period]!;
    const areaNames = [area.code, area.name, area.pinyin, ...area.aliases];
    const areaName = areaNames[spelling % areaNames.length]!;
    // Valid values lie in the indicator's plausible range (the bundled plan's).
    const value = indicator.min + (tenths % ((indicator.max - indicator.min) * 10 + 1)) / 10;
    const periodLabel = indicator.annual ? String(year) : `${year}-${String(month).padStart(2, "0")}`;
    const periodSpellings = indicator.annual ? [String(year), `${year}年`] : [periodLabel, `${year}年${month}月`, `${year}/${month}`, `${year}${String(month).padStart(2, "0")}`];
    const valueSpellings = [String(value), fullWidth(String(value)), value >= 1000 ? value.toLocaleString("en-US") : ` ${value} `, indicator.percent ? `${value}%` : String(value)];
    return {
      kind: "valid",
      indicator: indicator.id,
      area: areaName,
      period: periodSpellings[style % periodSpellings.length]!,
      value: valueSpellings[style % valueSpellings.length]!,
      note,
      expected: `${indicator.id} ${area.code} ${periodLabel} ${value}`,
    };
  });

const corruptRow = (kind: Exclude<Kind, "valid" | "duplicate">) =>
  fc.record({ value: fc.constantFrom("abc", "1,2", "<5", "#REF!", "12ug"), missing: fc.constantFrom("", "NA", "-", "—", "/", "无") }).map(({ value, missing }): Row => {
    const base = { indicator: "dust-fall", area: "中原区", period: "2024-06", value: "5", note: "" };
    switch (kind) {
      case "blank":
        return { ...base, kind, indicator: "", area: "", period: "", value: "" };
      case "bad-number":
        return { ...base, kind, value };
      case "unknown-area":
        return { ...base, kind, area: "火星区" };
      case "missing-value":
        return { ...base, kind, value: missing };
      case "before-baseline":
        return { ...base, kind, period: "2015-06" };
      default:
        return { ...base, kind };
    }
  });

/** Valid rows with distinct keys, corrupted rows, and exact repeats of valid rows, shuffled. */
const table = fc
  .uniqueArray(fc.record({ indicator: fc.nat(indicators.length - 1), area: fc.nat(areas.length - 1), period: fc.nat(months.length - 1) }), {
    maxLength: 25,
    selector: (key) => {
      const indicator = indicators[key.indicator]!;
      return `${key.indicator}/${key.area}/${indicator.annual ? months[key.period]!.year : key.period}`;
    },
  })
  .chain((keys) =>
    fc.tuple(
      keys.length === 0 ? fc.constant([] as Row[]) : fc.tuple(...keys.map(validRow)),
      fc.array(fc.constantFrom("blank", "bad-number", "unknown-area", "missing-value", "ragged", "before-baseline") as fc.Arbitrary<Exclude<Kind, "valid" | "duplicate">>, { maxLength: 12 }).chain((kinds) =>
        kinds.length === 0 ? fc.constant([] as Row[]) : fc.tuple(...kinds.map(corruptRow)),
      ),
      fc.array(fc.nat(), { maxLength: 5 }),
    ),
  )
  .chain(([valid, corrupt, repeatPicks]) => {
    const repeats = valid.length === 0 ? [] : repeatPicks.map((pick): Row => ({ ...valid[pick % valid.length]!, kind: "duplicate", expected: undefined }));
    // The first copy of a row is the one used, so repeats go after all the originals.
    return fc.shuffledSubarray([...valid, ...corrupt], { minLength: valid.length + corrupt.length }).map((rows) => [...rows, ...repeats]);
  });

interface CsvDialect {
  delimiter: string;
  lineEnd: string;
  bom: boolean;
  sepLine: boolean;
  quoteAll: boolean;
  trailingBlankLine: boolean;
  chunkSize: number;
}

const csvDialect: fc.Arbitrary<CsvDialect> = fc.record({
  delimiter: fc.constantFrom(",", ";", "\t"),
  lineEnd: fc.constantFrom("\n", "\r\n"),
  bom: fc.boolean(),
  sepLine: fc.boolean(),
  quoteAll: fc.boolean(),
  trailingBlankLine: fc.boolean(),
  chunkSize: fc.integer({ min: 1, max: 200 }),
});

function quote(field: string, delimiter: string, always: boolean): string {
  return always || field.includes(delimiter) || /["\n\r]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/** The CSV bytes, and the line each row starts on. */
function writeCsv(rows: Row[], dialect: CsvDialect): { bytes: Uint8Array; lines: number[] } {
  const { delimiter, lineEnd, bom, sepLine, quoteAll, trailingBlankLine } = dialect;
  let text = bom ? "\uFEFF" : "";
  let line = 1;
  if (sepLine) {
    text += `sep=${delimiter}${lineEnd}`;
    line += 1;
  }
  text += ["indicator", "area", "period", "value", "note"].join(delimiter) + lineEnd;
  line += 1;
  const lines: number[] = [];
  for (const row of rows) {
    lines.push(line);
    const fields = [row.indicator, row.area, row.period, row.value, row.note];
    if (row.kind === "ragged") fields.splice(2);
    text += fields.map((field) => quote(field, delimiter, quoteAll)).join(delimiter) + lineEnd;
    line += 1 + (row.note.match(/\n/g)?.length ?? 0);
  }
  if (trailingBlankLine) text += lineEnd;
  return { bytes: new TextEncoder().encode(text), lines };
}

/** JSON with one record per line; a ragged row is a record without its value key. */
function writeJson(rows: Row[]): { bytes: Uint8Array; lines: number[] } {
  const records = rows.map((row) => {
    const record: Record<string, string> = { indicator: row.indicator, area: row.area, period: row.period, value: row.value, note: row.note };
    if (row.kind === "ragged") delete record.value;
    return JSON.stringify(record);
  });
  return { bytes: new TextEncoder().encode(`[\n${records.join(",\n")}\n]\n`), lines: rows.map((_, index) => index + 2) };
}

function memorySource(file: string, bytes: Uint8Array, chunkSize: number): DataSource {
  return {
    file,
    async *open() {
      for (let start = 0; start < bytes.length; start += chunkSize) yield bytes.slice(start, start + chunkSize);
    },
  };
}

function checkFates(data: DataSet, rows: Row[], lines: number[]): void {
  const summary = data.files[0]!;
  const count = (fate: Fate) => rows.filter((row) => fateOf[row.kind] === fate).length;
  // Blank rows are rows read; the trailing blank line of a CSV is one more.
  expect(summary.rowsRead).toBe(summary.rowsUsed + summary.rowsRejected + summary.rowsSkipped);
  expect(summary.rowsUsed).toBe(count("used"));
  expect(summary.rowsRejected).toBe(count("rejected"));
  expect(summary.rowsSkipped - (summary.rowsRead - rows.length)).toBe(count("skipped"));

  const observed = data.observations.map((o) => `${o.indicator} ${o.area} ${o.period.label} ${o.value}`).sort();
  expect(observed).toEqual(rows.flatMap((row) => (row.kind === "valid" ? [row.expected!] : [])).sort());

  const errorLines = data.issues.filter((issue) => issue.severity === "error").map((issue) => issue.location?.line);
  rows.forEach((row, index) => {
    if (fateOf[row.kind] === "rejected") expect(errorLines, `${row.kind} row at line ${lines[index]}`).toContain(lines[index]);
  });
  expect(errorLines.length).toBe(count("rejected"));
  const rejectedLines = new Set(rows.flatMap((row, index) => (fateOf[row.kind] === "rejected" ? [lines[index]] : [])));
  for (const line of errorLines) expect(rejectedLines.has(line)).toBe(true);
  const duplicateLines = data.issues.filter((issue) => issue.code === "duplicate-row").map((issue) => issue.location?.line);
  expect(duplicateLines.sort()).toEqual(rows.flatMap((row, index) => (row.kind === "duplicate" ? [lines[index]] : [])).sort());
}

describe("row accounting (property)", () => {
  it("accounts for every row of a random CSV table: used, rejected with an issue at its line, or skipped", async () => {
    await fc.assert(
      fc.asyncProperty(table, csvDialect, async (rows, dialect) => {
        const { bytes, lines } = writeCsv(rows, dialect);
        const data = await readDataFiles([memorySource("table.csv", bytes, dialect.chunkSize)], lookup);
        checkFates(data, rows, lines);
      }),
      { numRuns: 150 },
    );
  });

  it("accounts for every record of a random JSON table the same way", async () => {
    await fc.assert(
      fc.asyncProperty(table, fc.integer({ min: 1, max: 300 }), async (rows, chunkSize) => {
        const { bytes, lines } = writeJson(rows);
        const data = await readDataFiles([memorySource("table.json", bytes, chunkSize)], lookup);
        checkFates(data, rows, lines);
      }),
      { numRuns: 150 },
    );
  });
});
