import type { BacktestReport, IndicatorScore, MethodScore, Tally } from "../engine/backtest.js";
import { formatNumber } from "../vocabulary/units.js";
import { jsonText, markdown, terminal } from "./escape.js";
import type { FormatOptions } from "./formatter.js";
import { renderGrid, wrapLines } from "./layout.js";
import { markdownRow, markdownRule } from "./markdown-table.js";
import { messagesFor, type Messages } from "./messages.js";
import { unitIn } from "./wording.js";

/*
 * zz-plan backtest: per indicator, each method's error and how often its status held, then month by
 * month how often on-track turned out wrong. The terminal and the markdown show the same tables.
 */

interface Tables {
  heading: string;
  methods: { columns: string[]; rows: string[][] };
  months: { columns: string[]; rows: string[][] };
  best: string;
}

function percent(part: number, whole: number): string {
  return whole === 0 ? "—" : `${formatNumber(Math.round((1000 * part) / whole) / 10, 1)}%`;
}

function share(part: number, whole: number, messages: Messages): string {
  return whole === 0 ? "—" : messages.backtest.share({ part, whole, percent: percent(part, whole) });
}

/** Errors to the precision a reader compares them at: 1.23 ug/m3, 0.4 %. */
function error(tally: Tally): string {
  return tally.calls === 0 ? "—" : formatNumber(tally.meanAbsoluteError, 2);
}

function tablesOf(indicator: IndicatorScore, messages: Messages, language: FormatOptions["language"]): Tables {
  const unit = unitIn(indicator.unit, messages);
  const name = language === "zh" ? indicator.name.zh : indicator.name.en;
  const heading = messages.backtest.indicator({ name, unit, cases: indicator.cases, first: indicator.years[0]!, last: indicator.years.at(-1)!, monthEnds: indicator.monthEnds, skipped: indicator.skipped });
  const methodName = (method: MethodScore) => messages.method[method.method];
  const methods = {
    columns: [messages.backtest.method, messages.backtest.error, messages.backtest.matched, messages.backtest.onTrackWrong, messages.backtest.atRiskWrong],
    rows: indicator.methods.map((method) => [
      methodName(method),
      error(method),
      share(method.matches, method.calls, messages),
      share(method.onTrackWrong, method.onTrack, messages),
      share(method.atRiskWrong, method.atRisk, messages),
    ]),
  };
  const monthsSeen = [...new Set(indicator.methods.flatMap((method) => method.byMonth.map((month) => month.month)))].sort((a, b) => a - b);
  const months = {
    columns: [messages.backtest.monthEnd, ...indicator.methods.map(methodName)],
    rows: monthsSeen.map((month) => [
      messages.backtest.month(month),
      ...indicator.methods.map((method) => {
        const tally = method.byMonth.find((entry) => entry.month === month);
        return tally ? messages.backtest.monthCell({ error: error(tally), wrong: tally.onTrackWrong, onTrack: tally.onTrack }) : "—";
      }),
    ]),
  };
  const best = indicator.best ? messages.backtest.best(messages.method[indicator.best]) : "";
  return { heading, methods, months, best };
}

function nothingText(report: BacktestReport, messages: Messages): string {
  return report.skipped > 0 ? messages.backtest.nothingScored(report.skipped) : messages.backtest.nothing;
}

/** The terminal view, wrapped to the terminal's width. */
export function formatBacktestTable(report: BacktestReport, options: FormatOptions): string {
  const language = options.language ?? "en";
  const messages = messagesFor(language);
  const width = options.width ?? 80;
  const out = [wrapLines(terminal(messages.backtest.title(report.plan.title)), width), ""];
  if (report.indicators.length === 0) return `${[...out, wrapLines(nothingText(report, messages), width, 0)].join("\n")}\n`;
  out.push(wrapLines(messages.backtest.how({ draws: report.draws, historyYears: report.historyYears }), width, 0), "");
  for (const indicator of report.indicators) {
    const tables = tablesOf(indicator, messages, language);
    out.push(wrapLines(terminal(tables.heading), width));
    out.push(renderGrid(tables.methods.columns.map((header, index) => ({ header, ...(index > 0 ? { align: "right" as const } : {}) })), tables.methods.rows, { width }));
    if (tables.best) out.push(tables.best);
    out.push(wrapLines(messages.backtest.byMonth, width));
    out.push(renderGrid(tables.months.columns.map((header, index) => ({ header, ...(index > 0 ? { align: "right" as const } : {}) })), tables.months.rows, { width }), "");
  }
  return `${out.join("\n").trimEnd()}\n`;
}

/** The first column names the row; the others hold numbers, right-aligned. */
function markdownTable(columns: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [markdownRow(columns.map(markdown)), markdownRule(columns.map((_, index) => (index === 0 ? "left" : "right"))), ...rows.map((row) => markdownRow(row.map(markdown)))];
}

/** The same tables for a README, an issue or a step summary. */
export function formatBacktestMarkdown(report: BacktestReport, options: FormatOptions): string {
  const language = options.language ?? "en";
  const messages = messagesFor(language);
  const out = [`## ${markdown(messages.backtest.title(report.plan.title))}`, ""];
  if (report.indicators.length === 0) return `${[...out, markdown(nothingText(report, messages))].join("\n")}\n`;
  out.push(markdown(messages.backtest.how({ draws: report.draws, historyYears: report.historyYears })), "");
  for (const indicator of report.indicators) {
    const tables = tablesOf(indicator, messages, language);
    out.push(`### ${markdown(tables.heading)}`, "", ...markdownTable(tables.methods.columns, tables.methods.rows), "");
    if (tables.best) out.push(markdown(tables.best), "");
    out.push(markdown(messages.backtest.byMonth), "", ...markdownTable(tables.months.columns, tables.months.rows), "");
  }
  return `${out.join("\n").trimEnd()}\n`;
}

/** The whole backtest as data: scores per indicator and method, and every replayed case. */
export function formatBacktestJson(report: BacktestReport): string {
  return `${jsonText(report)}\n`;
}
