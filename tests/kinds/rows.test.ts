import { describe, expect, it } from "vitest";
import type { RowSink } from "../../src/kinds/kind.js";
import { areaNames, eachRow } from "../../src/kinds/rows.js";
import type { DataRecord } from "../../src/read/records.js";
import type { Issue } from "../../src/vocabulary/issues.js";
import { bundledLookup } from "../helpers/raw.js";

function records(rows: Record<string, string>[]): AsyncIterable<DataRecord> {
  return (async function* () {
    for (const [index, row] of rows.entries()) {
      const line = index + 2;
      yield { line, column: 1, cells: new Map(Object.entries(row).map(([name, value], column) => [name, { value, line, column: column + 1 }])) };
    }
  })();
}

function countingSink() {
  const counts = { read: 0, used: 0, skipped: 0, rejected: 0 };
  const issues: Issue[] = [];
  const sink: RowSink = {
    file: "f.csv",
    read: () => void (counts.read += 1),
    used: () => void (counts.used += 1),
    skip: () => void (counts.skipped += 1),
    reject: (issue) => {
      counts.rejected += 1;
      issues.push(issue);
    },
    warn: (issue) => void issues.push(issue),
    use: () => undefined,
    structural: (issue) => void issues.push(issue),
  };
  return { sink, counts, issues };
}

describe("eachRow", () => {
  it("skips blank rows and hands the others over with their cells by column", async () => {
    const { sink, counts, issues } = countingSink();
    const seen: string[] = [];
    await eachRow(records([{ 站点: "a", x: "1" }, { 站点: " ", x: "" }, { 站点: "b", x: "" }]), sink, { spellings: { station: ["station", "站点"] } }, (row) => {
      if (row.text("station") === "b") return row.reject("missing-station", "b is refused", "station");
      seen.push(row.text("station"));
      sink.used();
    });
    expect(seen).toEqual(["a"]);
    expect(counts).toEqual({ read: 3, used: 1, skipped: 1, rejected: 1 });
    expect(issues[0]).toMatchObject({ code: "missing-station", location: { file: "f.csv", line: 4, column: 1 } });
  });

  it("rejects every data row while a required column is missing, and reads none of them", async () => {
    const { sink, counts, issues } = countingSink();
    await eachRow(records([{ a: "1" }, { a: "" }, { a: "2" }]), sink, { spellings: { station: ["station"] }, missing: (columns) => (columns.has("station") ? [] : ["station"]), missingHint: "name it" }, () => {
      throw new Error("no row can be read");
    });
    expect(counts).toEqual({ read: 3, used: 0, skipped: 1, rejected: 2 });
    expect(issues.map((issue) => issue.code)).toEqual(["missing-column", "missing-column"]);
  });
});

describe("areaNames", () => {
  it("finds areas by any name and words an unknown one with a suggestion", () => {
    const areas = areaNames(bundledLookup);
    expect(areas.find("中原区")?.code).toBe("410102");
    expect(areas.unknown("中原")).toMatch(/^unknown area "中原"/);
    expect(areas.unknown("中源区")).toContain('did you mean "中原区"');
  });
});
