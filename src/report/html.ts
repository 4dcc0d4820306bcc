import type { Report, Status, TargetResult } from "../engine/types.js";
import { formatNumber } from "../vocabulary/units.js";
import { comparisonResults, matrixTasks, problemStatuses, resultsWith, scorecard, type ScoreRow } from "./brief.js";
import { areaBars, trajectories, type Trajectory } from "./charts.js";
import { changesSummary } from "./changes.js";
import { issueLines } from "./diagnostics.js";
import { html } from "./escape.js";
import type { FormatOptions } from "./formatter.js";
import { barChartSvg, heatMapSvg, legendSwatch, lineChartSvg, statusColour, type LineChart } from "./html-charts.js";
import { briefTop, problemCells, resultCells, summaryParagraph, worstItem } from "./markdown.js";
import { tool } from "./tool.js";
import { rejectedIssues, statusSymbol, unitIn, warningIssues, worstFirst, wordingFor, type Wording } from "./wording.js";

/**
 * The brief as one self-contained HTML file: the markdown brief's sections and order (brief.ts's
 * model, the same wording), with SVG charts drawn inline, a heat map for the district x task
 * matrix, and the detail in <details>. Nothing is fetched when it is opened (a Content Security
 * Policy forbids it and there is no script), it prints on A4, and every text from the data passes
 * through html().
 */
export function formatHtml(report: Report, options: FormatOptions): string {
  const words = wordingFor(report, options.language ?? "en");
  const { messages } = words;
  const { heading } = messages;
  const title = messages.title(report.plan.title);
  const body: string[] = [];
  body.push(`<header><h1>${html(title)}</h1><p class="meta">${html(messages.asOfLine({ asOf: report.asOf, ruleset: report.ruleset, ...(report.plan.document ? { document: report.plan.document } : {}) }))}</p></header>`);
  body.push(section("summary", heading.summary, [`<p class="lead">${html(summaryParagraph(report, words))}</p>`]));
  if (options.changes) {
    const since = changesSummary(options.changes, words, words.language);
    const listed = since.rows.length > 0 ? [table(since.columns, since.rows.map((row) => row.map((cell) => html(cell))), { names: [1, 2] })] : [];
    body.push(section("changes", since.heading, [`<p>${html(since.sentence)}</p>`, ...listed]));
  }

  const scores = scorecard(report, "area");
  body.push(section("scorecard", heading.scorecard, [`<p class="note">${html(messages.brief.worstFirst)}</p>`, scorecardTable(scores, words), heatMap(report, scores, words)]));

  const listed = resultsWith(report, options.statuses ?? problemStatuses);
  const shown = listed.slice(0, options.top ?? briefTop);
  const problems =
    shown.length === 0
      ? [`<p>${html(messages.noProblems)}</p>`]
      : [
          `<p class="note">${html(messages.shown({ shown: shown.length, total: listed.length }))}</p>`,
          table(
            [messages.column.indicator, messages.column.area, messages.column.lead, `${messages.column.value} / ${messages.column.threshold}`, messages.column.gap, messages.column.deadline],
            shown.map((result) => {
              const [indicator, ...rest] = problemCells(result, words);
              return [`${badge(result.status, words)}${html(indicator!)}`, ...rest.map(htmlLines)];
            }),
            { className: "problems", names: [1] },
          ),
        ];
  body.push(section("problems", heading.problems, problems));

  const charts = [...trajectories(report).map((trajectory) => trajectoryFigure(trajectory, words)), ...areaBars(report).map((bars) => {
    const name = words.indicator(bars.indicator);
    const unit = unitIn(bars.unit, messages);
    const target = `${messages.chart.cityTarget}${messages.colon}${bars.operator} ${formatNumber(bars.target)} ${unit}`;
    const svg = barChartSvg({ title: messages.chart.districts(name), unit, target: { name: messages.chart.cityTarget, value: bars.target }, bars: bars.bars.map((bar) => ({ label: words.area(bar.area), value: bar.value, status: bar.status, note: `${words.area(bar.area)}${messages.colon}${formatNumber(bar.value)} ${unit}, ${words.status(bar.status)}` })) });
    return `<figure><h3>${html(messages.chart.districts(name))}</h3>${svg}<figcaption>${legendItem("target", target)} ${statusLegend(words)}</figcaption></figure>`;
  })];
  if (charts.length > 0) body.push(section("charts", heading.charts, charts));

  const detail: string[] = [];
  detail.push(details(heading.otherResults, resultTable(resultsWith(report, ["on-track", "no-data"]), words)));
  const comparisons = comparisonResults(report);
  if (comparisons.length > 0) detail.push(details(`${heading.comparisons} (${comparisons.length})`, resultTable(comparisons, words)));
  detail.push(details(heading.districtDetail, scores.map((score) => details(`${words.area(score.key)}${messages.colon}${score.overall ? words.status(score.overall) : ""}`, resultTable(score.results, words, true))).join("")));
  const conflicted = report.results.filter((result) => result.inputConflicts);
  if (conflicted.length > 0) {
    detail.push(
      details(
        `${heading.conflicts} (${conflicted.length})`,
        table(
          [messages.column.area, messages.column.indicator, messages.column.status, messages.column.reason],
          conflicted.map((result) => [html(words.area(result.area)), html(words.indicator(result.indicator)), badge(result.status, words) + html(words.status(result.status)), html(messages.conflict({ periods: result.inputConflicts!.periods.length, rows: result.inputConflicts!.rowsDropped, rule: result.inputConflicts!.rule }))]),
        ),
      ),
    );
  }
  detail.push(details(heading.basically, basicallyTable(report, words)));
  detail.push(details(heading.inputs, inputsTable(report, words)));
  const rejected = rejectedIssues(report);
  detail.push(details(`${heading.rejected} (${rejected.length})`, rejected.length === 0 ? `<p>${html(messages.none)}</p>` : issueList(rejected.map((issue) => issueLines(issue, messages, words.language)))));
  const warnings = warningIssues(report);
  if (warnings.length > 0) detail.push(details(`${heading.warnings} (${warnings.length})`, issueList(warnings.map((issue) => issueLines(issue, messages, words.language)))));
  body.push(`<section class="detail">${detail.join("\n")}</section>`);
  body.push(`<footer>${html(`${tool.name} ${tool.version}`)}</footer>`);

  return [
    "<!doctype html>",
    `<html lang="${words.language === "zh" ? "zh-Hans" : "en"}">`,
    "<head>",
    '<meta charset="utf-8">',
    // No script, no fetch: the file shows the same offline, from a mail attachment or a share.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${html(title)}</title>`,
    `<style>${stylesheet}</style>`,
    "</head>",
    "<body>",
    "<main>",
    ...body,
    "</main>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

const stylesheet = `
:root { color-scheme: light; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --soft: #f6f8fa; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--fg); background: #fff; font: 15px/1.6 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Helvetica Neue", Arial, sans-serif; }
main { max-width: 760px; margin: 0 auto; padding: 24px 20px 48px; }
h1 { font-size: 1.6em; line-height: 1.3; margin: 0 0 .3em; }
h2 { font-size: 1.25em; margin: 1.6em 0 .5em; padding-bottom: .2em; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.02em; margin: 1.2em 0 .4em; }
p { margin: .4em 0 .8em; }
.meta, .note, footer, figcaption { color: var(--muted); font-size: .9em; }
.lead { font-size: 1.02em; }
table { width: 100%; border-collapse: collapse; margin: .4em 0 1em; font-size: .86em; }
th, td { border: 1px solid var(--line); padding: 4px 6px; text-align: left; vertical-align: top; overflow-wrap: break-word; }
th { background: var(--soft); font-weight: 600; }
td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.nowrap { white-space: nowrap; }
.name { word-break: keep-all; overflow-wrap: normal; }
td.heat { text-align: center; font-variant-numeric: tabular-nums; color: var(--muted); }
td.heat[style] { color: var(--fg); font-weight: 600; }
td.heat.strong { color: #fff; }
.badge { display: inline-block; min-width: 1.4em; margin-right: .35em; padding: 0 .3em; border-radius: 3px; color: #fff; font-size: .85em; line-height: 1.5; text-align: center; }
figure { margin: .6em 0 1.4em; break-inside: avoid; }
figure h3 { margin-top: .4em; }
svg.chart { display: block; max-width: 100%; height: auto; }
svg.chart text { fill: var(--fg); font-family: inherit; }
svg.chart text.glyph { fill: #fff; font-weight: 700; }
svg.chart text.unit { fill: var(--muted); }
svg.swatch { vertical-align: middle; margin-right: .3em; }
.legend { display: inline-block; margin-right: 1em; white-space: nowrap; }
.tasks { font-size: .86em; color: var(--muted); }
details { margin: .3em 0; border: 1px solid var(--line); border-radius: 6px; padding: .3em .7em; }
details details { margin-left: .2em; }
summary { cursor: pointer; font-weight: 600; }
details > :not(summary) { margin-top: .5em; }
ul.issues { font: .8em/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, "Noto Sans Mono CJK SC", monospace; padding-left: 1.2em; overflow-wrap: anywhere; }
footer { margin-top: 2em; }
section.detail { margin-top: 2em; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  h2, h3 { break-after: avoid; }
  tr, figure, .badge { break-inside: avoid; }
  thead { display: table-header-group; }
  .badge, svg rect, td.heat { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  details { border: none; padding: 0; }
}
`.trim();

function section(id: string, heading: string, content: readonly string[]): string {
  return `<section id="${id}"><h2>${html(heading)}</h2>\n${content.join("\n")}</section>`;
}

function details(summary: string, content: string): string {
  return `<details><summary>${html(summary)}</summary>${content}</details>`;
}

/** A cell that is already HTML (built from html()), with a class or a background when it needs one. */
type TableCell = string | { content: string; className: string; background?: string };

interface TableLayout {
  className?: string;
  /** Columns aligned right (numbers). */
  numeric?: readonly number[];
  /** Columns kept on one line (counts), so the long ones wrap instead. */
  nowrap?: readonly number[];
  /** Columns of names: wrapped between words, never inside one (a Chinese name stays whole). */
  names?: readonly number[];
}

function table(headers: readonly string[], rows: readonly (readonly TableCell[])[], layout: TableLayout = {}): string {
  const classOf = (index: number) => [layout.numeric?.includes(index) ? "number" : "", layout.nowrap?.includes(index) ? "nowrap" : "", layout.names?.includes(index) ? "name" : ""].filter(Boolean).join(" ");
  const attribute = (names: string) => (names ? ` class="${names}"` : "");
  const head = headers.map((header, index) => `<th${attribute(classOf(index))}>${html(header)}</th>`).join("");
  const cell = (value: TableCell, index: number) => {
    if (typeof value === "string") return `<td${attribute(classOf(index))}>${value}</td>`;
    return `<td${attribute(value.className)}${value.background ? ` style="background:${value.background}"` : ""}>${value.content}</td>`;
  };
  const body = rows.map((row) => `<tr>${row.map(cell).join("")}</tr>`).join("\n");
  return `<table${attribute(layout.className ?? "")}><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** The status as a coloured badge with its glyph, so it reads without colour too. */
function badge(status: Status, words: Wording): string {
  return `<span class="badge" style="background:${statusColour[status]}" title="${html(words.status(status))}">${html(statusSymbol[status])}</span>`;
}

function statusLegend(words: Wording): string {
  return worstFirst.map((status) => `<span class="legend">${badge(status, words)}${html(words.status(status))}</span>`).join("");
}

function legendItem(kind: Parameters<typeof legendSwatch>[0], text: string): string {
  return `<span class="legend">${legendSwatch(kind)}${html(text)}</span>`;
}

/** The scorecard with each count's cell tinted by its status, darker for more: a heat map of counts. */
function scorecardTable(scores: readonly ScoreRow[], words: Wording): string {
  const { column } = words.messages;
  const most = Math.max(1, ...scores.flatMap((score) => worstFirst.map((status) => score.counts[status])));
  const rows = scores.map((score) => [
    html(words.area(score.key)),
    ...worstFirst.map((status) => {
      const count = score.counts[status];
      const alpha = count === 0 ? 0 : 0.18 + 0.6 * (count / most);
      const hex = Math.round(alpha * 255).toString(16).padStart(2, "0");
      return count === 0 ? { content: "0", className: "heat" } : { content: String(count), className: alpha > 0.5 ? "heat strong" : "heat", background: `${statusColour[status]}${hex}` };
    }),
    html(worstItem(score, words)),
  ]);
  const headers = [column.area, ...worstFirst.map((status) => words.status(status)), column.worst];
  return table(headers, rows, { className: "scorecard", names: [0], nowrap: [1, 2, 3, 4, 5] });
}

function heatMap(report: Report, scores: readonly ScoreRow[], words: Wording): string {
  const tasks = matrixTasks(report);
  if (tasks.length === 0) return "";
  const label = (task: Report["tasks"][number]) => (task.id === "goals" ? "G" : String(task.number));
  // Areas in scorecard order (worst first), then those with nothing judged.
  const order = [...scores.map((score) => score.key), ...report.areas.map((area) => area.code).filter((code) => !scores.some((score) => score.key === code))];
  const svg = heatMapSvg({
    title: words.messages.heading.matrix,
    rows: order.map((code) => words.area(code)),
    columns: tasks.map(label),
    cells: order.map((code) =>
      tasks.map((task) => {
        const status = report.byTaskArea[task.id]?.[code];
        return status ? { status, glyph: statusSymbol[status], note: `${words.area(code)} · ${label(task)} ${words.task(task.id)}${words.messages.colon}${words.status(status)}` } : undefined;
      }),
    ),
  });
  const names = tasks.map((task) => `${label(task)} ${words.task(task.id)}`).join(words.messages.semicolon);
  return `<figure><h3>${html(words.messages.heading.matrix)}</h3>${svg}<figcaption>${statusLegend(words)}<span class="legend">${html(words.messages.matrixLegend.blank)}</span><p class="tasks">${html(`${words.messages.tasksLegend}${words.messages.colon}${names}`)}</p></figcaption></figure>`;
}

/** A trajectory as a line chart: the months, the straight path to the target, the target, and (when the model has them) the required path and the projection's range. */
function trajectoryFigure(trajectory: Trajectory, words: Wording): string {
  const { messages } = words;
  const { chart, column } = messages;
  const name = words.indicator(trajectory.indicator);
  const unit = unitIn(trajectory.unit, messages);
  const extra = trajectory as Trajectory & { required?: readonly { period: string; value: number }[]; band?: readonly { period: string; low: number; high: number }[] };
  const lastMonth = [trajectory.deadline.slice(0, 7), ...(extra.required ?? []).map((point) => point.period), ...(extra.band ?? []).map((point) => point.period)].sort().at(-1)!;
  const labels = monthsFrom(trajectory.months[0]!, lastMonth < trajectory.months.at(-1)! ? trajectory.months.at(-1)! : lastMonth);
  const at = (points: readonly { period: string }[] | undefined) => new Map((points ?? []).map((point, index) => [point.period, index]));
  const valueAt = new Map(trajectory.months.map((month, index) => [month, trajectory.values[index]!]));
  const pathAt = new Map(trajectory.months.map((month, index) => [month, trajectory.path[index]!]));
  pathAt.set(trajectory.deadline.slice(0, 7), trajectory.target);
  const required = at(extra.required);
  const band = at(extra.band);
  const target = `${trajectory.operator} ${formatNumber(trajectory.target)} ${unit}${messages.colon}${trajectory.deadline}`;
  const model: LineChart = {
    title: chart.monthly(name),
    unit,
    labels: labels.map((month) => month.slice(2)),
    lines: [
      { name: chart.value, kind: "value", values: labels.map((month) => valueAt.get(month)) },
      { name: column.path, kind: "path", values: labels.map((month) => pathAt.get(month)) },
      ...(extra.required?.length ? [{ name: chart.required, kind: "required" as const, values: labels.map((month) => (required.has(month) ? extra.required![required.get(month)!]!.value : undefined)) }] : []),
    ],
    ...(extra.band?.length
      ? { band: { name: chart.band, low: labels.map((month) => (band.has(month) ? extra.band![band.get(month)!]!.low : undefined)), high: labels.map((month) => (band.has(month) ? extra.band![band.get(month)!]!.high : undefined)) } }
      : {}),
    target: { name: chart.cityTarget, value: trajectory.target },
  };
  const legend = [legendItem("value", chart.value), legendItem("path", column.path), ...(extra.required?.length ? [legendItem("required", chart.required)] : []), ...(extra.band?.length ? [legendItem("band", chart.band)] : []), legendItem("target", `${chart.cityTarget} ${target}`)].join("");
  const numbers = table(
    [column.month, chart.value, column.path],
    trajectory.months.map((month, index) => [html(month), html(formatNumber(trajectory.values[index]!)), html(formatNumber(trajectory.path[index]!))]),
    { numeric: [1, 2] },
  );
  return `<figure><h3>${html(chart.monthly(name))}</h3>${lineChartSvg(model)}<figcaption>${legend}<p>${html(chart.pathNote({ from: trajectory.pathFrom, to: target }))}</p>${details(`${name}${messages.colon}${column.month}`, numbers)}</figcaption></figure>`;
}

/** Every month from one YYYY-MM to another, both included. */
function monthsFrom(first: string, last: string): string[] {
  const out: string[] = [];
  let year = Number(first.slice(0, 4));
  let month = Number(first.slice(5, 7));
  // A bound keeps a malformed label from looping for long.
  for (let guard = 0; guard < 1200; guard += 1) {
    const label = `${year}-${String(month).padStart(2, "0")}`;
    out.push(label);
    if (label >= last) break;
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return out;
}

function resultTable(results: readonly TargetResult[], words: Wording, withReason = false): string {
  if (results.length === 0) return `<p>${html(words.messages.none)}</p>`;
  const { column } = words.messages;
  return table(
    [column.status, column.indicator, column.area, `${column.value} / ${column.threshold}`, withReason ? column.reason : column.gap],
    results.map((result) => {
      const [verdict, ...rest] = resultCells(result, words, withReason);
      return [`${badge(result.status, words)}${html(verdict!)}`, ...rest.map(htmlLines)];
    }),
    { names: [2] },
  );
}

/** A cell of several lines (a gap with what the rest of the year must deliver): each escaped, joined by <br>. */
function htmlLines(text: string): string {
  return text.split("\n").map((line) => html(line)).join("<br>");
}

function basicallyTable(report: Report, words: Wording): string {
  const readings = new Map<string, TargetResult>();
  for (const result of report.results) if (result.basically && !readings.has(result.target)) readings.set(result.target, result);
  if (readings.size === 0) return `<p>${html(words.messages.basicallyNone)}</p>`;
  const { column } = words.messages;
  return `<p>${html(words.messages.basicallyRead)}</p>${table(
    [column.target, column.indicator, column.threshold, column.why],
    [...readings].map(([target, result]) => [`<code>${html(target)}</code>`, html(words.indicator(result.indicator)), html(words.target(result)), html(result.basically!.note)]),
  )}`;
}

function inputsTable(report: Report, words: Wording): string {
  if (report.inputs.length === 0) return `<p>${html(words.messages.none)}</p>`;
  const { column } = words.messages;
  return table(
    [column.file, column.kind, column.encoding, column.read, column.used, column.rejected],
    report.inputs.map((file) => [html(file.file), html(file.kind), html(file.encoding), String(file.rowsRead), String(file.rowsUsed), String(file.rowsRejected)]),
    { numeric: [3, 4, 5] },
  );
}

function issueList(issues: readonly (readonly string[])[]): string {
  return `<ul class="issues">${issues.map((lines) => `<li>${lines.map(html).join("<br>")}</li>`).join("\n")}</ul>`;
}
