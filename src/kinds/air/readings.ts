import { issue, type IssueCode } from "../../vocabulary/catalogue.js";
/**
 * The air-readings kind: station readings (hourly or daily) turned into the plan's air
 * indicators: PM2.5 mean, good-day share and heavy-pollution share, per area and month and year,
 * by GB 3095 validity and HJ 633 AQI.
 *
 * Rows are folded into station-days as they stream in (station-days.ts); every statistic is
 * computed in finish() (indicators.ts), once the station list, which may come after the
 * readings, and every file are in.
 */
import type { Issue, Location } from "../../vocabulary/issues.js";
import { isoOfDay } from "../../vocabulary/time.js";
import type { PlanLookup } from "../../plan/lookup.js";
import type { Area } from "../../plan/schema.js";
import { footerLabel, matchColumns } from "../../vocabulary/names.js";
import { cellText, isBlank } from "../rows.js";
import type { Cell, DataRecord } from "../../read/records.js";
import { defineKind, type FileShape, type KindOptions, type KindResult, type RowSink } from "../kind.js";
import { detached, simpleFieldBounds } from "../../read/csv.js";
import type { AirContext } from "./context.js";
import {
  dailyCount,
  hourLabelHint,
  INVALID,
  layoutFile,
  parseHourCell,
  parseReadingTime,
  plainNumberAt,
  readConcentration,
  readingColumns,
  readingPollutantOf,
  settleMode,
  chinaHourOf,
  type HourLabels,
  type ColumnSlot,
  type FileLayout,
  type ReadingTime,
  type TimeParse,
} from "./columns.js";
import {
  computeStationDays,
  maxReadingFiles,
  placeDay,
  placeHour,
  reportInvalidStationDays,
  resolveStations,
  stationOf,
  where,
  type StationDayStore,
  type StationReadings,
} from "./station-days.js";
import { airIndicatorIds, airIndicators } from "./indicators.js";
import { isFlagCode } from "../../standards/air-ranges.js";

interface AirState extends StationDayStore {
  lookup: PlanLookup;
  context: AirContext;
}

/** Unusable cells of one station and pollutant in a file: how many, and the first. */
interface CellTally {
  station: string;
  pollutant: string;
  count: number;
  line: number;
  text: string;
  ceiling: string;
}

function tally(tallies: Map<string, CellTally>, station: string, column: ColumnSlot, line: number, text: string): void {
  const key = `${station}\u0000${column.label}`;
  const found = tallies.get(key);
  if (found) found.count += 1;
  else tallies.set(key, { station, pollutant: column.label, count: 1, line, text, ceiling: `${column.ceiling} ${column.unit}` });
}

/** A readable row, not yet placed: hourly rows wait for the file's hour labels. */
interface WaitingRow {
  station: StationReadings;
  day: number;
  hour: number | undefined;
  offset: number | undefined;
  values: Float64Array;
  mask: number;
  line: number;
  timeText: string;
  timeAt: Location;
}

const maxWaitingRows = 100_000;

/** Where a station's name and code cells stand in simple lines, and the area they last gave. */
interface LineStation {
  code: string;
  name: string;
  station: StationReadings;
  areaText: string | undefined;
  area: Area | undefined;
}

/** Column numbers (0-based) of a file's reading columns in its header, for simple lines; -1 for none. */
interface LineColumns {
  count: number;
  time: number;
  code: number;
  name: number;
  area: number;
  /** By layout.slots. */
  slots: number[];
}

function sameText(text: string, start: number, end: number, expected: string): boolean {
  return end - start === expected.length && text.startsWith(expected, start);
}

async function consumeReadings(records: AsyncIterable<DataRecord>, sink: RowSink, state: AirState, shape?: FileShape): Promise<void> {
  const lookup = state.lookup;
  const fileIndex = state.sinks.length;
  state.sinks.push(sink);
  if (fileIndex > maxReadingFiles) {
    const tooMany = issue(
      "too-many-files",
      `more than ${maxReadingFiles} files of air readings in one run; this file is not read`,
      { location: { file: sink.file }, hint: "join the readings into fewer files (one per month or year)" },
    );
    // One issue for every row of the file, listed once.
    for await (const _ of records) {
      sink.read();
      sink.reject(tooMany);
    }
    return;
  }
  let layout: FileLayout | undefined;
  let missingColumns: Issue | undefined;
  const timeCache = new Map<string, TimeParse>();
  const areaCache = new Map<string, Area | undefined>();
  const stationCache = new Map<string, StationReadings>();
  const invalidCells = new Map<string, CellTally>();
  // Flag codes and values no air can have: invalid hours, warned about apart from unreadable cells.
  const implausibleCells = new Map<string, CellTally>();
  const duplicates = { count: 0, line: 0 };
  const values = new Float64Array(dailyCount);
  // Hourly rows wait here until the file shows how it labels its hours (an hour 0 or an hour 24).
  let labels: { kind: HourLabels; line: number } | undefined;
  const waiting: WaitingRow[] = [];

  const rejectAt = (code: IssueCode, message: string, location: Location, hint?: string) =>
    sink.reject(issue(code, message, { location, hint }));
  const reject = (code: IssueCode, message: string, record: DataRecord, cell: Cell | undefined, hint?: string) =>
    rejectAt(code, message, cell ? { file: sink.file, line: cell.line, column: cell.column } : { file: sink.file, line: record.line, column: record.column }, hint);

  /** Put one readable row into its station-day and give it its fate. */
  const place = (row: WaitingRow, hourLabels: HourLabels) => {
    if (layout?.mode !== "hourly") {
      placeAt(row, row.day, undefined);
      return;
    }
    const china = chinaHourOf(row.day, row.hour ?? 0, row.offset, hourLabels);
    if ("error" in china) {
      rejectAt("bad-time", `"${row.timeText}": ${china.error}`, row.timeAt, hourLabelHint);
      return;
    }
    placeAt(row, china.day, china.hour);
  };
  /** place() once the row's China Standard Time day and hour are known (no hour: a daily row). */
  const placeAt = (row: WaitingRow, day: number, hour: number | undefined) => {
    const outcome = hour === undefined ? placeDay(row.station, day, row.values, row.mask, fileIndex, row.line) : placeHour(row.station, day, hour, row.values, row.mask, fileIndex, row.line);
    if (outcome === "kept") {
      const rows = row.station.rows.get(fileIndex);
      if (rows) rows.count += 1;
      else row.station.rows.set(fileIndex, { count: 1, firstLine: row.line });
    } else if (outcome === "duplicate") {
      sink.skip();
      if (duplicates.count === 0) duplicates.line = row.line;
      duplicates.count += 1;
    } else {
      const others = [outcome.first, ...outcome.others.filter((other) => other.line !== row.line || other.file !== fileIndex)];
      const stamp = hour === undefined ? isoOfDay(day) : `${isoOfDay(day)} ${String(hour).padStart(2, "0")}:00`;
      rejectAt(
        "conflicting-rows",
        `station "${row.station.label}" at ${stamp} has different values here and at ${others.map((other) => where(state.sinks, other, fileIndex)).join(", ")}; neither is used`,
        row.timeAt,
        "keep one row per station and time; remove the wrong one",
      );
      // The earlier row was kept provisionally; it is rejected in finish() with its own issue.
      if (outcome.others.length === 1) {
        const earlier = row.station.rows.get(outcome.first.file);
        if (earlier) earlier.count -= 1;
      }
    }
  };
  const settleLabels = (kind: HourLabels, line: number) => {
    labels = { kind, line };
    for (const row of waiting) place(row, kind);
    waiting.length = 0;
  };

  /**
   * The hot path: a simple line (no quotes; every cell plain) whose time and station have been
   * seen, whose values are plain numbers within range, in a file whose mode and hour labels are
   * settled, is placed straight from the text. It takes a line only when the record path would
   * use it exactly so; anything else it declines, and the line is read as a record below.
   */
  const lineTap = shape?.lines;
  const delimiterCode = (lineTap?.delimiter ?? ",").charCodeAt(0);
  // null: this file's lines are never taken (a separate hour column); undefined: not yet known.
  let lineColumns: LineColumns | null | undefined;
  let bounds = new Int32Array(0);
  const lineStations = new Map<StationReadings, LineStation>();
  // Time-major exports list the stations in the same order every hour: the guess for the next line.
  const stationOrder: LineStation[] = [];
  let orderAt = 0;
  const footerCells = new Map<string, boolean>();
  let lastTimeText = "";
  let lastTime: ReadingTime | undefined;
  // The China Standard Time day and hour of lastTime under the file's hour labels, once asked.
  let lastChina: { day: number; hour: number } | undefined;
  // One row object for every line taken: place() keeps none of it, and timeAt is made only when asked.
  const lineRow = {
    station: undefined as unknown as StationReadings,
    day: 0,
    hour: undefined as number | undefined,
    offset: undefined as number | undefined,
    values,
    mask: 0,
    line: 0,
    timeText: "",
    timeColumn: 0,
    get timeAt(): Location {
      return { file: sink.file, line: this.line, column: this.timeColumn };
    },
  };
  const columnsOfLines = (): LineColumns | null | undefined => {
    const names = shape?.header()?.names;
    if (!names || !layout?.mode) return undefined;
    if (layout.hour !== undefined) return null;
    const index = (header: string | undefined) => (header === undefined ? -1 : names.indexOf(header));
    bounds = new Int32Array(2 * names.length);
    return { count: names.length, time: index(layout.time), code: index(layout.code), name: index(layout.name), area: index(layout.area), slots: layout.slots.map((column) => index(column.header)) };
  };
  const takeLine = (text: string, start: number, end: number, line: number): boolean => {
    if (!layout?.mode || missingColumns || (layout.mode === "hourly" && !labels)) return false;
    const columns = lineColumns === undefined ? (lineColumns = columnsOfLines()) : lineColumns;
    if (!columns || columns.time < 0) return false;
    if (!simpleFieldBounds(text, start, end, delimiterCode, bounds, columns.count)) return false;
    // A sign-off line (填报人：…) is the table's to report: its first cell names a footer label.
    for (let field = 0; field < columns.count; field++) {
      const from = bounds[2 * field]!;
      const to = bounds[2 * field + 1]!;
      if (from === to) continue;
      const code = text.charCodeAt(from);
      // No label opens with an ASCII digit or letter; other first cells (a station's Chinese name) are asked once each.
      if ((code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) break;
      const first = text.slice(from, to);
      let isFooter = footerCells.get(first);
      if (isFooter === undefined) {
        isFooter = footerLabel(first) !== undefined;
        if (footerCells.size < 10_000) footerCells.set(first, isFooter);
      }
      if (isFooter) return false;
      break;
    }
    const timeStart = bounds[2 * columns.time]!;
    const timeEnd = bounds[2 * columns.time + 1]!;
    if (timeStart === timeEnd) return false;
    if (!lastTime || !sameText(text, timeStart, timeEnd, lastTimeText)) {
      const timeText = detached(text, timeStart, timeEnd);
      let parsed = timeCache.get(timeText);
      if (!parsed) {
        parsed = parseReadingTime(timeText);
        if (timeCache.size > 200_000) timeCache.clear();
        timeCache.set(timeText, parsed);
      }
      if ("error" in parsed) return false;
      lastTimeText = timeText;
      lastTime = parsed;
      lastChina = undefined;
      orderAt = 0;
    }
    const time = lastTime;
    const hour = time.hour;
    if (layout.mode === "hourly") {
      if (hour === undefined || (hour === 0 && labels?.kind !== "start") || (hour === 24 && labels?.kind !== "end")) return false;
    } else if (hour !== undefined && hour !== 0) return false;

    const codeStart = columns.code < 0 ? 0 : bounds[2 * columns.code]!;
    const codeEnd = columns.code < 0 ? 0 : bounds[2 * columns.code + 1]!;
    const nameStart = columns.name < 0 ? 0 : bounds[2 * columns.name]!;
    const nameEnd = columns.name < 0 ? 0 : bounds[2 * columns.name + 1]!;
    if (codeStart === codeEnd && nameStart === nameEnd) return false;
    let known = stationOrder[orderAt];
    if (!known || !sameText(text, codeStart, codeEnd, known.code) || !sameText(text, nameStart, nameEnd, known.name)) {
      // Only a station the record path has already met: creating one is its business.
      const station = stationCache.get(`${text.slice(codeStart, codeEnd)}\u0000${text.slice(nameStart, nameEnd)}`);
      if (!station) return false;
      known = lineStations.get(station);
      if (!known) {
        known = { code: detached(text, codeStart, codeEnd), name: detached(text, nameStart, nameEnd), station, areaText: undefined, area: undefined };
        lineStations.set(station, known);
      }
      stationOrder[orderAt] = known;
    }
    const station = known.station;

    let area: Area | undefined;
    if (columns.area >= 0) {
      const areaStart = bounds[2 * columns.area]!;
      const areaEnd = bounds[2 * columns.area + 1]!;
      if (areaStart < areaEnd) {
        if (known.areaText !== undefined && sameText(text, areaStart, areaEnd, known.areaText)) area = known.area;
        else {
          const areaText = detached(text, areaStart, areaEnd);
          if (!areaCache.has(areaText)) areaCache.set(areaText, lookup.findArea(areaText));
          area = areaCache.get(areaText);
          if (!area) return false;
          known.areaText = areaText;
          known.area = area;
        }
        if (area && station.dataArea && station.dataArea.area.code !== area.code && !station.areaMismatchWarned) return false;
      }
    }

    values.fill(Number.NaN);
    let readable = false;
    const slots = layout.slots;
    for (let index = 0; index < slots.length; index++) {
      const column = slots[index]!;
      const at = columns.slots[index]!;
      if (at < 0) return false;
      const valueStart = bounds[2 * at]!;
      const valueEnd = bounds[2 * at + 1]!;
      if (valueStart === valueEnd) continue;
      const value = plainNumberAt(text, valueStart, valueEnd);
      // Not plain, or possibly a flag code: the record path tallies it.
      if (value < 0 || value >= 9999) return false;
      const scaled = column.factor === 1 ? value : value * column.factor;
      if (scaled > column.ceiling) return false;
      values[column.slot] = scaled;
      readable = true;
    }
    if (!readable) return false;

    sink.read();
    if (area && !station.dataArea) station.dataArea = { area, file: fileIndex, line };
    lineRow.station = station;
    lineRow.day = time.day;
    lineRow.hour = hour;
    lineRow.offset = time.offset;
    lineRow.mask = layout.mask;
    lineRow.line = line;
    lineRow.timeText = lastTimeText;
    lineRow.timeColumn = columns.time + 1;
    if (layout.mode === "daily") placeAt(lineRow, time.day, undefined);
    else {
      if (!lastChina) {
        const china = chinaHourOf(time.day, hour ?? 0, time.offset, labels!.kind);
        if ("error" in china) place(lineRow, labels!.kind);
        else lastChina = china;
      }
      if (lastChina) placeAt(lineRow, lastChina.day, lastChina.hour);
    }
    orderAt += 1;
    return true;
  };
  if (lineTap) lineTap.take = takeLine;

  for await (const record of records) {
    sink.read();
    if (!layout) {
      layout = layoutFile([...record.cells.keys()]);
      if (layout.time === "" || (layout.code === undefined && layout.name === undefined) || layout.found.size === 0) {
        const missing = [layout.time === "" ? "time (时间, 日期)" : "", layout.code === undefined && layout.name === undefined ? "station (站点, 站点名称)" : "", layout.found.size === 0 ? "a pollutant (PM2.5, PM10, SO2, NO2, CO, O3)" : ""].filter(Boolean);
        missingColumns = issue(
          "missing-column",
          `station readings need ${missing.join(", ")}; every row of the file is rejected`,
          { location: { file: sink.file, line: Math.max(1, record.line - 1), column: 1 } },
        );
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

    const station = stationOf(state.stations, stationCache, codeText, nameText);
    if (area) {
      if (!station.dataArea) station.dataArea = { area, file: fileIndex, line: record.line };
      else if (station.dataArea.area.code !== area.code && !station.areaMismatchWarned) {
        station.areaMismatchWarned = true;
        sink.warn(issue(
          "station-area-mismatch",
          `station "${station.label}" is in ${station.dataArea.area.name} at ${where(state.sinks, station.dataArea, fileIndex)} but in ${area.name} here; ${station.dataArea.area.name} is used`,
          { location: { file: sink.file, line: record.line } },
        ));
      }
    }

    values.fill(Number.NaN);
    let readable = false;
    for (const column of layout.slots) {
      const cell = cells.get(column.header);
      const value = readConcentration(cell);
      if (value === INVALID) {
        const text = cellText(cell);
        tally(isFlagCode(text) ? implausibleCells : invalidCells, station.label, column, record.line, text);
        continue;
      }
      if (Number.isNaN(value)) continue;
      const scaled = column.factor === 1 ? value : value * column.factor;
      if (scaled > column.ceiling || (value >= 9999 && isFlagCode(cellText(cell)))) {
        tally(implausibleCells, station.label, column, record.line, cellText(cell));
        continue;
      }
      values[column.slot] = scaled;
      readable = true;
    }
    if (!readable) {
      // Nothing to read in the row (every concentration blank or unusable): an absent hour, counted as skipped.
      sink.skip();
      continue;
    }

    const row: WaitingRow = {
      station,
      day: time.day,
      hour,
      offset: time.offset,
      values,
      mask: layout.mask,
      line: record.line,
      timeText,
      timeAt: timeCell ? { file: sink.file, line: timeCell.line, column: timeCell.column } : { file: sink.file, line: record.line, column: record.column },
    };
    if (layout.mode === "daily") {
      place(row, "start");
      continue;
    }
    if (hour === 0 || hour === 24) {
      const kind: HourLabels = hour === 0 ? "start" : "end";
      if (labels && labels.kind !== kind) {
        const message =
          kind === "end"
            ? `hour 24 in a file that labels its hours 0-23 (hour 0 at line ${labels.line}); read as the start of its hour, 24 is no hour`
            : `hour 0 in a file that labels its hours 1-24 (hour 24 at line ${labels.line}); read as the end of its hour, 0 is no hour`;
        rejectAt("bad-time", `"${timeText}": ${message}`, row.timeAt, hourLabelHint);
        continue;
      }
      if (!labels) settleLabels(kind, record.line);
    }
    if (labels) place(row, labels.kind);
    else {
      waiting.push({ ...row, values: values.slice() });
      // A file that never shows an hour 0 or 24 is read as the usual 0-23, without holding it all.
      if (waiting.length >= maxWaitingRows) settleLabels("start", record.line);
    }
  }
  if (lineTap) lineTap.take = undefined;
  if (waiting.length > 0) settleLabels("start", 0);

  for (const tally of implausibleCells.values()) {
    sink.warn(issue(
      "implausible-reading",
      `station "${tally.station}": ${tally.count} ${tally.pollutant} value${tally.count === 1 ? " is an instrument code or beyond what air can hold" : "s are instrument codes or beyond what air can hold"} (a flag such as -99 or 9999, or above ${tally.ceiling}; first "${tally.text}" at line ${tally.line}); ${tally.count === 1 ? "that hour counts" : "those hours count"} as invalid and the rest of each row is used`,
      { location: { file: sink.file, line: tally.line }, hint: "leave an hour the instrument did not measure blank; check the column's unit (CO in mg/m3, the rest in ug/m3)" },
    ));
  }
  for (const tally of invalidCells.values()) {
    sink.warn(issue(
      "invalid-reading",
      `station "${tally.station}": ${tally.count} ${tally.pollutant} value${tally.count === 1 ? "" : "s"} cannot be used (negative or not a number, first "${tally.text}" at line ${tally.line}); ${tally.count === 1 ? "it counts" : "they count"} as missing and the rest of each row is used`,
      { location: { file: sink.file, line: tally.line }, hint: "write concentrations as plain numbers ≥ 0; leave a missing one blank" },
    ));
  }
  if (duplicates.count > 0) {
    sink.warn(issue(
      "duplicate-row",
      `${duplicates.count} row${duplicates.count === 1 ? " repeats" : "s repeat"} an earlier row exactly (same station, time and values; first at line ${duplicates.line}); counted once`,
      { location: { file: sink.file, line: duplicates.line } },
    ));
  }
}

function finishReadings(state: AirState, options: KindOptions): KindResult {
  const issues: Issue[] = [];
  const stations = resolveStations(state, state.context).map(({ station, readings }) => {
    computeStationDays(station, readings);
    reportInvalidStationDays(station, state.sinks, issues);
    return station;
  });
  const observations = airIndicators(stations, state.sinks, state.context, options, issues);
  return { observations, issues };
}

/** True when the header names a time, a station and at least one pollutant. */
function detectReadings(headers: readonly string[]): boolean {
  const columns = matchColumns(headers, readingColumns);
  return columns.has("time") && (columns.has("station") || columns.has("stationCode")) && headers.some((header) => readingPollutantOf(header) !== undefined);
}

export const airKind = defineKind<AirState>({
  id: "air-readings",
  description:
    "hourly or daily air readings per station (时间, 站点, PM2.5, PM10, SO2, NO2, CO, O3 or O3_8h); gives PM2.5 means, good-day and heavy-pollution shares per area by GB 3095 validity and HJ 633 AQI",
  detect: detectReadings,
  produces: Object.values(airIndicatorIds),
  createState: (options) => ({ lookup: options.lookup, context: options.air, sinks: [], stations: new Map() }),
  consume: consumeReadings,
  finish: finishReadings,
});