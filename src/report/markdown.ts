import type { Report, TargetResult } from "../engine/types.js";
import { rank } from "../engine/status.js";
import { formatIssue, gapText, rejectedIssues, summaryLine, targetText, valueWithUnit, warningIssues } from "./wording.js";

/** The gap report a manager reads: headline, what is not met, each district, readings, rejected rows. */
export function formatMarkdown(report: Report): string {
  const out: string[] = [];
  out.push(`# Gap report: ${escapeText(report.plan.title)}`, "");
  out.push(`Plan \`${report.plan.id}\`${report.plan.document ? ` (${escapeText(report.plan.document)})` : ""}, as of **${report.asOf}**, air rule set ${report.ruleset}.`, "");
  out.push(`**${summaryLine(report)}.**`, "");
  out.push("| status | results |", "|---|---:|");
  for (const status of ["fail", "at-risk", "no-data", "on-track", "pass"] as const) out.push(`| ${status} | ${report.summary[status]} |`);
  out.push("");

  const open = report.results.filter((result) => result.status !== "pass").sort(bySeverity);
  out.push("## Targets not met", "");
  if (open.length === 0) {
    out.push("Every target is met.", "");
  } else {
    out.push("| status | task | target | area | value | target | gap | reason |", "|---|---|---|---|---|---|---|---|");
    for (const result of open) out.push(resultRow(result, true));
    out.push("");
  }

  out.push("## By district", "");
  for (const area of report.areas) {
    const results = report.results.filter((result) => result.area === area.code);
    const notMet = results.filter((result) => result.status !== "pass").sort(bySeverity);
    out.push(`### ${escapeText(area.name)} (${area.code}): ${report.byArea[area.code] ?? "no results"}`, "");
    if (notMet.length === 0) {
      out.push(`All ${results.length} target(s) met.`, "");
      continue;
    }
    out.push(`${results.length - notMet.length} of ${results.length} target(s) met.`, "");
    out.push("| status | task | target | value | target | gap |", "|---|---|---|---|---|---|");
    for (const result of notMet) {
      out.push(`| ${result.status} | ${result.task} | ${code(result.target)} | ${cell(valueWithUnit(result.projected ?? result.actual, result.unit))} | ${cell(targetText(result))} | ${cell(gapText(result))} |`);
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
    for (const [target, result] of readings) out.push(`| ${code(target)} | ${cell(targetText(result))} | ${cell(result.basically!.note)} |`);
    out.push("");
  }

  out.push("## Data inputs", "");
  out.push("| file | kind | encoding | read | used | rejected | skipped |", "|---|---|---|---:|---:|---:|---:|");
  for (const file of report.inputs) {
    out.push(`| ${code(file.file)} | ${file.kind} | ${file.encoding} | ${file.rowsRead} | ${file.rowsUsed} | ${file.rowsRejected} | ${file.rowsSkipped} |`);
  }
  out.push("");

  const rejected = rejectedIssues(report);
  out.push("## Rejected rows and file problems", "");
  if (rejected.length === 0) out.push("None.", "");
  else {
    out.push("```text", ...rejected.map(formatIssue), "```", "");
  }
  const warnings = warningIssues(report);
  if (warnings.length > 0) {
    out.push("## Warnings", "", "```text", ...warnings.map(formatIssue), "```", "");
  }
  return `${out.join("\n").trimEnd()}\n`;
}

function resultRow(result: TargetResult, withArea: boolean): string {
  return [
    "",
    ` ${result.status} `,
    ` ${result.task} `,
    ` ${code(result.target)} `,
    ...(withArea ? [` ${escapeText(result.areaName)} `] : []),
    ` ${cell(valueWithUnit(result.projected ?? result.actual, result.unit))} `,
    ` ${cell(targetText(result))} `,
    ` ${cell(gapText(result))} `,
    ` ${cell(result.reason)} `,
    "",
  ].join("|");
}

function bySeverity(a: TargetResult, b: TargetResult): number {
  return rank(b.status) - rank(a.status) || a.task.localeCompare(b.task) || a.target.localeCompare(b.target) || a.area.localeCompare(b.area);
}

/** Table cells: pipes escaped, no line breaks, so GitHub keeps the table whole. */
function cell(text: string): string {
  return escapeText(text).replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

function escapeText(text: string): string {
  return text.replace(/[<>]/g, (char) => (char === "<" ? "&lt;" : "&gt;"));
}

function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}
