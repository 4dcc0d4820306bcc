/**
 * Station-days: every reading row folded into its station's day as it streams in, conflicts
 * between rows found on the way, and each station's daily values computed once every file is in
 * (GB 3095 Table 4 validity).
 *
 * A day of hourly readings is one HourBucket, a daily row a Float64Array; what a slot holds
 * besides values (the row's file, line and pollutant mask) is packed into numbers by the helpers
 * below, and nothing else of a row is kept.
 */
import { issue } from "../../vocabulary/catalogue.js";
import type { Issue, Location } from "../../vocabulary/issues.js";
import { suggest } from "../../vocabulary/did-you-mean.js";
import { nameKey } from "../../vocabulary/names.js";
import type { Area } from "../../plan/schema.js";
import { daysInMonth } from "../../vocabulary/period.js";
import { isoOfDay } from "../../vocabulary/time.js";
import { airValidityMinimums, dailyAirPollutants, dailyMeanFromHours, o3Max8h, type DailyAirPollutant } from "../../standards/index.js";
import type { RowSink } from "../kind.js";
import { findListedStation, type AirContext } from "./context.js";
import { dailyCount, dailyIndex, hourlyMask, hourlyPollutants, pollutantCount, pollutantLabels } from "./columns.js";

// Hourly bucket layout: 24 × 6 values (NaN = none), then per hour the line of its first row, then
// per hour packMeta(file, mask of the daily pollutants its rows gave).
const linesAt = 24 * pollutantCount;
const metaAt = linesAt + 24;
const bucketSize = metaAt + 24;
// Daily row layout: 7 values, the line, packMeta(file, mask).
const dailyLineAt = dailyCount;
const dailyMetaAt = dailyCount + 1;
const dailyRowSize = dailyCount + 2;

// A float64 holds integers exactly up to 2^53. A meta number is file + 2^32 × mask (mask < 2^7);
// an origin is file × 2^32 + line. Both stay exact while file < 2^21 and line < 2^32.
const fileScale = 2 ** 32;

/** The most files of readings one run can hold (2^21 - 1): the packed origins need it. */
export const maxReadingFiles = 2 ** 21 - 1;

function packMeta(file: number, mask: number): number {
  return file + fileScale * mask;
}

function metaFile(meta: number): number {
  return meta % fileScale;
}

function metaMask(meta: number): number {
  return Math.floor(meta / fileScale);
}

/** A row's place as one sortable number: the smallest origin is the first row read. */
function packOrigin(file: number, line: number): number {
  return file * fileScale + line;
}

export function originOf(sinks: readonly RowSink[], origin: number): Location {
  const file = Math.floor(origin / fileScale);
  return { file: sinks[file]?.file ?? "?", line: origin - file * fileScale };
}

const noHundredths = -0x80000000;
const fileBits = 2 ** 21;

/**
 * One station-day of hourly readings in the layout above. While every value is a whole number of
 * hundredths (nearly every reading: 35, 0.86) the slots are kept in an Int32Array, values as
 * hundredths, at half the memory of float64; the first value that is not (or a line past 2^31)
 * moves the day to a Float64Array. Either way get() gives back exactly the number set().
 */
export class HourBucket {
  private compact: Int32Array | undefined;
  /** Where this day's slots start in compact, a slab shared with other days (see BucketSlab). */
  private readonly at: number;
  private wide: Float64Array | undefined;

  constructor(slab: BucketSlab = new BucketSlab(1)) {
    const { array, at } = slab.take();
    this.compact = array;
    this.at = at;
    array.fill(noHundredths, at, at + linesAt);
  }

  get(index: number): number {
    const compact = this.compact;
    if (!compact) return this.wide![index]!;
    const stored = compact[this.at + index]!;
    if (index < linesAt) return stored === noHundredths ? Number.NaN : stored / 100;
    if (index < metaAt) return stored;
    return packMeta(stored % fileBits, Math.floor(stored / fileBits));
  }

  set(index: number, value: number): void {
    const compact = this.compact;
    if (compact) {
      if (index < linesAt) {
        if (Number.isNaN(value)) {
          compact[this.at + index] = noHundredths;
          return;
        }
        // | 0 wraps what int32 cannot hold and turns -0 into 0: the check below then fails, as it should.
        const hundredths = Math.round(value * 100) | 0;
        if (hundredths !== noHundredths && Object.is(hundredths / 100, value)) {
          compact[this.at + index] = hundredths;
          return;
        }
      } else if (index < metaAt) {
        if (Number.isInteger(value) && value >= 0 && value <= 0x7fffffff) {
          compact[this.at + index] = value;
          return;
        }
      } else {
        // A file index below 2^21 (maxReadingFiles) and a mask below 2^7 fit in 28 bits.
        compact[this.at + index] = metaFile(value) + fileBits * metaMask(value);
        return;
      }
      this.widen();
    }
    this.wide![index] = value;
  }

  private widen(): void {
    const wide = new Float64Array(bucketSize);
    for (let index = 0; index < bucketSize; index++) wide[index] = this.get(index);
    this.wide = wide;
    this.compact = undefined;
  }
}

/**
 * Room for the buckets of many days in one Int32Array: a few large arrays rather than one small
 * one per station-day, whose own bookkeeping would cost a third as much again as its slots.
 */
export class BucketSlab {
  private array: Int32Array | undefined;
  private used = 0;

  constructor(private readonly bucketsPerArray = 32) {}

  take(): { array: Int32Array; at: number } {
    if (!this.array || this.used === this.bucketsPerArray) {
      this.array = new Int32Array(bucketSize * this.bucketsPerArray);
      this.used = 0;
    }
    const at = this.used * bucketSize;
    this.used += 1;
    return { array: this.array, at };
  }
}

/** The readings kind's station-days: every station's buckets, and the files they came from. */
export interface StationDayStore {
  /** By file index. */
  sinks: RowSink[];
  /** By nameKey of the station's code, or of its name when it has no code. */
  stations: Map<string, StationReadings>;
}

export interface Conflict {
  first: { file: number; line: number };
  others: { file: number; line: number }[];
}

export interface StationReadings {
  label: string;
  codeKey: string | undefined;
  nameKey: string | undefined;
  /** Area from an area column of the readings, with where it was first given. */
  dataArea?: { area: Area; file: number; line: number };
  areaMismatchWarned?: boolean;
  /** Per file: rows kept for the finish (used there unless the station cannot be placed), and the first line. */
  rows: Map<number, { count: number; firstLine: number }>;
  hourly: Map<number, HourBucket>;
  /** Where the station's next hour buckets are made. */
  slab: BucketSlab;
  daily: Map<number, Float64Array>;
  /** By day × 24 + hour (hourly) or -(day + 1) (daily rows). */
  conflicts: Map<number, Conflict>;
}


function sameValue(a: number, b: number): boolean {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

export function where(sinks: readonly RowSink[], row: { file: number; line: number }, relativeTo: number): string {
  return row.file === relativeTo ? `line ${row.line}` : `${sinks[row.file]?.file ?? "?"}:${row.line}`;
}

/** The station a row names by code and name, created on first sight; cache is the file's own. */
export function stationOf(stations: Map<string, StationReadings>, cache: Map<string, StationReadings>, codeText: string, nameText: string): StationReadings {
  const cacheKey = `${codeText}\u0000${nameText}`;
  let station = cache.get(cacheKey);
  if (station) return station;
  const codeKey = codeText === "" ? undefined : nameKey(codeText);
  const nameKeyText = nameText === "" ? undefined : nameKey(nameText);
  const key = codeKey ?? nameKeyText ?? "";
  station = stations.get(key);
  if (!station) {
    station = { label: nameText || codeText, codeKey, nameKey: nameKeyText, rows: new Map(), hourly: new Map(), slab: new BucketSlab(), daily: new Map(), conflicts: new Map() };
    stations.set(key, station);
  } else if (station.nameKey === undefined && nameKeyText !== undefined) {
    station.nameKey = nameKeyText;
    station.label = nameText;
  }
  cache.set(cacheKey, station);
  return station;
}

export type Placement = "kept" | "duplicate" | Conflict;

export function placeHour(station: StationReadings, day: number, hour: number, values: Float64Array, fileMask: number, file: number, line: number): Placement {
  const conflictKey = day * 24 + hour;
  const conflict = station.conflicts.get(conflictKey);
  if (conflict) {
    conflict.others.push({ file, line });
    return conflict;
  }
  let bucket = station.hourly.get(day);
  if (!bucket) {
    bucket = new HourBucket(station.slab);
    station.hourly.set(day, bucket);
  }
  const base = hour * pollutantCount;
  const meta = bucket.get(metaAt + hour);
  if (bucket.get(linesAt + hour) === 0) {
    for (let p = 0; p < pollutantCount; p++) bucket.set(base + p, values[p] ?? Number.NaN);
    bucket.set(linesAt + hour, line);
    bucket.set(metaAt + hour, packMeta(file, fileMask));
    return "kept";
  }
  // A second row for the station and hour: equal on the pollutants both give is a repeat (or, with
  // new pollutants, the other half of a split export); anything else is a conflict.
  const storedMask = metaMask(meta);
  let differs = false;
  let adds = false;
  for (let p = 0; p < pollutantCount; p++) {
    const bit = hourlyMask(hourlyPollutants[p] ?? "pm25");
    const inNew = (fileMask & bit) !== 0;
    const inStored = (storedMask & bit) !== 0;
    const incoming = values[p] ?? Number.NaN;
    if (inNew && inStored && !sameValue(bucket.get(base + p), incoming)) differs = true;
    if (inNew && !inStored) adds = true;
  }
  if (!differs && !adds) return "duplicate";
  if (!differs) {
    for (let p = 0; p < pollutantCount; p++) {
      const incoming = values[p] ?? Number.NaN;
      if (!Number.isNaN(incoming) && Number.isNaN(bucket.get(base + p))) bucket.set(base + p, incoming);
    }
    bucket.set(metaAt + hour, packMeta(metaFile(meta), storedMask | fileMask));
    return "kept";
  }
  for (let p = 0; p < pollutantCount; p++) bucket.set(base + p, Number.NaN);
  const first = { file: metaFile(meta), line: bucket.get(linesAt + hour) };
  const created: Conflict = { first, others: [{ file, line }] };
  station.conflicts.set(conflictKey, created);
  return created;
}

export function placeDay(station: StationReadings, day: number, values: Float64Array, fileMask: number, file: number, line: number): Placement {
  const conflictKey = -(day + 1);
  const conflict = station.conflicts.get(conflictKey);
  if (conflict) {
    conflict.others.push({ file, line });
    return conflict;
  }
  const stored = station.daily.get(day);
  if (!stored) {
    const fresh = new Float64Array(dailyRowSize);
    fresh.set(values);
    fresh[dailyLineAt] = line;
    fresh[dailyMetaAt] = packMeta(file, fileMask);
    station.daily.set(day, fresh);
    return "kept";
  }
  const meta = stored[dailyMetaAt] ?? 0;
  const storedMask = metaMask(meta);
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
    stored[dailyMetaAt] = packMeta(metaFile(meta), storedMask | fileMask);
    return "kept";
  }
  stored.fill(Number.NaN, 0, dailyCount);
  const created: Conflict = { first: { file: metaFile(meta), line: stored[dailyLineAt] ?? 0 }, others: [{ file, line }] };
  station.conflicts.set(conflictKey, created);
  return created;
}


export interface ResolvedStation {
  label: string;
  area: Area;
  national: boolean;
  /** Daily values by day; NaN where a pollutant has no valid daily value. */
  days: Map<number, StationDay>;
  /** Union of the pollutants the station's files give (bits of dailyAirPollutants). */
  mask: number;
}

export interface StationDay {
  values: Float64Array;
  /** file × 2^32 + line of the first row behind the day; see originOf. */
  origin: number;
  /** Why a pollutant the station reports has no valid daily value ("19 valid hours"). */
  problems: Map<DailyAirPollutant, string> | undefined;
}

function stampOf(key: number): string {
  return key < 0 ? isoOfDay(-key - 1) : `${isoOfDay(Math.floor(key / 24))} ${String(key % 24).padStart(2, "0")}:00`;
}

/**
 * Give every kept row its fate now that the station list is in: used when the station has an
 * area, rejected when it has none; conflicting rows and daily rows shadowed by hours are rejected.
 */
export function resolveStations(state: StationDayStore, context: AirContext): { station: ResolvedStation; readings: StationReadings }[] {
  const resolved: { station: ResolvedStation; readings: StationReadings }[] = [];
  const listedLabels = [...new Set([...context.stations.values()].map((listed) => listed.label))];
  for (const readings of state.stations.values()) {
    for (const [key, conflict] of readings.conflicts) {
      const sink = state.sinks[conflict.first.file];
      sink?.reject(issue(
        "conflicting-rows",
        `station "${readings.label}" at ${stampOf(key)} has different values here and at ${conflict.others.map((other) => where(state.sinks, other, conflict.first.file)).join(", ")}; neither is used`,
        { location: { file: sink.file, line: conflict.first.line }, hint: "keep one row per station and time; remove the wrong one" },
      ));
    }
    for (const [day, row] of readings.daily) {
      if (!readings.hourly.has(day)) continue;
      readings.daily.delete(day);
      const meta = row[dailyMetaAt] ?? 0;
      const file = metaFile(meta);
      const sink = state.sinks[file];
      const rows = readings.rows.get(file);
      if (!sink || !rows) continue;
      rows.count -= 1;
      sink.reject(issue(
        "daily-and-hourly",
        `station "${readings.label}" has hourly readings and a daily row for ${isoOfDay(day)}; the day is computed from the hours and this row is not used`,
        { location: { file: sink.file, line: row[dailyLineAt] ?? 0 } },
      ));
    }

    const listed = findListedStation(context, [readings.codeKey, readings.nameKey]);
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
      const unplaced = issue(
        "unknown-station",
        `station "${readings.label}" (first at line ${rows.firstLine}) cannot be placed in an area: ${why}; its ${rows.count} row${rows.count === 1 ? " is" : "s are"} rejected`,
        { location: { file: sink.file, line: rows.firstLine }, hint: "list the station in a station list file (站点,区县) or add an area (区县) column to the readings" },
      );
      // One issue for all of the station's rows in the file, passed with each rejected row.
      for (let row = 0; row < rows.count; row++) sink.reject(unplaced);
    }
  }
  return resolved;
}

/** Daily values of one station from its hourly buckets and daily rows (GB 3095 Table 4); frees the buckets. */
export function computeStationDays(station: ResolvedStation, readings: StationReadings): void {
  const hours: number[] = new Array<number>(24);
  for (const [day, bucket] of readings.hourly) {
    const values = new Float64Array(dailyCount).fill(Number.NaN);
    const problems = new Map<DailyAirPollutant, string>();
    let mask = 0;
    let origin = Infinity;
    for (let hour = 0; hour < 24; hour++) {
      const line = bucket.get(linesAt + hour);
      if (line === 0) continue;
      const meta = bucket.get(metaAt + hour);
      mask |= metaMask(meta);
      origin = Math.min(origin, packOrigin(metaFile(meta), line));
    }
    for (let p = 0; p < pollutantCount; p++) {
      const pollutant = hourlyPollutants[p] ?? "pm25";
      if ((mask & hourlyMask(pollutant)) === 0) continue;
      let valid = 0;
      for (let hour = 0; hour < 24; hour++) {
        const value = bucket.get(hour * pollutantCount + p);
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
    const mask = metaMask(meta);
    const values = row.slice(0, dailyCount);
    const problems = new Map<DailyAirPollutant, string>();
    dailyAirPollutants.forEach((pollutant, p) => {
      if ((mask & (1 << p)) !== 0 && Number.isNaN(values[p] ?? Number.NaN)) problems.set(pollutant, "missing");
    });
    station.mask |= mask;
    station.days.set(day, { values, origin: packOrigin(metaFile(meta), row[dailyLineAt] ?? 0), problems: problems.size > 0 ? problems : undefined });
  }
  readings.hourly.clear();
  readings.slab = new BucketSlab();
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
export function reportInvalidStationDays(station: ResolvedStation, sinks: readonly RowSink[], issues: Issue[]): void {
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
    issues.push(issue(
      "invalid-days",
      `station "${station.label}" (${station.area.name}), ${month}: ${entry.bad.length} of ${entry.total} days without a valid daily value (a daily mean needs ${airValidityMinimums.hoursPerDailyMean} valid hours): ${shown}${more}; those days are left out, not averaged`,
      { location: Number.isFinite(entry.origin) ? originOf(sinks, entry.origin) : { file: sinks[0]?.file ?? "?" } },
    ));
  }
}
