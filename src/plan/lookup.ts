import { closestIndex, suggester } from "../vocabulary/did-you-mean.js";
import { memoise } from "../vocabulary/memoise.js";
import { nameKey } from "../vocabulary/names.js";
import type { Area, Indicator, Plan, Target, Task } from "./schema.js";
import type { StationRegistry } from "./stations.js";

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
  /**
   * The period before which data is of no use: historyYears before the earliest judged date, since
   * the probability (达标概率) resamples the remaining months from earlier years.
   */
  earliestUsefulDate: string;
  /** The earliest period a target is judged on: the earliest baseline, or the year before the plan starts. */
  earliestJudgedDate: string;
  /** The plan's station registry (`stations`), when it names one and it was read. */
  stationRegistry?: StationRegistry;
}

/**
 * How many earlier years the probability draws the rest of a year from. Five is a compromise: the
 * weather of three or four years is too few to resample (a block is a coin toss between them),
 * while years much older carry the emissions of their time (Zhengzhou's PM2.5 has fallen most
 * years since 2013), so they would pull every draw towards a dirtier year. zz-plan backtest
 * measures the choice on generated years (README, "How good the projections have been").
 */
export const historyYears = 5;

/** Division suffixes: 金水区 is also written 金水, 管城回族区 管城. */
const areaSuffixes = ["回族区", "区", "市", "县"];

/** The units the plan's lists name an area by (巩义市人民政府, 郑州经开区管委会): the area itself. */
const unitSuffixes = ["人民政府", "管理委员会", "管委会", "政府"];

/** The city's name, written before a district's in ordinary usage (郑州市金水区). */
const cityPrefixes = ["郑州市", "郑州"];

function withoutSuffix(key: string): string {
  for (const suffix of areaSuffixes) {
    if (key.length > suffix.length + 1 && key.endsWith(suffix)) return key.slice(0, -suffix.length);
  }
  return key;
}

/** The spellings to try for a key, most literal first: as written, without the unit, without 郑州市. */
function spellings(key: string): string[] {
  const result = [key];
  for (const suffix of unitSuffixes) {
    if (key.length > suffix.length + 1 && key.endsWith(suffix)) {
      result.push(key.slice(0, -suffix.length));
      break;
    }
  }
  for (const spelling of [...result]) {
    for (const prefix of cityPrefixes) {
      if (spelling.length > prefix.length + 1 && spelling.startsWith(prefix)) {
        result.push(spelling.slice(prefix.length));
        break;
      }
    }
  }
  return result;
}

export function buildLookup(plan: Plan, stationRegistry?: StationRegistry): PlanLookup {
  const indicatorsByKey = new Map<string, Indicator>();
  for (const indicator of plan.indicators) {
    for (const name of [indicator.id, indicator.name.zh, indicator.name.en, ...indicator.aliases]) indicatorsByKey.set(nameKey(name), indicator);
  }
  const areasByKey = new Map<string, Area>();
  const areasByStem = new Map<string, Area | null>();
  for (const area of plan.areas) {
    const names = [area.code, area.name, area.pinyin, ...(area.en ? [area.en] : []), ...area.aliases];
    for (const name of names) {
      areasByKey.set(nameKey(name), area);
      // A stem two areas share names neither: null marks it ambiguous.
      const stem = withoutSuffix(nameKey(name));
      const owner = areasByStem.get(stem);
      areasByStem.set(stem, owner === undefined || owner === area ? area : null);
    }
  }
  const findAreaByKey = (key: string): Area | undefined => {
    const tried = spellings(key);
    for (const spelling of tried) {
      const exact = areasByKey.get(spelling);
      if (exact) return exact;
    }
    for (const spelling of tried) {
      const stem = areasByStem.get(withoutSuffix(spelling));
      if (stem) return stem;
    }
    return undefined;
  };
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

  const indicatorNames = plan.indicators.flatMap((indicator) => [indicator.id, indicator.name.zh, ...indicator.aliases].map((text) => ({ key: nameKey(text), text, indicator })));
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
      return findAreaByKey(key);
    }),
    // A file with a million rows of one misspelt name asks a million times: each is worked out once.
    suggestIndicator: memoise((name) => suggestIndicatorName(name, indicatorNames)),
    suggestArea: suggester(areaNames),
    areaHint: describeAreaNames(city, districts[0]),
    ...(stationRegistry ? { stationRegistry } : {}),
    targets,
    earliestUsefulDate: `${earliestYear - historyYears}-01-01`,
    earliestJudgedDate: `${earliestYear}-01-01`,
  };
}

function describeAreaNames(city: Area, example: Area | undefined): string {
  const cityName = city.aliases[0] ?? city.name;
  return example
    ? `name an area by code (${example.code}), name (${example.name}) or pinyin (${example.pinyin}); ${cityName} for the whole city`
    : `name the area by code (${city.code}) or name (${city.name})`;
}

/**
 * ` (did you mean "细颗粒物(PM2.5)年均浓度", pm25-annual-mean?)`: the closest id, Chinese name or
 * alias, compared as data files write them (full-width brackets, case and spaces do not count).
 */
function suggestIndicatorName(name: string, names: readonly { key: string; text: string; indicator: Indicator }[]): string {
  const best = names[closestIndex(nameKey(name), names.map((candidate) => candidate.key))];
  if (!best) return "";
  return best.text === best.indicator.id ? ` (did you mean "${best.text}"?)` : ` (did you mean "${best.text}", ${best.indicator.id}?)`;
}
