import { issue, type IssueCode } from "../vocabulary/catalogue.js";
import type { PlanLookup } from "../plan/lookup.js";
import { matchColumns, nameKey, observationColumns, spellingIndex, type ObservationColumn } from "../vocabulary/names.js";
import { cellText, isBlank, locate } from "./rows.js";

import type { Indicator } from "../plan/schema.js";
import { looksLikeMojibake } from "../read/decode.js";
import { defineKind, type FileShape, type RowSink } from "./kind.js";
import { parsePeriod, periodHint, type Period } from "../vocabulary/period.js";
import type { Cell, DataRecord } from "../read/records.js";
import { convert, findUnit } from "../vocabulary/units.js";
import { parseValue } from "../vocabulary/value.js";

const requiredColumns: readonly ObservationColumn[] = ["indicator", "area", "period", "value"];

const garbledHeaderHint = "the header looks garbled: the file's encoding may be wrong; try --encoding gb18030 or --encoding utf-8";

/**
 * The general format: one value per row, named by indicator, area and period as the plan names
 * them. The fallback kind, for a file no other kind recognises; its rows become observations as
 * they are read.
 */
export const observationsKind = defineKind<PlanLookup>({
  id: "observations",
  description: "the general format: one value per row (indicator, area, period, value; optional unit, source, note, 报送日期)",
  detect: isGeneralHeader,
  produces: "named in the file",
  createState: (options) => options.lookup,
  consume: (records, sink, lookup, shape) => interpretObservationRecords(records, lookup, sink, shape),
  finish: () => ({ observations: [], issues: [] }),
});

/** At least three of indicator, area, period and value, the value among them: a title or 填报单位 line names none. */
function isGeneralHeader(names: readonly string[]): boolean {
  const columns = matchColumns(names, observationColumns);
  return columns.has("value") && (["indicator", "area", "period"] as const).filter((column) => columns.has(column)).length >= 2;
}

/** Turn general-format records (indicator, area, period, value) into observations, row by row. */
async function interpretObservationRecords(records: AsyncIterable<DataRecord>, lookup: PlanLookup, sink: RowSink, options: FileShape): Promise<void> {
  let columns: Map<ObservationColumn, string> | undefined;
  let missing: ObservationColumn[] = [];
  let missingRows = 0;
  let firstLine = 0;
  let duplicateReported = false;
  const perRecord = options.columnsPerRecord ? new ColumnCache() : undefined;

  const reportDuplicates = (matched: ColumnMatch, line: number, column: number) => {
    if (duplicateReported || matched.duplicates.length === 0) return;
    duplicateReported = true;
    const list = matched.duplicates.map(([name, column]) => `"${matched.columns.get(column) ?? ""}" and "${name}" both give the ${column}`).join("; ");
    sink.warn(issue(
      "duplicate-column",
      `${list}; only the first is read`,
      { location: { file: sink.file, line, column }, hint: "delete or rename the extra column" },
    ));
  };

  for await (const record of records) {
    sink.read();
    if (isBlank(record)) {
      sink.skip();
      continue;
    }
    if (perRecord) {
      const matched = perRecord.match(record.cells.keys());
      reportDuplicates(matched, record.line, record.column);
      const absent = requiredColumns.filter((column) => !matched.columns.has(column));
      if (absent.length > 0) {
        sink.reject(issue(
          "missing-column",
          `this record has no ${absent.map((column) => `${column} (${describeSpellings(column)})`).join("; no ")}`,
          { location: { file: sink.file, line: record.line, column: record.column }, hint: 'each record names indicator, area, period and value: { "indicator": "pm25-annual-mean", "area": "中原区", "period": "2025", "value": 38 }' },
        ));
        continue;
      }
      interpretRow(record, matched.columns, lookup, sink);
      continue;
    }
    if (!columns) {
      const matched = matchColumnsReportingDuplicates(record.cells.keys(), observationColumns);
      columns = matched.columns;
      missing = requiredColumns.filter((column) => !columns!.has(column));
      firstLine = options.header()?.line ?? record.line - 1;
      const duplicate = matched.duplicates[0];
      reportDuplicates(matched, firstLine, duplicate ? (record.cells.get(duplicate[0])?.column ?? 1) : 1);
    }
    if (missing.length > 0) {
      missingRows += 1;
      continue;
    }
    interpretRow(record, columns, lookup, sink);
  }

  const header = options.header();
  if (!columns && header && !perRecord) {
    // No data rows: the columns are still worth checking, so that a template is known to be right.
    columns = matchColumns(header.names, observationColumns);
    missing = requiredColumns.filter((column) => !columns!.has(column));
    firstLine = header.line;
  }
  if (missing.length > 0 && columns) {
    const spellings = missing.map((column) => `${column} (${describeSpellings(column)})`).join("; ");
    const garbled = (header?.names ?? []).some((name) => looksLikeMojibake(name));
    const missingColumns = issue(
      "missing-column",
      `required column${missing.length > 1 ? "s" : ""} missing: ${spellings}; ${missingRows === 0 ? "the file has no data rows" : `all ${missingRows} data row(s) rejected`}`,
      { location: { file: sink.file, line: Math.max(1, firstLine), column: 1 }, hint: garbled ? garbledHeaderHint : "the header row must name indicator, area, period and value (Chinese headers 指标, 区县, 时间, 数值 also work)" },
    );
    if (missingRows > 0) sink.reject(missingColumns, missingRows);
    else sink.structural(missingColumns);
  }
}

function describeSpellings(column: ObservationColumn): string {
  return `any of: ${observationColumns[column].join(", ")}`;
}

interface ColumnMatch {
  columns: Map<ObservationColumn, string>;
  /** Further headers that name a column already matched: [header, column]. */
  duplicates: [string, ObservationColumn][];
}

function matchColumnsReportingDuplicates(headerNames: Iterable<string>, spellings: Record<ObservationColumn, readonly string[]>): ColumnMatch {
  const names = [...headerNames];
  const columns = matchColumns(names, spellings);
  const duplicates: [string, ObservationColumn][] = [];
  const byKey = spellingIndex(spellings);
  for (const name of names) {
    const column = byKey.get(nameKey(name));
    if (column && columns.get(column) !== name) duplicates.push([name, column]);
  }
  return { columns, duplicates };
}

/** Column matches of JSON records, by their set of keys: records of one file nearly always share one. */
class ColumnCache {
  private readonly cache = new Map<string, ColumnMatch>();

  match(keys: Iterable<string>): ColumnMatch {
    const names = [...keys];
    const signature = names.join("\u0000");
    const cached = this.cache.get(signature);
    if (cached) return cached;
    const matched = matchColumnsReportingDuplicates(names, observationColumns);
    // Records that each have different keys must not grow the cache without end.
    if (this.cache.size < 64) this.cache.set(signature, matched);
    return matched;
  }
}

function interpretRow(record: DataRecord, columns: Map<ObservationColumn, string>, lookup: PlanLookup, sink: RowSink): void {
  const cell = (column: ObservationColumn) => {
    const header = columns.get(column);
    return header === undefined ? undefined : record.cells.get(header);
  };
  const reject = (code: IssueCode, message: string, at: Cell | undefined, hint?: string) =>
    sink.reject(issue(code, message, { location: locate(sink.file, record, at), hint }));

  const indicatorCell = cell("indicator");
  const indicatorName = cellText(indicatorCell);
  const indicator = lookup.findIndicator(indicatorName);
  if (!indicator) {
    if (indicatorName === "") return reject("missing-indicator", "no indicator named", indicatorCell, "name an indicator by its id (pm25-annual-mean) or its Chinese name");
    const garbled = garbledTextAdvice(indicatorName);
    return reject(
      "unknown-indicator",
      `unknown indicator "${indicatorName}"${garbled ? " (the text looks garbled)" : lookup.suggestIndicator(indicatorName)}`,
      indicatorCell,
      garbled ?? "zz-plan indicators lists every indicator: id, 中文名, unit and aliases",
    );
  }

  const areaCell = cell("area");
  const areaName = cellText(areaCell);
  const area = lookup.findArea(areaName);
  if (!area) {
    if (areaName === "") return reject("missing-area", "no area named", areaCell, lookup.areaHint);
    const garbled = garbledTextAdvice(areaName);
    return reject("unknown-area", `unknown area "${areaName}"${garbled ? " (the text looks garbled)" : lookup.suggestArea(areaName)}`, areaCell, garbled ?? lookup.areaHint);
  }

  const periodCell = cell("period");
  if (typeof periodCell?.value === "number" && !Number.isInteger(periodCell.value)) {
    return reject(
      "bad-period",
      `the period ${periodCell.value} is a number, and as a number 2025.1 and 2025.10 are the same; write the period as text`,
      periodCell,
      'write "2025-10" (in quotes) for October 2025',
    );
  }
  const periodText = cellText(periodCell);
  if (periodText === "") return reject("missing-period", "no period given", periodCell, periodHint);
  const periodParse = parsePeriod(periodText);
  if (!periodParse.ok) return reject("bad-period", periodParse.reason, periodCell, periodHint);
  const period = periodParse.period;
  if (period.end < lookup.earliestUsefulDate) {
    sink.skip();
    sink.warn(issue(
      "before-baseline",
      `period ${period.label} is before ${lookup.earliestUsefulDate.slice(0, 4)}, the earliest year any target looks at; row not used`,
      { location: locate(sink.file, record, periodCell) },
    ));
    return;
  }

  const valueCell = cell("value");
  const parsed = parseValue(valueCell?.value ?? "");
  if (parsed.kind === "missing") {
    return reject("missing-value", `no value (${JSON.stringify(cellText(valueCell))})`, valueCell, "leave the row out when there is no value, or give a number");
  }
  if (parsed.kind === "invalid") return reject("not-a-number", parsed.reason, valueCell, "write a plain number such as 38.5 or 66.5%");
  const isMilestone = indicator.period === "milestone";
  if (parsed.word && !isMilestone) {
    return reject("not-a-number", `${JSON.stringify(valueCell?.value)} is a yes/no answer, but ${indicator.id} needs a number in ${indicator.unit}`, valueCell, "write a plain number such as 38.5 or 66.5%");
  }

  const unitCell = cell("unit");
  let unitName = cellText(unitCell);
  if (parsed.percentSign) {
    if (unitName !== "" && findUnit(unitName)?.id !== "%") {
      return reject("unit-mismatch", `value has a percent sign but the unit column says "${unitName}"`, valueCell);
    }
    unitName = "%";
  }
  let value: number;
  if (unitName === "" && !parsed.percentSign && readsRatio(indicator, parsed.value)) {
    value = Number((parsed.value * 100).toPrecision(12));
    sink.warn(issue(
      "ratio-read-as-percent",
      `${parsed.value} read as a ratio, ${value} %: ${indicator.id} cannot be below ${indicator.plausible?.[0] ?? 1} %`,
      { location: locate(sink.file, record, valueCell), hint: `write ${value}% (or put "ratio" in a unit column) to say so` },
    ));
  } else {
    const converted = unitName === "" ? { ok: true as const, value: parsed.value } : convert(parsed.value, unitName, indicator.unit);
    if (!converted.ok) {
      return reject(findUnit(unitName) ? "unit-mismatch" : "unknown-unit", `${converted.reason} (indicator ${indicator.id} is in ${indicator.unit})`, unitCell ?? valueCell);
    }
    value = converted.value;
  }
  const plausibility = checkPlausible(indicator, value, period);
  if (plausibility) return reject("implausible-value", plausibility, valueCell, plausibilityHint(indicator));

  const revisionCell = cell("revision");
  const revisionText = cellText(revisionCell);
  const revision = revisionText === "" ? undefined : readRevision(revisionText);
  if (revision === null) {
    return reject("bad-revision", `the 报送日期/revision "${revisionText}" is neither a date nor a revision number`, revisionCell, "write the date the row was sent (2025-11-05) or a revision number (2), or leave it empty");
  }
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
    ...(revision ? { revision } : {}),
    origin: locate(sink.file, record, valueCell),
  });
}

/** A 报送日期 as an ISO date, or a revision number as written; null when it is neither. */
export function readRevision(text: string): string | null {
  // Five digits are an Excel date serial, eight a date written 20251105: both are dates.
  if (/^\d+(?:\.\d+)?$/.test(text) && !/^\d{5}(?:\.\d+)?$/.test(text) && !/^\d{8}$/.test(text)) return text;
  const parsed = parsePeriod(text);
  if (parsed.ok && parsed.period.kind === "day") return parsed.period.start;
  return null;
}


/** The hint for a name that looks like text decoded with the wrong encoding, or undefined. */
function garbledTextAdvice(text: string): string | undefined {
  if (!looksLikeMojibake(text)) return undefined;
  return "the file's encoding may be wrong: save it as UTF-8, or name its encoding with --encoding (gb18030 for GBK files from Chinese Excel, utf-8 otherwise)";
}

/**
 * Whether a value with neither unit nor percent sign is a share written as a ratio (0.665 for
 * 66.5 %). A ratio can only be told from a small percentage where a small percentage is
 * impossible: the indicator is in % and its plausible range starts above 1 %. There a value above
 * 0 and at most 1 is read as a ratio (with a ratio-read-as-percent warning). Where the range starts
 * at 1 % or below (0.8 % of days heavily polluted is real), or no range is declared, the value is
 * taken as written, a percentage. A percent sign or a unit column always says what is meant.
 */
export function readsRatio(indicator: Indicator, value: number): boolean {
  if (findUnit(indicator.unit)?.id !== "%") return false;
  const low = indicator.plausible?.[0];
  return low !== undefined && low > 1 && value > 0 && value <= 1;
}

function plausibilityHint(indicator: Indicator): string {
  if (indicator.period === "milestone") return "write 1 (完成, done) or 0 (未完成, not done)";
  if (findUnit(indicator.unit)?.id === "%") return "write a percentage such as 66.5 or 66.5%; check the unit column";
  return `give the value in ${indicator.unit}, or name its unit in a unit column`;
}

/**
 * Why a value cannot be a value of this indicator, or undefined when it can. A share's plausible
 * range is for a year: a winter month can have one good day in 31 (3.2 %) and a day is good or not
 * (0 or 100 %), which a year's good-day ratio never is.
 */
export function checkPlausible(indicator: Indicator, value: number, period?: Period): string | undefined {
  if (indicator.period === "milestone" && value !== 0 && value !== 1) {
    return `${value} is not a milestone value: write 1 (完成, done) or 0 (未完成, not done)`;
  }
  if (!indicator.plausible) return undefined;
  const [low, high] = period && period.kind !== "year" && findUnit(indicator.unit)?.id === "%" ? [0, 100] : indicator.plausible;
  if (value < low || value > high) {
    return `${value} ${indicator.unit} is outside the plausible range ${low}..${high} ${indicator.unit} for ${indicator.id}`;
  }
  return undefined;
}
