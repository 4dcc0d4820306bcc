import { reportSchemaId } from "./tool.js";

/**
 * What zz-plan's own reports look like from their first bytes, so that a report lying in a folder
 * of data files (from an earlier run, written under any name) is skipped, not read as data rows.
 * The markdown brief, the HTML report and JUnit XML are never read as data (only .csv and .json
 * are), so the JSON and CSV outputs are the ones to know.
 */
const signatures: readonly { what: string; pattern: RegExp }[] = [
  // check and validate: the envelope names its schema first.
  { what: "a JSON report", pattern: new RegExp(`^\\{\\s*"\\$schema"\\s*:\\s*"${reportSchemaId.replace(/[.\\/]/g, "\\$&")}"`) },
  // targets, indicators, errors and completeness: a version, then the plan, the codes or the date.
  { what: "a JSON listing", pattern: /^\{\s*"version"\s*:\s*\d+\s*,\s*"(?:plan|codes|asOf)"\s*:/ },
  // check --format csv, in either language.
  { what: "a CSV report", pattern: /^"?(?:任务编号|task)"?,"?(?:任务|task name)"?,"?(?:目标代码|target)"?,/ },
  // completeness --format csv.
  { what: "a completeness CSV", pattern: /^"?区县"?,"?area"?,"?指标"?,"?indicator"?,/ },
];

/** What kind of zz-plan report a file's first text is, or undefined for anything else. */
export function recogniseOwnReport(head: string): string | undefined {
  const text = head.replace(/^\uFEFF/, "").trimStart();
  return signatures.find((signature) => signature.pattern.test(text))?.what;
}
