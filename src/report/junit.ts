import type { FileSummary, Issue, Report, TargetResult } from "../engine/types.js";
import type { DataSet } from "../kinds/observation.js";
import type { FormatOptions } from "./formatter.js";
import { compareIssues, formatIssue, formatLocation } from "../vocabulary/issues.js";
import { terminal, xml } from "./escape.js";
import { reachesFailOn, type FailOn } from "./outcome.js";
import { chanceText, gapText, requirementText, targetText, valueWithUnit } from "./wording.js";

/** Problems listed in one data testcase's failure text; the rest are counted. */
const problemsPerFile = 200;

interface TestCase {
  name: string;
  classname: string;
  outcome?: { element: "failure" | "skipped"; type: string; message: string; text: string };
}

/**
 * JUnit XML as CI systems read it (the Ant/Jenkins junit-10 dialect): one testsuite per task with a
 * testcase per target and area (a failure at or above --fail-on, skipped for no data), and an
 * "inputs" testsuite with a testcase per data file that fails when the file has rejected rows.
 * No times or timestamps: the output depends on the inputs only.
 */
export function formatJunit(report: Report, options: Partial<FormatOptions> = {}): string {
  const suites: Suite[] = [{ name: "inputs", cases: inputCases(report.inputs, report.issues) }];
  for (const task of report.tasks) {
    const results = report.results.filter((result) => result.task === task.id);
    if (results.length === 0) continue;
    suites.push({ name: `${task.id} ${task.title}`, cases: results.map((result) => resultCase(result, options.failOn ?? "fail")) });
  }
  return junitXml(suites);
}

/** validate's JUnit: the inputs suite alone. */
export function formatValidationJunit(data: DataSet): string {
  return junitXml([{ name: "inputs", cases: inputCases(data.files, data.issues) }]);
}

interface Suite {
  name: string;
  cases: TestCase[];
}

function junitXml(suites: readonly Suite[]): string {
  const count = (cases: TestCase[], element: "failure" | "skipped") => cases.filter((testCase) => testCase.outcome?.element === element).length;
  const all = suites.flatMap((suite) => suite.cases);
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="zz-plan" tests="${all.length}" failures="${count(all, "failure")}" errors="0">`];
  for (const suite of suites) {
    out.push(`  <testsuite name="${xml(suite.name, "attribute")}" tests="${suite.cases.length}" failures="${count(suite.cases, "failure")}" errors="0" skipped="${count(suite.cases, "skipped")}">`);
    for (const testCase of suite.cases) {
      const open = `    <testcase name="${xml(testCase.name, "attribute")}" classname="${xml(testCase.classname, "attribute")}"`;
      if (!testCase.outcome) {
        out.push(`${open}/>`);
        continue;
      }
      const { element, type, message, text } = testCase.outcome;
      out.push(`${open}>`, `      <${element} type="${xml(type, "attribute")}" message="${xml(message, "attribute")}">${xml(text)}</${element}>`, "    </testcase>");
    }
    out.push("  </testsuite>");
  }
  out.push("</testsuites>");
  return `${out.join("\n")}\n`;
}

function resultCase(result: TargetResult, failOn: FailOn): TestCase {
  const testCase = { name: `${result.target} ${result.areaName} (${result.area})`, classname: result.task };
  const [gap, requirement, chance] = [gapText(result), requirementText(result), chanceText(result)];
  const details = [
    `status: ${result.status} (${result.method})`,
    `value: ${valueWithUnit(result.projected ?? result.actual, result.unit)}${result.period ? ` for ${result.period}` : ""}`,
    `target: ${targetText(result)}${result.deadline ? ` by ${result.deadline}` : ""}`,
    ...(gap ? [`gap: ${gap}`] : []),
    ...(requirement ? [`rest of the year: ${requirement}`] : []),
    ...(chance ? [chance] : []),
    ...(result.origin ? [`decided by: ${formatLocation(result.origin)}`] : []),
    `reason: ${result.reason}`,
  ].join("\n");
  if (reachesFailOn(result, failOn)) return { ...testCase, outcome: { element: "failure", type: result.status, message: result.reason, text: details } };
  if (result.status === "no-data") return { ...testCase, outcome: { element: "skipped", type: "no-data", message: result.reason, text: details } };
  return testCase;
}

/** One testcase per data file (and per missing path), failing when it has rejected rows. */
function inputCases(inputs: readonly FileSummary[], allIssues: readonly Issue[]): TestCase[] {
  const byFile = new Map<string, Issue[]>();
  for (const input of inputs) byFile.set(input.file, []);
  for (const issue of [...allIssues].sort(compareIssues)) {
    const file = issue.location?.file ?? "(run)";
    byFile.set(file, [...(byFile.get(file) ?? []), issue]);
  }
  return [...byFile].map(([file, issues]) => {
    const errors = issues.filter((issue) => issue.severity === "error");
    const testCase = { name: file, classname: "inputs" };
    if (errors.length === 0) return testCase;
    // One line per problem, even when a value from the data holds a line break.
    const listed = issues.slice(0, problemsPerFile).map((issue) => terminal(formatIssue(issue)));
    if (issues.length > problemsPerFile) listed.push(`... and ${issues.length - problemsPerFile} more (see the JSON report)`);
    const message = `${errors.length} rejected row(s) or file problem(s), ${issues.length - errors.length} warning(s)`;
    return { ...testCase, outcome: { element: "failure" as const, type: "rejected-rows", message, text: listed.join("\n") } };
  });
}
