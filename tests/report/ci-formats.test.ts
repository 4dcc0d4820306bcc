import { createReadStream, readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { validateXML } from "xmllint-wasm";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { evaluate } from "../../src/engine/evaluate.js";
import { readDataFiles } from "../../src/kinds/files.js";
import { buildLookup } from "../../src/plan/lookup.js";
import { loadPlan } from "../../src/plan/load.js";
import { formatGithub } from "../../src/report/github.js";
import { formatJunit } from "../../src/report/junit.js";
import { xml } from "../../src/report/escape.js";
import { formatJson, formatValidationJson } from "../../src/report/json.js";
import { reportJsonSchema } from "../../src/report/json-schema.js";
import type { FailOn } from "../../src/report/outcome.js";

const folder = join(import.meta.dirname, "ci");
const junitSchema = readFileSync(join(import.meta.dirname, "junit.xsd"), "utf8");

/** The mini plan with two files: good rows, rejected rows, and hostile text in a file name and a cell. */
async function ciReport() {
  const lookup = buildLookup(loadPlan(readFileSync(join(folder, "plan.yaml"), "utf8"), "plan.yaml"));
  const files = ["data.csv", "late,drop:2.csv"];
  const data = await readDataFiles(
    files.map((file) => ({ file, open: () => createReadStream(join(folder, file)) })),
    lookup,
  );
  return { report: evaluate(lookup, data, {}), data, lookup };
}

const emptyReport = {
  version: 1 as const,
  plan: { id: "p", title: "p" },
  asOf: "2025-12-31",
  ruleset: "2012",
  results: [],
  indicators: [],
  series: [],
  summary: { pass: 0, "on-track": 0, "no-data": 0, "at-risk": 0, fail: 0 },
  byTask: {},
  byArea: {},
  byTaskArea: {},
  tasks: [],
  areas: [],
  inputs: [],
  issues: [],
};

async function junitErrors(xml: string): Promise<string[]> {
  const result = await validateXML({ xml: [{ fileName: "report.xml", contents: xml }], schema: [{ fileName: "junit.xsd", contents: junitSchema }] });
  return result.errors.map((error) => error.rawMessage);
}

describe("--format github", () => {
  it("annotates rejected rows, warnings and results at or above --fail-on, then gives the totals", async () => {
    const { report } = await ciReport();
    for (const failOn of ["fail", "at-risk"] as const) {
      await expect(formatGithub(report, { failOn })).toMatchFileSnapshot(join(folder, `expected.github.${failOn}.txt`));
    }
  });

  it("caps annotations at 10 errors and 10 warnings, with one notice of the totals", async () => {
    const { report } = await ciReport();
    const many = { ...report, issues: Array.from({ length: 25 }, (_, index) => ({ code: index % 2 ? ("not-a-number" as const) : ("before-baseline" as const), severity: index % 2 ? ("error" as const) : ("warning" as const), message: `row ${index}`, location: { file: "a.csv", line: index + 2 } })) };
    const lines = formatGithub(many, { failOn: "never" }).trimEnd().split("\n");
    expect(lines.filter((line) => line.startsWith("::error ")).length).toBe(10);
    expect(lines.filter((line) => line.startsWith("::warning ")).length).toBe(10);
    expect(lines.filter((line) => line.startsWith("::notice ")).length).toBe(1);
    expect(lines.at(-1)).toContain("12 rejected row(s) or file problem(s), 13 warning(s); annotated the first 10 of each");
  });

  it("keeps any text from the data inside one command and one property", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), fc.string({ unit: "binary" }), (file, message) => {
        const report = { ...emptyReport, issues: [{ code: "not-a-number" as const, severity: "error" as const, message, hint: message, location: { file, line: 2, column: 3 } }] };
        const lines = formatGithub(report, { failOn: "fail" }).trimEnd().split("\n");
        expect(lines).toHaveLength(2);
        const properties = lines[0]!.slice("::error ".length, lines[0]!.indexOf("::", 2));
        expect(properties.split(",").map((property) => property.split("=")[0])).toEqual(["file", "line", "col", "title"]);
      }),
    );
  });
});

describe("--format junit", () => {
  it("writes a testsuite per task, a testcase per target and area, and an inputs suite", async () => {
    const { report } = await ciReport();
    for (const failOn of ["fail", "at-risk"] as const) {
      const xml = formatJunit(report, { failOn });
      await expect(xml).toMatchFileSnapshot(join(folder, `expected.junit.${failOn}.xml`));
      expect(await junitErrors(xml)).toEqual([]);
    }
  });

  it("marks failures at or above --fail-on and skips no-data results", async () => {
    const { report } = await ciReport();
    const count = (xml: string, pattern: RegExp) => (xml.match(pattern) ?? []).length;
    const failures = (failOn: FailOn) => count(formatJunit(report, { failOn }), /<failure type="(fail|at-risk|no-data)"/g);
    expect(failures("never")).toBe(0);
    expect(failures("fail")).toBe(report.summary.fail);
    expect(failures("at-risk")).toBe(report.summary.fail + report.summary["at-risk"]);
    expect(failures("no-data")).toBe(report.summary.fail + report.summary["at-risk"] + report.summary["no-data"]);
    expect(count(formatJunit(report, { failOn: "fail" }), /<skipped type="no-data"/g)).toBe(report.summary["no-data"]);
  });

  it("stays valid JUnit XML whatever text the data holds", async () => {
    const { report } = await ciReport();
    const texts = fc.sample(fc.string({ unit: "binary", maxLength: 30 }), 40);
    const hostile = { ...report, issues: texts.map((text) => ({ code: "not-a-number" as const, severity: "error" as const, message: text, location: { file: text } })) };
    expect(await junitErrors(formatJunit(hostile, { failOn: "fail" }))).toEqual([]);
    for (const text of texts) expect(xml(text, "attribute")).not.toMatch(/[<>"\n\r\t\u0000-\u0008\ufffe\uffff]|&(?!(amp|lt|gt|quot|apos|#10);)/);
    expect(xml("a < b & \"c\"\u0001\nnext")).toBe("a &lt; b &amp; &quot;c&quot;\\x01\nnext");
  });
});

describe("JSON contract", () => {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const validate = ajv.compile(JSON.parse(reportJsonSchema()));

  it("check's JSON matches report.schema.json, and so does validate's", async () => {
    const { report, data } = await ciReport();
    const check = JSON.parse(formatJson(report));
    expect(validate(check), JSON.stringify(validate.errors)).toBe(true);
    const validated = JSON.parse(formatValidationJson(data));
    expect(validate(validated), JSON.stringify(validate.errors)).toBe(true);
  });

  it("rejects output that breaks the contract", async () => {
    const { report } = await ciReport();
    const check = JSON.parse(formatJson(report));
    expect(validate({ ...check, results: [{ ...check.results[0], period: "2025" }] })).toBe(false);
    expect(validate({ ...check, tool: { name: "zz-plan" } })).toBe(false);
    expect(validate({ ...check, diagnostics: [{ code: "x", severity: "fatal", message: "", location: null, hint: null }] })).toBe(false);
  });

  it("gives periods as data, prose apart, and the displayed rounding beside the computed number", async () => {
    const { report } = await ciReport();
    const check = JSON.parse(formatJson(report));
    expect(check.tool).toEqual({ name: "zz-plan", version: JSON.parse(readFileSync(join(import.meta.dirname, "../../package.json"), "utf8")).version });
    const projected = check.results.find((result: { target: string; area: string }) => result.target === "goals-pm25" && result.area === "410102");
    expect(projected.period).toEqual({ label: "2025", start: "2025-01-01", end: "2025-03-31", months: ["2025-01", "2025-02", "2025-03"] });
    expect(projected.periodText).toBe("2025 (Jan-Mar, 3 of 12 months)");
    expect(projected.projected).toBe(47.39171692802574);
    expect(projected.display.projected).toBe("47.39");
  });

  it("is the committed report.schema.json", () => {
    const committed = readFileSync(join(import.meta.dirname, "../../report.schema.json"), "utf8");
    expect(committed, "run npm run schema").toBe(reportJsonSchema());
  });
});
