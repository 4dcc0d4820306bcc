/**
 * CNEMC's wide layout: the national hourly files that circulate as china_sites_YYYYMMDD.csv have
 * one row per hour and quantity (date, hour, type = PM2.5, PM10, SO2, NO2, O3, CO, AQI, …_24h) and
 * one column per station code (1001A, 1002A, …). Turned here into the long layout the air-readings
 * kind reads: one record per station and hour, each cell keeping the line and column it came from.
 */
import type { Cell, DataRecord } from "../../read/records.js";
import { nameKey } from "../../vocabulary/names.js";
import { cellText } from "../rows.js";

const dateHeaders = new Set(["date", "日期"].map(nameKey));
const hourHeaders = new Set(["hour", "小时", "时"].map(nameKey));
const typeHeaders = new Set(["type", "类型", "监测项目", "污染物"].map(nameKey));
const stationCode = /^\d{3,4}[a-z]$/i;

/** The hourly quantities the air kind computes from; the AQI and the 24-hour and 8-hour running means are CNEMC's own. */
const readTypes = new Map(["PM2.5", "PM10", "SO2", "NO2", "O3", "CO"].map((type) => [nameKey(type), type]));

export interface WideLayout {
  date: string;
  hour: string | undefined;
  type: string;
  stations: string[];
}

/** The wide layout's columns, when these headers are one. */
export function cnemcWideLayout(headers: readonly string[]): WideLayout | undefined {
  const date = headers.find((header) => dateHeaders.has(nameKey(header)));
  const type = headers.find((header) => typeHeaders.has(nameKey(header)));
  const stations = headers.filter((header) => stationCode.test(header.trim()));
  if (date === undefined || type === undefined || stations.length === 0) return undefined;
  return { date, hour: headers.find((header) => hourHeaders.has(nameKey(header))), type, stations };
}

/**
 * One long record per station and hour, for the stations `keep` accepts. Rows of one date and
 * hour are consecutive in CNEMC's files; a station with no value in any of the six quantities that
 * hour gives no record.
 */
export async function* pivotCnemcWide(records: AsyncIterable<DataRecord>, layout: WideLayout, keep: (code: string) => boolean): AsyncGenerator<DataRecord> {
  const stations = layout.stations.filter((code) => keep(code.trim()));
  let group: DataRecord[] = [];
  let groupKey: string | undefined;
  function* flush(): Generator<DataRecord> {
    if (group.length === 0) return;
    // A quantity given twice in one hour starts a second set of records, so that the readings
    // kind's own rules report the repeat (same values, or a conflict) at its line.
    const layers: Map<string, DataRecord>[] = [];
    for (const record of group) {
      const type = readTypes.get(nameKey(cellText(record.cells.get(layout.type))));
      if (type === undefined) continue;
      let layer = layers.find((candidate) => !candidate.has(type));
      if (!layer) {
        layer = new Map();
        layers.push(layer);
      }
      layer.set(type, record);
    }
    if (layers.length === 0) layers.push(new Map());
    for (const [index, byType] of layers.entries()) yield* pivotLayer(index === 0 ? group[0]! : byType.values().next().value!, byType);
    group = [];
  }
  function* pivotLayer(first: DataRecord, byType: ReadonlyMap<string, DataRecord>): Generator<DataRecord> {
    for (const code of stations) {
      const cells = new Map<string, Cell>();
      const codeCell = first.cells.get(code);
      const at = { line: first.line, column: codeCell?.column ?? 1 };
      cells.set("date", first.cells.get(layout.date) ?? { value: "", ...at });
      if (layout.hour !== undefined) cells.set("hour", first.cells.get(layout.hour) ?? { value: "", ...at });
      cells.set("station_code", { value: code.trim(), ...at });
      let any = false;
      for (const type of readTypes.values()) {
        const source = byType.get(type)?.cells.get(code);
        cells.set(type, source ?? { value: "", ...at });
        if (source && cellText(source) !== "") any = true;
      }
      if (any) yield { line: first.line, column: 1, cells };
    }
  }
  for await (const record of records) {
    const key = `${cellText(record.cells.get(layout.date))}\u0000${layout.hour === undefined ? "" : cellText(record.cells.get(layout.hour))}`;
    if (key !== groupKey) yield* flush();
    groupKey = key;
    group.push(record);
  }
  yield* flush();
}
