import type { DataSet, Observation } from "../kinds/observation.js";
import type { PlanLookup } from "../plan/lookup.js";
import type { Indicator } from "../plan/schema.js";
import { daysInMonth, isoDate } from "../vocabulary/period.js";

/*
 * Which periods of a series are there and which are not. A monthly drop that lacks a month, or a
 * district whose latest month is older than the as-of date, must be visible beside the verdict:
 * the methods judge what they are given, and a year-to-date mean over 7 of 10 months looks the
 * same as one over 10.
 */

/** The as-of date the data implies: the end of its latest period. */
export function defaultAsOf(observations: readonly Observation[], fallback: string): string {
  let latest = "";
  for (const observation of observations) if (observation.period.end > latest) latest = observation.period.end;
  return latest || fallback;
}

/** YYYY-MM of a year and month (1-12). */
export function monthLabel(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, "0")}`;
}

/** The last month that has ended by the date: 2025-10 for 2025-10-31, 2025-09 for 2025-10-15. */
export function lastCompleteMonth(date: string): { year: number; month: number } {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  if (Number(date.slice(8, 10)) === daysInMonth(year, month)) return { year, month };
  return month === 1 ? { year: year - 1, month: 12 } : { year, month: month - 1 };
}

/** Months from one month to another, both included, as YYYY-MM. */
export function monthsBetween(from: { year: number; month: number }, to: { year: number; month: number }): string[] {
  const labels: string[] = [];
  for (let year = from.year, month = from.month; year < to.year || (year === to.year && month <= to.month); month === 12 ? ((year += 1), (month = 1)) : (month += 1)) {
    labels.push(monthLabel(year, month));
  }
  return labels;
}

/** Months (YYYY-MM) an observation covers: one for a month, three for a quarter, twelve for a year. */
function coveredMonths(observation: Observation): string[] {
  const { start, end } = observation.period;
  if (observation.period.kind === "day") return [start.slice(0, 7)];
  return monthsBetween({ year: Number(start.slice(0, 4)), month: Number(start.slice(5, 7)) }, { year: Number(end.slice(0, 4)), month: Number(end.slice(5, 7)) });
}

/** The end date of the period of the same kind that follows this one. */
function nextPeriodEnd(observation: Observation): string {
  const { kind, end } = observation.period;
  const year = Number(end.slice(0, 4));
  const month = Number(end.slice(5, 7));
  const day = Number(end.slice(8, 10));
  switch (kind) {
    case "year":
      return `${year + 1}-12-31`;
    case "quarter": {
      const [nextYear, lastMonth] = month === 12 ? [year + 1, 3] : [year, month + 3];
      return isoDate(nextYear, lastMonth, daysInMonth(nextYear, lastMonth));
    }
    case "month": {
      const [nextYear, nextMonth] = month === 12 ? [year + 1, 1] : [year, month + 1];
      return isoDate(nextYear, nextMonth, daysInMonth(nextYear, nextMonth));
    }
    case "day":
      return day < daysInMonth(year, month) ? isoDate(year, month, day + 1) : month === 12 ? `${year + 1}-01-01` : isoDate(year, month + 1, 1);
  }
}

export interface SeriesCompleteness {
  /** Months (YYYY-MM) a monthly series lacks, from January of its first monthly year to the last month ended by the as-of date. */
  missing: string[];
  /** The latest period in the series. */
  latest?: string;
  /** A whole period of the series' own kind ended after its latest value and by staleAfter (the as-of date, or the freshest data of the indicator). */
  stale: boolean;
}

/**
 * The gaps of one indicator's series for one area (observations up to the as-of date). Months are
 * expected in every year the series gives months or quarters for, unless that year has an annual
 * value (the annual figure then decides, whatever months are missing). Only indicators judged on
 * aggregated periods (annual, monthly) count gaps; a cumulative quantity is judged on its latest
 * value and a milestone on a single report.
 */
export function seriesCompleteness(observations: readonly Observation[], indicator: Indicator, asOf: string, staleAfter: string = asOf): SeriesCompleteness {
  const latest = observations.reduce<Observation | undefined>((a, b) => (!a || b.period.end > a.period.end ? b : a), undefined);
  const stale = latest !== undefined && indicator.period !== "milestone" && nextPeriodEnd(latest) <= staleAfter;
  const result = { stale, ...(latest ? { latest: latest.period.label } : {}) };
  // A year-to-date (1-N月) figure, aggregated by its last value, needs no earlier month: only staleness counts.
  if ((indicator.period !== "annual" && indicator.period !== "monthly") || indicator.aggregation === "last") return { ...result, missing: [] };
  const annualYears = new Set(observations.filter((observation) => observation.period.kind === "year").map((observation) => observation.period.year));
  const present = new Set<string>();
  let firstYear: number | undefined;
  for (const observation of observations) {
    if (observation.period.kind !== "month" && observation.period.kind !== "quarter") continue;
    if (annualYears.has(observation.period.year)) continue;
    firstYear = Math.min(firstYear ?? observation.period.year, observation.period.year);
    for (const month of coveredMonths(observation)) present.add(month);
  }
  if (firstYear === undefined) return { ...result, missing: [] };
  const missing = monthsBetween({ year: firstYear, month: 1 }, lastCompleteMonth(asOf)).filter((month) => !present.has(month) && !annualYears.has(Number(month.slice(0, 4))));
  return { ...result, missing };
}

/** Periods as a reader scans them: 2025-04, 2025-07, 2025-08; long runs shortened to their ends. */
export function listPeriods(labels: readonly string[]): string {
  return labels.length <= 8 ? labels.join(", ") : `${labels.slice(0, 6).join(", ")} ... ${labels.at(-1)} (${labels.length})`;
}

/** One area's reporting of one indicator, period by period. */
export interface CompletenessRow {
  area: string;
  areaName: string;
  indicator: string;
  indicatorName: string;
  /** Each expected period and whether a value covers it. */
  periods: { period: string; present: boolean }[];
  /** The latest period reported at all (also outside the grid). */
  latest?: string;
}

export interface Completeness {
  asOf: string;
  /** The first month of the grid (YYYY-MM). */
  from: string;
  rows: CompletenessRow[];
  /** Indicators the plan judges that no file gives for any area (ids); listed as rows only with allIndicators. */
  notSent: string[];
}

export interface CompletenessOptions {
  asOf?: string;
  /** First month of the grid, YYYY-MM; default January of the as-of year. */
  from?: string;
  /** Only these area codes. */
  areas?: readonly string[];
  /** Also list indicators no area sent at all (by default they are only named). */
  allIndicators?: boolean;
}

/**
 * Who still owes what: for every area and indicator the plan judges (milestones aside, which are
 * reported once), the periods expected up to the as-of date and whether each is there. A monthly
 * indicator, or an annual statistic that anyone reports by month, is expected by month from
 * `from`. An annual statistic reported by year is expected for every year from the one before
 * `from` to the last year ended by the as-of date; a cumulative level (a share, a capacity) once
 * in each of those years and in the as-of year.
 */
export function completeness(lookup: PlanLookup, data: DataSet, options: CompletenessOptions = {}): Completeness {
  const asOf = options.asOf ?? defaultAsOf(data.observations, lookup.plan.period.end);
  const from = options.from ?? `${asOf.slice(0, 4)}-01`;
  const fromMonth = { year: Number(from.slice(0, 4)), month: Number(from.slice(5, 7)) };
  const byKey = new Map<string, Observation[]>();
  const monthly = new Set<string>();
  for (const observation of data.observations) {
    if (observation.period.end > asOf) continue;
    const key = `${observation.indicator}\u0000${observation.area}`;
    byKey.set(key, [...(byKey.get(key) ?? []), observation]);
    if (observation.period.kind === "month" || observation.period.kind === "quarter") monthly.add(observation.indicator);
  }
  const months = monthsBetween(fromMonth, lastCompleteMonth(asOf));
  const asOfYear = Number(asOf.slice(0, 4));
  const yearsTo = (last: number) => Array.from({ length: Math.max(0, last - (fromMonth.year - 1) + 1) }, (_, index) => String(fromMonth.year - 1 + index));
  // Annual figures are owed for every year that has ended; a cumulative level may be sent any time in a year.
  const endedYears = yearsTo(asOf.endsWith("-12-31") ? asOfYear : asOfYear - 1);
  const anyYears = yearsTo(asOfYear);
  const areaFilter = options.areas?.length ? new Set(options.areas) : undefined;

  const sent = new Set(data.observations.map((observation) => observation.indicator));
  const notSent = new Set<string>();
  const rows: CompletenessRow[] = [];
  const seen = new Set<string>();
  for (const planned of lookup.targets) {
    const indicator = planned.indicator;
    if (indicator.period === "milestone") continue;
    if (!sent.has(indicator.id)) {
      notSent.add(indicator.id);
      if (!options.allIndicators) continue;
    }
    // Districts shown for comparison against a city-wide target still send their monitoring data.
    for (const area of [...planned.areas, ...planned.comparisonAreas]) {
      const key = `${indicator.id}\u0000${area.code}`;
      if (seen.has(key) || (areaFilter && !areaFilter.has(area.code))) continue;
      seen.add(key);
      const observations = byKey.get(key) ?? [];
      const aggregated = indicator.period === "annual" || indicator.period === "monthly";
      // An area that sends annual figures only owes years; one that sends months (or nothing, where others send months) owes months.
      const sendsMonths = observations.some((observation) => observation.period.kind === "month" || observation.period.kind === "quarter");
      const byMonth = indicator.period === "monthly" || (aggregated && (sendsMonths || (observations.length === 0 && monthly.has(indicator.id))));
      const expected = byMonth ? months : aggregated ? endedYears : anyYears;
      const covered = new Set(observations.flatMap((observation) => (byMonth ? coveredMonths(observation) : [String(observation.period.year)])));
      const latest = observations.reduce<Observation | undefined>((a, b) => (!a || b.period.end > a.period.end ? b : a), undefined);
      rows.push({
        area: area.code,
        areaName: area.name,
        indicator: indicator.id,
        indicatorName: indicator.name.zh,
        periods: expected.map((period) => ({ period, present: covered.has(period) })),
        ...(latest ? { latest: latest.period.label } : {}),
      });
    }
  }
  const areaOrder = new Map(lookup.plan.areas.map((area, index) => [area.code, index]));
  rows.sort((a, b) => (areaOrder.get(a.area) ?? 0) - (areaOrder.get(b.area) ?? 0));
  return { asOf, from, rows, notSent: [...notSent] };
}
