import type { PlanLookup } from "../plan/lookup.js";
import { findUnit } from "../vocabulary/units.js";
import { jsonText, terminal } from "./escape.js";
import type { FormatOptions } from "./formatter.js";
import { displayWidth, renderGrid } from "./layout.js";
import { messagesFor } from "./messages.js";
import { unitIn } from "./wording.js";

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

/** Every target of the plan for people: indicator, threshold, deadline, areas and lead, fitted to the terminal. */
export function formatTargetsTable(lookup: PlanLookup, options: Partial<FormatOptions> = {}): string {
  const language = options.language ?? "en";
  const messages = messagesFor(language);
  const words = messages.targetsTable;
  const indicatorName = new Map(lookup.plan.indicators.map((indicator) => [indicator.id, indicator.name[language]]));
  const rows = targetRows(lookup);
  const cells = rows.map((row) => {
    // A plan may spell a unit in Chinese (微克/立方米): print it as the language prints that unit.
    const unit = unitIn(findUnit(row.unit)?.id ?? row.unit, messages);
    const threshold = row.unit === "done" ? messages.done.any : `${row.baseline ? words.change(row.baseline.period) : ""}${row.operator} ${row.value} ${unit}${row.basically ? ` (基本: ${row.basically.value})` : ""}`;
    const deadline = row.deadline ?? (row.inForceFrom ? words.from(row.inForceFrom) : words.standing);
    const areas = `${row.areas.length === 1 ? row.areas[0]! : String(row.areas.length)}${row.comparisonAreas.length > 0 ? ` +${row.comparisonAreas.length} 对照` : ""}`;
    return [row.id, indicatorName.get(row.indicator) ?? row.indicator, threshold, deadline, areas, row.lead.join(language === "zh" ? "、" : ", ")].map(terminal);
  });
  // The target id names its task (t05-...) and is what explain takes: it stays whole where it can.
  const idWidth = Math.min(16, Math.max(...rows.map((row) => displayWidth(row.id))));
  const table = renderGrid(
    [{ header: words.target, min: idWidth }, { header: words.indicator, prose: true }, { header: words.threshold }, { header: words.deadline }, { header: words.areas }, { header: words.lead, prose: true }],
    cells,
    { width: options.width ?? 80 },
  );
  return `${table}\n${words.total({ targets: rows.length, tasks: lookup.plan.tasks.length, plan: terminal(lookup.plan.id) })}\n`;
}
