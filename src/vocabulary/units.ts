import { memoise } from "./memoise.js";
/**
 * Units the plan and the data files speak in. Each unit belongs to a dimension and has a factor to
 * the dimension's base, so a value can be converted between any two units of one dimension.
 */
export interface UnitDefinition {
  id: string;
  dimension: string;
  /** Multiply a value in this unit by factor to get the dimension's base unit. */
  factor: number;
  aliases: readonly string[];
  /** Shown in reports; defaults to id. */
  label?: string;
}

export const units: readonly UnitDefinition[] = [
  { id: "ug/m3", dimension: "concentration-air", factor: 1, aliases: ["μg/m3", "µg/m3", "μg/m³", "µg/m³", "ug/m³", "微克/立方米"] },
  { id: "mg/m3", dimension: "concentration-air", factor: 1000, aliases: ["mg/m³", "毫克/立方米"] },
  { id: "mg/L", dimension: "concentration-water", factor: 1, aliases: ["mg/l", "毫克/升"] },
  { id: "%", dimension: "share", factor: 1, aliases: ["percent", "pct", "百分比"] },
  { id: "ratio", dimension: "share", factor: 100, aliases: ["fraction", "比值"] },
  { id: "percentage-points", dimension: "share-change", factor: 1, aliases: ["pp", "个百分点", "百分点"] },
  { id: "kW", dimension: "power", factor: 1, aliases: ["kw", "千瓦"] },
  { id: "MW", dimension: "power", factor: 1000, aliases: ["mw", "兆瓦"] },
  { id: "10k-kW", dimension: "power", factor: 10_000, aliases: ["万千瓦", "万kW"], label: "万千瓦" },
  { id: "vehicles", dimension: "vehicle-count", factor: 1, aliases: ["辆", "vehicle"] },
  { id: "10k-vehicles", dimension: "vehicle-count", factor: 10_000, aliases: ["万辆"], label: "万辆" },
  { id: "m2", dimension: "area", factor: 1, aliases: ["m²", "平方米"] },
  { id: "10k-m2", dimension: "area", factor: 10_000, aliases: ["万平方米", "万m2", "万m²"], label: "万平方米" },
  { id: "mu", dimension: "area", factor: 10_000 / 15, aliases: ["亩"], label: "亩" },
  { id: "10k-mu", dimension: "area", factor: 100_000_000 / 15, aliases: ["万亩"], label: "万亩" },
  { id: "t/(km2·month)", dimension: "dust-fall", factor: 1, aliases: ["t/km2/month", "t/(km2.month)", "t/(km²·30d)", "吨/月·平方公里", "吨/平方千米·月", "吨/平方公里·月", "吨/(平方公里·月)"], label: "t/(km²·month)" },
  { id: "yuan", dimension: "money", factor: 1, aliases: ["元"] },
  { id: "100m-yuan", dimension: "money", factor: 100_000_000, aliases: ["亿元"], label: "亿元" },
  { id: "count", dimension: "count", factor: 1, aliases: ["个", "家", "台", "处", "条", "座"] },
  { id: "rank", dimension: "rank", factor: 1, aliases: ["名", "位"] },
  { id: "class", dimension: "water-class", factor: 1, aliases: ["类"] },
  { id: "done", dimension: "milestone", factor: 1, aliases: ["完成"] },
];

const byName = new Map<string, UnitDefinition>();
for (const unit of units) {
  for (const name of [unit.id, ...unit.aliases]) byName.set(normaliseUnitName(name), unit);
}

function normaliseUnitName(name: string): string {
  return name.normalize("NFKC").trim().replace(/\s+/g, "").replace(/³/g, "3").replace(/²/g, "2").toLowerCase();
}

/** The unit a name (id or alias, any case) stands for, or undefined. Asked for every row of a file. */
export const findUnit: (name: string) => UnitDefinition | undefined = memoise((name) => byName.get(normaliseUnitName(name)));

export type Conversion = { ok: true; value: number } | { ok: false; reason: string };

/** Convert value from one unit to another, or say why not. */
export function convert(value: number, from: string, to: string): Conversion {
  const source = findUnit(from);
  const target = findUnit(to);
  if (!source) return { ok: false, reason: `unknown unit "${from}"` };
  if (!target) return { ok: false, reason: `unknown unit "${to}"` };
  if (source.dimension !== target.dimension) {
    return { ok: false, reason: `unit "${from}" cannot be converted to "${to}"` };
  }
  if (source.id === target.id) return { ok: true, value };
  // Round away binary noise so that 0.665 ratio is 66.5 %, not 66.50000000000001.
  return { ok: true, value: Number(((value * source.factor) / target.factor).toPrecision(12)) };
}

/** How a unit is printed in reports. */
export function unitLabel(id: string): string {
  const unit = findUnit(id);
  return unit?.label ?? unit?.id ?? id;
}

/** A number as reports print it: at most `decimals` decimals, no trailing zeros. */
export function formatNumber(value: number, decimals = 2): string {
  return String(Number(value.toFixed(decimals)));
}

/** A count with thousands separators: 12,345. */
export function formatCount(value: number): string {
  return Math.round(value).toLocaleString("en-US");
}
