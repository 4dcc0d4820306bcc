import type { Report, Status, TargetResult } from "../engine/types.js";
import { daysBetween } from "../vocabulary/period.js";

/**
 * The numbers behind the brief's charts, computed once for Mermaid (markdown) and SVG (HTML): each
 * main-goal indicator of the city month by month against the straight path to its target, and
 * the areas' values against the city's target.
 */

export interface Trajectory {
  indicator: string;
  /** The city's area code. */
  area: string;
  unit: string;
  /** 2024-01 ... in order. */
  months: string[];
  values: number[];
  /** The straight path's value at each month's end: from the last full year before the months to the target at its deadline. */
  path: number[];
  target: number;
  deadline: string;
  operator: string;
  /** Where the path starts: a year (2023) or the first month. */
  pathFrom: string;
  /** The year-to-date value at the latest month, where the required path and the band start. */
  yearToDate?: { period: string; value: number };
  /** What the rest of the deadline year must deliver: the year-to-date value at each remaining month end (the goal's required.path). */
  required?: { period: string; value: number }[];
  /** The projection's range: 10th and 90th percentiles of the year-to-date value at each remaining month end (the goal's probability.band). */
  band?: { period: string; low: number; high: number }[];
}

export interface AreaBars {
  indicator: string;
  unit: string;
  target: number;
  operator: string;
  bars: { area: string; value: number; status: Status }[];
}

function cityGoal(report: Report, indicator: string, area: string): TargetResult | undefined {
  return report.results.find((result) => result.task === "goals" && result.indicator === indicator && result.area === area && result.deadline !== undefined);
}

export function trajectories(report: Report): Trajectory[] {
  return report.series.flatMap((series) => {
    const goal = cityGoal(report, series.indicator, series.area);
    const months = series.points.filter((point) => point.kind === "month");
    if (!goal?.deadline || months.length < 2) return [];
    const firstYear = Number(months[0]!.period.slice(0, 4));
    const year = series.points.filter((point) => point.kind === "year" && Number(point.period) < firstYear).at(-1);
    const start = year ? { date: year.end, value: year.value, label: year.period } : { date: months[0]!.end, value: months[0]!.value, label: months[0]!.period };
    const span = daysBetween(start.date, goal.deadline);
    const path = months.map((month) => {
      const share = span > 0 ? daysBetween(start.date, month.end) / span : 1;
      return Number((start.value + (goal.expected - start.value) * share).toFixed(2));
    });
    const required = goal.required?.path ?? [];
    const band = goal.probability?.band ?? [];
    const outlook = (required.length > 0 || band.length > 0) && goal.actual !== undefined ? { yearToDate: { period: months.at(-1)!.period, value: goal.actual }, ...(required.length > 0 ? { required } : {}), ...(band.length > 0 ? { band } : {}) } : {};
    return [{ indicator: series.indicator, area: series.area, unit: goal.unit, months: months.map((month) => month.period), values: months.map((month) => month.value), path, target: goal.expected, deadline: goal.deadline, operator: goal.operator, pathFrom: start.label, ...outlook }];
  });
}

/** For each trajectory's indicator, every other area's judged (or projected) value against the city target. */
export function areaBars(report: Report): AreaBars[] {
  return trajectories(report).flatMap((trajectory) => {
    const bars = report.results
      .filter((result) => result.task === "goals" && result.indicator === trajectory.indicator && result.area !== trajectory.area)
      .flatMap((result) => {
        const value = result.projected ?? result.actual;
        return value === undefined ? [] : [{ area: result.area, value, status: result.status }];
      });
    return bars.length > 0 ? [{ indicator: trajectory.indicator, unit: trajectory.unit, target: trajectory.target, operator: trajectory.operator, bars }] : [];
  });
}

/** An axis range with some room: from below the smallest to above the largest value, on round numbers. */
export function axisRange(values: readonly number[]): { min: number; max: number } {
  const low = Math.min(...values);
  const high = Math.max(...values);
  const room = Math.max((high - low) * 0.1, Math.abs(high) * 0.05, 1);
  const step = 10 ** Math.floor(Math.log10(room));
  return { min: Math.max(0, Math.floor((low - room) / step) * step), max: Math.ceil((high + room) / step) * step };
}
