import type { Report, TargetResult } from "../engine/types.js";
import { rank } from "../engine/status.js";
import { bindingResults } from "../engine/status.js";
import { markdown, markdownCode, markdownCodeBlock } from "./escape.js";
import { comparisonLabel, formatIssue, gapText, rejectedIssues, summaryLine, targetText, valueWithUnit, warningIssues } from "./wording.js";

/**
 * The gap report a manager reads: headline, what is not met, each district, readings, rejected rows.
 * Every text from the plan or the data goes through ./escape.ts (markdown, markdownCode or
 * markdownCodeBlock), so none of it can change the report's structure.
 */
export function formatMarkdown(report: Report): string {
  const out: string[] = [];
  out.push(`# Gap report: ${markdown(report.plan.title)}`, "");
  out.push(`Plan ${markdownCode(report.plan.id)}${report.plan.document ? ` (${markdown(report.plan.document)})` : ""}, as of **${report.asOf}**, air rule set ${report.ruleset}.`, "");
  out.push(`**${summaryLine(report)}.**`, "");
  out.push("| status | results |", "|---|---:|");
  for (const status of ["fail", "at-risk", "no-data", "on-track", "pass"] as const) out.push(`| ${status} | ${report.summary[status]} |`);
  out.push("");

  const binding = bindingResults(report.results);
  const comparisons = report.results.filter((result) => result.role === "comparison");
  const open = binding.filter((result) => result.status !== "pass").sort(bySeverity);
  out.push("## Targets not met", "");
  if (open.length === 0) {
    out.push("Every target is met.", "");
  } else {
    out.push("| status | task | target | area | value | target | gap | reason |", "|---|---|---|---|---|---|---|---|");
    for (const result of open) out.push(resultRow(result, true));
    out.push("");
  }

  if (comparisons.length > 0) {
    out.push(`## ${comparisonLabel}: areas shown against targets that do not bind them`, "");
    out.push("Context only: these results are not counted above, in any district's or task's status, or in the exit code.", "");
    out.push("| status | task | target | area | value | target | gap |", "|---|---|---|---|---|---|---|");
    for (const result of [...comparisons].sort(bySeverity)) {
      out.push(`| ${result.status} | ${markdown(result.task)} | ${code(result.target)} | ${markdown(result.areaName)} | ${markdown(valueWithUnit(result.projected ?? result.actual, result.unit))} | ${markdown(targetText(result))} | ${markdown(gapText(result))} |`);
    }
    out.push("");
  }

  out.push("## By district", "");
  for (const area of report.areas) {
    const results = binding.filter((result) => result.area === area.code);
    const shown = comparisons.filter((result) => result.area === area.code).length;
    const notMet = results.filter((result) => result.status !== "pass").sort(bySeverity);
    out.push(`### ${markdown(area.name)} (${markdown(area.code)}): ${report.byArea[area.code] ?? "no binding target"}`, "");
    if (shown > 0) out.push(`${shown} ${comparisonLabel} result(s), not counted: see the ${comparisonLabel} section.`, "");
    if (results.length === 0) continue;
    if (notMet.length === 0) {
      out.push(`All ${results.length} target(s) met.`, "");
      continue;
    }
    out.push(`${results.length - notMet.length} of ${results.length} target(s) met.`, "");
    out.push("| status | task | target | value | target | gap |", "|---|---|---|---|---|---|");
    for (const result of notMet) {
      out.push(`| ${result.status} | ${markdown(result.task)} | ${code(result.target)} | ${markdown(valueWithUnit(result.projected ?? result.actual, result.unit))} | ${markdown(targetText(result))} | ${markdown(gapText(result))} |`);
    }
    out.push("");
  }

  const readings = new Map<string, TargetResult>();
  for (const result of report.results) if (result.basically && !readings.has(result.target)) readings.set(result.target, result);
  out.push("## How 基本 (basically) is read", "");
  if (readings.size === 0) {
    out.push("No target in this report uses a 基本 reading.", "");
  } else {
    out.push("The plan gives no number for 基本; these readings are the plan file's (override with `--basically`).", "");
    out.push("| target | threshold applied | why |", "|---|---|---|");
    for (const [target, result] of readings) out.push(`| ${code(target)} | ${markdown(targetText(result))} | ${markdown(result.basically!.note)} |`);
    out.push("");
  }

  out.push("## Data inputs", "");
  out.push("| file | kind | encoding | read | used | rejected | skipped |", "|---|---|---|---:|---:|---:|---:|");
  for (const file of report.inputs) {
    out.push(`| ${code(file.file)} | ${markdown(file.kind)} | ${markdown(file.encoding)} | ${file.rowsRead} | ${file.rowsUsed} | ${file.rowsRejected} | ${file.rowsSkipped} |`);
  }
  out.push("");

  const rejected = rejectedIssues(report);
  out.push("## Rejected rows and file problems", "");
  if (rejected.length === 0) out.push("None.", "");
  else {
    out.push(markdownCodeBlock(rejected.map(formatIssue)), "");
  }
  const warnings = warningIssues(report);
  if (warnings.length > 0) {
    out.push("## Warnings", "", markdownCodeBlock(warnings.map(formatIssue)), "");
  }
  return `${out.join("\n").trimEnd()}\n`;
}

function resultRow(result: TargetResult, withArea: boolean): string {
  return [
    "",
    ` ${result.status} `,
    ` ${markdown(result.task)} `,
    ` ${code(result.target)} `,
    ...(withArea ? [` ${markdown(result.areaName)} `] : []),
    ` ${markdown(valueWithUnit(result.projected ?? result.actual, result.unit))} `,
    ` ${markdown(targetText(result))} `,
    ` ${markdown(gapText(result))} `,
    ` ${markdown(result.reason)} `,
    "",
  ].join("|");
}

function bySeverity(a: TargetResult, b: TargetResult): number {
  return rank(b.status) - rank(a.status) || a.task.localeCompare(b.task) || a.target.localeCompare(b.target) || a.area.localeCompare(b.area);
}


function code(text: string): string {
  return markdownCode(text, "table-cell");
}
