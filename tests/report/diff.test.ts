import { createReadStream, readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/evaluate.js";
import { statuses, type Status } from "../../src/engine/types.js";
import { readDataFiles } from "../../src/kinds/files.js";
import { buildLookup } from "../../src/plan/lookup.js";
import { loadPlan } from "../../src/plan/load.js";
import { compareReports, newlyReachingFailOn, parseComparableReport, type ComparableReport } from "../../src/report/diff.js";
import { checkEnvelope, formatChangesJson, formatJson } from "../../src/report/json.js";
import { reportJsonSchema } from "../../src/report/json-schema.js";
import { jsonText } from "../../src/report/escape.js";
import { UsageError } from "../../src/vocabulary/issues.js";

const folder = join(import.meta.dirname, "..", "fixtures-diff");

/** The check report of one month's file, as check -f json writes it. */
async function monthReport(file: string) {
  const lookup = buildLookup(loadPlan(readFileSync(join(folder, "plan.yaml"), "utf8"), "plan.yaml"));
  const data = await readDataFiles([{ file, open: () => createReadStream(join(folder, file)) }], lookup);
  return evaluate(lookup, data, {});
}

function report(results: { target: string; area: string; status: Status; actual?: number | null }[], problems: { message: string; line: number; file?: string }[] = []): ComparableReport {
  return {
    tool: { name: "zz-plan", version: "0.1.0" },
    version: 2,
    command: "check",
    plan: { id: "p" },
    asOf: "2025-09-30",
    summary: {},
    results: results.map((result) => ({ task: "t01", indicator: "x", areaName: result.area, role: "binding", unit: "%", actual: result.actual ?? null, ...result })),
    diagnostics: problems.map((problem) => ({ code: "bad-value", severity: "error", message: problem.message, location: { file: problem.file ?? "a.csv", line: problem.line }, hint: null })),
  };
}

describe("zz-plan diff: the comparison", () => {
  it("compares the committed reports, which are what check -f json writes for the two months", async () => {
    for (const month of ["previous", "current"]) {
      await expect(formatJson(await monthReport(`${month}.csv`))).toMatchFileSnapshot(join(folder, `${month}.json`));
    }
  });

  it("names each status change", () => {
    const cases: [Status | undefined, Status | undefined, string | undefined][] = [
      ["pass", "fail", "newly-failing"],
      ["at-risk", "fail", "newly-failing"],
      ["on-track", "at-risk", "newly-at-risk"],
      ["no-data", "at-risk", "newly-at-risk"],
      ["fail", "at-risk", "better"],
      ["pass", "no-data", "now-no-data"],
      ["fail", "no-data", "now-no-data"],
      ["pass", "on-track", "worse"],
      ["fail", "pass", "recovered"],
      ["at-risk", "on-track", "recovered"],
      ["no-data", "pass", "better"],
      [undefined, "fail", "added"],
      ["fail", undefined, "removed"],
      ["pass", "pass", undefined],
    ];
    for (const [before, after, expected] of cases) {
      const changes = compareReports(report(before ? [{ target: "t", area: "a", status: before }] : []), report(after ? [{ target: "t", area: "a", status: after }] : []));
      expect(changes.results.map((change) => change.change), `${before} -> ${after}`).toEqual(expected ? [expected] : []);
    }
  });

  it("reports a value change only where the shown (rounded) value changes", () => {
    const value = (before: number, after: number) => compareReports(report([{ target: "t", area: "a", status: "pass", actual: before }]), report([{ target: "t", area: "a", status: "pass", actual: after }])).results.map((change) => change.change);
    expect(value(35.494505494505496, 35.4945)).toEqual([]);
    expect(value(35.49, 35.51)).toEqual(["value"]);
  });

  it("finds newly rejected rows by code and message, wherever the row moved and whatever the file is called", () => {
    const previous = report([], [{ message: 'unknown area "二七乂区"', line: 12, file: "drops/2025-09/巩义.csv" }, { message: '"abc" is not a number', line: 20 }]);
    const current = report([], [{ message: 'unknown area "二七乂区"', line: 16, file: "drops/2025-10/巩义.csv" }, { message: 'unknown area "二七乂区"', line: 30 }, { message: "first at line 31", line: 40 }]);
    const changes = compareReports(previous, current);
    expect(changes.rejected.added.map((problem) => problem.location?.line)).toEqual([30, 40]);
    expect(changes.rejected.removed.map((problem) => problem.message)).toEqual(['"abc" is not a number']);
    expect(compareReports(report([], [{ message: "first at line 3", line: 9 }]), report([], [{ message: "first at line 5", line: 11 }])).rejected.added).toEqual([]);
  });

  it("finds nothing between a report and itself, and mirrors when the two are swapped", () => {
    const status = fc.constantFrom(...statuses);
    const results = fc.uniqueArray(fc.record({ target: fc.constantFrom("t1", "t2", "t3"), area: fc.constantFrom("a", "b"), status, actual: fc.option(fc.double({ min: -1e6, max: 1e6, noNaN: true })) }), { selector: (result) => `${result.target}/${result.area}` });
    const problems = fc.array(fc.record({ message: fc.constantFrom("x", "y", "first at line 3"), line: fc.integer({ min: 1, max: 99 }) }), { maxLength: 6 });
    fc.assert(
      fc.property(results, results, problems, problems, (a, b, pa, pb) => {
        const [first, second] = [report(a, pa), report(b, pb)];
        const same = compareReports(first, first);
        expect(same.results).toEqual([]);
        expect(same.rejected).toEqual({ added: [], removed: [] });
        const forward = compareReports(first, second);
        const backward = compareReports(second, first);
        expect(forward.counts.added).toBe(backward.counts.removed);
        expect(forward.counts.value).toBe(backward.counts.value);
        expect(forward.results.length).toBe(backward.results.length);
        expect(forward.rejected.added.length).toBe(backward.rejected.removed.length);
      }),
    );
  });

  it("counts what newly reaches --fail-on, binding results only", () => {
    const previous = report([{ target: "t", area: "a", status: "on-track" }, { target: "u", area: "a", status: "at-risk" }]);
    const current = report([{ target: "t", area: "a", status: "at-risk" }, { target: "u", area: "a", status: "fail" }]);
    const changes = compareReports(previous, current);
    expect(newlyReachingFailOn(changes, "fail").map((change) => change.target)).toEqual(["u"]);
    expect(newlyReachingFailOn(changes, "at-risk").map((change) => change.target)).toEqual(["t"]);
    expect(newlyReachingFailOn(changes, "never")).toEqual([]);
    const comparison = compareReports({ ...previous, results: previous.results.map((result) => ({ ...result, role: "comparison" as const })) }, { ...current, results: current.results.map((result) => ({ ...result, role: "comparison" as const })) });
    expect(newlyReachingFailOn(comparison, "at-risk")).toEqual([]);
    expect(comparison.counts["newly-failing"]).toBe(0);
  });
});

describe("zz-plan diff: reading a report", () => {
  const current = readFileSync(join(folder, "current.json"), "utf8");
  const refused = (text: string) => {
    try {
      parseComparableReport(text, "last.json");
    } catch (error) {
      expect(error).toBeInstanceOf(UsageError);
      const issue = (error as UsageError).issues[0]!;
      expect(issue.code).toBe("bad-baseline");
      expect(issue.message).not.toMatch(/\n/);
      return issue.message;
    }
    throw new Error("accepted");
  };

  it("reads a check report, with or without a BOM, and one that lacks fields added later", () => {
    expect(parseComparableReport(current, "current.json").asOf).toBe("2025-03-31");
    expect(parseComparableReport(`\uFEFF${current}`, "current.json").results.length).toBeGreaterThan(0);
    const older = JSON.parse(current);
    for (const result of older.results) delete result.probability;
    expect(parseComparableReport(JSON.stringify(older), "older.json").results.length).toBe(older.results.length);
  });

  it("refuses anything else on one line", () => {
    const envelope = JSON.parse(current);
    expect(refused("indicator,area\n")).toMatch(/not a JSON file/);
    expect(refused("[1,2]")).toMatch(/not a zz-plan JSON report/);
    expect(refused('{"name":"eslint"}')).toMatch(/not a zz-plan JSON report/);
    expect(refused(JSON.stringify({ version: 1, command: "check", results: [] }))).toMatch(/envelope version 1/);
    expect(refused(JSON.stringify({ ...envelope, version: 3 }))).toMatch(/envelope version 3; this zz-plan reads version 2/);
    expect(refused(JSON.stringify({ ...envelope, command: "validate" }))).toMatch(/validate report, not a check report/);
    expect(refused(JSON.stringify({ ...envelope, results: [{ ...envelope.results[0], status: "great" }] }))).toMatch(/damaged .*results\.0\.status/);
  });
});

describe("zz-plan diff: the JSON contract", () => {
  const validate = new Ajv2020({ allErrors: true, strict: false }).compile(JSON.parse(reportJsonSchema()));

  it("diff's envelope and check's with --baseline match report.schema.json", async () => {
    const previous = parseComparableReport(readFileSync(join(folder, "previous.json"), "utf8"), "previous.json");
    const now = await monthReport("current.csv");
    const changes = compareReports(previous, checkEnvelope(now));
    const diff = JSON.parse(formatChangesJson(changes));
    expect(validate(diff), JSON.stringify(validate.errors)).toBe(true);
    expect(diff.command).toBe("diff");
    const check = JSON.parse(formatJson(now, { changes }));
    expect(validate(check), JSON.stringify(validate.errors)).toBe(true);
    expect(check.changes.counts["newly-failing"]).toBe(1);
    expect(validate({ ...diff, changes: { ...diff.changes, results: [{ ...diff.changes.results[0], change: "improved" }] } })).toBe(false);
    expect(jsonText(check.changes)).toBe(jsonText(changes));
  });
});
