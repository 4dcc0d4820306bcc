import type { Report } from "../engine/types.js";
import { jsonText } from "./escape.js";
import { rejectedIssues, warningIssues } from "./wording.js";

/** The machine-readable envelope; its shape is documented in the README and versioned. */
export function formatJson(report: Report): string {
  const envelope = {
    version: report.version,
    plan: report.plan,
    asOf: report.asOf,
    ruleset: report.ruleset,
    summary: report.summary,
    byTask: report.byTask,
    byArea: report.byArea,
    results: report.results.map((result) => ({
      target: result.target,
      task: result.task,
      indicator: result.indicator,
      area: result.area,
      areaName: result.areaName,
      role: result.role,
      status: result.status,
      actual: result.actual ?? null,
      expected: result.expected,
      operator: result.operator,
      unit: result.unit,
      period: result.period ?? null,
      deadline: result.deadline ?? null,
      method: result.method,
      reason: result.reason,
      gap: result.gap ?? null,
      projected: result.projected ?? null,
      required: result.required ?? null,
      probability: result.probability ?? null,
      basically: result.basically ?? null,
      baseline: result.baseline ?? null,
      earlierMisses: result.earlierMisses ?? [],
      origin: result.origin ?? null,
      provenance: result.provenance ?? null,
      inputConflicts: result.inputConflicts ?? null,
      missingPeriods: result.missingPeriods ?? [],
      stale: result.stale ?? null,
    })),
    inputs: report.inputs,
    rejected: rejectedIssues(report).map(issueRecord),
    warnings: warningIssues(report).map(issueRecord),
  };
  return `${jsonText(envelope)}\n`;
}

function issueRecord(issue: Report["issues"][number]) {
  return {
    file: issue.location?.file ?? null,
    line: issue.location?.line ?? null,
    column: issue.location?.column ?? null,
    code: issue.code,
    message: issue.message,
    ...(issue.hint ? { hint: issue.hint } : {}),
  };
}
