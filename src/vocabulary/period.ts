import { memoise } from "./memoise.js";
import { dayNumber, isoOfDay, parseUtcOffset, toChinaTime } from "./time.js";

/** A calendar period an observation covers. Dates are ISO YYYY-MM-DD, both ends inclusive. */
export interface Period {
  kind: "year" | "quarter" | "month" | "day";
  year: number;
  start: string;
  end: string;
  /** Canonical spelling: 2025, 2025-Q2, 2025-06, 2025-06-30. */
  label: string;
}

export type PeriodParse = { ok: true; period: Period } | { ok: false; reason: string };

const chineseQuarter: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, "1": 1, "2": 2, "3": 3, "4": 4 };

/** A period label this code built itself (2025, 2025-06): it always parses. */
export function periodOfLabel(label: string): Period {
  const parsed = parsePeriod(label);
  if (!parsed.ok) throw new Error(`internal: bad period ${label}`);
  return parsed.period;
}

/** Excel's day 0 is 1899-12-30 (its 1900 leap-year bug folded in); serials in this range are 1982..2064. */
const excelEpochMs = Date.UTC(1899, 11, 30);
const excelSerialRange = [30000, 60000] as const;

export const periodHint = "write a period as 2025, 2025-Q2, 2025-06 or 2025-06-30";

const chineseDigits: Record<string, string> = { 〇: "0", 零: "0", 一: "1", 二: "2", 三: "3", 四: "4", 五: "5", 六: "6", 七: "7", 八: "8", 九: "9" };
const chineseMonths: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, 十一: 11, 十二: 12 };

/** 二〇二五年六月 as 2025年6月: years digit by digit, months as numbers. */
function arabicNumerals(text: string): string {
  return text
    .replace(/^([〇零一二三四五六七八九]{4})年/, (_, year: string) => `${[...year].map((char) => chineseDigits[char] ?? char).join("")}年`)
    .replace(/年(十[一二]?|[一二三四五六七八九])月/, (_, month: string) => `年${chineseMonths[month] ?? month}月`);
}

/**
 * Read a period in any of the spellings analysts use; say why when it cannot be read. Cached:
 * a file repeats a few dozen period spellings on every row. The result is shared, never mutated.
 */
export const parsePeriod: (raw: string) => PeriodParse = memoise(parsePeriodText);

/** A date followed by a time of day ("2025/6/30 0:00", "2025-06-30T20:00:00+00:00"), and its UTC offset if any. */
const timeOfDay = /^(.*\d)[\sT]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

function parsePeriodText(raw: string): PeriodParse {
  const normalised = raw.normalize("NFKC").trim();
  const timed = timeOfDay.exec(normalised);
  return timed ? parseTimedDate(raw, timed) : parseUntimed(raw, normalised);
}

/**
 * A date with a time of day. Without an offset the time is China time and says nothing about the
 * period (Excel shows a date cell as "2025/6/30 0:00"); with one ("Z", "+00:00") the instant is
 * moved to China Standard Time first, so 2025-06-30T20:00Z is the day 2025-07-01, as raw air
 * readings are. An impossible time (25:00, 99:99, 24:01) is no period.
 */
function parseTimedDate(raw: string, [, datePart, hourText, minuteText, secondText, zone]: RegExpExecArray): PeriodParse {
  const hour = Number(hourText);
  const minute = Number(minuteText);
  const second = Number(secondText ?? "0");
  if (hour > 24 || minute > 59 || second > 59 || (hour === 24 && minute + second > 0)) {
    return { ok: false, reason: `"${shorten(raw)}" has no real time of day (hours 0-24, minutes and seconds 0-59)` };
  }
  const date = parseUntimed(raw, datePart ?? "");
  if (!date.ok || zone === undefined) return date;
  const offset = parseUtcOffset(zone.toUpperCase());
  if (offset === undefined) return { ok: false, reason: `"${shorten(raw)}" has no real UTC offset` };
  if (date.period.kind !== "day") return { ok: false, reason: `"${shorten(raw)}" gives a time with a UTC offset but no full date` };
  const [year, month, day] = date.period.start.split("-").map(Number) as [number, number, number];
  const china = toChinaTime(dayNumber(year, month, day), hour * 60 + minute, offset);
  const [chinaYear, chinaMonth, chinaDay] = isoOfDay(china.day).split("-").map(Number) as [number, number, number];
  return dayPeriod(chinaYear, chinaMonth, chinaDay);
}

function shorten(raw: string): string {
  return raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
}

function parseUntimed(raw: string, normalised: string): PeriodParse {
  const text = arabicNumerals(normalised.replace(/\s+/g, ""));
  if (text === "") return { ok: false, reason: "empty period" };
  let match: RegExpMatchArray | null;

  if ((match = text.match(/^(\d{4})(?:年(?:度|全年)?)?$/))) return yearPeriod(Number(match[1]));
  if ((match = text.match(/^(\d{4})(?:年|[-/.])?Q([1-4])$/i)) || (match = text.match(/^(\d{4})年?第?([一二三四1-4])季度?$/)) || (match = text.match(/^Q([1-4])[-/.]?(\d{4})$/i))) {
    const [year, quarter] = /^Q/i.test(text) ? [match[2], match[1]] : [match[1], match[2]];
    return quarterPeriod(Number(year), chineseQuarter[quarter ?? ""] ?? 0);
  }
  if ((match = text.match(/^(\d{4})[-/.](\d{1,2})$/)) || (match = text.match(/^(\d{4})年(\d{1,2})月(?:份)?$/)) || (match = text.match(/^(\d{4})(\d{2})$/))) {
    return monthPeriod(Number(match[1]), Number(match[2]));
  }
  if (
    (match = text.match(/^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/)) ||
    (match = text.match(/^(\d{4})年(\d{1,2})月(\d{1,2})日?$/)) ||
    (match = text.match(/^(\d{4})(\d{2})(\d{2})$/))
  ) {
    return dayPeriod(Number(match[1]), Number(match[2]), Number(match[3]));
  }
  // An Excel date cell read as its serial number; a fraction is the time of day.
  if ((match = text.match(/^(\d{5})(?:\.\d+)?$/))) {
    const serial = Number(match[1]);
    if (serial >= excelSerialRange[0] && serial <= excelSerialRange[1]) {
      const date = new Date(excelEpochMs + serial * 86_400_000);
      return dayPeriod(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
    }
    return { ok: false, reason: `cannot read period "${raw}" (as an Excel date number it would fall outside 1982..2064)` };
  }
  return { ok: false, reason: `cannot read period "${shorten(raw)}"` };
}

function yearPeriod(year: number): PeriodParse {
  return { ok: true, period: { kind: "year", year, start: `${year}-01-01`, end: `${year}-12-31`, label: String(year) } };
}

function quarterPeriod(year: number, quarter: number): PeriodParse {
  const firstMonth = (quarter - 1) * 3 + 1;
  return {
    ok: true,
    period: {
      kind: "quarter",
      year,
      start: isoDate(year, firstMonth, 1),
      end: isoDate(year, firstMonth + 2, daysInMonth(year, firstMonth + 2)),
      label: `${year}-Q${quarter}`,
    },
  };
}

function monthPeriod(year: number, month: number): PeriodParse {
  if (month < 1 || month > 12) return { ok: false, reason: `month ${month} is not 1-12` };
  return {
    ok: true,
    period: {
      kind: "month",
      year,
      start: isoDate(year, month, 1),
      end: isoDate(year, month, daysInMonth(year, month)),
      label: `${year}-${pad(month)}`,
    },
  };
}

function dayPeriod(year: number, month: number, day: number): PeriodParse {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, reason: `${year}-${pad(month)}-${pad(day)} is not a real date` };
  }
  const date = isoDate(year, month, day);
  return { ok: true, period: { kind: "day", year, start: date, end: date, label: date } };
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isoDate(year: number, month: number, day: number): string {
  return `${year}-${pad(month)}-${pad(day)}`;
}

function pad(value: number): string {
  return String(value).padStart(2, "0");
}

/** Whole days from a to b (ISO dates); negative when b is earlier. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** Number of days a period covers. */
export function periodLength(period: Period): number {
  return daysBetween(period.start, period.end) + 1;
}

/** Month number (1-12) of an ISO date. */
export function monthOf(date: string): number {
  return Number(date.slice(5, 7));
}

/**
 * A period as data, for machine readers (the JSON report): the months it covers are listed, so a
 * year-to-date value with a missing month reads as such without parsing prose.
 */
export interface PeriodSpan {
  /** Canonical label: 2025, 2025-Q2, 2025-06, 2025-06-30; a year-to-date value has its year's label. */
  label: string;
  start: string;
  end: string;
  /** Every month the value covers, YYYY-MM, in order. */
  months: string[];
}

export function spanOf(period: Period): PeriodSpan {
  const first = monthOf(period.start);
  const last = (Number(period.end.slice(0, 4)) - Number(period.start.slice(0, 4))) * 12 + monthOf(period.end);
  const months = Array.from({ length: last - first + 1 }, (_, index) => {
    const month = first + index;
    return `${Number(period.start.slice(0, 4)) + Math.floor((month - 1) / 12)}-${pad(((month - 1) % 12) + 1)}`;
  });
  return { label: period.label, start: period.start, end: period.end, months };
}

/** A year's value assembled from some of its months (1-12, not necessarily contiguous). */
export function yearToDateSpan(year: number, months: readonly number[]): PeriodSpan {
  const sorted = [...months].sort((a, b) => a - b);
  const first = sorted[0] ?? 1;
  const last = sorted.at(-1) ?? 12;
  return { label: String(year), start: isoDate(year, first, 1), end: isoDate(year, last, daysInMonth(year, last)), months: sorted.map((month) => `${year}-${pad(month)}`) };
}
