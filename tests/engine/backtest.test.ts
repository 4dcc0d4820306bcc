import { describe, expect, it } from "vitest";
import { backtest } from "../../src/engine/backtest.js";
import type { Observation } from "../../src/kinds/observation.js";
import { buildLookup } from "../../src/plan/lookup.js";
import { loadPlan } from "../../src/plan/load.js";
import { miniPlanYaml, obs } from "../helpers/plan.js";

// The mini plan's goals-pm25: <= 40 ug/m3 by 2025-12-31, projected by same-period; only the city sends data.
const lookup = buildLookup(loadPlan(miniPlanYaml, "mini.yaml"));

const year = (value: number, y: number): Observation[] => Array.from({ length: 12 }, (_, index) => obs("pm25-annual-mean", "410100", `${y}-${String(index + 1).padStart(2, "0")}`, value));
/** 2019-2022 clean at 30 every month; 2023 dirty at 50 every month: it misses 40. */
const observations = [...year(30, 2019), ...year(30, 2020), ...year(30, 2021), ...year(30, 2022), ...year(50, 2023)];
const report = backtest(lookup, { observations, issues: [], files: [] });
const days = [31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

describe("the backtest", () => {
  it("scores only years at which all four methods apply: 2022 (three earlier years to resample) and 2023", () => {
    // 2019: no year before it for same-period; 2020: no trend (one judged year before it); 2021: two earlier years only to resample.
    expect(report.indicators).toHaveLength(1);
    const [pm] = report.indicators;
    expect(pm).toMatchObject({ indicator: "pm25-annual-mean", cases: 2, years: [2022, 2023], monthEnds: 22, skipped: 3 * 11 });
    expect(report.cases.map((item) => [item.year, item.final, item.outcome])).toEqual([
      [2022, 30, "pass"],
      [2023, 50, "fail"],
    ]);
  });

  it("replays 2023 month by month: each method's status and projected year against the 50 it reached", () => {
    const replay = report.cases.find((item) => item.year === 2023)!;
    const calls = (method: string) => replay.calls.filter((call) => call.method === method);
    // Same-period: 2022 at 30 times 50/30 = 50 from January on; at risk throughout.
    expect(calls("same-period").map((call) => [call.status, call.value])).toEqual(days.map(() => ["at-risk", 50]));
    // Straight path: the year to date is 50, behind the path from 30 (2020) to 40; its value is the year to date.
    expect(calls("linear-path").every((call) => call.status === "at-risk" && call.value === 50)).toBe(true);
    // Trend: three flat judged years (2020-2022) say 30; only out of reach (after 292 days at 50, even 0 cannot bring the year to 40) turns it.
    expect(calls("trend").map((call) => call.status)).toEqual([...days.slice(0, 9).map(() => "on-track"), "at-risk", "at-risk"]);
    expect(calls("trend").every((call) => call.value === 30)).toBe(true);
    // Resampling from 2019-2022 (all 30): the year is (50 d + 30 (365 - d)) / 365, which meets 40 up to d = 182.5.
    const resampled = calls("resampling");
    expect(resampled.map((call) => call.status)).toEqual(days.map((d) => (d <= 182 ? "on-track" : "at-risk")));
    resampled.forEach((call, index) => expect(call.value).toBeCloseTo((50 * days[index]! + 30 * (365 - days[index]!)) / 365, 9));
  });

  it("sums it up per method: errors, statuses that held, on-track calls that missed, by month", () => {
    const score = (method: string) => report.indicators[0]!.methods.find((entry) => entry.method === method)!;
    // 2022 is clean and every method says so (11 matches each, no error).
    expect(score("same-period")).toMatchObject({ calls: 22, matches: 22, onTrack: 11, onTrackWrong: 0, atRisk: 11, atRiskWrong: 0, meanAbsoluteError: 0 });
    expect(score("linear-path")).toMatchObject({ calls: 22, matches: 22, meanAbsoluteError: 0 });
    expect(score("trend")).toMatchObject({ calls: 22, matches: 13, onTrack: 20, onTrackWrong: 9, meanAbsoluteError: (11 * 20) / 22 });
    const resamplingError = days.reduce((total, d) => total + (20 * (365 - d)) / 365, 0) / 22;
    expect(score("resampling")).toMatchObject({ calls: 22, matches: 16, onTrack: 17, onTrackWrong: 6 });
    expect(score("resampling").meanAbsoluteError).toBeCloseTo(resamplingError, 9);
    // "How often has on-track at the end of September turned out wrong?" Trend: 1 of 2; resampling: never said it.
    expect(score("trend").byMonth.find((month) => month.month === 9)).toMatchObject({ onTrack: 2, onTrackWrong: 1 });
    expect(score("resampling").byMonth.find((month) => month.month === 9)).toMatchObject({ onTrack: 1, onTrackWrong: 0 });
    // Ties on matches go to the smaller error, then to the order methods are listed in.
    expect(report.indicators[0]!.best).toBe("same-period");
  });

  it("is the same on every run, and has nothing to score without earlier complete years", () => {
    expect(backtest(lookup, { observations, issues: [], files: [] })).toEqual(report);
    const empty = backtest(lookup, { observations: year(50, 2023), issues: [], files: [] });
    expect(empty.indicators).toEqual([]);
  });
});
