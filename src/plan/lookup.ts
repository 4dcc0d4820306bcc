import { suggester } from "../vocabulary/did-you-mean.js";
import { memoise } from "../vocabulary/memoise.js";
import { nameKey } from "../vocabulary/names.js";
import type { Area, Indicator, Plan, Target, Task } from "./schema.js";

export { nameKey } from "../vocabulary/names.js";

/** A target with the task it belongs to and the areas it is judged for, resolved once. */
export interface PlannedTarget {
  target: Target;
  task: Task;
  indicator: Indicator;
  /** The areas the target binds: their results are verdicts and roll up. */
  areas: Area[];
  /** Areas shown against the target for context only (对照); never the same as a binding area. */
  comparisonAreas: Area[];
}

/** Look-ups over a validated plan: indicators and areas by any accepted name, targets flattened. */
export interface PlanLookup {
  plan: Plan;
  city: Area;
  findIndicator(name: string): Indicator | undefined;
  findArea(name: string): Area | undefined;
  /** ` (did you mean "x"?)` for an unknown indicator name, or "". */
  suggestIndicator(name: string): string;
  suggestArea(name: string): string;
  /** How to name an area, with examples from this plan: the hint beside every unknown-area problem. */
  areaHint: string;
  targets: PlannedTarget[];
  /** The period before which data is of no use: the earliest baseline, or the year before the plan starts. */
  earliestUsefulDate: string;
}

const areaSuffixes = ["回族区", "区", "市", "县", "管委会", "人民政府"];

function withoutSuffix(key: string): string {
  for (const suffix of areaSuffixes) {
    if (key.length > suffix.length + 1 && key.endsWith(suffix)) return key.slice(0, -suffix.length);
  }
  return key;
}

export function buildLookup(plan: Plan): PlanLookup {
  const indicatorsByKey = new Map<string, Indicator>();
  for (const indicator of plan.indicators) {
    for (const name of [indicator.id, indicator.name.zh, indicator.name.en, ...indicator.aliases]) indicatorsByKey.set(nameKey(name), indicator);
  }
  const areasByKey = new Map<string, Area>();
  const areasByStem = new Map<string, Area>();
  for (const area of plan.areas) {
    const names = [area.code, area.name, area.pinyin, ...(area.en ? [area.en] : []), ...area.aliases];
    for (const name of names) {
      areasByKey.set(nameKey(name), area);
      areasByStem.set(withoutSuffix(nameKey(name)), area);
    }
  }
  const city = plan.areas.find((area) => area.code === plan.city);
  if (!city) throw new Error(`plan city ${plan.city} is not an area; loadPlan should have rejected it`);
  const areaByCode = new Map(plan.areas.map((area) => [area.code, area]));
  const districts = plan.areas.filter((area) => area.code !== plan.city);

  const targets: PlannedTarget[] = [];
  for (const task of plan.tasks) {
    const responsible =
      task.responsibleAreas === "all" ? districts : task.responsibleAreas.flatMap((code) => areaByCode.get(code) ?? []);
    for (const target of task.targets) {
      const indicator = plan.indicators.find((candidate) => candidate.id === target.indicator);
      if (!indicator) continue;
      const areas =
        target.appliesTo === "city"
          ? [city]
          : target.appliesTo === "responsible"
            ? responsible
            : target.appliesTo === "city+responsible"
              ? [city, ...responsible]
              : target.appliesTo.flatMap((code) => areaByCode.get(code) ?? []);
      const binding = new Set(areas.map((area) => area.code));
      const comparisonAreas = (
        target.comparison === undefined
          ? []
          : target.comparison === "all"
            ? districts
            : target.comparison === "responsible"
              ? responsible
              : target.comparison.flatMap((code) => areaByCode.get(code) ?? [])
      ).filter((area) => !binding.has(area.code));
      targets.push({ target, task, indicator, areas, comparisonAreas });
    }
  }

  const indicatorIds = plan.indicators.map((indicator) => indicator.id);
  const areaNames = plan.areas.flatMap((area) => [area.name, area.pinyin]);

  const baselineYears = plan.tasks.flatMap((task) =>
    task.targets.flatMap((target) => (target.baseline ? [Number(target.baseline.period.slice(0, 4))] : [])),
  );
  const earliestYear = Math.min(Number(plan.period.start.slice(0, 4)) - 1, ...baselineYears);

  return {
    plan,
    city,
    // Data files repeat a handful of spellings on every row: normalise each spelling once.
    findIndicator: memoise((name) => indicatorsByKey.get(nameKey(name))),
    findArea: memoise((name) => {
      const key = nameKey(name);
      if (key === "city" || key === "全市") return city;
      return areasByKey.get(key) ?? areasByStem.get(withoutSuffix(key));
    }),
    // A file with a million rows of one misspelt name asks a million times: each is worked out once.
    suggestIndicator: suggester(indicatorIds),
    suggestArea: suggester(areaNames),
    areaHint: describeAreaNames(city, districts[0]),
    targets,
    earliestUsefulDate: `${earliestYear}-01-01`,
  };
}

function describeAreaNames(city: Area, example: Area | undefined): string {
  const cityName = city.aliases[0] ?? city.name;
  return example
    ? `name an area by code (${example.code}), name (${example.name}) or pinyin (${example.pinyin}); ${cityName} for the whole city`
    : `name the area by code (${city.code}) or name (${city.name})`;
}
