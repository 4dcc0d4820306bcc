import Table from "cli-table3";
import { unitLabel } from "../vocabulary/units.js";
import type { PlanLookup } from "../plan/lookup.js";
import { terminal } from "./escape.js";
import { compact } from "./table.js";

/** Every indicator of the plan: the names a data file may use for it, its unit and period. */
function indicatorRows(lookup: PlanLookup) {
  return lookup.plan.indicators.map((indicator) => ({
    id: indicator.id,
    zh: indicator.name.zh,
    en: indicator.name.en,
    unit: indicator.unit,
    period: indicator.period,
    aliases: indicator.aliases,
  }));
}

export function formatIndicatorsJson(lookup: PlanLookup): string {
  return `${JSON.stringify({ version: 1, plan: lookup.plan.id, indicators: indicatorRows(lookup) }, null, 2)}\n`;
}

/** For people writing a data file: the indicator column accepts the id, the 中文名 or an alias. */
export function formatIndicatorsTable(lookup: PlanLookup): string {
  const rows = indicatorRows(lookup);
  const table = new Table({ chars: compact, head: ["id", "中文名", "unit", "period", "aliases"], style: { head: [], border: [] }, wordWrap: true, colWidths: [36, 40, 16, 12, 24] });
  for (const row of rows) table.push([row.id, row.zh, unitLabel(row.unit), row.period, row.aliases.join("、")].map(terminal));
  return `${table.toString()}\n${rows.length} indicators of ${terminal(lookup.plan.id)}; a data file may name one by its id, 中文名, English name or an alias\n`;
}
