import type { Completeness, CompletenessRow } from "../engine/completeness.js";
import { listPeriods } from "../engine/completeness.js";
import Table from "cli-table3";
import { csvText, jsonText, terminal } from "./escape.js";
import { compact } from "./table.js";

/*
 * The completeness view: who still owes what. One row per area and indicator, the expected
 * periods marked present (✔) or missing (✘), and the missing ones named.
 */

const missingOf = (row: CompletenessRow) => row.periods.filter((cell) => !cell.present).map((cell) => cell.period);

/** One line per area and indicator, grouped by area, areas that owe something summed up first. */
export function formatCompletenessTable(view: Completeness): string {
  const out: string[] = [];
  const owing = new Map<string, number>();
  for (const row of view.rows) {
    const missing = missingOf(row).length;
    if (missing > 0) owing.set(row.areaName, (owing.get(row.areaName) ?? 0) + missing);
  }
  const complete = view.rows.filter((row) => missingOf(row).length === 0).length;
  out.push(terminal(`Completeness as of ${view.asOf}, from ${view.from}: ${complete} of ${view.rows.length} area × indicator series complete`));
  if (owing.size > 0) {
    out.push(terminal(`Still owed (缺报): ${[...owing].sort((a, b) => b[1] - a[1]).map(([area, count]) => `${area} ${count}`).join(", ")} period(s)`));
  }
  if (view.notSent.length > 0) {
    out.push(terminal(`Not in the data for any area: ${view.notSent.length} indicator(s) (${view.notSent.slice(0, 5).join(", ")}${view.notSent.length > 5 ? ", ..." : ""}); --all-indicators lists them`));
  }
  out.push("");
  const table = new Table({ chars: compact, head: ["area", "indicator", "periods", "present ✔ / missing ✘", "missing", "latest"], style: { head: [], border: [] } });
  for (const row of view.rows) {
    const missing = missingOf(row);
    const span = row.periods.length > 0 ? `${row.periods[0]!.period}..${row.periods.at(-1)!.period}` : "";
    table.push([
      terminal(row.areaName),
      terminal(row.indicatorName),
      span,
      row.periods.map((cell) => (cell.present ? "✔" : "✘")).join(""),
      missing.length > 0 ? `缺 ${listPeriods(missing)}` : "",
      row.latest ? terminal(row.latest) : "nothing reported",
    ]);
  }
  out.push(table.toString());
  return `${out.join("\n")}\n`;
}

export function formatCompletenessJson(view: Completeness): string {
  return `${jsonText({
    version: 1,
    asOf: view.asOf,
    from: view.from,
    notSent: view.notSent,
    rows: view.rows.map((row) => ({ ...row, latest: row.latest ?? null, missing: missingOf(row) })),
  })}\n`;
}

/**
 * A grid for Excel: UTF-8 with a BOM (Excel reads BOM-less CSV as the system code page), one row
 * per area and indicator, one column per period, 有 or 缺 in each cell.
 */
export function formatCompletenessCsv(view: Completeness): string {
  const periods = [...new Set(view.rows.flatMap((row) => row.periods.map((cell) => cell.period)))].sort();
  const lines = [["区县", "area", "指标", "indicator", ...periods, "缺报数", "latest"]];
  for (const row of view.rows) {
    const byPeriod = new Map(row.periods.map((cell) => [cell.period, cell.present]));
    const cells = periods.map((period) => (byPeriod.has(period) ? (byPeriod.get(period) ? "有" : "缺") : ""));
    lines.push([row.areaName, row.area, row.indicatorName, row.indicator, ...cells, String(missingOf(row).length), row.latest ?? ""]);
  }
  return csvText(lines);
}
