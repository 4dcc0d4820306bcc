import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readDataFiles, type DataSource } from "../../src/kinds/files.js";
import { buildLookup } from "../../src/plan/lookup.js";
import { loadPlan } from "../../src/plan/load.js";

const planFile = fileURLToPath(new URL("../../plan/zhengzhou-2023-2025.yaml", import.meta.url));
const lookup = buildLookup(loadPlan(readFileSync(planFile, "utf8"), planFile));
const fixtureDir = fileURLToPath(new URL("../fixtures-bad/", import.meta.url));

/** Each fixture's bytes, in chunks of 7 bytes so that characters, BOMs and CRLFs are cut apart. */
function fixture(name: string, chunkSize = 7): DataSource {
  const bytes = new Uint8Array(readFileSync(fixtureDir + name));
  return {
    file: name,
    async *open() {
      for (let start = 0; start < bytes.length; start += chunkSize) yield bytes.slice(start, start + chunkSize);
    },
  };
}

interface Expected {
  /** Every issue as "code@line:column" (or "code@" for a file-level issue), in any order. */
  issues: string[];
  counts: { read: number; used: number; rejected: number; skipped: number };
  encoding?: string;
  /** Observations as "indicator area period value". */
  observations?: string[];
  /** Something each listed issue's message or hint must mention. */
  mentions?: Record<string, RegExp>;
}

const cases: Record<string, Expected> = {
  "gb18030.csv": {
    issues: [],
    counts: { read: 3, used: 3, rejected: 0, skipped: 0 },
    encoding: "gb18030",
    observations: ["pm25-annual-mean 410102 2024 41.5", "good-day-ratio 410103 2024 66.5", "dust-fall 410104 2025-06 5.1"],
  },
  "utf16le-bom.csv": {
    issues: [],
    counts: { read: 2, used: 2, rejected: 0, skipped: 0 },
    encoding: "utf-16le",
    observations: ["pm25-annual-mean 410105 2024 39", "dust-fall 410108 2025-06 4.8"],
  },
  "utf16be-bom.csv": {
    issues: [],
    counts: { read: 2, used: 2, rejected: 0, skipped: 0 },
    encoding: "utf-16be",
    observations: ["pm25-annual-mean 410105 2024 39", "dust-fall 410108 2025-06 4.8"],
  },
  "utf16le-no-bom.csv": {
    issues: [],
    counts: { read: 2, used: 2, rejected: 0, skipped: 0 },
    encoding: "utf-16le",
    observations: ["pm25-annual-mean 410105 2024 39", "dust-fall 410108 2025-06 4.8"],
  },
  "utf8-bom.csv": { issues: [], counts: { read: 1, used: 1, rejected: 0, skipped: 0 }, encoding: "utf-8", observations: ["pm25-annual-mean 410106 2024 37"] },
  "semicolon.csv": {
    issues: ["not-a-number@3:4"],
    counts: { read: 2, used: 1, rejected: 1, skipped: 0 },
    mentions: { "not-a-number": /"5,2" has a comma that is not a thousands separator/ },
  },
  "tab.tsv": { issues: ["missing-value@3:4"], counts: { read: 2, used: 1, rejected: 1, skipped: 0 } },
  "excel-sep.csv": {
    // The sep= line is line 1, so the header is line 2 and the short row is line 4.
    issues: ["csv-ragged-row@4:3"],
    counts: { read: 2, used: 1, rejected: 1, skipped: 0 },
    mentions: { "csv-ragged-row": /3 fields where the header has 4 \(too few; a semicolon inside a value must be quoted/ },
  },
  "crlf-trailing.csv": { issues: [], counts: { read: 2, used: 1, rejected: 0, skipped: 1 } },
  "quoted.csv": {
    issues: ["unknown-area@3:2", "unknown-area@4:2", "not-a-number@7:4"],
    counts: { read: 5, used: 2, rejected: 3, skipped: 0 },
    // The quoted newline inside "金水\n区" moves the next row to line 7.
    observations: ["pm25-annual-mean 410102 2023 38.5", "good-day-ratio 410105 2024 61"],
    mentions: { "unknown-area": /"中原区, 郑州"|"二七"区"/ },
  },
  "ragged.csv": {
    // Row 4 ends in empty fields (Excel's habit): not ragged.
    issues: ["csv-ragged-row@2:3", "csv-ragged-row@3:5"],
    counts: { read: 4, used: 2, rejected: 2, skipped: 0 },
  },
  "unclosed-quote.csv": {
    issues: ["csv-unclosed-quote@3:2"],
    counts: { read: 2, used: 1, rejected: 1, skipped: 0 },
    mentions: { "csv-unclosed-quote": /never closed/ },
  },
  "header-only.csv": { issues: ["no-data-rows@"], counts: { read: 0, used: 0, rejected: 0, skipped: 0 } },
  "empty.csv": { issues: ["csv-empty-file@1:1"], counts: { read: 0, used: 0, rejected: 0, skipped: 0 } },
  "blank-lines.csv": { issues: ["csv-empty-file@1:1"], counts: { read: 0, used: 0, rejected: 0, skipped: 0 } },
  "duplicate-header.csv": {
    issues: ["csv-duplicate-header@1:5"],
    counts: { read: 1, used: 1, rejected: 0, skipped: 0 },
    mentions: { "csv-duplicate-header": /column "value" appears twice in the header row \(columns 4 and 5\)/ },
  },
  "duplicate-column.csv": {
    issues: ["duplicate-column@1:5"],
    counts: { read: 1, used: 1, rejected: 0, skipped: 0 },
    observations: ["pm25-annual-mean 410102 2024 40"],
  },
  "missing-column.csv": {
    issues: ["missing-column@1:1"],
    counts: { read: 2, used: 0, rejected: 2, skipped: 0 },
    // "district" is an accepted spelling of area; "when" is no spelling of period.
    mentions: { "missing-column": /required column missing: period \(any of: period, 时间, .*\); all 2 data row\(s\) rejected/ },
  },
  "trailing-empty-columns.csv": { issues: [], counts: { read: 2, used: 2, rejected: 0, skipped: 0 } },
  "empty-header-name.csv": { issues: ["csv-empty-header@1:2"], counts: { read: 1, used: 1, rejected: 0, skipped: 0 } },
  "mojibake-stray-gbk.csv": {
    issues: [...Array.from({ length: 12 }, (_, index) => `unknown-area@${index + 2}:2`), "undecodable-characters@"],
    counts: { read: 13, used: 1, rejected: 12, skipped: 0 },
    encoding: "gb18030",
    observations: ["dust-fall 410102 2024-01 3"],
    mentions: { "unknown-area": /encoding may be wrong/, "undecodable-characters": /reads as UTF-8 up to line 14/ },
  },
  // Instrument codes (-99, 9999, 99999) and a CO far beyond any air are invalid hours, one warning per
  // station and pollutant at its first line; a row of nothing but codes is an absent hour.
  "air-instrument-codes.csv": {
    issues: [
      "implausible-reading@3:undefined",
      "implausible-reading@4:undefined",
      "implausible-reading@5:undefined",
      "implausible-reading@6:undefined",
      "implausible-reading@6:undefined",
      "implausible-reading@6:undefined",
      "invalid-reading@7:undefined",
      "invalid-days@2:undefined",
      // One June day: no monthly value for 金水区 or the city (PM2.5, and the day shares).
      ...Array.from({ length: 4 }, () => "monthly-value-invalid@2:undefined"),
    ],
    counts: { read: 6, used: 5, rejected: 0, skipped: 1 },
    mentions: {
      "implausible-reading":
        /^station "A1": \d \S+ values? (is an instrument code|are instrument codes) or beyond what air can hold \(a flag such as -99 or 9999, or above ((5000|10000|26200|38400|12000) ug\/m3|1500 mg\/m3); first "(-99|-999|9999|99999|2000)" at line [3-6]\)/,
    },
  },
  "values.csv": {
    issues: [
      "implausible-value@2:4",
      "implausible-value@3:4",
      "implausible-value@5:4",
      "implausible-value@7:4",
      "ratio-read-as-percent@8:4",
      "missing-value@9:4",
      "missing-value@10:4",
      "missing-value@11:4",
      "missing-value@12:4",
      "missing-value@13:4",
      "missing-value@14:4",
      "implausible-value@15:4",
      "not-a-number@16:4",
      "not-a-number@17:4",
      "not-a-number@18:4",
      "not-a-number@19:4",
    ],
    counts: { read: 19, used: 4, rejected: 15, skipped: 0 },
    // 0.665 for good-day-ratio is read as 66.5 %: the plan's plausible range starts at 5 % (see readsRatio).
    observations: ["pm25-annual-mean 410103 2024 38.5", "good-day-ratio 410103 2024 66.5", "good-day-ratio 410106 2024 66.5", "nev-incentive-policy 410100 2024 1"],
    mentions: { "implausible-value": /plausible range (0|5)\.\.(500|100)/, "ratio-read-as-percent": /0\.665 read as a ratio, 66\.5 %/ },
  },
  "periods.csv": {
    issues: ["before-baseline@8:3", "bad-period@9:3", "bad-period@10:3", "missing-period@11:3"],
    counts: { read: 11, used: 7, rejected: 3, skipped: 1 },
    observations: [
      "dust-fall 410102 2025-06 5",
      "dust-fall 410103 2025-06 5",
      "dust-fall 410105 2025-06 5",
      "dust-fall 410106 2025-06 5",
      "good-day-ratio 410102 2025-Q2 60",
      "dust-fall 410108 2025-06-30 5",
      "dust-fall 410184 2025-06-30 5",
    ],
  },
  "areas.csv": {
    issues: ["unknown-area@10:2", "missing-area@11:2"],
    counts: { read: 10, used: 8, rejected: 2, skipped: 0 },
    mentions: { "unknown-area": /did you mean "中原区"/ },
  },
  "duplicates.csv": {
    // Two values for one period: the later row (a revision) wins, the earlier is skipped with a warning.
    issues: ["duplicate-row@3:4", "revised-value@4:4"],
    counts: { read: 5, used: 3, rejected: 0, skipped: 2 },
    observations: ["pm25-annual-mean 410102 2024 40", "pm25-annual-mean 410103 2024 45", "pm25-annual-mean 410105 2024 39"],
    mentions: { "revised-value": /is 41 here but 45 at line 5; 45 is used \(the later row in the file wins\)/ },
  },
  "workbook.xlsx": { issues: ["xlsx-unreadable@"], counts: { read: 0, used: 0, rejected: 0, skipped: 0 } },
  "renamed-workbook.csv": {
    issues: ["unsupported-spreadsheet@"],
    counts: { read: 0, used: 0, rejected: 0, skipped: 0 },
    mentions: { "unsupported-spreadsheet": /Excel workbook \(\.xlsx\).* under a \.csv name/ },
  },
  "old-workbook.csv": { issues: ["unsupported-spreadsheet@"], counts: { read: 0, used: 0, rejected: 0, skipped: 0 } },
  "binary.csv": { issues: ["binary-file@"], counts: { read: 0, used: 0, rejected: 0, skipped: 0 } },
  "no-extension": { issues: ["unsupported-file-type@"], counts: { read: 0, used: 0, rejected: 0, skipped: 0 } },
  "malformed.json": {
    issues: ["json-syntax@3:29"],
    counts: { read: 1, used: 1, rejected: 0, skipped: 0 },
    mentions: { "json-syntax": /expected "," or "}" after a value/ },
  },
  "trailing-comma.json": { issues: ["json-syntax@3:1"], counts: { read: 1, used: 1, rejected: 0, skipped: 0 } },
  "wrong-shape.json": { issues: ["json-shape@1:1"], counts: { read: 0, used: 0, rejected: 0, skipped: 0 } },
  "not-objects.json": {
    issues: ["json-not-an-object@1:2", "json-not-an-object@1:5", "json-not-an-object@1:13", "json-not-an-object@1:18"],
    counts: { read: 5, used: 1, rejected: 4, skipped: 0 },
  },
  "proto.json": { issues: [], counts: { read: 1, used: 1, rejected: 0, skipped: 0 }, observations: ["pm25-annual-mean 410102 2024 40"] },
  "nan.json": { issues: ["json-syntax@1:78"], counts: { read: 0, used: 0, rejected: 0, skipped: 0 }, mentions: { "json-syntax": /NaN/ } },
  "strings.json": {
    issues: ["missing-column@1:164"],
    counts: { read: 3, used: 2, rejected: 1, skipped: 0 },
    // A number as a string, a number as the period, and Chinese keys in a later record all read.
    observations: ["pm25-annual-mean 410102 2024 40.5", "dust-fall 410103 2025-06 5"],
    mentions: { "missing-column": /this record has no period/ },
  },
  "deep.json": { issues: ["json-too-deep@1:65"], counts: { read: 0, used: 0, rejected: 0, skipped: 0 } },
  "empty-array.json": { issues: ["no-data-rows@"], counts: { read: 0, used: 0, rejected: 0, skipped: 0 } },
  "empty.json": { issues: ["json-empty@1:1"], counts: { read: 0, used: 0, rejected: 0, skipped: 0 } },
  "control-chars.csv": {
    // Escape sequences, OSC links, a carriage return, C1 and bidi controls, markdown and HTML in
    // cells: read and rejected like any other text (tests/cli/hostile-output.test.ts shows them
    // escaped). The lone carriage return inside a quoted cell counts as a line break, as editors show it.
    issues: ["unknown-indicator@3:1", "unknown-area@4:2", "unknown-area@5:2", "unknown-area@7:2", "unknown-area@8:2", "unknown-area@9:2", "bad-period@13:3", "not-a-number@14:4"],
    counts: { read: 9, used: 1, rejected: 8, skipped: 0 },
  },
  "spaced-numbers.csv": {
    // A space between digits is no number (#11); separators, full-width digits and outer spaces are.
    issues: ["not-a-number@2:4", "not-a-number@3:4", "not-a-number@7:4"],
    counts: { read: 6, used: 3, rejected: 3, skipped: 0 },
    observations: ["clean-power-capacity 410100 2025 1234.5", "dust-fall 410106 2025-06 5.5", "dust-fall 410108 2025-06 5.5"],
    mentions: { "not-a-number": /space inside the number/ },
  },
  "zoned-periods.csv": {
    // Periods and 报送日期 with a UTC offset are moved to China Standard Time before the day is
    // taken (#11): 20:00Z on June 30 is July 1 in China. Impossible times are refused.
    issues: ["bad-period@5:3", "bad-period@6:3", "bad-period@7:3", "revised-value@10:4", "bad-revision@11:5"],
    counts: { read: 10, used: 5, rejected: 4, skipped: 1 },
    observations: [
      "dust-fall 410102 2025-07-01 5",
      "dust-fall 410103 2025-06-30 5",
      "dust-fall 410105 2025-07-01 5",
      "dust-fall 410181 2025-07-01 5",
      "dust-fall 410182 2025-06-30 5",
    ],
    mentions: { "bad-period": /no real time of day/, "revised-value": /2025-07-07 is later than 2025-07-06/ },
  },
  "values.json": {
    issues: ["not-a-number@1:78", "bad-period@2:61", "not-a-number@3:78", "not-a-number@4:78"],
    counts: { read: 4, used: 0, rejected: 4, skipped: 0 },
    mentions: { "bad-period": /2024\.5 is a number/ },
  },
};

describe("bad-input fixtures (tests/fixtures-bad)", () => {
  it("has a case for every fixture file, and a file for every case", () => {
    const files = readdirSync(fixtureDir, { withFileTypes: true })
      .filter((entry) => entry.isFile() && !entry.name.startsWith("."))
      .map((entry) => entry.name)
      .sort();
    expect(files).toEqual(Object.keys(cases).sort());
  });

  for (const [name, expected] of Object.entries(cases)) {
    it(`reads ${name}`, async () => {
      const data = await readDataFiles([fixture(name)], lookup);
      const found = data.issues.map((issue) => `${issue.code}@${issue.location?.line === undefined ? "" : `${issue.location.line}:${issue.location.column}`}`);
      expect([...found].sort()).toEqual([...expected.issues].sort());
      for (const issue of data.issues) expect(issue.location?.file).toBe(name);

      const summary = data.files[0]!;
      expect({ read: summary.rowsRead, used: summary.rowsUsed, rejected: summary.rowsRejected, skipped: summary.rowsSkipped }).toEqual(expected.counts);
      expect(summary.rowsRead).toBe(summary.rowsUsed + summary.rowsRejected + summary.rowsSkipped);
      if (expected.encoding) expect(summary.encoding).toBe(expected.encoding);
      if (expected.observations) {
        expect(data.observations.map((o) => `${o.indicator} ${o.area} ${o.period.label} ${o.value}`).sort()).toEqual([...expected.observations].sort());
      }
      for (const [code, pattern] of Object.entries(expected.mentions ?? {})) {
        const withCode = data.issues.filter((issue) => issue.code === code);
        expect(withCode.length).toBeGreaterThan(0);
        for (const issue of withCode) expect(`${issue.message} ${issue.hint ?? ""}`).toMatch(pattern);
      }
    });
  }

  it("does not let __proto__ or constructor keys reach Object.prototype", async () => {
    await readDataFiles([fixture("proto.json")], lookup);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
  });
});
