import Table from "cli-table3";
import { unitLabel } from "../vocabulary/units.js";
import type { PlanLookup } from "../plan/lookup.js";
import { jsonText, terminal } from "./escape.js";
import { compact } from "./table.js";

/** Every target of the plan, one record each, as scripts read it. */
function targetRows(lookup: PlanLookup) {
  return lookup.targets.map(({ target, task, areas, comparisonAreas }) => ({
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
    comparisonAreas: comparisonAreas.map((area) => area.code),
    inForceFrom: target.inForceFrom ?? null,
    lead: task.lead,
    support: task.support,
    responsible: task.responsible,
    source: target.source,
  }));
}

export function formatTargetsJson(lookup: PlanLookup): string {
  return `${jsonText({ version: 1, plan: lookup.plan.id, targets: targetRows(lookup) })}\n`;
}

/** Every target of the plan for people: threshold, deadline, areas and lead. */
export function formatTargetsTable(lookup: PlanLookup): string {
  const rows = targetRows(lookup);
  const table = new Table({ chars: compact, head: ["target", "task", "threshold", "deadline", "areas", "lead"], style: { head: [], border: [] }, wordWrap: true, colWidths: [34, 6, 22, 17, 17, 30] });
  for (const row of rows) {
    const threshold = row.unit === "done" ? "done" : `${row.baseline ? `Δ vs ${row.baseline.period} ` : ""}${row.operator} ${row.value} ${unitLabel(row.unit)}${row.basically ? ` (基本: ${row.basically.value})` : ""}`;
    table.push([row.id, row.task, threshold, row.deadline ?? (row.inForceFrom ? `from ${row.inForceFrom}` : "standing"), `${row.areas.length === 1 ? row.areas[0]! : String(row.areas.length)}${row.comparisonAreas.length > 0 ? ` +${row.comparisonAreas.length} 对照` : ""}`, row.lead.join("、")].map(terminal));
  }
  return `${table.toString()}\n${rows.length} targets in ${lookup.plan.tasks.length} tasks of ${terminal(lookup.plan.id)}\n`;
}
