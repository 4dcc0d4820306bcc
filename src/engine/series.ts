import type { Observation } from "../kinds/observation.js";
import { periodLength } from "../vocabulary/period.js";
import type { Indicator } from "../plan/schema.js";
import { compareText } from "../vocabulary/order.js";

/** The order judges expect observations in: by period end, then start (a month before the year it ends). */
export function byPeriodEnd(a: Observation, b: Observation): number {
  return compareText(a.period.end, b.period.end) || compareText(a.period.start, b.period.start);
}

/** One calendar year's value of an indicator: complete, or year-to-date from its months. */
export interface YearValue {
  year: number;
  value: number;
  /** Months covered (1-12); all twelve for a complete year. */
  months: number[];
  complete: boolean;
  /** The observation that decided it (the annual row, or the latest month). */
  origin: Observation;
}

/**
 * Year values from annual rows, or else from monthly and quarterly rows. An official annual figure
 * wins over one assembled from months: it is what the bulletins publish.
 */
export function yearValues(observations: readonly Observation[], indicator: Indicator): Map<number, YearValue> {
  const result = new Map<number, YearValue>();
  const parts = new Map<number, Observation[]>();
  for (const observation of observations) {
    if (observation.period.kind === "year") {
      result.set(observation.period.year, { year: observation.period.year, value: observation.value, months: allMonths, complete: true, origin: observation });
    } else if (observation.period.kind === "month" || observation.period.kind === "quarter") {
      const list = parts.get(observation.period.year) ?? [];
      list.push(observation);
      parts.set(observation.period.year, list);
    }
  }
  for (const [year, list] of parts) {
    if (result.has(year)) continue;
    const combined = combineParts(list, indicator);
    if (combined) result.set(year, { year, ...combined });
  }
  return result;
}

const allMonths = Array.from({ length: 12 }, (_, index) => index + 1);

/** Months of a month or quarter period. */
export function monthsOf(observation: Observation): number[] {
  const first = Number(observation.period.start.slice(5, 7));
  const last = Number(observation.period.end.slice(5, 7));
  return Array.from({ length: last - first + 1 }, (_, index) => first + index);
}

/** Combine monthly (or quarterly) values of one year; a month given twice (month and quarter) counts once. */
export function combineParts(list: readonly Observation[], indicator: Indicator, onlyMonths?: ReadonlySet<number>) {
  const byMonth = new Map<number, Observation>();
  const ordered = [...list].sort((a, b) => (a.period.kind === "month" ? -1 : 1) - (b.period.kind === "month" ? -1 : 1));
  const used: Observation[] = [];
  for (const observation of ordered) {
    const months = monthsOf(observation).filter((month) => !onlyMonths || onlyMonths.has(month));
    if (months.length === 0 || months.some((month) => byMonth.has(month))) continue;
    for (const month of months) byMonth.set(month, observation);
    used.push(observation);
  }
  if (used.length === 0) return undefined;
  const months = [...byMonth.keys()].sort((a, b) => a - b);
  const latest = used.reduce((a, b) => (a.period.end > b.period.end ? a : b));
  return { value: aggregate(used, indicator.aggregation), months, complete: months.length === 12, origin: latest };
}

function aggregate(list: readonly Observation[], how: Indicator["aggregation"]): number {
  switch (how) {
    case "sum":
      return list.reduce((total, observation) => total + observation.value, 0);
    case "max":
      return Math.max(...list.map((observation) => observation.value));
    case "last":
      return list.reduce((a, b) => (a.period.end > b.period.end ? a : b)).value;
    case "mean": {
      // Weighted by days: a mean of monthly means is the year's mean of daily values only so.
      let weighted = 0;
      let days = 0;
      for (const observation of list) {
        const length = periodLength(observation.period);
        weighted += observation.value * length;
        days += length;
      }
      return weighted / days;
    }
  }
}

/** Month range as a reader says it: Jan-Sep. */
export function monthSpan(months: readonly number[]): string {
  const names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  if (months.length === 0) return "";
  const first = months[0] ?? 1;
  const last = months[months.length - 1] ?? 12;
  const contiguous = last - first + 1 === months.length;
  if (contiguous) return first === last ? names[first - 1]! : `${names[first - 1]}-${names[last - 1]}`;
  return months.map((month) => names[month - 1]).join(",");
}
