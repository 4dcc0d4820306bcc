/**
 * How air readings are written: the column spellings, the pollutant a header names (and its
 * unit), the reading's time and hour, a concentration cell, and which column feeds which slot of
 * a station-day.
 */
import { issue } from "../../vocabulary/catalogue.js";
import { nameKey } from "../../vocabulary/names.js";
import { matchColumns, observationColumns } from "../../vocabulary/names.js";
import { daysInMonth } from "../../vocabulary/period.js";
import { dayNumber, parseUtcOffset, toChinaTime } from "../../vocabulary/time.js";
import type { Cell } from "../../read/records.js";
import { dailyAirPollutants, type DailyAirPollutant } from "../../standards/index.js";
import { concentrationCeilings, type CeilingPollutant } from "../../standards/air-ranges.js";
import { convert, findUnit } from "../../vocabulary/units.js";
import { parseValue } from "../../vocabulary/value.js";
import type { RowSink } from "../kind.js";

export type ReadingColumn = "time" | "hour" | "stationCode" | "station" | "area";

/** Header spellings of the non-pollutant columns, compared after nameKey (case, width, spaces). */
export const readingColumns: Record<ReadingColumn, readonly string[]> = {
  time: ["time", "date", "datetime", "date_time", "timepoint", "time_point", "时间", "日期", "监测时间", "日期时间", "时间点", "数据时间", "采样时间", "监测日期"],
  hour: ["hour", "小时", "时", "时段", "时刻"],
  stationCode: ["station_code", "stationcode", "站点编码", "站点代码", "监测点编码", "点位编码", "site_code", "sitecode"],
  station: ["station", "station_name", "stationname", "站点", "站点名称", "监测点", "监测点名称", "监测点位", "点位", "点位名称", "站名", "监测站", "site", "site_name", "positionname", "position_name"],
  area: [...observationColumns.area, "所属区县", "所在区县", "所属区域", "所在区域"],
};

export type ReadingPollutant = "pm25" | "pm10" | "so2" | "no2" | "co" | "o3" | "o3_8h" | "o3_1h_max";

/**
 * Pollutant header spellings after pollutantKey(): NFKC, lower case, no spaces, no unit or other
 * text in brackets, no "浓度", and no . _ - · / : so PM2.5, pm2_5, PM25 and "PM2.5(μg/m³)" are one.
 */
export const pollutantSpellings: Record<ReadingPollutant, readonly string[]> = {
  pm25: ["pm25", "细颗粒物"],
  pm10: ["pm10", "可吸入颗粒物"],
  so2: ["so2", "二氧化硫"],
  no2: ["no2", "二氧化氮"],
  co: ["co", "一氧化碳"],
  o3: ["o3", "臭氧", "o31h", "臭氧1小时", "臭氧1小时平均"],
  o3_8h: [
    "o38h", "o38hmax", "o3max8h", "o38hr", "o38hour", "o38小时", "o38h最大", "臭氧8小时", "臭氧8小时平均", "臭氧8小时滑动平均",
    "臭氧日最大8小时", "臭氧日最大8小时平均", "臭氧日最大8小时滑动平均", "臭氧最大8小时",
  ],
  o3_1h_max: ["o31hmax", "o3max1h", "o3max", "o31h最大", "臭氧1小时最大", "臭氧日最大1小时", "臭氧日最大1小时平均", "臭氧最大1小时"],
};

const pollutantByKey = new Map<string, ReadingPollutant>();
for (const [pollutant, names] of Object.entries(pollutantSpellings) as [ReadingPollutant, readonly string[]][]) {
  for (const name of names) pollutantByKey.set(name, pollutant);
}

const bracketed = /[(（[【]([^)）\]】]*)[)）\]】]/g;

function pollutantKey(text: string): string {
  return text.replace(/浓度/g, "").replace(/[._\-·•/\\:：]/g, "");
}

/** The pollutant a header names, and the unit written in brackets after it, if any. */
export function readingPollutantOf(header: string): { pollutant: ReadingPollutant; unit?: string } | undefined {
  const text = nameKey(header);
  const inner: string[] = [];
  const outer = text.replace(bracketed, (_, content: string) => {
    inner.push(content);
    return "";
  });
  const unit = inner.find((content) => findUnit(content) !== undefined);
  for (const candidate of [outer, ...inner]) {
    const pollutant = pollutantByKey.get(pollutantKey(candidate));
    if (pollutant) return unit === undefined ? { pollutant } : { pollutant, unit };
  }
  return undefined;
}

/** A reading's time as written: its calendar day, its hour label, and its UTC offset if it has one. */
export interface ReadingTime {
  /** Days since 1970-01-01, of the date as written. */
  day: number;
  /** The hour label, 0-24; undefined for a date. Whether it is the start or the end of its hour is the file's convention. */
  hour: number | undefined;
  /** Minutes east of UTC when the time is written with an offset (Z, +00:00, +08:00). */
  offset?: number;
}

export type TimeParse = ReadingTime | { error: string };

export const hourLabelHint =
  "write a time as 2025-06-30 13:00 (the hourly mean of 13:00-14:00) or a date as 2025-06-30; hours run 00:00-23:00, each the start of its hour, or 1-24 in a file that labels each hour by its end";

const dateTimePattern =
  /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:(?:T|\s+|(?<=日))(\d{1,2})(?:(?::|时|点)(\d{1,2})?(?::(\d{1,2})(?:\.\d+)?)?)?(?:分)?(?:\s*(Z|[+-]\d{2}:?\d{2}))?)?$/i;
const compactPattern = /^(\d{4})(\d{2})(\d{2})(\d{2})?$/;
const excelPattern = /^(\d{5})(\.\d+)?$/;
const excelEpochDay = dayNumber(1899, 12, 30);

/** Read a reading's time: a date, or a date and an hour, in the spellings exports use. */
export function parseReadingTime(raw: string): TimeParse {
  const text = raw.normalize("NFKC").trim();
  let match = dateTimePattern.exec(text);
  if (match) {
    return buildTime(text, Number(match[1]), Number(match[2]), Number(match[3]), match[4], match[5], match[6], match[7]);
  }
  if ((match = compactPattern.exec(text))) return buildTime(text, Number(match[1]), Number(match[2]), Number(match[3]), match[4], undefined, undefined, undefined);
  if ((match = excelPattern.exec(text))) {
    const serial = Number(match[1]);
    if (serial < 30000 || serial > 60000) return { error: `cannot read time "${raw}"` };
    const day = excelEpochDay + serial;
    if (match[2] === undefined) return { day, hour: undefined };
    const hours = Number(match[2]) * 24;
    const hour = Math.round(hours);
    if (Math.abs(hours - hour) > 1 / 60 || hour === 24) return { error: `time "${raw}" is not on the hour` };
    return { day, hour };
  }
  return { error: text === "" ? "no time given" : `cannot read time "${raw}"` };
}

function buildTime(
  raw: string,
  year: number,
  month: number,
  date: number,
  hourText: string | undefined,
  minuteText: string | undefined,
  secondText: string | undefined,
  zone: string | undefined,
): TimeParse {
  if (month < 1 || month > 12 || date < 1 || date > daysInMonth(year, month)) return { error: `"${raw}" is not a real date` };
  const day = dayNumber(year, month, date);
  if (hourText === undefined) return { day, hour: undefined };
  const hour = Number(hourText);
  const minute = Number(minuteText ?? "0");
  const second = Number(secondText ?? "0");
  if (hour > 24 || minute > 59 || second > 59 || (hour === 24 && (minute !== 0 || second !== 0))) return { error: `"${raw}" is not a real time` };
  if (minute !== 0 || second !== 0) return { error: `time "${raw}" is not on the hour; readings are hourly means labelled by the hour they start` };
  if (zone === undefined) return { day, hour };
  const offset = parseUtcOffset(zone.toUpperCase());
  if (offset === undefined) return { error: `"${raw}" has no real UTC offset` };
  return { day, hour, offset };
}

/**
 * How a file labels its hours: "start" (00:00-23:00, each hour by its start, the default) or
 * "end" (1-24, each hour by its end, so 24:00 is 23:00-24:00 of the same day, common in Chinese
 * hourly exports). A file shows its convention by an hour 0 or an hour 24.
 */
export type HourLabels = "start" | "end";

/**
 * The China Standard Time day and start hour (0-23) of an hourly reading labelled hour on day,
 * written with an offset or in CST: the natural day the plan counts is the CST day.
 */
export function chinaHourOf(day: number, hour: number, offset: number | undefined, labels: HourLabels): { day: number; hour: number } | { error: string } {
  const start = labels === "end" ? hour - 1 : hour;
  if (offset === undefined) return start < 0 ? { day: day - 1, hour: start + 24 } : { day, hour: start };
  const china = toChinaTime(day, start * 60, offset);
  if (china.minute % 60 !== 0) return { error: `its UTC offset puts it at ${Math.floor(china.minute / 60)}:${String(china.minute % 60).padStart(2, "0")} China time, not on the hour` };
  return { day: china.day, hour: china.minute / 60 };
}

export function parseHourCell(raw: string): number | { error: string } {
  const text = raw.normalize("NFKC").trim();
  const match = /^(\d{1,2})(?:(?::|时|点)(?:00?)?(?::00)?)?(?:\.0+)?$/.exec(text);
  if (!match) return { error: `cannot read hour "${raw}"` };
  const hour = Number(match[1]);
  if (hour > 24) return { error: `hour ${hour} is not 0-23 (or 1-24)` };
  return hour;
}

export const hourlyPollutants = ["pm25", "pm10", "so2", "no2", "co", "o3"] as const;
export type HourlyPollutant = (typeof hourlyPollutants)[number];
export const pollutantCount = hourlyPollutants.length;
export const dailyCount = dailyAirPollutants.length;

export const dailyIndex = Object.fromEntries(dailyAirPollutants.map((pollutant, index) => [pollutant, index])) as Record<DailyAirPollutant, number>;

/** Daily pollutants an hourly column stands for: O3 hours give both the 8-h and the 1-h maximum. */
export function hourlyMask(pollutant: HourlyPollutant): number {
  return pollutant === "o3" ? (1 << dailyIndex.o3_8h) | (1 << dailyIndex.o3_1h_max) : 1 << dailyIndex[pollutant];
}

export const pollutantLabels: Record<DailyAirPollutant, string> = {
  pm25: "PM2.5",
  pm10: "PM10",
  so2: "SO2",
  no2: "NO2",
  co: "CO",
  o3_8h: "O3-8h",
  o3_1h_max: "O3-1h max",
};

/** The six pollutants a day needs for a complete AQI; the 2012 O3 1-h maximum comes with O3 hours. */
export const aqiCorePollutants: readonly DailyAirPollutant[] = ["pm25", "pm10", "so2", "no2", "co", "o3_8h"];
export const coreMask = aqiCorePollutants.reduce((mask, pollutant) => mask | (1 << dailyIndex[pollutant]), 0);

export interface ColumnSlot {
  header: string;
  slot: number;
  factor: number;
  label: string;
  /** Above this (after the unit factor) a value is a flag code or a unit mix-up, not air. */
  ceiling: number;
  /** The ceiling's unit, for messages. */
  unit: string;
}

export interface FileLayout {
  time: string;
  hour: string | undefined;
  code: string | undefined;
  name: string | undefined;
  area: string | undefined;
  found: Map<ReadingPollutant, { header: string; unit?: string }>;
  mode: "hourly" | "daily" | undefined;
  slots: ColumnSlot[];
  mask: number;
}

const plainNumber = /^\d+(?:\.\d+)?$/;
export const INVALID = -1;

/** A concentration cell: a number ≥ 0, NaN when missing, INVALID when not a usable number. */
export function readConcentration(cell: Cell | undefined): number {
  const raw = cell?.value;
  if (raw === undefined || raw === null) return Number.NaN;
  if (typeof raw === "number") return Number.isFinite(raw) && raw >= 0 ? raw : INVALID;
  if (typeof raw === "string") {
    const text = raw.trim();
    if (text === "") return Number.NaN;
    if (plainNumber.test(text)) return Number(text);
  }
  const parsed = parseValue(raw);
  if (parsed.kind === "missing") return Number.NaN;
  if (parsed.kind === "invalid" || parsed.percentSign || parsed.value < 0) return INVALID;
  return parsed.value;
}

const powersOfTen = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * The number text[start, end) writes when it is a plain number (digits, and a point with digits
 * after it), else -1: readConcentration's plain case without making a string. With at most 15
 * digits the digits and the power of ten are exact doubles, so their one rounded division is
 * Number() of the text.
 */
export function plainNumberAt(text: string, start: number, end: number): number {
  let digits = 0;
  let mantissa = 0;
  let point = -1;
  for (let index = start; index < end; index += 1) {
    const code = text.charCodeAt(index);
    if (code >= 0x30 && code <= 0x39) {
      mantissa = mantissa * 10 + (code - 0x30);
      digits += 1;
    } else if (code === 0x2e && point === -1 && index > start && index < end - 1) point = index;
    else return -1;
  }
  if (digits === 0 || digits > 15) return -1;
  return point === -1 ? mantissa : mantissa / (powersOfTen[end - point - 1] ?? 1);
}

export function layoutFile(headers: readonly string[]): FileLayout {
  const columns = matchColumns(headers, readingColumns);
  const found = new Map<ReadingPollutant, { header: string; unit?: string }>();
  for (const header of headers) {
    const reading = readingPollutantOf(header);
    if (reading && !found.has(reading.pollutant)) found.set(reading.pollutant, { header, ...(reading.unit ? { unit: reading.unit } : {}) });
  }
  return {
    time: columns.get("time") ?? "",
    hour: columns.get("hour"),
    code: columns.get("stationCode"),
    name: columns.get("station"),
    area: columns.get("area"),
    found,
    mode: undefined,
    slots: [],
    mask: 0,
  };
}

function ceilingOf(pollutant: ReadingPollutant): { ceiling: number; unit: string } {
  const family: CeilingPollutant = pollutant === "o3_8h" || pollutant === "o3_1h_max" ? "o3" : pollutant;
  return { ceiling: concentrationCeilings[family], unit: family === "co" ? "mg/m3" : "ug/m3" };
}

function unitFactor(pollutant: ReadingPollutant, unit: string | undefined): number {
  if (unit === undefined) return 1;
  const converted = convert(1, unit, pollutant === "co" ? "mg/m3" : "ug/m3");
  return converted.ok ? converted.value : 1;
}

/** Settle a file's mode and which column feeds which slot; warnings for columns set aside. */
export function settleMode(layout: FileLayout, mode: "hourly" | "daily", sink: RowSink, line: number): void {
  layout.mode = mode;
  const warn = (message: string) =>
    sink.warn(issue("air-column-ignored", message, { location: { file: sink.file, line: Math.max(1, line - 1) } }));
  const slot = (pollutant: ReadingPollutant, index: number, label: string) => {
    const column = layout.found.get(pollutant);
    if (!column) return;
    layout.slots.push({ header: column.header, slot: index, factor: unitFactor(pollutant, column.unit), label, ...ceilingOf(pollutant) });
  };
  if (mode === "hourly") {
    hourlyPollutants.forEach((pollutant, index) => {
      slot(pollutant, index, pollutant === "o3" ? "O3" : pollutantLabels[pollutant]);
      if (layout.found.has(pollutant)) layout.mask |= hourlyMask(pollutant);
    });
    for (const derived of ["o3_8h", "o3_1h_max"] as const) {
      const column = layout.found.get(derived);
      if (column) warn(`column "${column.header}" is not read in an hourly file: the O3 statistics are computed from the O3 hours`);
    }
    return;
  }
  for (const pollutant of dailyAirPollutants) slot(pollutant, dailyIndex[pollutant], pollutantLabels[pollutant]);
  const o3 = layout.found.get("o3");
  if (o3 && layout.found.has("o3_8h") && !layout.found.has("o3_1h_max")) {
    layout.slots.push({ header: o3.header, slot: dailyIndex.o3_1h_max, factor: unitFactor("o3", o3.unit), label: "O3-1h max", ...ceilingOf("o3") });
    warn(`column "${o3.header}" in a daily file is read as the O3 daily maximum 1-hour mean (name it O3_1h_max to say so)`);
  } else if (o3) {
    warn(`column "${o3.header}" in a daily file is ambiguous and not read: name it O3_8h (daily maximum 8-hour mean) or O3_1h_max`);
  }
  for (const column of layout.slots) layout.mask |= 1 << column.slot;
}
