/*
 * The exit codes and --fail-on choices, apart from the logic that applies them (outcome.ts): the
 * command line's --help names them without loading the engine.
 */

/** The statuses --fail-on accepts: a result at or worse than the choice fails the run. */
export const failOnChoices = ["fail", "at-risk", "no-data", "never"] as const;
export type FailOn = (typeof failOnChoices)[number];

/**
 * Exit codes, following ESLint, markdownlint-cli2 and Spectral (0 clean, 1 findings, 2 the tool
 * could not run), with 3 for a data drop that is itself invalid, so a CI job can tell "the
 * districts must resubmit" from "a target was missed" without reading the report.
 */
export const exitCodes = {
  /** Nothing at or above --fail-on, and the data was read without rejected rows. */
  clean: 0,
  /** A target result at or above --fail-on. */
  targetsFailed: 1,
  /** The tool could not run: bad flag, unreadable plan, missing path. No report is written. */
  cannotRun: 2,
  /** The data has rejected rows (or warnings under --strict, or more than --max-warnings). */
  dataRejected: 3,
} as const;

/** The exit codes as --help and the README describe them; validate judges no targets, so has no 1. */
export function exitCodeHelp(judgesTargets = true): string {
  return [
    "Exit codes (0, 1, 2 as ESLint, markdownlint-cli2 and Spectral use them; 3 for an invalid drop):",
    `  0  ${judgesTargets ? "nothing at or above --fail-on, and every row was read" : "every row was read"}`,
    ...(judgesTargets ? ["  1  a target result at or above --fail-on (default: fail)"] : []),
    "  2  the tool could not run: bad flag, unreadable plan, missing path (no report is written)",
    "  3  the data has rejected rows (or warnings with --strict, or more than --max-warnings)",
  ].join("\n");
}

/** zz-plan diff's exit codes: the same numbers, said of what changed. */
export const diffExitCodeHelp = [
  "Exit codes:",
  "  0  nothing newly at or above --fail-on, and no row newly rejected",
  "  1  a binding result newly at or above --fail-on (default: fail)",
  "  2  the tool could not run: a file that is not a zz-plan check report (-f json) of envelope version 2",
  "  3  rows or files rejected now that were not rejected in the previous report",
].join("\n");
