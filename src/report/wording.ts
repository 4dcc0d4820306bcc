import { formatNumber, unitLabel } from "../vocabulary/units.js";
import { daysBetween } from "../vocabulary/period.js";
import type { Issue, Report, Status, TargetResult } from "../engine/types.js";
import { statuses } from "../engine/types.js";
import { bindingResults } from "../engine/status.js";
import { formatIssue } from "../vocabulary/issues.js";
import type { Language } from "../vocabulary/language.js";
import { messagesFor, type Messages } from "./messages.js";
import { minimumHistoryYears, probabilityText } from "../engine/resample.js";

/** Symbols for the matrix; each also differs in shape, for readers without colour. */
export const statusSymbol: Record<Status, string> = {
  pass: "✔",
  "on-track": "↗",
  "no-data": "·",
  "at-risk": "!",
  fail: "✖",
};

/** Colour and shape at once, so the status reads in any theme and without colour (markdown, HTML). */
export const statusEmoji: Record<Status, string> = { fail: "🔴", "at-risk": "🟠", "no-data": "⚪", "on-track": "🔵", pass: "🟢" };

/** Statuses worst first, the order every summary lists them in. */
export const worstFirst: readonly Status[] = [...statuses].reverse();

const english = messagesFor("en");

/** A unit as printed in a language: 微克/立方米 in Chinese, ug/m3 in English. */
export function unitIn(unit: string, messages: Messages = english): string {
  return messages.unit[unit] ?? unitLabel(unit);
}

export function valueWithUnit(value: number | undefined, unit: string, messages: Messages = english): string {
  if (value === undefined) return "—";
  if (unit === "done") return value >= 1 ? messages.done.yes : messages.done.no;
  return `${formatNumber(value)} ${unitIn(unit, messages)}`;
}

export function targetText(result: TargetResult, messages: Messages = english): string {
  if (result.unit === "done") return result.deadline ? messages.done.by(result.deadline) : messages.done.any;
  return `${result.operator} ${formatNumber(result.expected)} ${unitIn(result.unit, messages)}`;
}

/** "needs -2.3 ug/m3 by 2025-12-31" / "需降低 2.3 微克/立方米（截至 2025-12-31）": the change still needed. */
export function gapText(result: TargetResult, messages: Messages = english, withDeadline = true): string {
  if (result.status === "pass") return "";
  if (result.unit === "done") return result.status === "no-data" ? messages.gap.noReport : result.status === "fail" ? messages.gap.missed : messages.gap.notDoneYet;
  if (result.gap === undefined) return result.status === "no-data" ? messages.gap.noData : "";
  // A gap in a share is a difference of percentage points, not a percent of the value.
  const unit = unitIn(result.unit === "%" ? "percentage-points" : result.unit, messages);
  const deadline = withDeadline && result.deadline && result.status !== "fail" ? result.deadline : undefined;
  return messages.gap.change({ increase: result.gap > 0, amount: formatNumber(Math.abs(result.gap)), unit, ...(deadline ? { deadline } : {}) });
}

const operatorSign: Readonly<Record<string, string>> = { "<=": "≤", ">=": "≥", "<": "<", ">": ">", "==": "=" };

/** 2025-10/2025-12 as 10-12月 or Oct-Dec; 2025-06,2025-10/2025-12 as 6月、10-12月. */
function monthsText(period: string, messages: Messages): string {
  return period
    .split(",")
    .map((part) => {
      const [first, last] = part.split("/").map((label) => Number(label.slice(5, 7)));
      return messages.outlook.months({ first: first!, last: last ?? first! });
    })
    .join(messages.list);
}

/**
 * What the rest of the deadline year must deliver: "10-12月均值需 ≤ 38.2 微克/立方米（去年同期 52）",
 * "剩余 92 天中需至少 63 天优良（68.5%；去年同期 58%）", or that it is out of reach or secured; "" when
 * the result carries no requirement.
 */
export function requirementText(result: TargetResult, messages: Messages = english): string {
  const required = result.required;
  if (!required) return "";
  const { outlook } = messages;
  const one = (value: number) => formatNumber(value, 1);
  const lastYear = required.lastYearSamePeriod !== undefined ? one(required.lastYearSamePeriod) : undefined;
  const months = monthsText(required.period, messages);
  const year = required.boundValue !== undefined ? valueWithUnit(required.boundValue, result.unit, messages) : "";
  if (required.kind === "days") {
    const what = result.indicator === "good-day-ratio" ? outlook.dayWords.good : result.indicator === "heavy-pollution-ratio" ? outlook.dayWords.heavy : outlook.dayWords.counted;
    const atLeast = required.operator.startsWith(">");
    if (required.bound) {
      // Out of reach with every remaining day counting (or none, for days that count against); secured the other way round.
      const extreme = (required.bound === "impossible") === atLeast ? outlook.allDays({ days: required.days, what }) : outlook.noDays({ days: required.days, what });
      return outlook[required.bound === "impossible" ? "impossible" : "secured"]({ extreme, year });
    }
    return atLeast
      ? outlook.atLeastDays({ days: required.days, count: required.value, what, share: one(required.share ?? 0), ...(lastYear ? { lastYear } : {}) })
      : outlook.atMostDays({ days: required.days, count: required.value, what, ...(lastYear ? { lastYear } : {}) });
  }
  const unit = unitIn(result.unit, messages);
  if (required.bound && required.boundAssumes !== undefined) {
    const extreme = outlook.extremeMean({ months, value: `${one(required.boundAssumes)} ${unit}` });
    return outlook[required.bound === "impossible" ? "impossible" : "secured"]({ extreme, year });
  }
  const parts = { months, operator: operatorSign[required.operator] ?? required.operator, value: one(required.value), unit, ...(lastYear ? { lastYear } : {}) };
  return required.kind === "sum" ? outlook.sum(parts) : outlook.mean(parts);
}

/** "达标概率 18%", or that there is too little history for one; "" when the result carries no probability. */
export function chanceText(result: TargetResult, messages: Messages = english): string {
  const probability = result.probability;
  if (!probability) return "";
  return probability.value === undefined ? messages.outlook.tooLittleHistory(minimumHistoryYears) : messages.outlook.chance(probabilityText(probability.value));
}

export function rejectedIssues(report: Report): Issue[] {
  return report.issues.filter((issue) => issue.severity === "error");
}

export function warningIssues(report: Report): Issue[] {
  return report.issues.filter((issue) => issue.severity === "warning");
}

/** The words of one report in one language: statuses, names from the plan, values, gaps, reasons. */
export interface Wording extends Naming {
  language: Language;
  messages: Messages;
  status(status: Status): string;
  /** The status, and 对照 for a comparison result, which is context and not a verdict. */
  verdict(result: TargetResult): string;
  task(id: string): string;
  /** The lead departments of a task, or "" when the plan names none. */
  lead(task: string): string;
  value(result: TargetResult): string;
  target(result: TargetResult): string;
  /** The change still needed; with the deadline in it unless a column beside it shows the deadline. */
  gap(result: TargetResult, withDeadline?: boolean): string;
  /** The deadline and the days left to it, or "" for a standing requirement. */
  deadline(result: TargetResult): string;
  reason(result: TargetResult): string;
  /** Days from the as-of date to the deadline, or "" for a standing requirement. */
  daysLeft(result: TargetResult): string;
  /** What the rest of the deadline year must deliver, or "". */
  required(result: TargetResult): string;
  /** The probability of meeting the target, or that there is too little history for one, or "". */
  chance(result: TargetResult): string;
  summary(): string;
}

/** Areas and indicators by the names the plan gives them in a language; codes and ids when unknown. */
export interface Naming {
  area(code: string): string;
  indicator(id: string): string;
}

export function namingFor(names: Pick<Report, "areas" | "indicators">, language: Language): Naming {
  const areas = new Map(names.areas.map((area) => [area.code, area]));
  const indicators = new Map(names.indicators.map((indicator) => [indicator.id, indicator]));
  return {
    area: (code) => {
      const area = areas.get(code);
      return area ? (language === "en" && area.en ? area.en : area.name) : code;
    },
    indicator: (id) => indicators.get(id)?.name[language] ?? id,
  };
}

export function wordingFor(report: Report, language: Language): Wording {
  const messages = messagesFor(language);
  const naming = namingFor(report, language);
  const tasks = new Map(report.tasks.map((task) => [task.id, task]));
  const status = (value: Status) => messages.status[value];
  return {
    language,
    messages,
    status,
    verdict: (result) => `${status(result.status)}${result.role === "comparison" ? ` (${messages.comparison})` : ""}`,
    area: naming.area,
    indicator: naming.indicator,
    task: (id) => tasks.get(id)?.title ?? id,
    lead: (id) => (tasks.get(id)?.lead ?? []).join(language === "zh" ? "、" : ", "),
    value: (result) => valueWithUnit(result.projected ?? result.actual, result.unit, messages),
    target: (result) => targetText(result, messages),
    gap: (result, withDeadline = true) => gapText(result, messages, withDeadline),
    deadline: (result) => (result.deadline ? `${result.deadline} ${messages.daysLeft(daysBetween(report.asOf, result.deadline))}` : ""),
    reason: (result) => (language === "en" ? result.reason : chineseReason(result, messages)),
    daysLeft: (result) => (result.deadline ? messages.daysLeft(daysBetween(report.asOf, result.deadline)) : ""),
    required: (result) => requirementText(result, messages),
    chance: (result) => chanceText(result, messages),
    summary: () => {
      const counts = worstFirst.map((each) => messages.count({ status: status(each), count: report.summary[each] })).join(messages.list);
      const binding = bindingResults(report.results).length;
      const comparisons = report.results.length - binding;
      return `${messages.summary({ results: binding, asOf: report.asOf, counts })}${comparisons > 0 ? messages.comparisonsNotCounted(comparisons) : ""}`;
    },
  };
}

/**
 * The engine writes its reasons in English prose; in Chinese the reason is rebuilt from the same
 * numbers (method, period, value, projection, threshold), and the English sentence stays in JSON.
 */
function chineseReason(result: TargetResult, messages: Messages): string {
  const value = (number: number | undefined) => valueWithUnit(number, result.unit, messages);
  const baseline = result.baseline ? `（基准 ${result.baseline.period} 年为 ${value(result.baseline.value)}）` : "";
  const earlier = result.earlierMisses?.length ? `；此前未达标：${result.earlierMisses.join("、")}` : "";
  const target = `目标 ${targetText(result, messages)}`;
  if (result.method === "milestone") {
    if (result.status === "no-data") return "没有进度报送";
    if (result.actual !== undefined && result.actual >= 1) {
      return result.status === "fail" ? `${result.period} 完成，晚于期限 ${result.deadline}` : `已于 ${result.period} 完成`;
    }
    if (result.status === "fail") return `期限 ${result.deadline} 前未完成（最近报送 ${result.period}）`;
    return `尚未完成（最近报送 ${result.period}）${result.deadline ? `，期限 ${result.deadline}` : ""}`;
  }
  if (result.actual === undefined) return result.method === "none" ? `无法判定：${result.reason}` : "没有可用于判定的数据";
  if (result.status === "no-data") return `仅有 ${result.period ?? ""} 的数据，需全年值判定；${target}`;
  const projected = result.projected !== undefined ? `，预测值 ${value(result.projected)}` : "";
  return `${messages.method[result.method]}：${result.period ?? ""} 值 ${value(result.actual)}${projected}；${target}${baseline}${earlier}`;
}

export { formatIssue };
