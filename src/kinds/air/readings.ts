/**
 * Station readings (hourly or daily) turned into the plan's air indicators: PM2.5 mean, good-day
 * share and heavy-pollution share, per area and month and year, by GB 3095 validity and HJ 633 AQI.
 *
 * Rows are folded into per-station per-day buckets of 24 hourly slots as they stream in; nothing
 * of a row is kept but its numbers and its line. Every statistic is computed in finish(), once the
 * station list (which may come after the readings) and every file are in.
 */
import type { Issue, Location } from "../../vocabulary/issues.js";
import { suggest } from "../../vocabulary/did-you-mean.js";
import { nameKey, type PlanLookup } from "../../plan/lookup.js";
import type { Area, Indicator } from "../../plan/schema.js";
import { cellText, isBlank, matchColumns, observationColumns } from "../observations.js";
import type { Observation } from "../observation.js";
import { daysInMonth, parsePeriod } from "../../vocabulary/period.js";
import type { Cell, DataRecord } from "../../read/records.js";
import {
  airValidityMinimums,
  annualMeanValidity,
  aqiCategories,
  dailyAirPollutants,
  dailyAqi,
  dailyMeanFromHours,
  goodDayRatio,
  heavyPollutionRatio,
  o3Max8h,
  percentile,
  roundHalfEven,
  type AirRuleset,
  type DailyAirPollutant,
  type DailyAirValues,
} from "../../standards/index.js";
import { convert, findUnit } from "../../vocabulary/units.js";
import { parseValue } from "../../vocabulary/value.js";
import { defineRawKind, type RawOptions, type RawResult, type RawRowSink } from "../kind.js";

// ---- column vocabulary ----

export type ReadingColumn = "time" | "hour" | "stationCode" | "station" | "area";

/** Header spellings of the non-pollutant columns, compared after nameKey (case, width, spaces). */
export const readingColumns: Record<ReadingColumn, readonly string[]> = {
  time: ["time", "date", "datetime", "date_time", "timepoint", "time_point", "时间", "日期", "监测时间", "日期时间", "时间点", "数据时间", "采样时间", "监测日期"],
  hour: ["hour", "小时", "时", "时段", "时刻"],
  stationCode: ["station_code", "stationcode", "站点编码", "站点代码", "监测点编码", "点位编码", "site_code", "sitecode"],
  station: ["station", "station_name", "stationname", "站点", "站点名称", "监测点", "监测点名称", "监测点位", "点位", "点位名称", "站名", "监测站", "site", "site_name"],
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

// ---- what the station list and the sand-dust list leave for the readings ----

/** One station of a station list. */
export interface ListedStation {
  label: string;
  area: Area;
  /** A national-network assessment station (国控), which counts for the city value. */
  national: boolean;
  location: Location;
  /** Why the list cannot place the station (two rows disagree), if so. */
  conflict?: string;
}

/** A city-day affected by sand and dust; areas undefined means every area. */
export interface SandDustDay {
  areas: Set<string> | undefined;
  location: Location;
}

/** What the station-list and sand-dust kinds collect for the air kind during one run. */
export interface AirContext {
  /** By nameKey of the station's code and of its name. */
  stations: Map<string, ListedStation>;
  /** By ISO date. */
  sandDust: Map<string, SandDustDay>;
}

const contexts = new WeakMap<RawOptions, AirContext>();

/**
 * The run's shared air context. Kinds meet through the RawOptions object the run hands to every
 * createState, so a run must pass one and the same options object to all of them.
 */
export function airContext(options: RawOptions): AirContext {
  let context = contexts.get(options);
  if (!context) {
    context = { stations: new Map(), sandDust: new Map() };
    contexts.set(options, context);
  }
  return context;
}

// ---- times ----

const dayMs = 86_400_000;

interface ReadingTime {
  /** Days since 1970-01-01, China time. */
  day: number;
  /** 0-23, the start of the hour; undefined for a date. */
  hour: number | undefined;
}

type TimeParse = ReadingTime | { error: string };

const hourLabelHint =
  "write a time as 2025-06-30 13:00 (the hourly mean of 13:00-14:00) or a date as 2025-06-30; hours run 00:00-23:00, each the start of its hour";

const dateTimePattern =
  /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:(?:T|\s+|(?<=日))(\d{1,2})(?:(?::|时|点)(\d{1,2})?(?::(\d{1,2})(?:\.\d+)?)?)?(?:分)?(?:\s*(Z|[+-]\d{2}:?\d{2}))?)?$/i;
const compactPattern = /^(\d{4})(\d{2})(\d{2})(\d{2})?$/;
const excelPattern = /^(\d{5})(\.\d+)?$/;
const excelEpochDay = Date.UTC(1899, 11, 30) / dayMs;

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
  let day = Date.UTC(year, month - 1, date) / dayMs;
  if (hourText === undefined) return { day, hour: undefined };
  let hour = Number(hourText);
  const minute = Number(minuteText ?? "0");
  const second = Number(secondText ?? "0");
  if (hour === 24 && minute === 0 && second === 0) {
    return { error: `"${raw}": hour 24 is not read; hours run 00:00-23:00, each the start of its hour (a file that labels hours 1-24 by their end is one hour off)` };
  }
  if (hour > 23 || minute > 59 || second > 59) return { error: `"${raw}" is not a real time` };
  if (minute !== 0 || second !== 0) return { error: `time "${raw}" is not on the hour; readings are hourly means labelled by the hour they start` };
  if (zone !== undefined && zone.toUpperCase() !== "+08:00" && zone !== "+0800") {
    // A time in another zone is moved to China time (UTC+8), the zone the natural day is counted in.
    const offset = zone.toUpperCase() === "Z" ? 0 : (zone.startsWith("-") ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2)));
    const minutes = day * 1440 + hour * 60 - offset + 480;
    day = Math.floor(minutes / 1440);
    hour = (minutes - day * 1440) / 60;
  }
  return { day, hour };
}

function parseHourCell(raw: string): number | { error: string } {
  const text = raw.normalize("NFKC").trim();
  const match = /^(\d{1,2})(?:(?::|时|点)(?:00?)?(?::00)?)?(?:\.0+)?$/.exec(text);
  if (!match) return { error: `cannot read hour "${raw}"` };
  const hour = Number(match[1]);
  if (hour === 24) return { error: `hour 24 is not read; hours run 0-23, each the start of its hour (a file that labels hours 1-24 by their end is one hour off)` };
  if (hour > 23) return { error: `hour ${hour} is not 0-23` };
  return hour;
}

/** YYYY-MM-DD of a day number. */
function isoOfDay(day: number): string {
  return new Date(day * dayMs).toISOString().slice(0, 10);
}

// ---- state ----

const hourlyPollutants = ["pm25", "pm10", "so2", "no2", "co", "o3"] as const;
type HourlyPollutant = (typeof hourlyPollutants)[number];
const pollutantCount = hourlyPollutants.length;
const dailyCount = dailyAirPollutants.length;

const dailyIndex = Object.fromEntries(dailyAirPollutants.map((pollutant, index) => [pollutant, index])) as Record<DailyAirPollutant, number>;

/** Daily pollutants an hourly column stands for: O3 hours give both the 8-h and the 1-h maximum. */
function hourlyMask(pollutant: HourlyPollutant): number {
  return pollutant === "o3" ? (1 << dailyIndex.o3_8h) | (1 << dailyIndex.o3_1h_max) : 1 << dailyIndex[pollutant];
}

const pollutantLabels: Record<DailyAirPollutant, string> = {
  pm25: "PM2.5",
  pm10: "PM10",
  so2: "SO2",
  no2: "NO2",
  co: "CO",
  o3_8h: "O3-8h",
  o3_1h_max: "O3-1h max",
};

/** The six pollutants a day needs for a complete AQI; the 2012 O3 1-h maximum comes with O3 hours. */
const aqiCorePollutants: readonly DailyAirPollutant[] = ["pm25", "pm10", "so2", "no2", "co", "o3_8h"];
const coreMask = aqiCorePollutants.reduce((mask, pollutant) => mask | (1 << dailyIndex[pollutant]), 0);

// Hourly bucket layout: 24 × 6 values (NaN = none), then per hour the line of its first row, then
// per hour the file index + 65536 × the mask of daily pollutants its rows gave.
const linesAt = 24 * pollutantCount;
const metaAt = linesAt + 24;
const bucketSize = metaAt + 24;
// Daily row layout: 7 values, the line, the file index + 65536 × mask.
const dailyLineAt = dailyCount;
const dailyMetaAt = dailyCount + 1;
const dailyRowSize = dailyCount + 2;
const maskScale = 65536;

interface Conflict {
  first: { file: number; line: number };
  others: { file: number; line: number }[];
}

interface StationReadings {
  label: string;
  codeKey: string | undefined;
  nameKey: string | undefined;
  /** Area from an area column of the readings, with where it was first given. */
  dataArea?: { area: Area; file: number; line: number };
  areaMismatchWarned?: boolean;
  /** Per file: rows kept for the finish (used there unless the station cannot be placed), and the first line. */
  rows: Map<number, { count: number; firstLine: number }>;
  hourly: Map<number, Float64Array>;
  daily: Map<number, Float64Array>;
  /** By day × 24 + hour (hourly) or -(day + 1) (daily rows). */
  conflicts: Map<number, Conflict>;
}

interface AirState {
  lookup: PlanLookup;
  context: AirContext;
  sinks: RawRowSink[];
  stations: Map<string, StationReadings>;
}

interface ColumnSlot {
  header: string;
  slot: number;
  factor: number;
  label: string;
}

interface FileLayout {
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

// ---- consume ----

const plainNumber = /^\d+(?:\.\d+)?$/;
const INVALID = -1;

/** A concentration cell: a number ≥ 0, NaN when missing, INVALID when not a usable number. */
function readConcentration(cell: Cell | undefined): number {
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

function layoutFile(headers: readonly string[]): FileLayout {
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

function unitFactor(pollutant: ReadingPollutant, unit: string | undefined): number {
  if (unit === undefined) return 1;
  const converted = convert(1, unit, pollutant === "co" ? "mg/m3" : "ug/m3");
  return converted.ok ? converted.value : 1;
}

/** Settle a file's mode and which column feeds which slot; warnings for columns set aside. */
function settleMode(layout: FileLayout, mode: "hourly" | "daily", sink: RawRowSink, line: number): void {
  layout.mode = mode;
  const warn = (message: string) =>
    sink.warn({ code: "air-column-ignored", severity: "warning", message, location: { file: sink.file, line: Math.max(1, line - 1) } });
  const slot = (pollutant: ReadingPollutant, index: number, label: string) => {
    const column = layout.found.get(pollutant);
    if (!column) return;
    layout.slots.push({ header: column.header, slot: index, factor: unitFactor(pollutant, column.unit), label });
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
    layout.slots.push({ header: o3.header, slot: dailyIndex.o3_1h_max, factor: unitFactor("o3", o3.unit), label: "O3-1h max" });
    warn(`column "${o3.header}" in a daily file is read as the O3 daily maximum 1-hour mean (name it O3_1h_max to say so)`);
  } else if (o3) {
    warn(`column "${o3.header}" in a daily file is ambiguous and not read: name it O3_8h (daily maximum 8-hour mean) or O3_1h_max`);
  }
  for (const column of layout.slots) layout.mask |= 1 << column.slot;
}

function sameValue(a: number, b: number): boolean {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

function where(sinks: readonly RawRowSink[], row: { file: number; line: number }, relativeTo: number): string {
  return row.file === relativeTo ? `line ${row.line}` : `${sinks[row.file]?.file ?? "?"}:${row.line}`;
}

async function consumeReadings(records: AsyncIterable<DataRecord>, sink: RawRowSink, state: AirState): Promise<void> {
  const lookup = state.lookup;
  const fileIndex = state.sinks.length;
  state.sinks.push(sink);
  let layout: FileLayout | undefined;
  let missingColumns: Issue | undefined;
  const timeCache = new Map<string, TimeParse>();
  const areaCache = new Map<string, Area | undefined>();
  const stationCache = new Map<string, StationReadings>();
  const invalidCells = new Map<string, { station: string; pollutant: string; count: number; line: number; text: string }>();
  const duplicates = { count: 0, line: 0 };
  const values = new Float64Array(dailyCount);

  const reject = (code: string, message: string, record: DataRecord, cell: Cell | undefined, hint?: string) =>
    sink.reject({
      code,
      severity: "error",
      message,
      location: cell ? { file: sink.file, line: cell.line, column: cell.column } : { file: sink.file, line: record.line, column: record.column },
      ...(hint ? { hint } : {}),
    });

  for await (const record of records) {
    sink.read();
    if (!layout) {
      layout = layoutFile([...record.cells.keys()]);
      if (layout.time === "" || (layout.code === undefined && layout.name === undefined) || layout.found.size === 0) {
        const missing = [layout.time === "" ? "time (时间, 日期)" : "", layout.code === undefined && layout.name === undefined ? "station (站点, 站点名称)" : "", layout.found.size === 0 ? "a pollutant (PM2.5, PM10, SO2, NO2, CO, O3)" : ""].filter(Boolean);
        missingColumns = {
          code: "missing-column",
          severity: "error",
          message: `station readings need ${missing.join(", ")}; every row of the file is rejected`,
          location: { file: sink.file, line: Math.max(1, record.line - 1), column: 1 },
        };
      }
    }
    if (missingColumns) {
      sink.reject(missingColumns);
      continue;
    }
    const cells = record.cells;
    const codeText = layout.code === undefined ? "" : cellText(cells.get(layout.code));
    const nameText = layout.name === undefined ? "" : cellText(cells.get(layout.name));
    const stationText = codeText || nameText;
    const timeCell = cells.get(layout.time);
    const timeText = cellText(timeCell);
    if ((stationText === "" || timeText === "") && isBlank(record)) {
      sink.skip();
      continue;
    }
    if (stationText === "") {
      reject("missing-station", "no station named", record, cells.get(layout.code ?? layout.name ?? ""), "name the station (站点) of every reading");
      continue;
    }

    let time = timeCache.get(timeText);
    if (!time) {
      time = parseReadingTime(timeText);
      if (timeCache.size > 200_000) timeCache.clear();
      timeCache.set(timeText, time);
    }
    if ("error" in time) {
      reject("bad-time", time.error, record, timeCell, hourLabelHint);
      continue;
    }
    let hour = time.hour;
    if (layout.hour !== undefined) {
      const hourCell = cells.get(layout.hour);
      const parsedHour = parseHourCell(cellText(hourCell));
      if (typeof parsedHour !== "number") {
        reject("bad-time", parsedHour.error, record, hourCell, hourLabelHint);
        continue;
      }
      if (hour !== undefined && hour !== 0) {
        reject("bad-time", `the time "${timeText}" has an hour and the hour column says ${parsedHour}`, record, hourCell, hourLabelHint);
        continue;
      }
      hour = parsedHour;
    }
    if (!layout.mode) {
      const dailyColumns = (layout.found.has("o3_8h") || layout.found.has("o3_1h_max")) && !layout.found.has("o3");
      settleMode(layout, layout.hour !== undefined ? "hourly" : dailyColumns && (hour ?? 0) === 0 ? "daily" : hour === undefined ? "daily" : "hourly", sink, record.line);
    }
    if (layout.mode === "hourly" && hour === undefined) {
      reject("bad-time", `"${timeText}" has no hour, but this file holds hourly readings`, record, timeCell, hourLabelHint);
      continue;
    }
    if (layout.mode === "daily" && hour !== undefined && hour !== 0) {
      reject("bad-time", `"${timeText}" has an hour, but this file holds daily values (one row per station and day)`, record, timeCell, hourLabelHint);
      continue;
    }

    let area: Area | undefined;
    if (layout.area !== undefined) {
      const areaCell = cells.get(layout.area);
      const areaText = cellText(areaCell);
      if (areaText !== "") {
        if (!areaCache.has(areaText)) areaCache.set(areaText, lookup.findArea(areaText));
        area = areaCache.get(areaText);
        if (!area) {
          reject("unknown-area", `unknown area "${areaText}"${lookup.suggestArea(areaText)}`, record, areaCell, state.lookup.areaHint);
          continue;
        }
      }
    }

    const station = stationFor(state, stationCache, codeText, nameText);
    if (area) {
      if (!station.dataArea) station.dataArea = { area, file: fileIndex, line: record.line };
      else if (station.dataArea.area.code !== area.code && !station.areaMismatchWarned) {
        station.areaMismatchWarned = true;
        sink.warn({
          code: "station-area-mismatch",
          severity: "warning",
          message: `station "${station.label}" is in ${station.dataArea.area.name} at ${where(state.sinks, station.dataArea, fileIndex)} but in ${area.name} here; ${station.dataArea.area.name} is used`,
          location: { file: sink.file, line: record.line },
        });
      }
    }

    values.fill(Number.NaN);
    let readable = false;
    for (const column of layout.slots) {
      const cell = cells.get(column.header);
      const value = readConcentration(cell);
      if (value === INVALID) {
        const key = `${station.label}\u0000${column.label}`;
        const tally = invalidCells.get(key);
        if (tally) tally.count += 1;
        else invalidCells.set(key, { station: station.label, pollutant: column.label, count: 1, line: record.line, text: cellText(cell) });
        continue;
      }
      if (Number.isNaN(value)) continue;
      values[column.slot] = column.factor === 1 ? value : value * column.factor;
      readable = true;
    }
    if (!readable) {
      // Nothing to read in the row (every concentration blank or unusable): an absent hour, counted as skipped.
      sink.skip();
      continue;
    }

    const row = { file: fileIndex, line: record.line };
    const outcome =
      layout.mode === "hourly"
        ? placeHour(station, time.day, hour ?? 0, values, layout.mask, row)
        : placeDay(station, time.day, values, layout.mask, row);
    if (outcome === "kept") {
      const rows = station.rows.get(fileIndex);
      if (rows) rows.count += 1;
      else station.rows.set(fileIndex, { count: 1, firstLine: record.line });
    } else if (outcome === "duplicate") {
      sink.skip();
      if (duplicates.count === 0) duplicates.line = record.line;
      duplicates.count += 1;
    } else {
      const others = [outcome.first, ...outcome.others.filter((other) => other.line !== record.line || other.file !== fileIndex)];
      const stamp = hour === undefined || layout.mode === "daily" ? isoOfDay(time.day) : `${isoOfDay(time.day)} ${String(hour).padStart(2, "0")}:00`;
      reject(
        "conflicting-rows",
        `station "${station.label}" at ${stamp} has different values here and at ${others.map((other) => where(state.sinks, other, fileIndex)).join(", ")}; neither is used`,
        record,
        timeCell,
        "keep one row per station and time; remove the wrong one",
      );
      // The earlier row was kept provisionally; it is rejected in finish() with its own issue.
      if (outcome.others.length === 1) {
        const earlier = station.rows.get(outcome.first.file);
        if (earlier) earlier.count -= 1;
      }
    }
  }

  for (const tally of invalidCells.values()) {
    sink.warn({
      code: "invalid-reading",
      severity: "warning",
      message: `station "${tally.station}": ${tally.count} ${tally.pollutant} value${tally.count === 1 ? "" : "s"} cannot be used (negative or not a number, first "${tally.text}" at line ${tally.line}); ${tally.count === 1 ? "it counts" : "they count"} as missing and the rest of each row is used`,
      location: { file: sink.file, line: tally.line },
      hint: "write concentrations as plain numbers ≥ 0; leave a missing one blank",
    });
  }
  if (duplicates.count > 0) {
    sink.warn({
      code: "duplicate-row",
      severity: "warning",
      message: `${duplicates.count} row${duplicates.count === 1 ? " repeats" : "s repeat"} an earlier row exactly (same station, time and values; first at line ${duplicates.line}); counted once`,
      location: { file: sink.file, line: duplicates.line },
    });
  }
}

function stationFor(state: AirState, cache: Map<string, StationReadings>, codeText: string, nameText: string): StationReadings {
  const cacheKey = `${codeText}\u0000${nameText}`;
  let station = cache.get(cacheKey);
  if (station) return station;
  const codeKey = codeText === "" ? undefined : nameKey(codeText);
  const nameKeyText = nameText === "" ? undefined : nameKey(nameText);
  const key = codeKey ?? nameKeyText ?? "";
  station = state.stations.get(key);
  if (!station) {
    station = { label: nameText || codeText, codeKey, nameKey: nameKeyText, rows: new Map(), hourly: new Map(), daily: new Map(), conflicts: new Map() };
    state.stations.set(key, station);
  } else if (station.nameKey === undefined && nameKeyText !== undefined) {
    station.nameKey = nameKeyText;
    station.label = nameText;
  }
  cache.set(cacheKey, station);
  return station;
}

type Placement = "kept" | "duplicate" | Conflict;

function placeHour(station: StationReadings, day: number, hour: number, values: Float64Array, fileMask: number, row: { file: number; line: number }): Placement {
  const conflictKey = day * 24 + hour;
  const conflict = station.conflicts.get(conflictKey);
  if (conflict) {
    conflict.others.push(row);
    return conflict;
  }
  let bucket = station.hourly.get(day);
  if (!bucket) {
    bucket = new Float64Array(bucketSize);
    bucket.fill(Number.NaN, 0, linesAt);
    station.hourly.set(day, bucket);
  }
  const base = hour * pollutantCount;
  const meta = bucket[metaAt + hour] ?? 0;
  if ((bucket[linesAt + hour] ?? 0) === 0) {
    for (let p = 0; p < pollutantCount; p++) bucket[base + p] = values[p] ?? Number.NaN;
    bucket[linesAt + hour] = row.line;
    bucket[metaAt + hour] = row.file + maskScale * fileMask;
    return "kept";
  }
  // A second row for the station and hour: equal on the pollutants both give is a repeat (or, with
  // new pollutants, the other half of a split export); anything else is a conflict.
  const storedMask = Math.floor(meta / maskScale);
  let differs = false;
  let adds = false;
  for (let p = 0; p < pollutantCount; p++) {
    const bit = hourlyMask(hourlyPollutants[p] ?? "pm25");
    const inNew = (fileMask & bit) !== 0;
    const inStored = (storedMask & bit) !== 0;
    const incoming = values[p] ?? Number.NaN;
    if (inNew && inStored && !sameValue(bucket[base + p] ?? Number.NaN, incoming)) differs = true;
    if (inNew && !inStored) adds = true;
  }
  if (!differs && !adds) return "duplicate";
  if (!differs) {
    for (let p = 0; p < pollutantCount; p++) {
      const incoming = values[p] ?? Number.NaN;
      if (!Number.isNaN(incoming) && Number.isNaN(bucket[base + p] ?? Number.NaN)) bucket[base + p] = incoming;
    }
    bucket[metaAt + hour] = (meta % maskScale) + maskScale * (storedMask | fileMask);
    return "kept";
  }
  for (let p = 0; p < pollutantCount; p++) bucket[base + p] = Number.NaN;
  const first = { file: meta % maskScale, line: bucket[linesAt + hour] ?? 0 };
  const created: Conflict = { first, others: [row] };
  station.conflicts.set(conflictKey, created);
  return created;
}

function placeDay(station: StationReadings, day: number, values: Float64Array, fileMask: number, row: { file: number; line: number }): Placement {
  const conflictKey = -(day + 1);
  const conflict = station.conflicts.get(conflictKey);
  if (conflict) {
    conflict.others.push(row);
    return conflict;
  }
  const stored = station.daily.get(day);
  if (!stored) {
    const fresh = new Float64Array(dailyRowSize);
    fresh.set(values);
    fresh[dailyLineAt] = row.line;
    fresh[dailyMetaAt] = row.file + maskScale * fileMask;
    station.daily.set(day, fresh);
    return "kept";
  }
  const meta = stored[dailyMetaAt] ?? 0;
  const storedMask = Math.floor(meta / maskScale);
  let differs = false;
  let adds = false;
  for (let p = 0; p < dailyCount; p++) {
    const bit = 1 << p;
    if ((fileMask & bit) !== 0 && (storedMask & bit) !== 0 && !sameValue(stored[p] ?? Number.NaN, values[p] ?? Number.NaN)) differs = true;
    if ((fileMask & bit) !== 0 && (storedMask & bit) === 0) adds = true;
  }
  if (!differs && !adds) return "duplicate";
  if (!differs) {
    for (let p = 0; p < dailyCount; p++) if (Number.isNaN(stored[p] ?? Number.NaN)) stored[p] = values[p] ?? Number.NaN;
    stored[dailyMetaAt] = (meta % maskScale) + maskScale * (storedMask | fileMask);
    return "kept";
  }
  stored.fill(Number.NaN, 0, dailyCount);
  const created: Conflict = { first: { file: meta % maskScale, line: stored[dailyLineAt] ?? 0 }, others: [row] };
  station.conflicts.set(conflictKey, created);
  return created;
}

// ---- finish: stations ----

interface ResolvedStation {
  label: string;
  area: Area;
  national: boolean;
  /** Daily values by day; NaN where a pollutant has no valid daily value. */
  days: Map<number, StationDay>;
  /** Union of the pollutants the station's files give (bits of dailyAirPollutants). */
  mask: number;
}

interface StationDay {
  values: Float64Array;
  /** file × 2^32 + line of the first row behind the day; see originOf. */
  origin: number;
  /** Why a pollutant the station reports has no valid daily value ("19 valid hours"). */
  problems: Map<DailyAirPollutant, string> | undefined;
}

const originScale = 2 ** 32;

function originOf(sinks: readonly RawRowSink[], origin: number): Location {
  const file = Math.floor(origin / originScale);
  return { file: sinks[file]?.file ?? "?", line: origin - file * originScale };
}

function stampOf(key: number): string {
  return key < 0 ? isoOfDay(-key - 1) : `${isoOfDay(Math.floor(key / 24))} ${String(key % 24).padStart(2, "0")}:00`;
}

/**
 * Give every kept row its fate now that the station list is in: used when the station has an
 * area, rejected when it has none; conflicting rows and daily rows shadowed by hours are rejected.
 */
function resolveStations(state: AirState): { station: ResolvedStation; readings: StationReadings }[] {
  const resolved: { station: ResolvedStation; readings: StationReadings }[] = [];
  const listedLabels = [...new Set([...state.context.stations.values()].map((listed) => listed.label))];
  for (const readings of state.stations.values()) {
    for (const [key, conflict] of readings.conflicts) {
      const sink = state.sinks[conflict.first.file];
      sink?.reject({
        code: "conflicting-rows",
        severity: "error",
        message: `station "${readings.label}" at ${stampOf(key)} has different values here and at ${conflict.others.map((other) => where(state.sinks, other, conflict.first.file)).join(", ")}; neither is used`,
        location: { file: sink.file, line: conflict.first.line },
        hint: "keep one row per station and time; remove the wrong one",
      });
    }
    for (const [day, row] of readings.daily) {
      if (!readings.hourly.has(day)) continue;
      readings.daily.delete(day);
      const meta = row[dailyMetaAt] ?? 0;
      const file = meta % maskScale;
      const sink = state.sinks[file];
      const rows = readings.rows.get(file);
      if (!sink || !rows) continue;
      rows.count -= 1;
      sink.reject({
        code: "daily-and-hourly",
        severity: "error",
        message: `station "${readings.label}" has hourly readings and a daily row for ${isoOfDay(day)}; the day is computed from the hours and this row is not used`,
        location: { file: sink.file, line: row[dailyLineAt] ?? 0 },
      });
    }

    const listed = (readings.codeKey ? state.context.stations.get(readings.codeKey) : undefined) ?? (readings.nameKey ? state.context.stations.get(readings.nameKey) : undefined);
    const area = readings.dataArea?.area ?? (listed && listed.conflict === undefined ? listed.area : undefined);
    if (area) {
      for (const [file, rows] of readings.rows) {
        const sink = state.sinks[file];
        if (sink) for (let row = 0; row < rows.count; row++) sink.used();
      }
      resolved.push({ station: { label: readings.label, area, national: listed?.national ?? true, days: new Map(), mask: 0 }, readings });
      continue;
    }
    const why =
      listed?.conflict ??
      (listed !== undefined
        ? "the readings give no area"
        : listedLabels.length > 0
          ? `it is not in the station list${suggest(readings.label, listedLabels)} and the readings give no area`
          : "no station list was given and the readings give no area");
    for (const [file, rows] of readings.rows) {
      const sink = state.sinks[file];
      if (!sink || rows.count <= 0) continue;
      const issue: Issue = {
        code: "unknown-station",
        severity: "error",
        message: `station "${readings.label}" (first at line ${rows.firstLine}) cannot be placed in an area: ${why}; its ${rows.count} row${rows.count === 1 ? " is" : "s are"} rejected`,
        location: { file: sink.file, line: rows.firstLine },
        hint: "list the station in a station list file (站点,区县) or add an area (区县) column to the readings",
      };
      // One issue for all of the station's rows in the file, passed with each rejected row.
      for (let row = 0; row < rows.count; row++) sink.reject(issue);
    }
  }
  return resolved;
}

/** Daily values of one station from its hourly buckets and daily rows (GB 3095 Table 4); frees the buckets. */
function computeStationDays(station: ResolvedStation, readings: StationReadings): void {
  const hours: number[] = new Array<number>(24);
  for (const [day, bucket] of readings.hourly) {
    const values = new Float64Array(dailyCount).fill(Number.NaN);
    const problems = new Map<DailyAirPollutant, string>();
    let mask = 0;
    let origin = Infinity;
    for (let hour = 0; hour < 24; hour++) {
      const line = bucket[linesAt + hour] ?? 0;
      if (line === 0) continue;
      const meta = bucket[metaAt + hour] ?? 0;
      mask |= Math.floor(meta / maskScale);
      origin = Math.min(origin, (meta % maskScale) * originScale + line);
    }
    for (let p = 0; p < pollutantCount; p++) {
      const pollutant = hourlyPollutants[p] ?? "pm25";
      if ((mask & hourlyMask(pollutant)) === 0) continue;
      let valid = 0;
      for (let hour = 0; hour < 24; hour++) {
        const value = bucket[hour * pollutantCount + p] ?? Number.NaN;
        hours[hour] = value;
        if (!Number.isNaN(value)) valid += 1;
      }
      if (pollutant === "o3") {
        const max8h = o3Max8h(hours);
        if (max8h === undefined) {
          const why = `${valid} valid hours, no 8-h window with ${airValidityMinimums.hoursPerO3EightHourWindow}`;
          problems.set("o3_8h", why);
          problems.set("o3_1h_max", why);
          continue;
        }
        values[dailyIndex.o3_8h] = max8h;
        values[dailyIndex.o3_1h_max] = Math.max(...hours.filter((value) => !Number.isNaN(value)));
        continue;
      }
      const mean = dailyMeanFromHours(hours);
      if (mean === undefined) problems.set(pollutant, `${valid} valid hours`);
      else values[dailyIndex[pollutant]] = mean;
    }
    station.mask |= mask;
    station.days.set(day, { values, origin, problems: problems.size > 0 ? problems : undefined });
  }
  for (const [day, row] of readings.daily) {
    const meta = row[dailyMetaAt] ?? 0;
    const mask = Math.floor(meta / maskScale);
    const values = row.slice(0, dailyCount);
    const problems = new Map<DailyAirPollutant, string>();
    dailyAirPollutants.forEach((pollutant, p) => {
      if ((mask & (1 << p)) !== 0 && Number.isNaN(values[p] ?? Number.NaN)) problems.set(pollutant, "missing");
    });
    station.mask |= mask;
    station.days.set(day, { values, origin: (meta % maskScale) * originScale + (row[dailyLineAt] ?? 0), problems: problems.size > 0 ? problems : undefined });
  }
  readings.hourly.clear();
  readings.daily.clear();
}

function describeProblems(problems: Map<DailyAirPollutant, string>): string {
  const parts: string[] = [];
  for (const [pollutant, why] of problems) {
    if (pollutant === "o3_1h_max" && problems.has("o3_8h")) continue;
    parts.push(`${pollutant === "o3_8h" && problems.has("o3_1h_max") ? "O3" : pollutantLabels[pollutant]} ${why}`);
  }
  return parts.join(", ");
}

/** One warning per station and month with days that have no valid daily value, saying why. */
function reportInvalidStationDays(station: ResolvedStation, sinks: readonly RawRowSink[], issues: Issue[]): void {
  if (station.days.size === 0) return;
  let firstDay = Infinity;
  let lastDay = -Infinity;
  for (const day of station.days.keys()) {
    firstDay = Math.min(firstDay, day);
    lastDay = Math.max(lastDay, day);
  }
  const byMonth = new Map<string, { total: number; bad: string[]; origin: number }>();
  for (let day = firstDay; day <= lastDay; day++) {
    const iso = isoOfDay(day);
    const month = iso.slice(0, 7);
    let entry = byMonth.get(month);
    if (!entry) {
      entry = { total: daysInMonth(Number(iso.slice(0, 4)), Number(iso.slice(5, 7))), bad: [], origin: Infinity };
      byMonth.set(month, entry);
    }
    const stationDay = station.days.get(day);
    if (!stationDay) entry.bad.push(`${iso.slice(5)} (no readings)`);
    else {
      entry.origin = Math.min(entry.origin, stationDay.origin);
      if (stationDay.problems) entry.bad.push(`${iso.slice(5)} (${describeProblems(stationDay.problems)})`);
    }
  }
  for (const [month, entry] of byMonth) {
    if (entry.bad.length === 0) continue;
    const shown = entry.bad.slice(0, 6).join("; ");
    const more = entry.bad.length > 6 ? `; and ${entry.bad.length - 6} more` : "";
    issues.push({
      code: "invalid-days",
      severity: "warning",
      message: `station "${station.label}" (${station.area.name}), ${month}: ${entry.bad.length} of ${entry.total} days without a valid daily value (a daily mean needs ${airValidityMinimums.hoursPerDailyMean} valid hours): ${shown}${more}; those days are left out, not averaged`,
      location: Number.isFinite(entry.origin) ? originOf(sinks, entry.origin) : { file: sinks[0]?.file ?? "?" },
    });
  }
}

// ---- finish: areas ----

interface AreaDay {
  day: number;
  /** Mean over the stations with a valid daily value; NaN when none. */
  values: Float64Array;
  origin: number;
  /** Why each pollutant is missing, when it is. */
  missing: Map<DailyAirPollutant, string>;
  aqi: number | undefined;
  aqiValid: boolean;
  aqiProblem: string | undefined;
}

interface AreaSeries {
  area: Area;
  stations: ResolvedStation[];
  mask: number;
  days: Map<number, AreaDay>;
  firstDay: number;
  lastDay: number;
}

function areaSeries(area: Area, stations: ResolvedStation[], ruleset: AirRuleset): AreaSeries {
  const mask = stations.reduce((bits, station) => bits | station.mask, 0);
  const allDays = new Set<number>();
  for (const station of stations) for (const day of station.days.keys()) allDays.add(day);
  const days = new Map<number, AreaDay>();
  for (const day of allDays) {
    const values = new Float64Array(dailyCount);
    const missing = new Map<DailyAirPollutant, string>();
    const daily: DailyAirValues = {};
    let origin = Infinity;
    for (const station of stations) origin = Math.min(origin, station.days.get(day)?.origin ?? Infinity);
    dailyAirPollutants.forEach((pollutant, p) => {
      let sum = 0;
      let count = 0;
      const why: string[] = [];
      for (const station of stations) {
        if ((station.mask & (1 << p)) === 0) continue;
        const stationDay = station.days.get(day);
        const value = stationDay?.values[p] ?? Number.NaN;
        if (Number.isNaN(value)) why.push(`${station.label} ${stationDay ? (stationDay.problems?.get(pollutant) ?? "missing") : "no readings"}`);
        else {
          sum += value;
          count += 1;
        }
      }
      values[p] = count > 0 ? sum / count : Number.NaN;
      if (count > 0) daily[pollutant] = sum / count;
      else if (why.length > 0) missing.set(pollutant, why.slice(0, 3).join(", ") + (why.length > 3 ? `, and ${why.length - 3} more` : ""));
    });
    // The area's AQI comes from its mean concentrations (reference 1.7), never from station AQIs.
    const result = dailyAqi(daily, ruleset);
    const absent = aqiCorePollutants.filter((pollutant) => daily[pollutant] === undefined);
    // Every pollutant present gives a valid AQI; with some missing, HJ 633-2026 §5.3 still publishes an AQI above 100.
    const aqiValid = result.aqi !== undefined && (absent.length === 0 || result.aqi > 100);
    days.set(day, {
      day,
      values,
      origin,
      missing,
      aqi: result.aqi,
      aqiValid,
      aqiProblem: aqiValid ? undefined : `no valid ${absent.map((pollutant) => pollutantLabels[pollutant]).join(", ")}`,
    });
  }
  const sorted = [...allDays].sort((a, b) => a - b);
  return { area, stations, mask, days, firstDay: sorted[0] ?? 0, lastDay: sorted[sorted.length - 1] ?? 0 };
}

interface PeriodSlice {
  label: string;
  kind: "month" | "year";
  days: number[];
  totalDays: number;
}

/** Every calendar month and year the area's data touch, each with all of its days. */
function periodSlices(series: AreaSeries): PeriodSlice[] {
  const slices: PeriodSlice[] = [];
  const first = isoOfDay(series.firstDay);
  const last = isoOfDay(series.lastDay);
  const dayOf = (year: number, month: number, date: number) => Date.UTC(year, month - 1, date) / dayMs;
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => from + index);
  for (let year = Number(first.slice(0, 4)); year <= Number(last.slice(0, 4)); year++) {
    const fromMonth = year === Number(first.slice(0, 4)) ? Number(first.slice(5, 7)) : 1;
    const toMonth = year === Number(last.slice(0, 4)) ? Number(last.slice(5, 7)) : 12;
    for (let month = fromMonth; month <= toMonth; month++) {
      const days = range(dayOf(year, month, 1), dayOf(year, month, daysInMonth(year, month)));
      slices.push({ label: `${year}-${String(month).padStart(2, "0")}`, kind: "month", days, totalDays: days.length });
    }
  }
  for (let year = Number(first.slice(0, 4)); year <= Number(last.slice(0, 4)); year++) {
    // A year the data have not yet reached the end of is a year in progress, not a short year.
    if (year === Number(last.slice(0, 4)) && Number(last.slice(5, 7)) < 12) continue;
    const days = range(dayOf(year, 1, 1), dayOf(year, 12, 31));
    slices.push({ label: String(year), kind: "year", days, totalDays: days.length });
  }
  return slices;
}

function monthMinimum(label: string): number {
  return label.slice(5, 7) === "02" ? airValidityMinimums.daysInFebruary : airValidityMinimums.daysPerMonth;
}

function standardsOf(ruleset: AirRuleset): { gb: string; hj: string } {
  return ruleset === "2012" ? { gb: "GB 3095-2012", hj: "HJ 633-2012" } : { gb: "GB 3095-2026", hj: "HJ 633-2026" };
}

function formatNumber(value: number, decimals = 2): string {
  return String(roundHalfEven(value, decimals));
}

interface Indicators {
  pm25: Indicator | undefined;
  good: Indicator | undefined;
  heavy: Indicator | undefined;
}

function isSandDust(context: AirContext, area: Area, iso: string): boolean {
  const entry = context.sandDust.get(iso);
  return entry !== undefined && (entry.areas === undefined || entry.areas.has(area.code));
}

function areaObservations(series: AreaSeries, state: AirState, options: RawOptions, indicators: Indicators, observations: Observation[], issues: Issue[]): void {
  const { ruleset, lookup } = options;
  const { gb, hj } = standardsOf(ruleset);
  const sinks = state.sinks;
  const areaName = series.area.name;
  const isCity = series.area.code === lookup.city.code;
  const stationWord = (n: number) => `${n} ${isCity ? "national " : ""}station${n === 1 ? "" : "s"}`;
  const sandGiven = state.context.sandDust.size > 0;
  const ratiosPossible = (series.mask & coreMask) === coreMask;
  const no1hMax = ruleset === "2012" && (series.mask & (1 << dailyIndex.o3_1h_max)) === 0;
  if (!ratiosPossible && (indicators.good || indicators.heavy)) {
    const lacking = aqiCorePollutants.filter((pollutant) => (series.mask & (1 << dailyIndex[pollutant])) === 0).map((pollutant) => pollutantLabels[pollutant]);
    issues.push({
      code: "aqi-pollutants-missing",
      severity: "warning",
      message: `no good-day or heavy-pollution share for ${areaName}: the daily AQI needs all six pollutants and the readings give no ${lacking.join(", ")}`,
      location: originOf(sinks, Math.min(...[...series.days.values()].map((day) => day.origin))),
    });
  }

  for (const slice of periodSlices(series)) {
    const present = slice.days.map((day) => series.days.get(day)).filter((day): day is AreaDay => day !== undefined);
    if (present.length === 0) continue;
    const origin = originOf(sinks, Math.min(...present.map((day) => day.origin)));
    const stationCount = new Set(series.stations.filter((station) => slice.days.some((day) => station.days.has(day))).map((station) => station.label)).size;
    const periodParse = parsePeriod(slice.label);
    if (!periodParse.ok) continue;
    const period = periodParse.period;
    const dropped = (test: (day: AreaDay) => string | undefined) =>
      slice.days.flatMap((day) => {
        const areaDay = series.days.get(day);
        const why = areaDay ? test(areaDay) : "no readings";
        return why === undefined ? [] : [`${isoOfDay(day)}: ${why}`];
      });
    const summaries = slice.kind === "year" ? monthSummaries(series, slice) : [];

    // PM2.5: mean of the area's daily means; validity on all valid days, the mean without sand-dust days (扣沙).
    const pmValid = present.filter((day) => !Number.isNaN(day.values[dailyIndex.pm25] ?? Number.NaN));
    const pmValidity = validity(slice, pmValid.map((day) => day.day));
    if (indicators.pm25) {
      if (pmValidity.ok) {
        const kept = pmValid.filter((day) => !isSandDust(state.context, series.area, isoOfDay(day.day)));
        const sandDays = pmValid.length - kept.length;
        const meanOf = (days: AreaDay[]) => days.reduce((sum, day) => sum + (day.values[dailyIndex.pm25] ?? 0), 0) / days.length;
        const withSand = meanOf(pmValid);
        if (kept.length > 0) {
          const mean = meanOf(kept);
          const value = roundHalfEven(mean, 0);
          observations.push({
            indicator: indicators.pm25.id,
            area: series.area.code,
            period,
            value,
            unit: indicators.pm25.unit,
            origin,
            provenance: {
              method: `${gb} validity (a day needs ${airValidityMinimums.hoursPerDailyMean} valid hours, a month ${airValidityMinimums.daysPerMonth} valid days, ${airValidityMinimums.daysInFebruary} in February${slice.kind === "year" ? `, a year ${airValidityMinimums.daysPerAnnualMean} and every month` : ""}); area day = mean of its ${isCity ? "national " : ""}stations' daily means; period = mean of daily means, rounded by GB/T 8170; ${sandDays > 0 ? "扣沙 (sand-dust days left out)" : sandGiven ? "扣沙 (no sand-dust day in this period)" : "含沙 (no sand-dust days given)"}`,
              inputs: `${stationWord(stationCount)}, ${slice.totalDays} days (${pmValid.length} valid)`,
              details: [
                `mean of ${kept.length} daily means = ${formatNumber(mean)} ug/m3, reported as ${value}`,
                ...(sandDays > 0 ? [`含沙 (with the ${sandDays} sand-dust day${sandDays === 1 ? "" : "s"}): ${formatNumber(withSand)} ug/m3`] : []),
                ...(slice.kind === "year" ? [] : [`daily PM2.5: ${pmValid.map((day) => `${isoOfDay(day.day).slice(5)} ${formatNumber(day.values[dailyIndex.pm25] ?? 0, 1)}${isSandDust(state.context, series.area, isoOfDay(day.day)) ? " (沙)" : ""}`).join(", ")}`]),
                ...(slice.kind === "year" ? [...annualPercentiles(present), ...summaries.map((summary) => summary.pm25)] : dropped((day) => (Number.isNaN(day.values[dailyIndex.pm25] ?? Number.NaN) ? `no valid PM2.5 (${day.missing.get("pm25") ?? "no station"})` : undefined))),
              ],
            },
          });
        }
      } else {
        issues.push(shortfallIssue(indicators.pm25.id, areaName, slice, pmValidity, "valid PM2.5 days", origin));
      }
    }

    if (!ratiosPossible) continue;
    const aqiValid = present.filter((day) => day.aqiValid);
    const aqiValidity = validity(slice, aqiValid.map((day) => day.day));
    const dailyAqis = present.map((day) => (day.aqiValid ? day.aqi : undefined));
    const levels = categoryCounts(aqiValid);
    const droppedAqi = slice.kind === "year" ? summaries.map((summary) => summary.aqi) : dropped((day) => (day.aqiValid ? undefined : `${day.aqiProblem ?? "no valid AQI"}${day.aqi !== undefined ? ` (AQI from the rest ${day.aqi} ≤ 100 is not published)` : ""}`));
    const dailyLine = slice.kind === "year" ? [] : [`daily AQI: ${aqiValid.map((day) => `${isoOfDay(day.day).slice(5)} ${day.aqi ?? "?"}`).join(", ")}`];
    const methodTail = `${hj} daily AQI from the area's mean concentrations (${isCity ? "national stations; " : ""}not a mean of station AQIs${no1hMax ? "; the readings give no O3 1-h maximum, so six sub-indices" : ""}), rule set ${ruleset}; days without a valid AQI leave numerator and denominator; ${gb} day counts as for a mean; 含沙`;
    const shares = [
      [indicators.good, goodDayRatio(dailyAqis), "good (AQI ≤ 100)"],
      [indicators.heavy, heavyPollutionRatio(dailyAqis), "heavily polluted (AQI > 200)"],
    ] as const;
    if (!aqiValidity.ok) {
      const ids = shares.flatMap(([indicator]) => (indicator ? [indicator.id] : []));
      if (ids.length > 0) issues.push(shortfallIssue(ids.join(" or "), areaName, slice, aqiValidity, "days with a valid AQI", origin));
      continue;
    }
    for (const [indicator, share, word] of shares) {
      if (!indicator || share.ratio === undefined) continue;
      const percent = share.ratio * 100;
      observations.push({
        indicator: indicator.id,
        area: series.area.code,
        period,
        value: roundHalfEven(percent, 1),
        unit: indicator.unit,
        origin,
        provenance: {
          method: `share of days ${word}: ${methodTail}`,
          inputs: `${stationWord(stationCount)}, ${slice.totalDays} days (${share.validDays} with a valid AQI)`,
          details: [`${share.days} of ${share.validDays} days ${word} = ${formatNumber(percent)}%`, `AQI: ${levels}`, ...dailyLine, ...droppedAqi],
        },
      });
    }
  }
}

/** HJ 663 annual statistics (Appendix A percentile) of an area's valid daily values, for the record. */
const percentileStatistics: readonly (readonly [DailyAirPollutant, number, string])[] = [
  ["so2", 98, "ug/m3"],
  ["no2", 98, "ug/m3"],
  ["pm10", 95, "ug/m3"],
  ["pm25", 95, "ug/m3"],
  ["co", 95, "mg/m3"],
  ["o3_8h", 90, "ug/m3"],
];

function annualPercentiles(days: readonly AreaDay[]): string[] {
  const parts = percentileStatistics.flatMap(([pollutant, p, unit]) => {
    const values = days.map((day) => day.values[dailyIndex[pollutant]] ?? Number.NaN).filter((value) => !Number.isNaN(value));
    const value = percentile(values, p);
    return value === undefined ? [] : [`${pollutant === "o3_8h" ? "O3-8h" : pollutant.toUpperCase().replace("PM25", "PM2.5")} P${p} ${formatNumber(value, 1)} ${unit} (${values.length} days)`];
  });
  return parts.length > 0 ? [`HJ 663 percentiles of daily values: ${parts.join("; ")}`] : [];
}

function monthSummaries(series: AreaSeries, year: PeriodSlice): { pm25: string; aqi: string }[] {
  const byMonth = new Map<string, number[]>();
  for (const day of year.days) {
    const month = isoOfDay(day).slice(0, 7);
    const list = byMonth.get(month) ?? [];
    list.push(day);
    byMonth.set(month, list);
  }
  return [...byMonth].map(([month, days]) => {
    const present = days.map((day) => series.days.get(day)).filter((day): day is AreaDay => day !== undefined);
    const total = daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)));
    const pm = present.filter((day) => !Number.isNaN(day.values[dailyIndex.pm25] ?? Number.NaN));
    const pmMean = pm.length > 0 ? pm.reduce((sum, day) => sum + (day.values[dailyIndex.pm25] ?? 0), 0) / pm.length : undefined;
    const valid = present.filter((day) => day.aqiValid);
    return {
      pm25: `${month}: ${pm.length} of ${total} days with a valid PM2.5${pmMean === undefined ? "" : `, mean ${formatNumber(pmMean)} ug/m3`}`,
      aqi: `${month}: ${valid.length} of ${total} days with a valid AQI; ${categoryCounts(valid)}`,
    };
  });
}

function categoryCounts(days: readonly AreaDay[]): string {
  const counts = aqiCategories.map(() => 0);
  for (const day of days) {
    const aqi = day.aqi ?? 0;
    const index = aqiCategories.findIndex((category) => aqi <= category.upperAqi);
    counts[index] = (counts[index] ?? 0) + 1;
  }
  return aqiCategories.map((category, index) => `${category.zh} ${counts[index] ?? 0}`).join(", ");
}

interface Validity {
  ok: boolean;
  validDays: number;
  required: number;
  monthsShort: string[];
}

/** GB 3095 Table 4: a month needs 27 valid days (25 in February); a year 324 and every month. */
function validity(slice: PeriodSlice, validDays: readonly number[]): Validity {
  if (slice.kind === "month") {
    const required = monthMinimum(slice.label);
    return { ok: validDays.length >= required, validDays: validDays.length, required, monthsShort: [] };
  }
  const result = annualMeanValidity(validDays.map(isoOfDay));
  return {
    ok: result.valid,
    validDays: result.validDays,
    required: result.requiredDays,
    monthsShort: result.monthsShort.map((short) => `${slice.label}-${String(short.month).padStart(2, "0")} (${short.days} of ${short.required})`),
  };
}

function shortfallIssue(indicator: string, areaName: string, slice: PeriodSlice, result: Validity, what: string, location: Location): Issue {
  const months = result.monthsShort.length > 0 ? `; months short: ${result.monthsShort.join(", ")}` : "";
  return {
    code: slice.kind === "year" ? "annual-value-invalid" : "monthly-value-invalid",
    severity: "warning",
    message: `no ${slice.kind === "year" ? "annual" : "monthly"} ${indicator} for ${areaName} ${slice.label}: ${result.validDays} ${what}, ${result.required} needed${months}`,
    location,
  };
}

function finishReadings(state: AirState, options: RawOptions): RawResult {
  const { lookup, ruleset } = options;
  const issues: Issue[] = [];
  const observations: Observation[] = [];
  const stations = resolveStations(state).map(({ station, readings }) => {
    computeStationDays(station, readings);
    reportInvalidStationDays(station, state.sinks, issues);
    return station;
  });

  const indicators: Indicators = {
    pm25: lookup.findIndicator("pm25-annual-mean"),
    good: lookup.findIndicator("good-day-ratio"),
    heavy: lookup.findIndicator("heavy-pollution-ratio"),
  };
  for (const area of lookup.plan.areas) {
    // The city value is the mean over the national-network stations (reference 1.7, 3.4).
    const members = stations.filter((station) => station.days.size > 0 && (area.code === lookup.city.code ? station.national : station.area.code === area.code));
    if (members.length === 0) continue;
    areaObservations(areaSeries(area, members, ruleset), state, options, indicators, observations, issues);
  }
  return { observations, issues };
}

// ---- the kind ----

/** True when the header names a time, a station and at least one pollutant. */
function detectReadings(headers: readonly string[]): boolean {
  const columns = matchColumns(headers, readingColumns);
  return columns.has("time") && (columns.has("station") || columns.has("stationCode")) && headers.some((header) => readingPollutantOf(header) !== undefined);
}

export const airKind = defineRawKind<AirState>({
  id: "air-readings",
  description:
    "hourly or daily air readings per station (时间, 站点, PM2.5, PM10, SO2, NO2, CO, O3 or O3_8h); gives PM2.5 means, good-day and heavy-pollution shares per area by GB 3095 validity and HJ 633 AQI",
  detect: detectReadings,
  createState: (options) => ({ lookup: options.lookup, context: airContext(options), sinks: [], stations: new Map() }),
  consume: consumeReadings,
  finish: finishReadings,
});
