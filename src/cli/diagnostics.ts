import { terminal } from "../report/escape.js";
import { compareIssues, formatIssue, type Issue } from "../vocabulary/issues.js";
import type { Io } from "./io.js";

/** Every issue on stderr, sorted, one line each plus its hint; data in them is escaped (terminal()). */
export function writeIssues(issues: readonly Issue[], io: Io): void {
  for (const issue of [...issues].sort(compareIssues)) {
    io.writeErr(`${terminal(formatIssue(issue))}\n`);
    if (issue.hint) io.writeErr(`    hint: ${terminal(issue.hint)}\n`);
  }
}
