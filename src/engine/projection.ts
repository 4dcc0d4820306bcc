import { daysBetween } from "../vocabulary/period.js";
import type { Direction } from "../plan/schema.js";

/** A point of a series: a date (ISO) and a value. */
export interface Point {
  date: string;
  value: number;
}

/**
 * Same-period method (Chinese monitoring bulletins' 同比): apply this year's change against the same
 * months of last year to last year's full value.
 * projected = previous_year_value * (ytd_this_year / ytd_same_months_last_year)
 */
export function projectSamePeriod(previousYear: number, ytd: number, ytdLastYear: number): number | undefined {
  if (ytdLastYear === 0) return undefined;
  return previousYear * (ytd / ytdLastYear);
}

/**
 * Linear path (EEA distance-to-target): the expected value at t is
 * L(t) = y0 + (yT - y0) * (t - t0) / (T - t0). On track when d * (yt - L(t)) >= -tol * |yT - y0|.
 */
export function linearPath(
  start: Point,
  latest: Point,
  target: Point,
  direction: Direction,
  tolerance: number,
): { expectedNow: number; onTrack: boolean } | undefined {
  const span = daysBetween(start.date, target.date);
  if (span <= 0 || daysBetween(start.date, latest.date) < 0) return undefined;
  const elapsed = Math.min(daysBetween(start.date, latest.date), span);
  const expectedNow = start.value + ((target.value - start.value) * elapsed) / span;
  const d = direction === "higher-is-better" ? 1 : -1;
  const onTrack = d * (latest.value - expectedNow) >= -tolerance * Math.abs(target.value - start.value);
  return { expectedNow, onTrack };
}

/** Least-squares line through at least three points, evaluated at a date. */
export function projectTrend(points: readonly Point[], at: string): number | undefined {
  if (points.length < 3) return undefined;
  const origin = points[0]!.date;
  const xs = points.map((point) => daysBetween(origin, point.date));
  const ys = points.map((point) => point.value);
  const n = points.length;
  const meanX = xs.reduce((a, b) => a + b, 0) / n;
  const meanY = ys.reduce((a, b) => a + b, 0) / n;
  let covariance = 0;
  let variance = 0;
  for (let index = 0; index < n; index += 1) {
    covariance += (xs[index]! - meanX) * (ys[index]! - meanY);
    variance += (xs[index]! - meanX) ** 2;
  }
  if (variance === 0) return undefined;
  const slope = covariance / variance;
  return meanY + slope * (daysBetween(origin, at) - meanX);
}
