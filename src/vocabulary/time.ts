/**
 * Calendar days and China Standard Time, computed without the machine's time zone or locale.
 *
 * The plan's days are natural days in China Standard Time (UTC+8, no daylight saving): a
 * reading stamped with another offset belongs to the CST day its instant falls in. Only the
 * UTC-based Date functions are used here (Date.UTC, toISOString), never local-time ones, so the
 * answer is the same under any TZ.
 */

export const dayMs = 86_400_000;
const minutesPerDay = 1440;

/** China Standard Time is UTC+08:00 all year. */
export const chinaOffsetMinutes = 480;

/** Days since 1970-01-01 of a calendar date (month 1-12); no check that the date exists. */
export function dayNumber(year: number, month: number, date: number): number {
  return Date.UTC(year, month - 1, date) / dayMs;
}

/** YYYY-MM-DD of a day number. */
export function isoOfDay(day: number): string {
  return new Date(day * dayMs).toISOString().slice(0, 10);
}

/**
 * Minutes east of UTC of an offset as ISO 8601 writes it: "Z", "+08:00", "+0800", "+08", "-05:30".
 * Undefined for anything else, or for an offset no time zone has (beyond ±14:00, minutes ≥ 60).
 */
export function parseUtcOffset(text: string): number | undefined {
  if (text === "Z" || text === "z") return 0;
  const match = /^([+-])(\d{2})(?::?(\d{2}))?$/.exec(text);
  if (!match) return undefined;
  const hours = Number(match[2]);
  const minutes = Number(match[3] ?? "0");
  if (minutes >= 60 || hours * 60 + minutes > 14 * 60) return undefined;
  return (match[1] === "-" ? -1 : 1) * (hours * 60 + minutes);
}

/** A day number and the minutes since that day's midnight. */
export interface DayMinute {
  day: number;
  minute: number;
}

/**
 * The CST day and minute of a wall-clock time written with a UTC offset: 2025-06-30 20:00Z is
 * 2025-07-01 04:00 CST. With the CST offset (480) the time is returned unchanged.
 */
export function toChinaTime(day: number, minute: number, offsetMinutes: number): DayMinute {
  const total = day * minutesPerDay + minute - offsetMinutes + chinaOffsetMinutes;
  const chinaDay = Math.floor(total / minutesPerDay);
  return { day: chinaDay, minute: total - chinaDay * minutesPerDay };
}
