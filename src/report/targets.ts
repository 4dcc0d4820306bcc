import Table from "cli-table3";
import { unitLabel } from "../vocabulary/units.js";
import type { PlanLookup } from "../plan/lookup.js";
import { compact } from "./table.js";

export const targetFormats = ["table", "json"] as const;
export type TargetFormat = (typeof targetFormats)[number];

/** Every target of the plan, for people (table) or scripts (json). */
export function formatTargets(lookup: PlanLookup, format: TargetFormat): string {
  const rows = lookup.targets.map(({ target, task, areas }) => ({
    id: target.id,
    task: task.id,
    indicator: target.indicator,
    operator: target.operator,
    value: target.value,
    unit: target.unit,
    deadline: target.deadline ?? null,
    baseline: target.baseline ?? null,
    basically: target.basically ?? null,
    interim: target.interim,
    areas: areas.map((area) => area.code),
    lead: task.lead,
    support: task.support,
    responsible: task.responsible,
    source: target.source,
  }));
  if (format === "json") return `${JSON.stringify({ version: 1, plan: lookup.plan.id, targets: rows }, null, 2)}\n`;

  const table = new Table({ chars: compact, head: ["target", "task", "threshold", "deadline", "areas", "lead"], style: { head: [], border: [] }, wordWrap: true, colWidths: [34, 6, 22, 12, 8, 30] });
  for (const row of rows) {
    const threshold = row.unit === "done" ? "done" : `${row.baseline ? `Δ vs ${row.baseline.period} ` : ""}${row.operator} ${row.value} ${unitLabel(row.unit)}${row.basically ? ` (基本: ${row.basically.value})` : ""}`;
    table.push([row.id, row.task, threshold, row.deadline ?? "standing", row.areas.length === 1 ? row.areas[0]! : String(row.areas.length), row.lead.join("、")]);
  }
  return `${table.toString()}\n${rows.length} targets in ${lookup.plan.tasks.length} tasks of ${lookup.plan.id}\n`;
}
