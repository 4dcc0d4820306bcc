import { Chalk, type ChalkInstance } from "chalk";
import type { Report, Status, TargetResult } from "../engine/types.js";
import { worst } from "../engine/status.js";
import { matrixTasks, problemStatuses, resultsWith, scorecard, type Grouping } from "./brief.js";
import type { FormatOptions } from "./formatter.js";
import { renderGrid, wrapLines, type Cell } from "./layout.js";
import { changesLine } from "./changes.js";
import { terminal } from "./escape.js";
import { statusSymbol, worstFirst, wordingFor, type Wording } from "./wording.js";

/** Borders without a rule between every row: long tables stay readable (used by the cli-table3 tables). */
export const compact = { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" };

/** How many results the terminal lists unless --top or --verbose says otherwise. */
export const terminalTop = 20;

/**
 * Terminal output, fitted to the terminal's width and leading with what needs action: the summary,
 * the scorecard, the problems with their gaps and deadlines, and the district x task matrix.
 */
export function formatTable(report: Report, options: FormatOptions): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const words = wordingFor(report, options.language ?? "en");
  const { messages } = words;
  const width = options.width ?? 80;
  const paint = statusPainter(chalk);
  const grid = { width, dim: chalk.dim, bold: chalk.bold };
  const out: string[] = [];
  out.push(chalk.bold(wrapLines(terminal(report.plan.title), width)));
  out.push(wrapLines(words.summary(), width));
  if (options.changes) out.push(wrapLines(terminal(changesLine(options.changes, words.language)), width));
  out.push("");

  const grouping: Grouping = options.by ?? "area";
  out.push(chalk.bold(grouping === "area" ? messages.heading.scorecard : messages.heading.scorecardByTask));
  const rows = scorecard(report, grouping);
  out.push(
    renderGrid(
      [
        { header: grouping === "area" ? messages.column.area : messages.column.task },
        ...worstFirst.map((status) => ({ header: statusSymbol[status], align: "right" as const })),
        { header: messages.column.worst, prose: true },
      ],
      rows.map((row) => [
        terminal(grouping === "area" ? words.area(row.key) : `${row.key} ${words.task(row.key)}`),
        ...worstFirst.map((status): Cell => (row.counts[status] === 0 ? { text: "0", paint: chalk.dim } : { text: String(row.counts[status]), paint: (text) => paint(status, text) })),
        row.worst && row.worst.status !== "pass" ? worstItem(row.worst, words, grouping) : "",
      ]),
      grid,
    ),
  );
  out.push(wrapLines(statusLegend(words), width), "");

  const wanted = options.statuses ?? (options.verbose ? worstFirst : problemStatuses);
  const listed = resultsWith(report, wanted);
  const top = options.top ?? (options.verbose || options.statuses ? listed.length : terminalTop);
  const shown = listed.slice(0, top);
  const heading = options.statuses || options.verbose ? messages.heading.results : messages.heading.problems;
  const more = shown.length < listed.length ? ` (${messages.moreWith("--top N, --verbose")})` : "";
  out.push(chalk.bold(wrapLines(`${heading}${messages.colon}${messages.shown({ shown: shown.length, total: listed.length })}${more}`, width)));
  if (shown.length === 0) out.push(options.statuses ? messages.noResults : messages.noProblems);
  else out.push(resultTable(shown, words, paint, grid, options.verbose === true));
  out.push("");

  out.push(chalk.bold(messages.heading.matrix), formatMatrix(report, words, chalk, width), "");

  const conflicted = report.results.filter((result) => result.inputConflicts);
  if (conflicted.length > 0) {
    // A status resting on revised or disputed rows must say so where the status is read.
    const shownConflicts = options.verbose ? conflicted : conflicted.slice(0, 6);
    out.push(chalk.bold(wrapLines(messages.heading.conflicts, width)));
    for (const result of shownConflicts) {
      const { periods, rowsDropped, rule } = result.inputConflicts!;
      out.push(wrapLines(`  ${terminal(`${words.area(result.area)} ${words.indicator(result.indicator)}`)} (${words.status(result.status)})${messages.colon}${messages.conflict({ periods: periods.length, rows: rowsDropped, rule })}`, width, 4));
    }
    if (shownConflicts.length < conflicted.length) out.push(`  ${messages.diagnostics.moreWith(conflicted.length - shownConflicts.length)}`);
    out.push("");
  }

  const stale = report.results.filter((result) => result.stale);
  if (stale.length > 0) {
    // A status judged on old data must say so where the status is read.
    const shownStale = options.verbose ? stale : stale.slice(0, 6);
    out.push(chalk.bold(wrapLines(messages.heading.stale, width)));
    for (const result of shownStale) {
      out.push(wrapLines(`  ${terminal(`${words.area(result.area)} ${words.indicator(result.indicator)}`)}${messages.colon}${terminal(result.stale!.latest)}`, width, 4));
    }
    if (shownStale.length < stale.length) out.push(`  ${messages.diagnostics.moreWith(stale.length - shownStale.length)}`);
    out.push("");
  }

  const readings = new Set<string>();
  for (const result of report.results) {
    const name = words.language === "zh" ? words.indicator(result.indicator) : result.target;
    if (result.basically) readings.add(`${terminal(name)} ${words.target(result)}`);
  }
  if (readings.size > 0) {
    // The plan gives no number for 基本; the reading applied must be visible wherever a status is.
    out.push(chalk.bold(messages.heading.basically), ...[...readings].map((line) => wrapLines(`  ${line}`, width, 4)), "");
  }
  return `${out.join("\n").trimEnd()}\n`;
}

function worstItem(result: TargetResult, words: Wording, grouping: Grouping): string {
  const what = grouping === "area" ? words.indicator(result.indicator) : words.area(result.area);
  return terminal(`${what}${words.messages.colon}${words.gap(result) || words.status(result.status)}`);
}

function statusLegend(words: Wording): string {
  return worstFirst.map((status) => `${statusSymbol[status]} ${words.status(status)}`).join("  ");
}

function resultTable(results: readonly TargetResult[], words: Wording, paint: Painter, grid: Parameters<typeof renderGrid>[2], verbose: boolean): string {
  const { column } = words.messages;
  return renderGrid(
    [
      { header: column.status },
      { header: column.area },
      { header: column.indicator, prose: true },
      ...(verbose ? [{ header: `${column.value} / ${column.threshold}` }] : []),
      { header: column.gap, prose: true },
      { header: column.deadline },
      ...(verbose ? [{ header: column.reason, prose: true }] : []),
    ],
    results.map((result) => [
      { text: `${statusSymbol[result.status]} ${words.verdict(result)}`, paint: (text: string) => paint(result.status, text) },
      terminal(words.area(result.area)),
      terminal(words.indicator(result.indicator)),
      ...(verbose ? [`${words.value(result)} / ${words.target(result)}`] : []),
      [words.gap(result, false), words.required(result), words.chance(result)].filter(Boolean).join("\n"),
      result.deadline ? `${result.deadline}\n${words.daysLeft(result)}` : "",
      ...(verbose ? [terminal(words.reason(result))] : []),
    ]),
    grid,
  );
}

/** Rows are areas, columns the tasks judged; each cell the worst status; a legend names the tasks. */
function formatMatrix(report: Report, words: Wording, chalk: ChalkInstance, width: number): string {
  const paint = statusPainter(chalk);
  const columns = matrixTasks(report);
  const header = (task: Report["tasks"][number]) => (task.id === "goals" ? "G" : String(task.number));
  const table = renderGrid(
    [{ header: words.messages.column.area }, ...columns.map((task) => ({ header: header(task), min: 1 })), { header: words.messages.column.all }],
    report.areas.map((area) => {
      const cells = columns.map((task): Cell => {
        const status = report.byTaskArea[task.id]?.[area.code];
        return status ? { text: statusSymbol[status], paint: (text) => paint(status, text) } : { text: "" };
      });
      const overall = report.byArea[area.code];
      // An area listed only for its comparison results has no verdict of its own.
      return [terminal(words.area(area.code)), ...cells, overall ? { text: words.status(overall), paint: (text) => paint(overall, text) } : { text: words.messages.comparison, paint: chalk.dim }] as (Cell | string)[];
    }),
    { width, dim: chalk.dim, bold: chalk.bold, padding: 0 },
  );
  const overall = worst(Object.values(report.byArea));
  const { matrixLegend, tasksLegend } = words.messages;
  const { semicolon } = words.messages;
  const legend = `${statusLegend(words)}${semicolon}${matrixLegend.blank}${overall ? `${semicolon}${matrixLegend.overall(words.status(overall))}` : ""}`;
  const tasks = `${tasksLegend}${words.messages.colon}${columns.map((task) => `${header(task)} ${terminal(words.task(task.id))}`).join(semicolon)}`;
  return [table, wrapLines(legend, width), wrapLines(tasks, width)].join("\n");
}

type Painter = (status: Status, text: string) => string;

function statusPainter(chalk: ChalkInstance): Painter {
  const colours: Record<Status, ChalkInstance> = {
    pass: chalk.green,
    "on-track": chalk.cyan,
    "no-data": chalk.gray,
    "at-risk": chalk.yellow,
    fail: chalk.red,
  };
  return (status, text) => colours[status](text);
}
