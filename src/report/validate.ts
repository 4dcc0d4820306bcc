import type { DataSet } from "../kinds/observation.js";
import { terminal } from "./escape.js";
import type { FormatOptions } from "./formatter.js";
import { messagesFor } from "./messages.js";

/** One line per file with its row accounting, then the totals; the problems go to stderr. */
export function formatValidationTable(data: DataSet, options: Partial<FormatOptions> = {}): string {
  const { validate } = messagesFor(options.language ?? "en");
  const lines = data.files.map((file) => validate.file({ file: terminal(file.file), read: file.rowsRead, used: file.rowsUsed, rejected: file.rowsRejected, skipped: file.rowsSkipped, format: file.format, encoding: file.encoding }));
  const errors = data.issues.filter((issue) => issue.severity === "error").length;
  lines.push(validate.total({ observations: data.observations.length, errors, warnings: data.issues.length - errors }));
  return `${lines.join("\n")}\n`;
}
