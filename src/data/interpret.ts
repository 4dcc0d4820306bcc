import type { Issue, Location } from "../errors.js";
import { nameKey, type PlanLookup } from "../plan/lookup.js";
import type { Indicator } from "../plan/schema.js";
import { looksLikeMojibake } from "./decode.js";
import type { Observation } from "./observation.js";
import { parsePeriod, periodHint } from "./period.js";
import type { Cell, DataRecord } from "./records.js";
import { convert, findUnit } from "./units.js";
import { parseValue } from "./value.js";

/** Where a reader puts each row's fate; read = used + rejected + skipped. */
export interface RowSink {
  file: string;
  read(): void;
  skip(): void;
  /** Reject rows (one by default) for the reason the issue gives. */
  reject(issue: Issue, rows?: number): void;
  warn(issue: Issue): void;
  use(observation: Observation): void;
  /** A problem with the file rather than with one row. */
  structural(issue: Issue): void;
}

export type ObservationColumn = "indicator" | "area" | "period" | "value" | "unit" | "source" | "note";

/** Accepted header spellings, compared after nameKey (case, width and spaces ignored). */
export const observationColumns: Record<ObservationColumn, readonly string[]> = {
  indicator: ["indicator", "指标", "指标名称", "指标代码", "indicator_id", "indicatorid"],
  area: ["area", "区县", "地区", "区域", "行政区", "区县(市)", "区县市", "district", "area_code", "地区代码", "区划代码"],
  period: ["period", "时间", "期间", "月份", "年份", "日期", "统计期", "date", "month", "year"],
  value: ["value", "数值", "值", "数据", "监测值"],
  unit: ["unit", "单位", "计量单位"],
  source: ["source", "来源", "数据来源"],
  note: ["note", "备注", "notes", "remark", "说明"],
};

const requiredColumns: readonly ObservationColumn[] = ["indicator", "area", "period", "value"];

/** Map each canonical column to the header name used in this file. */
export function matchColumns<C extends string>(headerNames: Iterable<string>, spellings: Record<C, readonly string[]>): Map<C, string> {
  const byKey = new Map<string, C>();
  for (const [column, names] of Object.entries(spellings) as [C, readonly string[]][]) {
    for (const name of names) byKey.set(nameKey(name), column);
  }
  const matched = new Map<C, string>();
  for (const header of headerNames) {
    const column = byKey.get(nameKey(header));
    if (column && !matched.has(column)) matched.set(column, header);
  }
  return matched;
}

export function cellText(cell: Cell | undefined): string {
  if (!cell || cell.value === null) return "";
  if (typeof cell.value === "object") return "";
  return String(cell.value).trim();
}

export function isBlank(record: DataRecord): boolean {
  for (const cell of record.cells.values()) if (cellText(cell) !== "") return false;
  return true;
}

/** Turn general-format records (indicator, area, period, value) into observations, row by row. */
export async function interpretObservationRecords(records: AsyncIterable<DataRecord>, lookup: PlanLookup, sink: RowSink): Promise<void> {
  let columns: Map<ObservationColumn, string> | undefined;
  let missing: ObservationColumn[] = [];
  let missingRows = 0;
  let firstLine = 0;

  for await (const record of records) {
    sink.read();
    if (!columns) {
      columns = matchColumns(record.cells.keys(), observationColumns);
      missing = requiredColumns.filter((column) => !columns!.has(column));
      firstLine = record.line;
    }
    if (isBlank(record)) {
      sink.skip();
      continue;
    }
    if (missing.length > 0) {
      missingRows += 1;
      continue;
    }
    interpretRow(record, columns, lookup, sink);
  }

  if (missing.length > 0 && columns) {
    const spellings = missing.map((column) => `${column} (${observationColumns[column].slice(0, 4).join(", ")})`).join("; ");
    const issue: Issue = {
      code: "missing-column",
      severity: "error",
      message: `required column${missing.length > 1 ? "s" : ""} missing: ${spellings}; all ${missingRows} data row(s) rejected`,
      location: { file: sink.file, line: Math.max(1, firstLine - 1), column: 1 },
      hint: "the header row must name indicator, area, period and value (Chinese headers 指标, 区县, 时间, 数值 also work)",
    };
    if (missingRows > 0) sink.reject(issue, missingRows);
    else sink.structural(issue);
  }
}

function interpretRow(record: DataRecord, columns: Map<ObservationColumn, string>, lookup: PlanLookup, sink: RowSink): void {
  const cell = (column: ObservationColumn) => {
    const header = columns.get(column);
    return header === undefined ? undefined : record.cells.get(header);
  };
  const reject = (code: string, message: string, at: Cell | undefined, hint?: string) =>
    sink.reject({
      code,
      severity: "error",
      message,
      location: locate(sink.file, record, at),
      ...(hint ? { hint } : {}),
    });

  const indicatorCell = cell("indicator");
  const indicatorName = cellText(indicatorCell);
  const indicator = lookup.findIndicator(indicatorName);
  if (!indicator) {
    if (indicatorName === "") return reject("missing-indicator", "no indicator named", indicatorCell);
    const encodingHint = looksLikeMojibake(indicatorName) ? " (the text looks garbled: the file's encoding may be wrong; try --encoding gb18030)" : "";
    return reject("unknown-indicator", `unknown indicator "${indicatorName}"${lookup.suggestIndicator(indicatorName)}${encodingHint}`, indicatorCell, "zz-plan targets lists every indicator id");
  }

  const areaCell = cell("area");
  const areaName = cellText(areaCell);
  const area = lookup.findArea(areaName);
  if (!area) {
    if (areaName === "") return reject("missing-area", "no area named", areaCell, "name an area by code (410102), name (中原区) or pinyin; 全市 for the whole city");
    const encodingHint = looksLikeMojibake(areaName) ? " (the text looks garbled: the file's encoding may be wrong; try --encoding gb18030)" : "";
    return reject("unknown-area", `unknown area "${areaName}"${lookup.suggestArea(areaName)}${encodingHint}`, areaCell, "name an area by code (410102), name (中原区) or pinyin; 全市 for the whole city");
  }

  const periodCell = cell("period");
  const periodParse = parsePeriod(cellText(periodCell) || (typeof periodCell?.value === "number" ? String(periodCell.value) : ""));
  if (!periodParse.ok) return reject("bad-period", periodParse.reason, periodCell, periodHint);
  const period = periodParse.period;
  if (period.end < lookup.earliestUsefulDate) {
    sink.skip();
    sink.warn({
      code: "before-baseline",
      severity: "warning",
      message: `period ${period.label} is before ${lookup.earliestUsefulDate.slice(0, 4)}, the earliest year any target looks at; row not used`,
      location: locate(sink.file, record, periodCell),
    });
    return;
  }

  const valueCell = cell("value");
  const parsed = parseValue(valueCell?.value ?? "");
  if (parsed.kind === "missing") {
    return reject("missing-value", `no value (${JSON.stringify(cellText(valueCell))})`, valueCell, "leave the row out when there is no value, or give a number");
  }
  if (parsed.kind === "invalid") return reject("not-a-number", parsed.reason, valueCell, "write a plain number such as 38.5 or 66.5%");

  const unitCell = cell("unit");
  let unitName = cellText(unitCell);
  if (parsed.percentSign) {
    if (unitName !== "" && findUnit(unitName)?.id !== "%") {
      return reject("unit-mismatch", `value has a percent sign but the unit column says "${unitName}"`, valueCell);
    }
    unitName = "%";
  }
  const converted = unitName === "" ? { ok: true as const, value: parsed.value } : convert(parsed.value, unitName, indicator.unit);
  if (!converted.ok) {
    return reject(findUnit(unitName) ? "unit-mismatch" : "unknown-unit", `${converted.reason} (indicator ${indicator.id} is in ${indicator.unit})`, unitCell ?? valueCell);
  }
  const value = converted.value;
  const plausibility = checkPlausible(indicator, value);
  if (plausibility) return reject("implausible-value", plausibility, valueCell);

  const source = cellText(cell("source"));
  const note = cellText(cell("note"));
  sink.use({
    indicator: indicator.id,
    area: area.code,
    period,
    value,
    unit: indicator.unit,
    ...(source ? { source } : {}),
    ...(note ? { note } : {}),
    origin: locate(sink.file, record, valueCell),
  });
}

/** Why a value cannot be a value of this indicator, or undefined when it can. */
export function checkPlausible(indicator: Indicator, value: number): string | undefined {
  if (indicator.period === "milestone" && value !== 0 && value !== 1) {
    return `${value} is not a milestone value: write 1 (完成, done) or 0 (未完成, not done)`;
  }
  if (!indicator.plausible) return undefined;
  const [low, high] = indicator.plausible;
  if (value < low || value > high) {
    return `${value} ${indicator.unit} is outside the plausible range ${low}..${high} ${indicator.unit} for ${indicator.id}`;
  }
  return undefined;
}

function locate(file: string, record: DataRecord, cell: Cell | undefined): Location {
  return cell ? { file, line: cell.line, column: cell.column } : { file, line: record.line, column: record.column };
}
