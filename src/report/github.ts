import { bindingResults, rank } from "../engine/status.js";
import type { Issue, Location, Report, TargetResult } from "../engine/types.js";
import { compareIssues, type PrintedIssue } from "../vocabulary/issues.js";
import type { DataSet } from "../kinds/observation.js";
import type { Changes } from "./json.js";
import type { FormatOptions } from "./formatter.js";
import { workflowData, workflowProperty } from "./escape.js";
import { reachesFailOn } from "./outcome.js";
import { chanceText, gapText, requirementText } from "./wording.js";
import { compareText } from "../vocabulary/order.js";

/** GitHub shows at most 10 error and 10 warning annotations per step (actions/toolkit#734). */
export const annotationLimit = 10;

export interface Annotation {
  level: "error" | "warning";
  title: string;
  /** Shown as separate lines of the annotation. */
  lines: string[];
  location?: Location;
}

/**
 * GitHub Actions workflow commands: an annotation for each rejected row and warning, and for each
 * target result at or above --fail-on (on the row that decided it), capped as GitHub shows them,
 * then one notice with the totals so nothing capped goes unmentioned.
 */
export function formatGithub(report: Report, options: Partial<FormatOptions> = {}): string {
  const failOn = options.failOn ?? "fail";
  const failing = report.results.filter((result) => reachesFailOn(result, failOn)).sort(worstFirst);
  return issueCommands(report.issues, failing, `${summaryLine(report)}; ${failing.length} at or above --fail-on ${failOn}${options.changes ? `; ${changeCounts(options.changes)}` : ""}`);
}

/** With --baseline, the totals notice also counts what changed (zz-plan diff -f github annotates each change). */
function changeCounts(changes: Changes): string {
  const counted = Object.entries(changes.counts).filter(([kind, count]) => kind !== "value" && count > 0);
  const listed = counted.map(([kind, count]) => `${count} ${kind}`).join(", ");
  return `since ${changes.previous.asOf}: ${listed || "no status changed"}, ${changes.rejected.added.length} row(s) newly rejected`;
}

/** validate's annotations: the rejected rows and warnings only. */
export function formatValidationGithub(data: DataSet): string {
  return issueCommands(data.issues, [], `${data.observations.length} value(s) read from ${data.files.length} file(s)`);
}

function issueCommands(allIssues: readonly Issue[], failing: readonly TargetResult[], headline: string): string {
  const issues = [...allIssues].sort(compareIssues);
  const errors: Annotation[] = [...issues.filter((issue) => issue.severity === "error").map(issueAnnotation), ...failing.map(resultAnnotation)];
  const warnings = issues.filter((issue) => issue.severity === "warning").map(issueAnnotation);
  const rejected = issues.length - warnings.length;
  return workflowCommands(errors, warnings, `${headline}; ${rejected} rejected row(s) or file problem(s), ${warnings.length} warning(s)`);
}

/** Annotations capped as GitHub shows them, then one notice with the totals, saying when some were cut. */
export function workflowCommands(errors: readonly Annotation[], warnings: readonly Annotation[], totals: string): string {
  const lines = [...errors.slice(0, annotationLimit), ...warnings.slice(0, annotationLimit)].map(workflowCommand);
  const shown = errors.length > annotationLimit || warnings.length > annotationLimit ? `; annotated the first ${annotationLimit} of each (GitHub shows no more per step)` : "";
  lines.push(`::notice title=${workflowProperty("zz-plan")}::${workflowData(`${totals}${shown}`)}`);
  return `${lines.join("\n")}\n`;
}

export function issueAnnotation(issue: PrintedIssue): Annotation {
  return {
    level: issue.severity,
    title: issue.code,
    lines: issue.hint ? [issue.message, issue.hint] : [issue.message],
    ...(issue.location ? { location: issue.location } : {}),
  };
}

function resultAnnotation(result: TargetResult): Annotation {
  const gap = gapText(result);
  const outlook = [requirementText(result), chanceText(result)].filter(Boolean);
  return {
    level: "error",
    title: `${result.status}: ${result.target} ${result.areaName}`,
    lines: [`${result.reason}${gap ? ` (${gap})` : ""}`, ...(outlook.length > 0 ? [`rest of the year: ${outlook.join("; ")}`] : [])],
    ...(result.origin ? { location: result.origin } : {}),
  };
}

function worstFirst(a: TargetResult, b: TargetResult): number {
  return rank(b.status) - rank(a.status) || compareText(a.task, b.task) || compareText(a.target, b.target) || compareText(a.area, b.area);
}

function workflowCommand(annotation: Annotation): string {
  const properties = [
    ...(annotation.location ? [`file=${workflowProperty(annotation.location.file)}`] : []),
    ...(annotation.location?.line !== undefined ? [`line=${annotation.location.line}`] : []),
    ...(annotation.location?.line !== undefined && annotation.location.column !== undefined ? [`col=${annotation.location.column}`] : []),
    `title=${workflowProperty(annotation.title)}`,
  ];
  return `::${annotation.level} ${properties.join(",")}::${annotation.lines.map(workflowData).join("%0A")}`;
}

/** The totals line of the closing notice, in English like the rest of the workflow commands. */
function summaryLine(report: Report): string {
  const parts = (["fail", "at-risk", "no-data", "on-track", "pass"] as const).map((status) => `${report.summary[status]} ${status}`);
  const comparisons = report.results.length - bindingResults(report.results).length;
  const shown = comparisons > 0 ? ` (and ${comparisons} 对照 (comparison) not counted)` : "";
  return `${report.results.length - comparisons} results as of ${report.asOf}: ${parts.join(", ")}${shown}`;
}
