/**
 * Sand-dust days (沙尘天气过程影响日): city-days whose particulate data the national centre removes
 * for assessment (环办监测〔2016〕120号). The air kind leaves them out of PM2.5 means (扣沙) and keeps
 * them in the good-day and heavy-pollution shares (reference section 4).
 */
import type { PlanLookup } from "../../plan/lookup.js";
import { matchColumns, yesNoReader } from "../../vocabulary/names.js";
import { areaNames, eachRow, type AreaNames } from "../rows.js";
import { parsePeriod, periodHint } from "../../vocabulary/period.js";
import type { DataRecord } from "../../read/records.js";
import type { AirContext } from "./context.js";
import { readingColumns, readingPollutantOf } from "./columns.js";
import { defineKind, type RowSink } from "../kind.js";

export type SandDustColumn = "sandDate" | "date" | "flag" | "area" | "station";

export const sandDustColumns: Record<SandDustColumn, readonly string[]> = {
  sandDate: ["sand_dust_date", "sanddustdate", "dust_date", "沙尘日期", "沙尘日", "沙尘天气日期", "沙尘影响日期"],
  date: readingColumns.time,
  flag: ["sand_dust", "sanddust", "sand-dust", "dust_event", "沙尘", "沙尘天气", "沙尘影响", "受沙尘影响", "是否沙尘", "是否受沙尘影响"],
  area: readingColumns.area,
  station: [...readingColumns.station, ...readingColumns.stationCode],
};

const readSandDustFlag = yesNoReader({ yes: ["有", "沙尘"], no: ["无"] });

interface SandDustState {
  context: AirContext;
  lookup: PlanLookup;
  areas: AreaNames;
}

function detectSandDust(headers: readonly string[]): boolean {
  const columns = matchColumns(headers, sandDustColumns);
  return (
    (columns.has("sandDate") || (columns.has("date") && columns.has("flag"))) &&
    !columns.has("station") &&
    !headers.some((header) => readingPollutantOf(header) !== undefined)
  );
}

async function consumeSandDust(records: AsyncIterable<DataRecord>, sink: RowSink, state: SandDustState): Promise<void> {
  const { areas } = state;
  await eachRow(records, sink, { spellings: sandDustColumns }, (row) => {
    const dateColumn: SandDustColumn = row.header("sandDate") !== undefined ? "sandDate" : "date";
    const parsed = parsePeriod(row.text(dateColumn));
    if (!parsed.ok || parsed.period.kind !== "day") {
      return row.reject("bad-period", parsed.ok ? `"${parsed.period.label}" is not a day; a sand-dust list names days` : parsed.reason, dateColumn, periodHint);
    }
    if (row.header("flag") !== undefined && dateColumn === "date") {
      const flagText = row.text("flag");
      const flag = readSandDustFlag(flagText);
      if (flag === false) return sink.used();
      if (flag === undefined) return row.reject("bad-flag", `cannot read "${flagText}" as sand-dust yes or no`, "flag", "write yes/no, 1/0 or 是/否");
    }
    const areaText = row.text("area");
    const area = areaText === "" ? areas.city : areas.find(areaText);
    if (!area) return row.reject("unknown-area", areas.unknown(areaText), "area", `${areas.hint}; or leave it blank`);
    const date = parsed.period.start;
    const entry = state.context.sandDust.get(date);
    // A day named for the city (or for no area) applies to every area.
    const everyArea = area.code === areas.city.code;
    if (!entry) {
      state.context.sandDust.set(date, { areas: everyArea ? undefined : new Set([area.code]), location: { file: sink.file, line: row.record.line } });
    } else if (everyArea) {
      entry.areas = undefined;
    } else {
      entry.areas?.add(area.code);
    }
    sink.used();
  });
}

export const sandDustKind = defineKind<SandDustState>({
  id: "sand-dust-days",
  description: "days affected by sand and dust (沙尘日期, optional 区县): left out of PM2.5 means (扣沙), kept in the good-day and heavy-pollution shares",
  detect: detectSandDust,
  produces: [],
  createState: (options) => ({ context: options.air, lookup: options.lookup, areas: areaNames(options.lookup) }),
  consume: consumeSandDust,
  finish: () => ({ observations: [], issues: [] }),
});
