import { errorCatalogue } from "../vocabulary/catalogue.js";
import { compareIssues, formatLocation, type Issue, type PrintedIssue } from "../vocabulary/issues.js";
import type { Language } from "../vocabulary/language.js";
import { messagesFor, type Messages } from "./messages.js";
import { terminal } from "./escape.js";
import { compareText } from "../vocabulary/order.js";

export interface DiagnosticOptions {
  language: Language;
  /** Every warning in full. */
  verbose: boolean;
  /** No warnings at all; rejected rows and file problems are still listed. */
  quiet: boolean;
}

/** How many warnings are written in full before the rest are only counted. */
export const warningsInFull = 3;

const meaning = new Map<string, { zh: string }>(errorCatalogue.map((entry) => [entry.code, entry]));

/** One issue on one line (plus its hint): in Chinese the catalogue's meaning leads, the detail follows. */
export function formatIssueIn(issue: PrintedIssue, messages: Messages, language: Language): string {
  return issueLines(issue, messages, language).join("\n");
}

/** An issue as its escaped lines: the issue itself, then its hint (indented) when it has one. */
export function issueLines(issue: PrintedIssue, messages: Messages, language: Language): string[] {
  const where = formatLocation(issue.location);
  const prefix = issue.severity === "warning" ? `${messages.diagnostics.warning} ` : "";
  const zh = language === "zh" ? meaning.get(issue.code)?.zh : undefined;
  const text = zh ? `${zh} ${issue.message}` : issue.message;
  const line = terminal(`${where ? `${where}  ` : ""}${prefix}${issue.code}  ${text}`);
  return issue.hint ? [line, `    ${messages.diagnostics.hint}: ${terminal(issue.hint)}`] : [line];
}

/**
 * What stderr shows after a report: every rejected row and file problem, then the warnings counted
 * per code with the first few in full (all of them with --verbose, none with --quiet).
 */
export function formatDiagnostics(issues: readonly Issue[], options: DiagnosticOptions): string {
  const messages = messagesFor(options.language);
  const sorted = [...issues].sort(compareIssues);
  const errors = sorted.filter((issue) => issue.severity === "error");
  const warnings = sorted.filter((issue) => issue.severity === "warning");
  const out = errors.map((issue) => formatIssueIn(issue, messages, options.language));
  if (!options.quiet && warnings.length > 0) {
    if (options.verbose) out.push(...warnings.map((issue) => formatIssueIn(issue, messages, options.language)));
    else {
      const counts = new Map<string, number>();
      for (const issue of warnings) counts.set(issue.code, (counts.get(issue.code) ?? 0) + 1);
      const byCode = [...counts].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0])).map(([code, count]) => `${code} ${count}`);
      out.push(`${messages.diagnostics.summary({ errors: errors.length, warnings: warnings.length })}${messages.list}${messages.diagnostics.byCode}${messages.colon}${byCode.join(messages.list)}`);
      out.push(...warnings.slice(0, warningsInFull).map((issue) => formatIssueIn(issue, messages, options.language)));
      if (warnings.length > warningsInFull) out.push(messages.diagnostics.moreWith(warnings.length - warningsInFull));
    }
  }
  return out.length > 0 ? `${out.join("\n")}\n` : "";
}
