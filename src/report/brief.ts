import type { Report, Status, TargetResult } from "../engine/types.js";
import { statuses } from "../engine/types.js";
import { bindingResults, countByStatus, rank, worst } from "../engine/status.js";
import { daysBetween } from "../vocabulary/period.js";
import { compareText } from "../vocabulary/order.js";

/**
 * What a brief leads with, computed once for the terminal, markdown, HTML and CSV alike: the
 * scorecard, the results to act on, and what falls due soon.
 */

/** How soon "falls due soon" is, in days from the as-of date. */
export const dueSoonDays = 90;

export type Grouping = "area" | "task";

export interface ScoreRow {
  /** Area code or task id. */
  key: string;
  counts: Record<Status, number>;
  overall: Status | undefined;
  /** The result that makes the row as bad as it is. */
  worst: TargetResult | undefined;
  results: TargetResult[];
}

/** Order for "what to act on": fail before at-risk, then the nearest deadline, then plan order. */
export function byUrgency(a: TargetResult, b: TargetResult): number {
  return rank(b.status) - rank(a.status) || compareText(a.deadline ?? "9999", b.deadline ?? "9999") || a.taskNumber - b.taskNumber || compareText(a.target, b.target) || compareText(a.area, b.area);
}

/** One row per area (or task), worst first: most fails, then most at-risk, then most no-data. */
export function scorecard(report: Report, grouping: Grouping): ScoreRow[] {
  const keys = grouping === "area" ? report.areas.map((area) => area.code) : report.tasks.map((task) => task.id);
  const rows = keys.map((key) => {
    // Comparison (对照) results are context: they never count towards an area's or a task's verdict.
    const results = bindingResults(report.results).filter((result) => (grouping === "area" ? result.area : result.task) === key);
    return { key, counts: countByStatus(results.map((result) => result.status)), overall: worst(results.map((result) => result.status)), worst: [...results].sort(byUrgency)[0], results };
  });
  const order = new Map(keys.map((key, index) => [key, index]));
  return rows
    .filter((row) => row.results.length > 0)
    .sort((a, b) => b.counts.fail - a.counts.fail || b.counts["at-risk"] - a.counts["at-risk"] || b.counts["no-data"] - a.counts["no-data"] || order.get(a.key)! - order.get(b.key)!);
}

/** Binding results with one of these statuses, most urgent first. */
export function resultsWith(report: Report, wanted: readonly Status[]): TargetResult[] {
  return bindingResults(report.results).filter((result) => wanted.includes(result.status)).sort(byUrgency);
}

/** Comparison (对照) results: areas shown against a target that does not bind them. */
export function comparisonResults(report: Report): TargetResult[] {
  return report.results.filter((result) => result.role === "comparison").sort(byUrgency);
}

export const problemStatuses: readonly Status[] = ["fail", "at-risk"];

/** Open results whose deadline falls within the next days after the as-of date. */
export function dueSoon(report: Report, days = dueSoonDays): TargetResult[] {
  return bindingResults(report.results).filter((result) => {
    if (result.status === "pass" || !result.deadline) return false;
    const left = daysBetween(report.asOf, result.deadline);
    return left >= 0 && left <= days;
  });
}

/** The date days after an ISO date. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Tasks judged for some area: the matrix's columns, in plan order. */
export function matrixTasks(report: Report): Report["tasks"] {
  return report.tasks.filter((task) => Object.keys(report.byTaskArea[task.id] ?? {}).length > 0);
}

/** Areas with at least one failed result, in scorecard order. */
export function areasWithFail(report: Report): ScoreRow[] {
  return scorecard(report, "area").filter((row) => row.counts.fail > 0);
}

/** Parse a --status list such as "pass,on-track"; undefined names the first unknown status. */
export function parseStatuses(text: string): { ok: true; statuses: Status[] } | { ok: false; unknown: string } {
  const wanted: Status[] = [];
  for (const part of text.split(",").map((each) => each.trim()).filter(Boolean)) {
    const status = statuses.find((candidate) => candidate === part);
    if (!status) return { ok: false, unknown: part };
    if (!wanted.includes(status)) wanted.push(status);
  }
  return { ok: true, statuses: wanted };
}
