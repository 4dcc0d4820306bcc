import type { Report, TargetResult } from "../engine/types.js";
import { daysBetween } from "../vocabulary/period.js";
import { formatNumber } from "../vocabulary/units.js";
import { csvText } from "./escape.js";
import type { FormatOptions } from "./formatter.js";
import { csvColumns, type CsvColumn } from "./messages.js";
import { unitIn, wordingFor, type Wording } from "./wording.js";


/**
 * For Excel and WPS: one row per target x area (binding and comparison, told apart by the role
 * column), UTF-8 with a BOM (without one Excel reads the file in the system code page and the
 * Chinese turns to mojibake), CRLF line ends, numbers as plain numbers (no units, no thousands
 * separators) so they sort and sum, and every field through escape.ts's csvField.
 */
export function formatCsv(report: Report, options: FormatOptions): string {
  const words = wordingFor(report, options.language ?? "en");
  const header = csvColumns.map((column) => words.messages.csvColumn[column]);
  const rows = report.results.map((result) => csvColumns.map((column) => cell(column, result, words, report.asOf)));
  return csvText([header, ...rows]);
}

function cell(column: CsvColumn, result: TargetResult, words: Wording, asOf: string): string {
  const number = (value: number | undefined) => (value === undefined ? "" : formatNumber(value, 4));
  switch (column) {
    case "task":
      return result.task;
    case "taskName":
      return words.task(result.task);
    case "target":
      return result.target;
    case "indicator":
      return words.indicator(result.indicator);
    case "indicatorId":
      return result.indicator;
    case "area":
      return words.area(result.area);
    case "areaCode":
      return result.area;
    case "role":
      return words.messages.role[result.role];
    case "status":
      return words.status(result.status);
    case "value":
      return result.unit === "done" ? (result.actual === undefined ? "" : words.value(result)) : number(result.actual);
    case "projected":
      return number(result.projected);
    case "operator":
      return result.unit === "done" ? "" : result.operator;
    case "threshold":
      return result.unit === "done" ? words.target(result) : number(result.expected);
    case "unit":
      return result.unit === "done" ? "" : unitIn(result.unit, words.messages);
    case "gap":
      return number(result.gap);
    case "deadline":
      return result.deadline ?? "";
    case "daysLeft":
      return result.deadline ? String(daysBetween(asOf, result.deadline)) : "";
    case "period":
      return result.period ?? "";
    case "method":
      return words.messages.method[result.method];
    case "lead":
      return words.lead(result.task);
    case "reason":
      return words.reason(result);
  }
}
