import type { PlanLookup } from "../plan/lookup.js";
import type { Area, Indicator } from "../plan/schema.js";
import { observationColumns, type ObservationColumn } from "../vocabulary/names.js";
import type { Period } from "../vocabulary/period.js";
import { findUnit } from "../vocabulary/units.js";
import { csvText } from "./escape.js";
import { messagesFor } from "./messages.js";
import { unitIn } from "./wording.js";

/*
 * The submission file a district fills in (zz-plan template): the general format's columns under
 * their Chinese names, one row per indicator the area owes for the period, the value left empty.
 * Filled in and sent back, it reads with no rejected rows.
 */

/** The columns of a template, in order. */
export const templateColumns = ["indicator", "area", "period", "value", "unit", "note"] as const satisfies readonly ObservationColumn[];

/** A column's header: the first Chinese spelling the readers accept (指标, 区县, 期间, 数值, 单位, 备注). */
export function chineseHeader(column: ObservationColumn): string {
  return observationColumns[column].find((spelling) => /[\u4e00-\u9fff]/.test(spelling)) ?? column;
}

export interface Template {
  area: Area;
  period: Period;
  headers: string[];
  /** One row per indicator owed: the cells in templateColumns order, the value empty. */
  rows: string[][];
}

/**
 * The indicators an area owes for a period: those of every target that binds the area, or shows it
 * for comparison (it still sends that monitoring data, and completeness expects it), in force in
 * the period (not past its deadline's year, not before inForceFrom). A month is owed monthly and
 * annual statistics (the month's or the 1-N月 value) and cumulative levels; a year, annual and
 * cumulative ones. Milestones (reported once, when done) are owed until their deadline's year.
 */
export function buildTemplate(lookup: PlanLookup, area: Area, period: Period): Template {
  const owed = new Map<string, Indicator>();
  for (const planned of lookup.targets) {
    if (![...planned.areas, ...planned.comparisonAreas].some((candidate) => candidate.code === area.code)) continue;
    const { target, indicator } = planned;
    if (target.deadline !== undefined && target.deadline.slice(0, 4) < period.start.slice(0, 4)) continue;
    if (target.inForceFrom !== undefined && target.inForceFrom > period.end) continue;
    if (!owedIn(indicator, period)) continue;
    if (!owed.has(indicator.id)) owed.set(indicator.id, indicator);
  }
  const order = new Map(lookup.plan.indicators.map((indicator, index) => [indicator.id, index]));
  const rows = [...owed.values()]
    .sort((a, b) => order.get(a.id)! - order.get(b.id)!)
    .map((indicator) => [indicator.name.zh, area.name, period.label, "", unitCell(indicator), ""]);
  return { area, period, headers: templateColumns.map(chineseHeader), rows };
}

function owedIn(indicator: Indicator, period: Period): boolean {
  if (indicator.period === "monthly") return period.kind === "month";
  return true;
}

const chinese = messagesFor("zh");

/** The unit as the Chinese reports print it when the readers take that spelling back, else the plan's; none for done/not done. */
function unitCell(indicator: Indicator): string {
  if (indicator.unit === "done") return "";
  const label = unitIn(indicator.unit, chinese);
  return findUnit(label)?.id === findUnit(indicator.unit)?.id ? label : indicator.unit;
}

/** The template as CSV for Excel and WPS: UTF-8 with a BOM, CRLF, formula-safe cells. */
export function templateCsv(template: Template): string {
  return csvText([template.headers, ...template.rows]);
}
