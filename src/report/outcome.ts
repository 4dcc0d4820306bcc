import { atLeast } from "../engine/status.js";
import type { Issue, Report, Status, TargetResult } from "../engine/types.js";
import { exitCodes, type FailOn } from "./exit-codes.js";

export { exitCodeHelp, exitCodes, failOnChoices, type FailOn } from "./exit-codes.js";

export interface OutcomeOptions {
  failOn: FailOn;
  strict: boolean;
  /** ESLint's meaning: more warnings than this fails the run; undefined means no limit. */
  maxWarnings?: number;
}

/** Whether one result fails the run under --fail-on (and so is marked by the CI formats). */
export function reachesFailOn(result: TargetResult, failOn: FailOn): boolean {
  // Comparison (对照) results are context: only the areas a target binds can fail a run.
  return failOn !== "never" && result.role === "binding" && atLeast(result.status, failOn as Status);
}

/** Whether the data problems alone fail the run: rejected rows, or warnings under --strict or past --max-warnings. */
export function dataFails(issues: readonly Issue[], options: Pick<OutcomeOptions, "strict" | "maxWarnings">): boolean {
  const warnings = issues.filter((issue) => issue.severity === "warning").length;
  if (issues.length > warnings) return true;
  if (options.strict && warnings > 0) return true;
  return options.maxWarnings !== undefined && warnings > options.maxWarnings;
}

/** The exit code of a run that produced a report; a rejected drop outranks a missed target. */
export function exitCodeFor(report: Report, options: OutcomeOptions): number {
  if (dataFails(report.issues, options)) return exitCodes.dataRejected;
  return report.results.some((result) => reachesFailOn(result, options.failOn)) ? exitCodes.targetsFailed : exitCodes.clean;
}
