/**
 * Statistics behind the air targets: data validity (GB 3095 Table 4, the same in 2012 and 2026),
 * HJ 663 percentiles, and the day shares used in official bulletins.
 */
import { calendarDay } from "./calendar.js";

// GB 3095-2012 / GB 3095-2026 Table 4 (data-validity minimums).
export const airValidityMinimums = {
  hoursPerDailyMean: 20,
  hoursPerO3EightHourWindow: 6,
  daysPerAnnualMean: 324,
  daysPerMonth: 27,
  daysInFebruary: 25,
} as const;

function isValue(value: number | undefined | null): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function checkOneDay(hourly: readonly (number | undefined)[]): void {
  if (hourly.length > 24) throw new RangeError(`a day has at most 24 hourly values, got ${hourly.length}`);
}

/**
 * The 24-hour mean of one day's hourly values, or undefined when fewer than 20 hours are valid.
 * Missing hours may be undefined, null or NaN.
 */
export function dailyMeanFromHours(hourly: readonly (number | undefined)[]): number | undefined {
  checkOneDay(hourly);
  const valid = hourly.filter(isValue);
  return valid.length >= airValidityMinimums.hoursPerDailyMean ? mean(valid) : undefined;
}

/**
 * The 17 O3 8-hour moving means of one day, for the windows ending at hours 8, 9, …, 24, each
 * undefined when fewer than 6 of its 8 hours are valid. hourly[i] is the mean of hour i:00-(i+1):00.
 *
 * Windows start at the day's first hour and never reach into the previous day. This follows the
 * HJ 663-2013 "08:00-24:00" rule as remembered by our fact sheet and one public script, but it is
 * UNVERIFIED: GB 3095-2026 only says "the maximum 8-hour moving mean within a natural day".
 */
export function o3EightHourMeans(hourly: readonly (number | undefined)[]): (number | undefined)[] {
  checkOneDay(hourly);
  const windows: (number | undefined)[] = [];
  for (let end = 8; end <= 24; end++) {
    const valid = hourly.slice(end - 8, end).filter(isValue);
    windows.push(valid.length >= airValidityMinimums.hoursPerO3EightHourWindow ? mean(valid) : undefined);
  }
  return windows;
}

/**
 * The daily maximum 8-hour mean of O3 over the valid windows of o3EightHourMeans, or undefined when
 * no window is valid. The further "≥ 14 valid windows, unless the maximum already exceeds the
 * limit" rule is UNVERIFIED and not applied; count the windows of o3EightHourMeans to apply it.
 */
export function o3Max8h(hourly: readonly (number | undefined)[]): number | undefined {
  const valid = o3EightHourMeans(hourly).filter(isValue);
  return valid.length > 0 ? Math.max(...valid) : undefined;
}

export interface MonthShortfall {
  /** 1-12 */
  month: number;
  days: number;
  required: number;
}

export interface AnnualMeanValidity {
  valid: boolean;
  validDays: number;
  requiredDays: number;
  monthsShort: MonthShortfall[];
}

/**
 * Whether a year of valid daily means is enough for an annual mean: ≥ 324 days and ≥ 27 in every
 * month (25 in February). The dates are the days that have a valid daily mean, all in one year;
 * a date listed twice counts once.
 */
export function annualMeanValidity(validDailyDates: readonly string[]): AnnualMeanValidity {
  const days = new Set(validDailyDates.map(calendarDay));
  const years = new Set([...days].map((day) => day.slice(0, 4)));
  if (years.size > 1) throw new RangeError(`annual validity needs dates of one year, got ${[...years].sort().join(", ")}`);
  const perMonth = Array.from({ length: 12 }, () => 0);
  for (const day of days) {
    const month = Number(day.slice(5, 7));
    perMonth[month - 1] = (perMonth[month - 1] ?? 0) + 1;
  }
  const monthsShort = perMonth.flatMap((count, index): MonthShortfall[] => {
    const required = index === 1 ? airValidityMinimums.daysInFebruary : airValidityMinimums.daysPerMonth;
    return count < required ? [{ month: index + 1, days: count, required }] : [];
  });
  const requiredDays = airValidityMinimums.daysPerAnnualMean;
  return { valid: days.size >= requiredDays && monthsShort.length === 0, validDays: days.size, requiredDays, monthsShort };
}

/**
 * The p-th percentile (0 ≤ p ≤ 100) by HJ 663 Appendix A: rank k = 1 + (n − 1)·p/100 in the sorted
 * values, linear interpolation between the neighbouring ranks (the same as R type 7 or Excel
 * PERCENTILE.INC). Non-finite values are dropped; undefined when none is left.
 */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (!Number.isFinite(p) || p < 0 || p > 100) throw new RangeError(`percentile p must be within 0-100, got ${p}`);
  const sorted = values.filter(isValue).sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return undefined;
  const rank = 1 + ((n - 1) * p) / 100;
  const whole = Math.floor(rank);
  const lower = sorted[whole - 1] ?? Number.NaN;
  const upper = sorted[whole];
  if (upper === undefined) return lower;
  const interpolated = lower + (upper - lower) * (rank - whole);
  // Clamped so that floating-point rounding can never step outside [lower, upper], which keeps the
  // result monotone in p across ranks.
  return Math.min(Math.max(interpolated, lower), upper);
}

export interface DayShare {
  /** Days that meet the condition */
  days: number;
  /** Days with a valid AQI */
  validDays: number;
  /** days / validDays as a fraction 0-1; undefined without valid days */
  ratio: number | undefined;
}

function dayShare(dailyAqis: readonly (number | undefined)[], counts: (aqi: number) => boolean): DayShare {
  // Days without a valid AQI leave both the count and the denominator, as bulletins do.
  const valid = dailyAqis.filter(isValue);
  const days = valid.filter(counts).length;
  return { days, validDays: valid.length, ratio: valid.length > 0 ? days / valid.length : undefined };
}

/** 优良天数比例: the share of valid days with AQI ≤ 100 (优 and 良, HJ 633 categories 1-2). */
export function goodDayRatio(dailyAqis: readonly (number | undefined)[]): DayShare {
  return dayShare(dailyAqis, (aqi) => aqi <= 100);
}

/** 重污染天数比例 (重度及以上): the share of valid days with AQI > 200 (HJ 633 categories 5-6). */
export function heavyPollutionRatio(dailyAqis: readonly (number | undefined)[]): DayShare {
  return dayShare(dailyAqis, (aqi) => aqi > 200);
}
