import { formatNumber, unitLabel } from "../vocabulary/units.js";
import type { Issue, Report, Status, TargetResult } from "../engine/types.js";
import { formatIssue } from "../vocabulary/issues.js";
import { bindingResults } from "../engine/status.js";

/** Symbols for the matrix; each also differs in shape, for readers without colour. */
export const statusSymbol: Record<Status, string> = {
  pass: "✔",
  "on-track": "↗",
  "no-data": "·",
  "at-risk": "!",
  fail: "✖",
};

export function valueWithUnit(value: number | undefined, unit: string): string {
  if (value === undefined) return "—";
  return unit === "done" ? (value >= 1 ? "done" : "not done") : `${formatNumber(value)} ${unitLabel(unit)}`;
}

export function targetText(result: TargetResult): string {
  if (result.unit === "done") return result.deadline ? `done by ${result.deadline}` : "done";
  return `${result.operator} ${formatNumber(result.expected)} ${unitLabel(result.unit)}`;
}

/** "needs -2.3 ug/m3 by 2025-12-31": the change still needed, signed. */
export function gapText(result: TargetResult): string {
  if (result.status === "pass") return "";
  if (result.unit === "done") return result.status === "no-data" ? "no report" : result.status === "fail" ? "missed" : "not done yet";
  if (result.gap === undefined) return result.status === "no-data" ? "no data" : "";
  const sign = result.gap > 0 ? "+" : "";
  const when = result.deadline && result.status !== "fail" ? ` by ${result.deadline}` : "";
  // A gap in a share is a difference of percentage points, not a percent of the value.
  const unit = result.unit === "%" ? "percentage points" : unitLabel(result.unit);
  return `needs ${sign}${formatNumber(result.gap)} ${unit}${when}`;
}

export function summaryLine(report: Report): string {
  const parts = (["fail", "at-risk", "no-data", "on-track", "pass"] as const).map((status) => `${report.summary[status]} ${status}`);
  const comparisons = report.results.length - bindingResults(report.results).length;
  const shown = comparisons > 0 ? ` (and ${comparisons} ${comparisonLabel} not counted)` : "";
  return `${report.results.length - comparisons} results as of ${report.asOf}: ${parts.join(", ")}${shown}`;
}

/** How a comparison result is named wherever one is shown: it is context, not a verdict. */
export const comparisonLabel = "对照 (comparison)";

export function rejectedIssues(report: Report): Issue[] {
  return report.issues.filter((issue) => issue.severity === "error");
}

export function warningIssues(report: Report): Issue[] {
  return report.issues.filter((issue) => issue.severity === "warning");
}

export { formatIssue };
