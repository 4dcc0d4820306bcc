import type { Report, Status, TargetResult } from "../engine/types.js";
import { markdownRow as row, markdownRule as rule } from "./markdown-table.js";
import { formatNumber } from "../vocabulary/units.js";
import { addDays, areasWithFail, comparisonResults, dueSoon, dueSoonDays, matrixTasks, problemStatuses, resultsWith, scorecard, type ScoreRow } from "./brief.js";
import { areaBars, axisRange, trajectories, type Trajectory } from "./charts.js";
import { issueLines } from "./diagnostics.js";
import type { FormatOptions } from "./formatter.js";
import { html, markdown, markdownCode, markdownCodeBlock } from "./escape.js";
import { changesSection } from "./changes.js";
import { rejectedIssues, statusEmoji, unitIn, warningIssues, worstFirst, wordingFor, type Wording } from "./wording.js";

/** How many results 需优先处理 lists unless --top says otherwise. */
export const briefTop = 15;

export { statusEmoji } from "./wording.js";

/**
 * The manager's brief: one screen first (summary, district scorecard, what to act on, charts),
 * then everything else folded in <details>. Tables keep to about six columns so that they fit
 * GitHub's 890 px column; reasons go in the detail.
 */
export function formatMarkdown(report: Report, options: FormatOptions): string {
  const words = wordingFor(report, options.language ?? "en");
  const { messages } = words;
  const { heading, column } = messages;
  const out: string[] = [];
  out.push(`# ${markdown(messages.title(report.plan.title))}`, "");
  out.push(markdown(messages.asOfLine({ asOf: report.asOf, ruleset: report.ruleset, ...(report.plan.document ? { document: report.plan.document } : {}) })), "");

  out.push(`## ${heading.summary}`, "", markdown(summaryParagraph(report, words)), "");
  if (options.changes) out.push(...changesSection(options.changes, words, words.language));

  out.push(`## ${heading.scorecard}`, "", markdown(messages.brief.worstFirst), "");
  out.push(row([column.area, ...worstFirst.map((status) => `${statusEmoji[status]} ${words.status(status)}`), column.worst]), rule(7));
  for (const score of scorecard(report, "area")) {
    out.push(row([markdown(words.area(score.key)), ...worstFirst.map((status) => String(score.counts[status])), markdown(worstItem(score, words))]));
  }
  out.push("");
  out.push(...details(heading.matrix, matrix(report, words)));

  const listed = resultsWith(report, options.statuses ?? problemStatuses);
  const shown = listed.slice(0, options.top ?? briefTop);
  out.push(`## ${heading.problems}`, "", markdown(messages.shown({ shown: shown.length, total: listed.length })), "");
  if (shown.length === 0) out.push(messages.noProblems, "");
  else {
    out.push(row([column.indicator, column.area, column.lead, `${column.value} / ${column.threshold}`, column.gap, column.deadline]), rule(6));
    for (const result of shown) {
      const [indicator, ...rest] = problemCells(result, words);
      out.push(row([`${statusEmoji[result.status]} ${markdown(indicator!)}`, ...rest.map(markdownLines)]));
    }
    out.push("");
  }

  const charts = chartBlocks(report, words);
  if (charts.length > 0) out.push(`## ${heading.charts}`, "", ...charts);

  out.push(...details(heading.otherResults, resultTable(resultsWith(report, ["on-track", "no-data"]), words)));
  const comparisons = comparisonResults(report);
  if (comparisons.length > 0) out.push(...details(`${heading.comparisons} (${comparisons.length})`, resultTable(comparisons, words)));
  const perArea = scorecard(report, "area").flatMap((score) => details(`${words.area(score.key)}${messages.colon}${score.overall ? `${statusEmoji[score.overall]} ${words.status(score.overall)}` : ""}`, resultTable(score.results, words, true)));
  out.push(...details(heading.districtDetail, perArea));
  const conflicted = report.results.filter((result) => result.inputConflicts);
  if (conflicted.length > 0) {
    out.push(
      ...details(`${heading.conflicts} (${conflicted.length})`, [
        row([column.area, column.indicator, column.status, column.reason]),
        rule(4),
        ...conflicted.map((result) => row([markdown(words.area(result.area)), markdown(words.indicator(result.indicator)), `${statusEmoji[result.status]} ${words.status(result.status)}`, markdown(messages.conflict({ periods: result.inputConflicts!.periods.length, rows: result.inputConflicts!.rowsDropped, rule: result.inputConflicts!.rule }))])),
      ]),
    );
  }
  out.push(...details(heading.basically, basicallyTable(report, words)));
  out.push(...details(heading.inputs, inputsTable(report, words)));
  const rejected = rejectedIssues(report);
  out.push(...details(`${heading.rejected} (${rejected.length})`, rejected.length === 0 ? [messages.none] : codeBlock(rejected.flatMap((issue) => issueLines(issue, messages, words.language)))));
  const warnings = warningIssues(report);
  if (warnings.length > 0) out.push(...details(`${heading.warnings} (${warnings.length})`, codeBlock(warnings.flatMap((issue) => issueLines(issue, messages, words.language)))));
  return `${out.join("\n").trimEnd()}\n`;
}

/** The scorecard's worst item: the indicator and what it still needs, or "" when all is met. */
export function worstItem(score: ScoreRow, words: Wording): string {
  return score.worst && score.worst.status !== "pass" ? `${words.indicator(score.worst.indicator)}${words.messages.colon}${words.gap(score.worst) || words.status(score.worst.status)}` : "";
}

/** 需优先处理's cells as text: indicator, area, lead, value / target, gap, deadline with days left. */
export function problemCells(result: TargetResult, words: Wording): string[] {
  const deadline = result.deadline ? (words.language === "zh" ? `${result.deadline}（${words.daysLeft(result)}）` : `${result.deadline} (${words.daysLeft(result)})`) : "";
  return [words.indicator(result.indicator), words.area(result.area), words.lead(result.task), `${words.value(result)} / ${words.target(result)}`, withOutlook(words.gap(result, false), result, words), deadline];
}

/** The brief's opening paragraph: the counts, the areas with a fail, what is at risk and what falls due soon. */
export function summaryParagraph(report: Report, words: Wording): string {
  const { brief } = words.messages;
  // The city is not one of its districts: "3 of 13 districts", with the city said apart.
  const cities = new Set(report.areas.filter((area) => area.kind === "city").map((area) => area.code));
  const withFail = areasWithFail(report);
  const failing = withFail.filter((score) => !cities.has(score.key));
  const cityFails = withFail.length > failing.length;
  const districts = scorecard(report, "area").filter((score) => !cities.has(score.key)).length;
  const soon = dueSoon(report);
  const stop = words.language === "zh" ? "。" : ".";
  return [
    `${words.summary()}${stop}`,
    brief.areasWithFail({ cityFails, areas: failing.length, of: districts, names: failing.map((score) => words.area(score.key)).join(words.messages.list) }),
    brief.atRisk(report.summary["at-risk"]),
    soon.length > 0 ? brief.dueSoon({ count: soon.length, days: dueSoonDays, until: addDays(report.asOf, dueSoonDays) }) : brief.noneDue(dueSoonDays),
  ]
    .filter(Boolean)
    .join(words.language === "zh" ? "" : " ");
}

/** The area x task matrix as two columns: each area's tasks with their status, so the table stays narrow. */
function matrix(report: Report, words: Wording): string[] {
  const tasks = matrixTasks(report);
  const label = (task: Report["tasks"][number]) => (task.id === "goals" ? "G" : String(task.number));
  const lines = [row([words.messages.column.area, words.messages.tasksLegend]), rule(2)];
  for (const area of report.areas) {
    const cells = tasks.flatMap((task) => {
      const status = report.byTaskArea[task.id]?.[area.code];
      return status ? [`${label(task)}${statusEmoji[status]}`] : [];
    });
    lines.push(row([markdown(words.area(area.code)), cells.join(" ")]));
  }
  const legend = worstFirst.map((status) => `${statusEmoji[status]} ${words.status(status)}`).join(" · ");
  const names = tasks.map((task) => `${label(task)} ${markdown(words.task(task.id))}`).join(words.messages.semicolon);
  return [...lines, "", `${legend}${words.messages.semicolon}${words.messages.matrixLegend.blank}`, "", `${words.messages.tasksLegend}${words.messages.colon}${names}`];
}

function resultTable(results: readonly TargetResult[], words: Wording, withReason = false): string[] {
  const { column } = words.messages;
  if (results.length === 0) return [words.messages.none];
  const lines = [row([column.status, column.indicator, column.area, `${column.value} / ${column.threshold}`, withReason ? column.reason : column.gap]), rule(5)];
  for (const result of results) {
    const [verdict, ...rest] = resultCells(result, words, withReason);
    lines.push(row([`${statusEmoji[result.status]} ${verdict}`, ...rest.map(markdownLines)]));
  }
  return lines;
}

/** A detail row's cells as text: verdict, indicator, area, value / target, and the gap or the reason. */
export function resultCells(result: TargetResult, words: Wording, withReason: boolean): string[] {
  return [words.verdict(result), words.indicator(result.indicator), words.area(result.area), `${words.value(result)} / ${words.target(result)}`, withOutlook(withReason ? words.reason(result) : words.gap(result), result, words)];
}

/** A gap or reason with what the rest of the year must deliver and the chance of meeting the target, one per line. */
export function withOutlook(text: string, result: TargetResult, words: Wording): string {
  return [text, words.required(result), words.chance(result)].filter(Boolean).join("\n");
}

/** A cell of several lines: each escaped, joined by <br> (a markdown table row is one line). */
function markdownLines(text: string): string {
  return text.split("\n").map(markdown).join("<br>");
}

function basicallyTable(report: Report, words: Wording): string[] {
  const readings = new Map<string, TargetResult>();
  for (const result of report.results) if (result.basically && !readings.has(result.target)) readings.set(result.target, result);
  if (readings.size === 0) return [words.messages.basicallyNone];
  const { column } = words.messages;
  const lines = [words.messages.basicallyRead, "", row([column.target, column.indicator, column.threshold, column.why]), rule(4)];
  for (const [target, result] of readings) lines.push(row([markdownCode(target, "table-cell"), markdown(words.indicator(result.indicator)), markdown(words.target(result)), markdown(result.basically!.note)]));
  return lines;
}

function inputsTable(report: Report, words: Wording): string[] {
  const { column } = words.messages;
  if (report.inputs.length === 0) return [words.messages.none];
  const lines = [row([column.file, column.kind, column.encoding, column.read, column.used, column.rejected]), rule(["left", "left", "left", "right", "right", "right"])];
  for (const file of report.inputs) lines.push(row([markdown(file.file), file.kind, file.encoding, String(file.rowsRead), String(file.rowsUsed), String(file.rowsRejected)]));
  return lines;
}

/**
 * Mermaid xychart-beta blocks (GitHub and GitLab render them): each trajectory as two lines (the
 * months, the straight path to the target), and the areas as bars beside the target line. A table
 * of the same numbers follows, folded, for viewers without Mermaid.
 */
function chartBlocks(report: Report, words: Wording): string[] {
  const out: string[] = [];
  const { chart, column } = words.messages;
  for (const trajectory of trajectories(report)) {
    const name = words.indicator(trajectory.indicator);
    const unit = unitIn(trajectory.unit, words.messages);
    const range = axisRange([...trajectory.values, ...trajectory.path]);
    out.push(`### ${markdown(chart.monthly(name))}`, "");
    out.push("```mermaid", "xychart-beta", `  x-axis [${trajectory.months.map((month) => `"${month.slice(2)}"`).join(", ")}]`, `  y-axis "${mermaidText(unit)}" ${formatNumber(range.min)} --> ${formatNumber(range.max)}`, `  line [${trajectory.values.map((value) => formatNumber(value)).join(", ")}]`, `  line [${trajectory.path.map((value) => formatNumber(value)).join(", ")}]`, "```", "");
    out.push(markdown(`${chart.pathNote({ from: trajectory.pathFrom, to: `${trajectory.operator} ${formatNumber(trajectory.target)} ${unit}${words.messages.colon}${trajectory.deadline}` })}`), "");
    out.push(...details(`${name}${words.messages.colon}${column.month}`, [row([column.month, chart.value, column.path]), rule(3), ...trajectory.months.map((month, index) => row([month, formatNumber(trajectory.values[index]!), formatNumber(trajectory.path[index]!)]))]));
    out.push(...outlookChart(trajectory, words));
  }
  for (const bars of areaBars(report)) {
    const name = words.indicator(bars.indicator);
    const unit = unitIn(bars.unit, words.messages);
    const range = axisRange([...bars.bars.map((bar) => bar.value), bars.target]);
    out.push(`### ${markdown(chart.districts(name))}`, "");
    out.push("```mermaid", "xychart-beta", `  x-axis [${bars.bars.map((bar) => `"${mermaidText(words.area(bar.area))}"`).join(", ")}]`, `  y-axis "${mermaidText(unit)}" ${formatNumber(range.min)} --> ${formatNumber(range.max)}`, `  bar [${bars.bars.map((bar) => formatNumber(bar.value)).join(", ")}]`, `  line [${bars.bars.map(() => formatNumber(bars.target)).join(", ")}]`, "```", "");
    out.push(markdown(`${chart.cityTarget}${words.messages.colon}${bars.operator} ${formatNumber(bars.target)} ${unit}`), "");
  }
  return out;
}

/**
 * The deadline year from its latest year-to-date value on: the required path, the projection's
 * range as two lines (Mermaid draws no band) and the target. Empty when the goal has neither.
 */
function outlookChart(trajectory: Trajectory, words: Wording): string[] {
  const { yearToDate, required = [], band = [] } = trajectory;
  if (!yearToDate) return [];
  const { chart, column } = words.messages;
  const name = words.indicator(trajectory.indicator);
  const unit = unitIn(trajectory.unit, words.messages);
  const months = [yearToDate.period, ...(required.length > 0 ? required : band).map((point) => point.period)];
  const byMonth = <T extends { period: string }>(points: readonly T[], pick: (point: T) => number) => [yearToDate.value, ...months.slice(1).map((month) => pick(points.find((point) => point.period === month) ?? points.at(-1)!))];
  const lines = [...(required.length > 0 ? [byMonth(required, (point) => point.value)] : []), ...(band.length > 0 ? [byMonth(band, (point) => point.low), byMonth(band, (point) => point.high)] : []), months.map(() => trajectory.target)];
  const range = axisRange(lines.flat());
  const number = (value: number) => formatNumber(value);
  return [
    `### ${markdown(chart.outlook({ indicator: name, year: yearToDate.period.slice(0, 4) }))}`,
    "",
    "```mermaid",
    "xychart-beta",
    `  x-axis [${months.map((month) => `"${month.slice(2)}"`).join(", ")}]`,
    `  y-axis "${mermaidText(unit)}" ${number(range.min)} --> ${number(range.max)}`,
    ...lines.map((line) => `  line [${line.map(number).join(", ")}]`),
    "```",
    "",
    markdown(chart.outlookNote({ band: band.length > 0 })),
    "",
    ...details(`${name}${words.messages.colon}${chart.required}`, [
      row([column.month, ...(required.length > 0 ? [chart.required] : []), ...(band.length > 0 ? [`${chart.band} 10%`, `${chart.band} 90%`] : [])]),
      rule(1 + (required.length > 0 ? 1 : 0) + (band.length > 0 ? 2 : 0)),
      ...months.slice(1).map((month, index) => row([month, ...lines.slice(0, -1).map((line) => number(line[index + 1]!))])),
    ]),
  ];
}

/** Text inside a Mermaid string: no quotes, brackets or line breaks that would end it. */
function mermaidText(text: string): string {
  return text.replace(/["[\]\r\n`]/g, " ").replace(/[\u0000-\u001f]/g, "");
}

function details(summary: string, body: readonly string[]): string[] {
  // Inside an HTML block markdown escapes are not read: the summary is HTML text.
  return ["<details>", `<summary>${html(summary)}</summary>`, "", ...body, "", "</details>", ""];
}

function codeBlock(lines: readonly string[]): string[] {
  return [markdownCodeBlock(lines)];
}
