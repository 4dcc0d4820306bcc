import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/evaluate.js";
import { requirement } from "../../src/engine/remaining.js";
import { dailyHistory, resample } from "../../src/engine/resample.js";
import { yearValues } from "../../src/engine/series.js";
import type { TargetResult } from "../../src/engine/types.js";
import type { Observation } from "../../src/kinds/observation.js";
import { buildLookup } from "../../src/plan/lookup.js";
import { loadPlan } from "../../src/plan/load.js";
import { obs } from "../helpers/plan.js";

// 2025 is not a leap year: Jan-Sep has 273 days, Oct-Dec 92, the year 365.
const planYaml = (projection: string, atRiskBelow = 0.5) => `
id: outlook-plan
title: 展望
period: { start: 2023-01-01, end: 2025-12-31 }
assessment: { tolerance: 0.1, milestoneWarningDays: 90, atRiskBelow: ${atRiskBelow} }
city: "410100"
areas:
  - { code: "410100", name: 郑州市, pinyin: Zhengzhou, kind: city }
indicators:
  - { id: pm25-annual-mean, name: { zh: 细颗粒物年均浓度, en: PM2.5 }, unit: ug/m3, direction: lower-is-better, period: annual, projection: ${projection}, plausible: [0, 500] }
  - { id: good-day-ratio, name: { zh: 优良天数比例, en: good days }, unit: "%", direction: higher-is-better, period: annual, projection: ${projection}, plausible: [0, 100] }
  - { id: heavy-pollution-ratio, name: { zh: 重污染天数比例, en: heavy days }, unit: "%", direction: lower-is-better, period: annual, projection: ${projection}, plausible: [0, 100] }
  - { id: output, name: { zh: 产量, en: output }, unit: 10k-vehicles, direction: higher-is-better, period: annual, aggregation: sum, plausible: [0, 1000] }
tasks:
  - id: goals
    number: 0
    group: 目标
    groupTitle: 主要目标
    title: 主要目标
    targets:
      - { id: pm25, indicator: pm25-annual-mean, operator: "<=", value: 40, unit: ug/m3, deadline: 2025-12-31, source: s }
      - { id: good, indicator: good-day-ratio, operator: ">=", value: 66.5, unit: "%", deadline: 2025-12-31, source: s }
      - { id: heavy, indicator: heavy-pollution-ratio, operator: "<=", value: 1.2, unit: "%", deadline: 2025-12-31, source: s }
      - { id: output, indicator: output, operator: ">", value: 100, unit: 10k-vehicles, deadline: 2025-12-31, source: s }
`;

const lookupFor = (projection = "same-period", atRiskBelow?: number) => buildLookup(loadPlan(planYaml(projection, atRiskBelow), "outlook.yaml"));
const month = (m: number) => String(m).padStart(2, "0");

/** The same value in each of some months of a year. */
function months(indicator: string, year: number, from: number, to: number, value: number | ((m: number) => number)): Observation[] {
  const list: Observation[] = [];
  for (let m = from; m <= to; m += 1) list.push(obs(indicator, "410100", `${year}-${month(m)}`, typeof value === "number" ? value : value(m)));
  return list;
}

function judged(observations: Observation[], target: string, asOf: string, projection?: string, atRiskBelow?: number): TargetResult {
  const report = evaluate(lookupFor(projection, atRiskBelow), { observations, issues: [], files: [] }, { asOf });
  const found = report.results.find((result) => result.target === target);
  if (!found) throw new Error(`no ${target}`);
  return found;
}

describe("what the rest of the year must deliver", () => {
  // Jan-Sep at 40.6: (40 x 365 - 40.6 x 273) / 92 = 3516.2 / 92 = 38.2196
  const pm = months("pm25-annual-mean", 2025, 1, 9, 40.6);
  // Oct-Dec 2024 at 48, 52, 56: (48 x 31 + 52 x 30 + 56 x 31) / 92 = 52.0
  const lastYear = months("pm25-annual-mean", 2024, 10, 12, (m) => ({ 10: 48, 11: 52, 12: 56 })[m]!);

  it("gives the PM2.5 mean the remaining months must stay under, with last year's same months", () => {
    const result = judged([...lastYear, ...pm], "pm25", "2025-09-30");
    expect(result.required).toMatchObject({ period: "2025-10/2025-12", days: 92, operator: "<=", unit: "ug/m3" });
    expect(result.required!.value).toBeCloseTo(3516.2 / 92, 9);
    expect(result.required!.lastYearSamePeriod).toBeCloseTo(52, 9);
    expect(result.required!.bound).toBeUndefined();
    // The required path ends on the target.
    expect(result.required!.path.map((point) => point.period)).toEqual(["2025-10", "2025-11", "2025-12"]);
    expect(result.required!.path.at(-1)!.value).toBeCloseTo(40, 9);
  });

  it("is exactly the boundary: delivering the requirement passes, a little more fails", () => {
    const needed = 3516.2 / 92;
    const met = judged([...pm, ...months("pm25-annual-mean", 2025, 10, 12, needed)], "pm25", "2026-01-31");
    expect(met.status).toBe("pass");
    const missed = judged([...pm, ...months("pm25-annual-mean", 2025, 10, 12, needed + 0.01)], "pm25", "2026-01-31");
    expect(missed.status).toBe("fail");
  });

  it("says when PM2.5 is out of reach: the remaining months would need a negative mean", () => {
    // Jan-Sep at 60: (14600 - 16380) / 92 = -19.35; even 0 over Oct-Dec gives 16380 / 365 = 44.88
    const result = judged(months("pm25-annual-mean", 2025, 1, 9, 60), "pm25", "2025-09-30");
    expect(result.required).toMatchObject({ bound: "impossible", path: [] });
    expect(result.required!.value).toBeCloseTo(-1780 / 92, 9);
    expect(result.required!.boundValue).toBeCloseTo(16380 / 365, 9);
    expect(result.status).toBe("at-risk");
    expect(result.reason).toContain("fail-bound: out of reach, even 0 ug/m3 over 2025-10/2025-12 puts 2025 at 44.88 ug/m3");
  });

  it("counts whole good days: 180 of 273 so far need 63 of the remaining 92", () => {
    // 66.5% of 365 = 242.725 good days: 242.725 - 180 = 62.725, so 63 (68.5% of 92)
    const result = judged(months("good-day-ratio", 2025, 1, 9, 18000 / 273), "good", "2025-09-30");
    expect(result.required).toMatchObject({ operator: ">=", value: 63, unit: "days", days: 92 });
    expect(result.required!.share).toBeCloseTo(6300 / 92, 9);
    const ratio = (days: number[]) => (m: number) => (100 * days[m - 10]!) / (m === 11 ? 30 : 31);
    expect(judged([...months("good-day-ratio", 2025, 1, 9, 18000 / 273), ...months("good-day-ratio", 2025, 10, 12, ratio([21, 21, 21]))], "good", "2026-01-31").status).toBe("pass");
    expect(judged([...months("good-day-ratio", 2025, 1, 9, 18000 / 273), ...months("good-day-ratio", 2025, 10, 12, ratio([21, 21, 20]))], "good", "2026-01-31").status).toBe("fail");
  });

  it("says when the good-day ratio is out of reach, and when every remaining day is needed", () => {
    const lost = judged(months("good-day-ratio", 2025, 1, 9, 15000 / 273), "good", "2025-09-30");
    expect(lost.required).toMatchObject({ bound: "impossible", value: 92 });
    expect(lost.required!.boundValue).toBeCloseTo(24200 / 365, 9);
    expect(lost.reason).toContain("fail-bound: out of reach, even 92 good days of the remaining 92 put 2025 at 66.3 %");
    const edge = judged(months("good-day-ratio", 2025, 1, 9, 15100 / 273), "good", "2025-09-30");
    expect(edge.required).toMatchObject({ value: 92, share: 100 });
    expect(edge.required!.bound).toBeUndefined();
  });

  it("says when the good-day ratio is already secured: even no good day would do", () => {
    const result = judged(months("good-day-ratio", 2025, 1, 9, 24300 / 273), "good", "2025-09-30");
    expect(result.required).toMatchObject({ bound: "secured", value: 0 });
    expect(result.status).not.toBe("at-risk");
    expect(result.reason).toContain("pass-bound: already secured, even 0 good days of the remaining 92 put 2025 at 66.58 %");
  });

  it("caps the heavily polluted days: 3 so far leave 1", () => {
    // 1.2% of 365 = 4.38 days: 3 + 1 = 4 (1.096%) meets, 3 + 2 = 5 (1.37%) does not
    const result = judged(months("heavy-pollution-ratio", 2025, 1, 9, 300 / 273), "heavy", "2025-09-30");
    expect(result.required).toMatchObject({ operator: "<=", value: 1, unit: "days" });
    const lost = judged(months("heavy-pollution-ratio", 2025, 1, 9, 500 / 273), "heavy", "2025-09-30");
    expect(lost.required).toMatchObject({ bound: "impossible", value: 0 });
    expect(lost.status).toBe("at-risk");
  });

  it("turns a sum into what is still to add, and knows a floor already reached is kept", () => {
    const ytd = yearValues(months("output", 2025, 1, 9, 10), lookupFor().plan.indicators.find((indicator) => indicator.id === "output")!).get(2025)!;
    const indicator = lookupFor().plan.indicators.find((candidate) => candidate.id === "output")!;
    expect(requirement({ indicator, operator: ">", threshold: 100, ytd, observations: [] })).toMatchObject({ value: 10, unit: "10k-vehicles", operator: ">" });
    expect(requirement({ indicator, operator: ">", threshold: 80, ytd, observations: [] })).toMatchObject({ value: -10, bound: "secured" });
  });

  it("has nothing to say for a complete year or after the deadline", () => {
    expect(judged(months("pm25-annual-mean", 2025, 1, 12, 38), "pm25", "2026-01-31").required).toBeUndefined();
    expect(judged(months("pm25-annual-mean", 2024, 1, 6, 38), "pm25", "2024-06-30").required).toBeUndefined();
  });
});

describe("the probability of meeting the target", () => {
  const pm = months("pm25-annual-mean", 2025, 1, 9, 40.6);
  /** Oct-Dec of 2022-2024: Oct and Nov at 30 every year, Dec at 30 in one year and 60 in two. */
  const history = [2022, 2023, 2024].flatMap((year) => months("pm25-annual-mean", year, 10, 12, (m) => (m === 12 && year !== 2022 ? 60 : 30)));

  it("draws whole months from three earlier years: a clean December (1 in 3) meets, a dirty one does not", () => {
    // 30, 30, 30 over Oct-Dec: 30 <= 38.22 meets; 30, 30, 60: (930 + 900 + 1860) / 92 = 40.1 misses.
    const result = judged([...history, ...pm], "pm25", "2025-09-30");
    expect(result.probability).toMatchObject({ blocks: "month", years: [2022, 2023, 2024], draws: 2000 });
    expect(Math.abs(result.probability!.value! - 1 / 3)).toBeLessThan(0.04);
    expect(result.probability!.band!.map((point) => point.period)).toEqual(["2025-10", "2025-11", "2025-12"]);
    // Same inputs, same number.
    expect(judged([...history, ...pm], "pm25", "2025-09-30").probability!.value).toBe(result.probability!.value);
    // Reported beside a same-period status, it decides nothing.
    expect(result.method).not.toBe("resampling");
  });

  it("decides on-track or at-risk by the plan's line when the plan projects by resampling", () => {
    const atRisk = judged([...history, ...pm], "pm25", "2025-09-30", "resampling");
    expect(atRisk).toMatchObject({ status: "at-risk", method: "resampling" });
    expect(atRisk.reason).toMatch(/^3\d% of 2000 resampled years meet target <= 40 ug\/m3 \(the rest of 2025 drawn from 2022, 2023, 2024; at-risk below 50%\)/);
    expect(judged([...history, ...pm], "pm25", "2025-09-30", "resampling", 0.3)).toMatchObject({ status: "on-track", method: "resampling" });
  });

  it("is 100% and 0% when every earlier year meets or misses", () => {
    const clean = [2022, 2023, 2024].flatMap((year) => months("pm25-annual-mean", year, 10, 12, 30));
    const dirty = [2022, 2023, 2024].flatMap((year) => months("pm25-annual-mean", year, 10, 12, 45));
    expect(judged([...clean, ...pm], "pm25", "2025-09-30").probability!.value).toBe(1);
    expect(judged([...dirty, ...pm], "pm25", "2025-09-30").probability!.value).toBe(0);
  });

  it("prefers daily values, drawn as weeks within months, and reports the range", () => {
    const days: Observation[] = [];
    for (const year of [2022, 2023, 2024]) {
      for (let m = 10; m <= 12; m += 1) for (let d = 1; d <= (m === 11 ? 30 : 31); d += 1) days.push(obs("pm25-annual-mean", "410100", `${year}-${month(m)}-${String(d).padStart(2, "0")}`, 30));
    }
    const result = judged([...days, ...pm], "pm25", "2025-09-30");
    expect(result.probability).toMatchObject({ blocks: "week", value: 1 });
    // (40.6 x 273 + 30 x 92) / 365
    expect(result.probability!.range!.median).toBeCloseTo((40.6 * 273 + 30 * 92) / 365, 9);
  });

  it("says there is too little history instead of inventing a number", () => {
    const two = history.filter((observation) => observation.period.year !== 2022);
    const result = judged([...two, ...pm], "pm25", "2025-09-30", "resampling");
    expect(result.probability!.value).toBeUndefined();
    expect(result.probability!.note).toBe("too little history: the rest of 2025 (2025-10/2025-12) is covered in 2 earlier year(s) (2023, 2024); 3 are needed");
    // Resampling falls back to the same-period projection.
    expect(result.method).not.toBe("resampling");
  });

  it("draws on the five latest earlier years, also those before the first judged year, which judge nothing", () => {
    // The plan starts in 2023: 2022 is the first judged year, data from 2017 is read as history.
    const older = [2016, 2017, 2018, 2019, 2020, 2021].flatMap((year) => months("pm25-annual-mean", year, 1, 12, year === 2016 ? 90 : 30));
    const result = judged([...older, ...pm], "pm25", "2025-09-30");
    // 2020-2024 are the window; of them, 2020 and 2021 have the months.
    expect(result.probability!.note).toMatch(/covered in 2 earlier year\(s\) \(2020, 2021\); 3 are needed/);
    const withRecent = judged([...older, ...history, ...pm], "pm25", "2025-09-30", "trend");
    expect(withRecent.probability).toMatchObject({ years: [2020, 2021, 2022, 2023, 2024] });
    // The trend is fitted to judged years only: a full 2016-2021 history would give it six more points.
    expect(withRecent.reason).not.toMatch(/trend over [6-9]/);
    expect(withRecent.reason).not.toMatch(/2016|2017|2018|2019|2020|2021/);
  });

  it("reads the daily lines the air kind writes into a computed month's provenance", () => {
    const base = obs("pm25-annual-mean", "410100", "2024-10", 40);
    const pm25: Observation = { ...base, provenance: { method: "GB 3095-2012 validity", inputs: "", details: ["mean of 2 daily means", "daily PM2.5: 10-01 55.2, 10-02 20 (沙), 10-03 31.5"] } };
    const good: Observation = { ...base, indicator: "good-day-ratio", provenance: { method: "share of days good (AQI ≤ 100): HJ 633", inputs: "", details: ["daily AQI: 10-01 88, 10-02 250"] } };
    const heavy: Observation = { ...base, indicator: "heavy-pollution-ratio", provenance: { method: "share of days heavily polluted (AQI > 200): HJ 633", inputs: "", details: ["daily AQI: 10-01 88, 10-02 250"] } };
    const all = () => true;
    expect([...dailyHistory([pm25], all).get(2024)!]).toEqual([["10-01", 55.2], ["10-03", 31.5]]);
    expect([...dailyHistory([good], all).get(2024)!]).toEqual([["10-01", 100], ["10-02", 0]]);
    expect([...dailyHistory([heavy], all).get(2024)!]).toEqual([["10-01", 0], ["10-02", 100]]);
  });

  it("has no probability where the aggregation leaves the rest of the year no part", () => {
    const indicator = { ...lookupFor().plan.indicators[0]!, aggregation: "last" as const };
    const ytd = yearValues(pm, indicator).get(2025)!;
    expect(resample({ indicator, operator: "<=", threshold: 40, ytd, observations: pm, atRiskBelow: 0.5, seed: 1 })).toBeUndefined();
  });
});
