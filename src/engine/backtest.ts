import type { DataSet, Observation } from "../kinds/observation.js";
import { historyYears, type PlanLookup } from "../plan/lookup.js";
import type { ProjectionMethod } from "../plan/schema.js";
import { daysInMonth, isoDate } from "../vocabulary/period.js";
import { meets } from "./compare.js";
import { evaluate } from "./evaluate.js";
import { judge } from "./judge.js";
import { byPeriodEnd, yearValues } from "./series.js";
import type { PlanInfo, Status } from "./types.js";

/**
 * The methods compared. linear-path projects no value: it judges the year-to-date value against
 * the straight path, so its error is that of the year-to-date value taken as the year's.
 */
export const backtestMethods = ["same-period", "linear-path", "trend", "resampling"] as const satisfies readonly ProjectionMethod[];
export type BacktestMethod = (typeof backtestMethods)[number];

/** Fewer draws than a check's 2000: the backtest resamples every month end of every year, and 400 give the median to well within the rounding shown. */
export const backtestDraws = 400;

/** What one method said at one month end. */
export interface BacktestCall {
  method: BacktestMethod;
  /** The month whose end is the as-of date, 1-11. */
  month: number;
  status: Status;
  /** The year's value the method projected (resampling: the median draw; linear-path: the year-to-date value it judged). */
  value: number;
}

/** One target, area and year, replayed month by month against what the year turned out to be. */
export interface BacktestCase {
  target: string;
  indicator: string;
  area: string;
  areaName: string;
  year: number;
  operator: string;
  threshold: number;
  unit: string;
  /** The year's actual value, and whether it met the target. */
  final: number;
  outcome: "pass" | "fail";
  calls: BacktestCall[];
}

/** How a method's calls fared: all of them, or those at one month end. */
export interface Tally {
  calls: number;
  /** Calls whose status (pass or on-track for a year that met the target, at-risk for one that missed) matched the outcome. */
  matches: number;
  onTrack: number;
  /** On-track (or pass) calls for a year that missed. */
  onTrackWrong: number;
  atRisk: number;
  /** At-risk calls for a year that met the target. */
  atRiskWrong: number;
  /** Mean absolute error of the projected year value, in the indicator's unit. */
  meanAbsoluteError: number;
}

export interface MethodScore extends Tally {
  method: BacktestMethod;
  /** By the month whose end is the as-of date, 1-11. */
  byMonth: (Tally & { month: number })[];
}

export interface IndicatorScore {
  indicator: string;
  name: { zh: string; en: string };
  unit: string;
  /** Target x area x year cases replayed, and the month ends scored (those at which every method applies). */
  cases: number;
  monthEnds: number;
  /** Month ends left out because some method could not apply (no earlier year, too little history). */
  skipped: number;
  years: number[];
  methods: MethodScore[];
  /** The method whose status matched the outcome most often, then with the smaller error. */
  best?: BacktestMethod;
}

export interface BacktestReport {
  version: 1;
  plan: PlanInfo;
  draws: number;
  historyYears: number;
  /** Month ends replayed but not scored, over all indicators: not every method applied. */
  skipped: number;
  indicators: IndicatorScore[];
  cases: BacktestCase[];
}

export interface BacktestOptions {
  targets?: readonly string[];
  areas?: readonly string[];
}

/**
 * Replay every complete year of every annual target with a deadline, month by month: as of each
 * month end (January to November), what each method projected for the year and which status it
 * gave, against the value the year reached. Each replay judges the year as a deadline year, with
 * the thresholds a check applies today (基本 readings, baselines) and the same window a check has:
 * the judged years before the deadline year (three for a 2025 target of this plan), and five
 * earlier years as the resampling's history. Only month ends at which all four methods apply are
 * scored, so that the methods are compared on the same cases.
 */
export function backtest(lookup: PlanLookup, data: DataSet, options: BacktestOptions = {}): BacktestReport {
  const { plan } = lookup;
  const today = evaluate(lookup, data, { ...(options.targets ? { targets: options.targets } : {}), ...(options.areas ? { areas: options.areas } : {}) });
  const byKey = new Map<string, Observation[]>();
  for (const observation of data.observations) {
    const key = `${observation.indicator}\u0000${observation.area}`;
    const list = byKey.get(key) ?? [];
    list.push(observation);
    byKey.set(key, list);
  }
  for (const list of byKey.values()) list.sort(byPeriodEnd);

  const cases: BacktestCase[] = [];
  const skippedByIndicator = new Map<string, number>();
  for (const { target, indicator } of lookup.targets) {
    if (indicator.period !== "annual" || !target.deadline) continue;
    // A replayed year sees as many judged years before it as the target's deadline year does in a
    // check (2022-2024 before 2025 for this plan), and the history window before those.
    const judgedYearsBefore = Number(target.deadline.slice(0, 4)) - Number(lookup.earliestJudgedDate.slice(0, 4));
    for (const result of today.results) {
      // Districts shown for comparison (对照) are replayed too: the question is how good a method is, not who is bound.
      if (result.target !== target.id || result.status === "no-data") continue;
      const observations = byKey.get(`${indicator.id}\u0000${result.area}`) ?? [];
      const baselineYear = result.baseline ? Number(result.baseline.period.slice(0, 4)) : undefined;
      for (const final of yearValues(observations, indicator).values()) {
        if (!final.complete) continue;
        const year = final.year;
        if (!observations.some((observation) => observation.period.year === year && observation.period.kind === "month")) continue;
        const outcome = meets(final.value, target.operator, result.expected) ? "pass" : "fail";
        const judgedFrom = `${year - judgedYearsBefore}-01-01`;
        const historyFrom = `${year - judgedYearsBefore - historyYears}-01-01`;
        const calls: BacktestCall[] = [];
        for (let month = 1; month <= 11; month += 1) {
          const asOf = isoDate(year, month, daysInMonth(year, month));
          const known = observations.filter((observation) => observation.period.end <= asOf && observation.period.end >= historyFrom);
          if (!known.some((observation) => observation.period.year === year && observation.period.kind === "month")) continue;
          const judged = known.filter((observation) => observation.period.end >= judgedFrom);
          const history = known.filter((observation) => observation.period.end < judgedFrom);
          const atMonth: BacktestCall[] = [];
          for (const method of backtestMethods) {
            const verdict = judge({
              target: { ...target, deadline: `${year}-12-31` },
              indicator: { ...indicator, projection: method },
              observations: judged,
              history,
              asOf,
              threshold: result.expected,
              ...(result.baseline && baselineYear! < year ? { baseline: { date: `${baselineYear}-12-31`, value: result.baseline.value } } : {}),
              tolerance: plan.assessment.tolerance,
              milestoneWarningDays: plan.assessment.milestoneWarningDays,
              atRiskBelow: plan.assessment.atRiskBelow,
              seedKey: `${target.id}@${result.area}@${asOf}`,
              draws: method === "resampling" ? backtestDraws : 0,
            });
            const value = method === "resampling" ? verdict.probability?.range?.median : method === "linear-path" ? verdict.actual : verdict.projected;
            if (verdict.method !== method || verdict.status === "no-data" || value === undefined) break;
            atMonth.push({ method, month, status: verdict.status, value });
          }
          if (atMonth.length === backtestMethods.length) calls.push(...atMonth);
          else skippedByIndicator.set(indicator.id, (skippedByIndicator.get(indicator.id) ?? 0) + 1);
        }
        if (calls.length === 0) continue;
        cases.push({ target: target.id, indicator: indicator.id, area: result.area, areaName: result.areaName, year, operator: target.operator, threshold: result.expected, unit: indicator.unit, final: final.value, outcome, calls });
      }
    }
  }

  const indicators: IndicatorScore[] = [];
  for (const indicatorId of [...new Set(cases.map((item) => item.indicator))]) {
    const mine = cases.filter((item) => item.indicator === indicatorId);
    const methods = backtestMethods.map((method) => score(method, mine));
    const best = [...methods].sort((a, b) => b.matches - a.matches || a.meanAbsoluteError - b.meanAbsoluteError)[0]!.method;
    const named = plan.indicators.find((indicator) => indicator.id === indicatorId)!;
    indicators.push({
      indicator: indicatorId,
      name: { zh: named.name.zh, en: named.name.en },
      unit: mine[0]!.unit,
      cases: mine.length,
      monthEnds: methods[0]!.calls,
      skipped: skippedByIndicator.get(indicatorId) ?? 0,
      years: [...new Set(mine.map((item) => item.year))].sort((a, b) => a - b),
      methods,
      best,
    });
  }
  const skipped = [...skippedByIndicator.values()].reduce((total, count) => total + count, 0);
  return { version: 1, plan: today.plan, draws: backtestDraws, historyYears, skipped, indicators, cases };
}

function score(method: BacktestMethod, cases: readonly BacktestCase[]): MethodScore {
  const empty = () => ({ calls: 0, matches: 0, onTrack: 0, onTrackWrong: 0, atRisk: 0, atRiskWrong: 0, absoluteError: 0 });
  const byMonth = new Map<number, ReturnType<typeof empty>>();
  const total = empty();
  for (const item of cases) {
    for (const call of item.calls) {
      if (call.method !== method) continue;
      const month = byMonth.get(call.month) ?? empty();
      byMonth.set(call.month, month);
      const saysPass = call.status === "pass" || call.status === "on-track";
      const wrong = saysPass !== (item.outcome === "pass");
      for (const tally of [month, total]) {
        tally.calls += 1;
        tally.absoluteError += Math.abs(call.value - item.final);
        if (!wrong) tally.matches += 1;
        if (saysPass) {
          tally.onTrack += 1;
          if (wrong) tally.onTrackWrong += 1;
        } else {
          tally.atRisk += 1;
          if (wrong) tally.atRiskWrong += 1;
        }
      }
    }
  }
  const finish = ({ absoluteError, ...counts }: ReturnType<typeof empty>): Tally => ({ ...counts, meanAbsoluteError: counts.calls === 0 ? 0 : absoluteError / counts.calls });
  return {
    method,
    ...finish(total),
    byMonth: [...byMonth].sort((a, b) => a[0] - b[0]).map(([month, tally]) => ({ month, ...finish(tally) })),
  };
}
