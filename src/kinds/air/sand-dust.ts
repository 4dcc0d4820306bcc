/**
 * Sand-dust days (沙尘天气过程影响日): city-days whose particulate data the national centre removes
 * for assessment (环办监测〔2016〕120号). The air kind leaves them out of PM2.5 means (扣沙) and keeps
 * them in the good-day and heavy-pollution shares (reference section 4).
 */
import { nameKey, type PlanLookup } from "../../plan/lookup.js";
import { cellText, isBlank, matchColumns } from "../observations.js";
import { parsePeriod, periodHint } from "../../vocabulary/period.js";
import type { DataRecord } from "../../read/records.js";
import type { AirContext } from "./context.js";
import { readingColumns, readingPollutantOf } from "./columns.js";
import { defineRawKind, type RawRowSink } from "../kind.js";

export type SandDustColumn = "sandDate" | "date" | "flag" | "area" | "station";

export const sandDustColumns: Record<SandDustColumn, readonly string[]> = {
  sandDate: ["sand_dust_date", "sanddustdate", "dust_date", "沙尘日期", "沙尘日", "沙尘天气日期", "沙尘影响日期"],
  date: readingColumns.time,
  flag: ["sand_dust", "sanddust", "sand-dust", "dust_event", "沙尘", "沙尘天气", "沙尘影响", "受沙尘影响", "是否沙尘", "是否受沙尘影响"],
  area: readingColumns.area,
  station: [...readingColumns.station, ...readingColumns.stationCode],
};

const yes = new Set(["yes", "y", "1", "true", "是", "有", "√", "✓", "沙尘"]);
const no = new Set(["no", "n", "0", "false", "否", "无", "×", "✗"]);

interface SandDustState {
  context: AirContext;
  lookup: PlanLookup;
}

function detectSandDust(headers: readonly string[]): boolean {
  const columns = matchColumns(headers, sandDustColumns);
  return (
    (columns.has("sandDate") || (columns.has("date") && columns.has("flag"))) &&
    !columns.has("station") &&
    !headers.some((header) => readingPollutantOf(header) !== undefined)
  );
}

async function consumeSandDust(records: AsyncIterable<DataRecord>, sink: RawRowSink, state: SandDustState): Promise<void> {
  let columns: Map<SandDustColumn, string> | undefined;
  for await (const record of records) {
    sink.read();
    columns ??= matchColumns(record.cells.keys(), sandDustColumns);
    if (isBlank(record)) {
      sink.skip();
      continue;
    }
    const header = (column: SandDustColumn) => columns?.get(column);
    const cellOf = (column: SandDustColumn) => {
      const name = header(column);
      return name === undefined ? undefined : record.cells.get(name);
    };
    const reject = (code: string, message: string, column: SandDustColumn, hint: string) => {
      const at = cellOf(column);
      sink.reject({ code, severity: "error", message, location: { file: sink.file, line: at?.line ?? record.line, column: at?.column ?? record.column }, hint });
    };

    const dateColumn: SandDustColumn = header("sandDate") !== undefined ? "sandDate" : "date";
    const parsed = parsePeriod(cellText(cellOf(dateColumn)));
    if (!parsed.ok || parsed.period.kind !== "day") {
      reject("bad-period", parsed.ok ? `"${parsed.period.label}" is not a day; a sand-dust list names days` : parsed.reason, dateColumn, periodHint);
      continue;
    }
    const flagText = cellText(cellOf("flag"));
    if (header("flag") !== undefined && dateColumn === "date") {
      const key = nameKey(flagText);
      if (no.has(key)) {
        sink.used();
        continue;
      }
      if (!yes.has(key)) {
        reject("bad-flag", `cannot read "${flagText}" as sand-dust yes or no`, "flag", "write yes/no, 1/0 or 是/否");
        continue;
      }
    }
    const areaText = cellText(cellOf("area"));
    const area = areaText === "" ? state.lookup.city : state.lookup.findArea(areaText);
    if (!area) {
      reject("unknown-area", `unknown area "${areaText}"${state.lookup.suggestArea(areaText)}`, "area", `${state.lookup.areaHint}; or leave it blank`);
      continue;
    }
    const date = parsed.period.start;
    const entry = state.context.sandDust.get(date);
    // A day named for the city (or for no area) applies to every area.
    const everyArea = area.code === state.lookup.city.code;
    if (!entry) {
      state.context.sandDust.set(date, { areas: everyArea ? undefined : new Set([area.code]), location: { file: sink.file, line: record.line } });
    } else if (everyArea) {
      entry.areas = undefined;
    } else {
      entry.areas?.add(area.code);
    }
    sink.used();
  }
}

export const sandDustKind = defineRawKind<SandDustState>({
  id: "sand-dust-days",
  description: "days affected by sand and dust (沙尘日期, optional 区县): left out of PM2.5 means (扣沙), kept in the good-day and heavy-pollution shares",
  detect: detectSandDust,
  createState: (options) => ({ context: options.air, lookup: options.lookup }),
  consume: consumeSandDust,
  finish: () => ({ observations: [], issues: [] }),
});
