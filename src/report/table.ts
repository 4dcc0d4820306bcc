import { Chalk, type ChalkInstance } from "chalk";
import Table from "cli-table3";
import type { Report, Status, TargetResult } from "../engine/types.js";
import { statuses } from "../engine/types.js";
import { rank, worst } from "../engine/status.js";
import { terminal } from "./escape.js";
import { comparisonLabel, gapText, rejectedIssues, statusSymbol, summaryLine, targetText, warningIssues } from "./wording.js";
import type { FormatOptions } from "./formatter.js";

/** Borders without a rule between every row: long tables stay readable. */
export const compact = { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" };

/**
 * Terminal output: summary, inputs, a table per task, a district x task matrix, rejected rows.
 * Every text from the plan or the data goes through terminal() (./escape.ts) before colour is added.
 */
export function formatTable(report: Report, options: FormatOptions): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const paint = statusPainter(chalk);
  const out: string[] = [];
  out.push(chalk.bold(terminal(report.plan.title)));
  out.push(`${summaryLine(report)} (rule set ${report.ruleset})`);
  out.push("");

  if (report.inputs.length > 0) {
    const inputs = new Table({ chars: compact, head: ["file", "kind", "encoding", "read", "used", "rejected", "skipped"], style: { head: [], border: [] } });
    for (const file of report.inputs) {
      inputs.push([terminal(file.file), terminal(file.kind), terminal(file.encoding), file.rowsRead, file.rowsUsed, file.rowsRejected ? chalk.red(String(file.rowsRejected)) : "0", file.rowsSkipped]);
    }
    out.push(inputs.toString(), "");
  }

  const byTask = new Map<string, TargetResult[]>();
  for (const result of report.results) byTask.set(result.task, [...(byTask.get(result.task) ?? []), result]);
  const table = new Table({
    head: ["task", "target", "areas", ...statuses.map((status) => paint(status, status)), "worst gap"],
    chars: compact,
    style: { head: [], border: [] },
    wordWrap: true,
    colWidths: [null, 34, 7, null, null, null, null, null, 40] as unknown as number[],
  });
  for (const task of report.tasks) {
    const results = byTask.get(task.id);
    if (!results) continue;
    // A target's comparison results get their own row, labelled, so they never add to its counts.
    const targets = new Map<string, TargetResult[]>();
    for (const result of results) {
      const key = result.role === "binding" ? result.target : `${result.target} ${comparisonLabel}`;
      targets.set(key, [...(targets.get(key) ?? []), result]);
    }
    let first = true;
    for (const [target, list] of targets) {
      const counts = statuses.map((status) => list.filter((result) => result.status === status).length);
      const worstResult = [...list].sort((a, b) => rank(b.status) - rank(a.status) || Math.abs(b.gap ?? 0) - Math.abs(a.gap ?? 0))[0]!;
      const gap = worstResult.status === "pass" ? "" : terminal(`${worstResult.areaName}: ${gapText(worstResult) || worstResult.status}`);
      table.push([
        first ? terminal(`${task.id} ${task.title}`) : "",
        terminal(target),
        list.length,
        ...counts.map((count, index) => (count === 0 ? chalk.dim("0") : paint(statuses[index]!, String(count)))),
        gap,
      ]);
      first = false;
    }
  }
  out.push(table.toString(), "");
  out.push(formatMatrix(report, chalk), "");

  const readings = new Map<string, string>();
  for (const result of report.results) if (result.basically) readings.set(result.target, targetText(result));
  if (readings.size > 0) {
    // The plan gives no number for 基本; the reading applied must be visible wherever a status is.
    out.push(`基本 (basically) read as: ${terminal([...readings].map(([target, threshold]) => `${target} ${threshold}`).join("; "))} (why: --format markdown)`, "");
  }

  const conflicted = report.results.filter((result) => result.inputConflicts);
  if (conflicted.length > 0) {
    // A status resting on revised or disputed rows must say so where the status is read.
    const list = conflicted.map((result) => `${result.target} ${result.areaName} (${result.inputConflicts!.periods.length} period(s), ${result.inputConflicts!.rule})`);
    out.push(terminal(`Inputs with conflicting rows (有冲突): ${list.length <= 6 ? list.join("; ") : `${list.slice(0, 5).join("; ")}; and ${list.length - 5} more`} (why: --format markdown or json)`), "");
  }

  const stale = report.results.filter((result) => result.stale);
  if (stale.length > 0) {
    const list = stale.map((result) => `${result.target} ${result.areaName} (${result.stale!.latest})`);
    out.push(terminal(`Stale: latest data older than the as-of date (数据滞后): ${list.length <= 6 ? list.join("; ") : `${list.slice(0, 5).join("; ")}; and ${list.length - 5} more`} (zz-plan completeness shows every gap)`), "");
  }

  const rejected = rejectedIssues(report).length;
  const warnings = warningIssues(report).length;
  if (rejected + warnings > 0) {
    // The problems themselves go to stderr, one line each, so the terminal shows them once.
    out.push(`${rejected > 0 ? chalk.red(`${rejected} data problem(s)`) : "0 data problems"}, ${warnings} warning(s): listed on stderr`);
  }
  return `${out.join("\n").trimEnd()}\n`;
}

/** Rows are areas, columns the tasks judged for more than the city; each cell the worst status. */
function formatMatrix(report: Report, chalk: ChalkInstance): string {
  const paint = statusPainter(chalk);
  const columns = report.tasks.filter((task) => Object.keys(report.byTaskArea[task.id] ?? {}).length > 0);
  const table = new Table({ chars: compact, head: ["area", ...columns.map((task) => (task.id === "goals" ? "G" : String(task.number))), "all"], style: { head: [], border: [], "padding-left": 0, "padding-right": 0 } });
  for (const area of report.areas) {
    const cells = columns.map((task) => {
      const status = report.byTaskArea[task.id]?.[area.code];
      return status ? paint(status, statusSymbol[status]) : "";
    });
    const overall = report.byArea[area.code];
    // An area listed only for its comparison results has no verdict of its own.
    table.push([terminal(area.name), ...cells, overall ? paint(overall, overall) : chalk.dim("对照")]);
  }
  const legend = statuses.map((status) => `${statusSymbol[status]} ${status}`).join("  ");
  const overall = worst(Object.values(report.byArea));
  return `${table.toString()}\n${legend}; G = main goals${overall ? `; overall ${overall}` : ""}`;
}

function statusPainter(chalk: ChalkInstance): (status: Status, text: string) => string {
  const colours: Record<Status, ChalkInstance> = {
    pass: chalk.green,
    "on-track": chalk.cyan,
    "no-data": chalk.gray,
    "at-risk": chalk.yellow,
    fail: chalk.red,
  };
  return (status, text) => colours[status](text);
}
