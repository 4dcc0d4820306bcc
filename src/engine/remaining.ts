import type { Observation } from "../kinds/observation.js";
import type { Indicator, Operator } from "../plan/schema.js";
import { daysInMonth } from "../vocabulary/period.js";
import { meets } from "./compare.js";
import { combineParts, type YearValue } from "./series.js";
import type { Requirement } from "./types.js";

/**
 * Indicators that are shares of days (HJ 633 good days, heavily polluted days): the rest of the
 * year must deliver a whole number of days, not a mean. The air kind names them the same way.
 */
export const dayShareIndicators: ReadonlySet<string> = new Set(["good-day-ratio", "heavy-pollution-ratio"]);

/**
 * The months after the latest one reported. A month missing earlier in the year (no valid April)
 * is not still to come: the year's value will be the mean of the months there are.
 */
export function remainingMonths(ytd: YearValue): number[] {
  const latest = Math.max(...ytd.months);
  return Array.from({ length: 12 - latest }, (_, index) => latest + 1 + index);
}

/** Days of some months of a year. */
export function daysOfMonths(year: number, months: readonly number[]): number {
  return months.reduce((total, month) => total + daysInMonth(year, month), 0);
}

/** 2025-10/2025-12 for a run of months, else the months one by one. */
export function monthsLabel(year: number, months: readonly number[]): string {
  const label = (month: number) => `${year}-${String(month).padStart(2, "0")}`;
  if (months.length === 0) return "";
  const first = months[0]!;
  const last = months.at(-1)!;
  if (last - first + 1 === months.length) return first === last ? label(first) : `${label(first)}/${label(last)}`;
  return months.map(label).join(",");
}

export interface RequirementInput {
  indicator: Indicator;
  operator: Operator;
  threshold: number;
  /** The deadline year's year-to-date value. */
  ytd: YearValue;
  /** The indicator's observations for the area (any years). */
  observations: readonly Observation[];
}

/**
 * What the rest of the deadline year must deliver for the year's value to meet the target,
 * computed as the year's value is: months weighted by their days for a mean, added for a sum,
 * whole days for a share of days. Undefined where the year is complete or the aggregation
 * (last, max) leaves the rest of the year no part to play beyond the target itself.
 */
export function requirement(input: RequirementInput): Requirement | undefined {
  const { indicator, operator, threshold, ytd } = input;
  const months = remainingMonths(ytd);
  if (months.length === 0 || operator === "==") return undefined;
  const year = ytd.year;
  const doneDays = daysOfMonths(year, ytd.months);
  const days = daysOfMonths(year, months);
  const totalDays = doneDays + days;
  const lower = operator === "<=" || operator === "<";
  const lastYear = lastYearSamePeriod(input, months);
  const shared = { period: monthsLabel(year, months), days, operator, ...(lastYear !== undefined ? { lastYearSamePeriod: lastYear } : {}) };

  if (indicator.aggregation === "mean" && dayShareIndicators.has(indicator.id)) {
    const common = { ...shared, kind: "days" as const };
    // Day-weighted, as the year's value is: sum of (share x days) over the months, in day-percent.
    const soFar = ytd.value * doneDays;
    const yearValue = (count: number) => (soFar + 100 * count) / totalDays;
    const ok = (count: number) => meets(yearValue(count), operator, threshold);
    const path = (count: number) => monthlyPath(year, months, doneDays, soFar, (100 * count) / days);
    if (lower) {
      if (!ok(0)) return { ...common, value: 0, unit: "days", share: 0, bound: "impossible", boundValue: yearValue(0), path: [] };
      if (ok(days)) return { ...common, value: days, unit: "days", share: 100, bound: "secured", boundValue: yearValue(days), path: path(days) };
      const most = searchLast(0, days, ok);
      return { ...common, value: most, unit: "days", share: (100 * most) / days, path: path(most) };
    }
    if (!ok(days)) return { ...common, value: days, unit: "days", share: 100, bound: "impossible", boundValue: yearValue(days), path: [] };
    if (ok(0)) return { ...common, value: 0, unit: "days", share: 0, bound: "secured", boundValue: yearValue(0), path: path(0) };
    const least = searchFirst(0, days, ok);
    return { ...common, value: least, unit: "days", share: (100 * least) / days, path: path(least) };
  }

  if (indicator.aggregation === "mean") {
    const common = { ...shared, kind: "mean" as const };
    const soFar = ytd.value * doneDays;
    const needed = (threshold * totalDays - soFar) / days;
    const [floor, ceiling] = indicator.plausible ?? [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY];
    const best = lower ? floor : ceiling;
    const worst = lower ? ceiling : floor;
    const beyond = (value: number, limit: number) => (lower ? value < limit : value > limit);
    const bound = beyond(needed, best) ? ("impossible" as const) : !beyond(needed, worst) || needed === worst ? ("secured" as const) : undefined;
    const boundValue = bound === "impossible" ? (soFar + best * days) / totalDays : bound === "secured" ? (soFar + worst * days) / totalDays : undefined;
    return {
      ...common,
      value: needed,
      unit: indicator.unit,
      ...(bound ? { bound, boundValue: boundValue!, boundAssumes: bound === "impossible" ? best : worst } : {}),
      path: bound === "impossible" ? [] : monthlyPath(year, months, doneDays, soFar, needed),
    };
  }

  if (indicator.aggregation === "sum") {
    const common = { ...shared, kind: "sum" as const };
    const needed = threshold - ytd.value;
    // A sum of non-negative parts can only grow: a cap already exceeded is lost, a floor reached is kept.
    const nonNegative = (indicator.plausible?.[0] ?? Number.NEGATIVE_INFINITY) >= 0;
    const bound = nonNegative && lower && needed < 0 ? ("impossible" as const) : nonNegative && !lower && needed <= 0 ? ("secured" as const) : undefined;
    let running = ytd.value;
    const path = bound === "impossible" ? [] : months.map((month) => ({ period: monthsLabel(year, [month]), value: tidy((running += (needed * daysInMonth(year, month)) / days)) }));
    return { ...common, value: needed, unit: indicator.unit, ...(bound ? { bound, boundValue: ytd.value, boundAssumes: 0 } : {}), path };
  }
  return undefined;
}

/** Twelve significant digits: 40, not 40.00000000000001, in the data a report carries. */
export function tidy(value: number): number {
  return Number(value.toPrecision(12));
}

/** The year-to-date value at each month end if every remaining month delivers the required mean. */
function monthlyPath(year: number, months: readonly number[], doneDays: number, soFar: number, mean: number): { period: string; value: number }[] {
  let days = doneDays;
  let sum = soFar;
  return months.map((month) => {
    const length = daysInMonth(year, month);
    days += length;
    sum += mean * length;
    return { period: monthsLabel(year, [month]), value: tidy(sum / days) };
  });
}

/** Smallest n in [low, high] with test(n), test monotone rising; high when only it passes. */
function searchFirst(low: number, high: number, test: (n: number) => boolean): number {
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (test(middle)) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** Largest n in [low, high] with test(n), test monotone falling. */
function searchLast(low: number, high: number, test: (n: number) => boolean): number {
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (test(middle)) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** The same months of the year before, combined as the year's value is; only when all are there. */
function lastYearSamePeriod(input: RequirementInput, months: readonly number[]): number | undefined {
  const previous = input.observations.filter((observation) => observation.period.year === input.ytd.year - 1 && (observation.period.kind === "month" || observation.period.kind === "quarter"));
  const combined = combineParts(previous, input.indicator, new Set(months));
  return combined && combined.months.length === months.length ? combined.value : undefined;
}
