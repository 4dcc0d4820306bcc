import type { DataSet } from "../kinds/observation.js";
import { terminal } from "./escape.js";

/** One line per file with its row accounting, then the totals; the problems go to stderr. */
export function formatValidationTable(data: DataSet): string {
  const lines = data.files.map(
    (file) => `${terminal(file.file)}: ${file.rowsRead} rows read, ${file.rowsUsed} used, ${file.rowsRejected} rejected, ${file.rowsSkipped} skipped (${file.format}, ${file.encoding})`,
  );
  const errors = data.issues.filter((issue) => issue.severity === "error").length;
  lines.push(`${data.observations.length} observations; ${errors} problem(s), ${data.issues.length - errors} warning(s)`);
  return `${lines.join("\n")}\n`;
}
