/**
 * A station list: which area each monitoring station is in, and whether it is a national-network
 * assessment station (国控) that counts for the city value. The air kind reads it through the
 * run's air context, whether the list comes before or after the readings.
 */
import { issue } from "../../vocabulary/catalogue.js";
import type { Issue } from "../../vocabulary/issues.js";
import type { PlanLookup } from "../../plan/lookup.js";
import { matchColumns, nameKey, observationColumns, yesNoReader } from "../../vocabulary/names.js";
import { areaNames, eachRow, type AreaNames } from "../rows.js";
import type { DataRecord } from "../../read/records.js";
import type { AirContext, ListedStation } from "./context.js";
import { readingColumns, readingPollutantOf } from "./columns.js";
import { defineKind, type RowSink } from "../kind.js";

export type StationListColumn = "stationCode" | "station" | "area" | "national" | "name" | "lat" | "lon";

/** Header spellings of a station list, compared after nameKey (case, width and spaces ignored). */
export const stationListColumns: Record<StationListColumn, readonly string[]> = {
  stationCode: readingColumns.stationCode,
  station: readingColumns.station,
  area: readingColumns.area,
  national: ["national", "is_national", "national_station", "国控", "国控点", "是否国控", "是否国控点", "国控站点", "城市评价点", "评价点", "考核点", "站点级别", "级别", "level"],
  name: ["name", "名称", "全称", "站点全称"],
  lat: ["lat", "latitude", "纬度"],
  lon: ["lon", "lng", "longitude", "经度"],
};

const readNational = yesNoReader({ yes: ["国控", "国控点", "国家", "national"], no: ["非国控", "省控", "市控", "区控", "县控", "省控点", "市控点"] });

/** Read a national flag; blank means yes (a listed station counts for the city unless the list says not). */
export function parseNationalFlag(text: string): boolean | undefined {
  return nameKey(text) === "" ? true : readNational(text);
}

interface PendingStation {
  listed: ListedStation;
  /** nameKey of its code and of its name. */
  keys: string[];
  sink: RowSink;
  line: number;
}

interface StationListState {
  context: AirContext;
  lookup: PlanLookup;
  areas: AreaNames;
  /** Rows kept until finish(), when a later row may still have put them in conflict. */
  pending: PendingStation[];
}

function detectStationList(headers: readonly string[]): boolean {
  const columns = matchColumns(headers, stationListColumns);
  const values = matchColumns(headers, { value: observationColumns.value, indicator: observationColumns.indicator });
  return (
    (columns.has("station") || columns.has("stationCode")) &&
    columns.has("area") &&
    values.size === 0 &&
    !headers.some((header) => readingPollutantOf(header) !== undefined)
  );
}

async function consumeStationList(records: AsyncIterable<DataRecord>, sink: RowSink, state: StationListState): Promise<void> {
  const { areas, context } = state;
  const byKey = new Map<string, PendingStation>();
  for (const pending of state.pending) for (const key of pending.keys) byKey.set(key, pending);

  await eachRow(records, sink, { spellings: stationListColumns }, (row) => {
    const code = row.text("stationCode");
    const name = row.text("station") || row.text("name");
    if (code === "" && name === "") {
      return row.reject("missing-station", "no station named", row.header("station") !== undefined ? "station" : "stationCode", "name the station (站点) on every row");
    }
    const areaText = row.text("area");
    const area = areas.find(areaText);
    if (!area) {
      if (areaText === "") return row.reject("missing-area", `no area given for station "${name || code}"`, "area", areas.hint);
      return row.reject("unknown-area", areas.unknown(areaText), "area", areas.hint);
    }
    const nationalText = row.text("national");
    const national = parseNationalFlag(nationalText);
    if (national === undefined) {
      return row.reject("bad-national-flag", `cannot read "${nationalText}" as national (国控) yes or no`, "national", "write yes/no, 1/0, 是/否, or 国控/省控; blank means yes");
    }

    const line = row.record.line;
    const listed: ListedStation = { label: name || code, area, national, location: { file: sink.file, line } };
    const keys = [...new Set([code, name].filter((text) => text !== "").map(nameKey))];
    const earlier = keys.map((key) => byKey.get(key)).find((found) => found !== undefined);
    if (earlier) {
      if (earlier.listed.area.code === area.code && earlier.listed.national === national && earlier.listed.conflict === undefined) {
        sink.skip();
        sink.warn(issue(
          "duplicate-row",
          `station "${listed.label}" is listed again with the same area (first at ${describe(earlier, sink)}); counted once`,
          { location: listed.location },
        ));
        return;
      }
      const message = `the station list gives it ${earlier.listed.area.name}${earlier.listed.national ? "" : " (not national)"} at ${describe(earlier, sink)} and ${area.name}${national ? "" : " (not national)"} at line ${line}`;
      earlier.listed.conflict ??= message;
      sink.reject(issue(
        "conflicting-station",
        `station "${listed.label}": ${message}; neither row is used`,
        { location: listed.location, hint: "list each station once" },
      ));
      return;
    }
    const pending: PendingStation = { listed, keys, sink, line };
    state.pending.push(pending);
    for (const key of keys) {
      byKey.set(key, pending);
      context.stations.set(key, listed);
    }
  });
}

function describe(pending: PendingStation, relativeTo: RowSink): string {
  return pending.sink === relativeTo ? `line ${pending.line}` : `${pending.sink.file}:${pending.line}`;
}

export const stationListKind = defineKind<StationListState>({
  id: "station-list",
  description: "a list of air monitoring stations (站点, 区县, optional 国控 yes/no): places each station's readings in an area; national stations make the city value",
  detect: detectStationList,
  produces: [],
  createState: (options) => ({ context: options.air, lookup: options.lookup, areas: areaNames(options.lookup), pending: [] }),
  consume: consumeStationList,
  finish: (state) => {
    const issues: Issue[] = [];
    for (const pending of state.pending) {
      if (pending.listed.conflict === undefined) {
        pending.sink.used();
        continue;
      }
      pending.sink.reject(issue(
        "conflicting-station",
        `station "${pending.listed.label}": ${pending.listed.conflict}; neither row is used`,
        { location: pending.listed.location, hint: "list each station once" },
      ));
    }
    return { observations: [], issues };
  },
});
