import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/evaluate.js";
import { buildLookup } from "../../src/plan/lookup.js";
import { loadPlan } from "../../src/plan/load.js";
import { trajectories } from "../../src/report/charts.js";
import { obs } from "../helpers/plan.js";

const lookup = buildLookup(
  loadPlan(
    `
id: chart-plan
title: 图
period: { start: 2023-01-01, end: 2025-12-31 }
city: "410100"
areas:
  - { code: "410100", name: 郑州市, pinyin: Zhengzhou, kind: city }
indicators:
  - { id: pm25-annual-mean, name: { zh: 细颗粒物年均浓度, en: PM2.5 }, unit: ug/m3, direction: lower-is-better, period: annual, projection: resampling, plausible: [0, 500] }
tasks:
  - { id: goals, number: 0, group: 目标, groupTitle: 主要目标, title: 主要目标, targets: [{ id: pm25, indicator: pm25-annual-mean, operator: "<=", value: 40, unit: ug/m3, deadline: 2025-12-31, source: s }] }
`,
    "chart.yaml",
  ),
);
const month = (year: number, m: number, value: number) => obs("pm25-annual-mean", "410100", `${year}-${String(m).padStart(2, "0")}`, value);

describe("the deadline-year chart's model", () => {
  // Jan-Sep 2025 at 40.6, so Oct-Dec must average 3516.2 / 92; Oct-Dec 2022-2024 at 30 or 45.
  const history = [2022, 2023, 2024].flatMap((year) => [10, 11, 12].map((m) => month(year, m, year === 2023 ? 45 : 30)));
  const ytd = Array.from({ length: 9 }, (_, index) => month(2025, index + 1, 40.6));
  const [trajectory] = trajectories(evaluate(lookup, { observations: [...history, ...ytd], issues: [], files: [] }, { asOf: "2025-09-30" }));

  it("starts the required path and the band at the year-to-date value and ends the required path on the target", () => {
    expect(trajectory!.yearToDate).toEqual({ period: "2025-09", value: 40.6 });
    expect(trajectory!.required!.map((point) => point.period)).toEqual(["2025-10", "2025-11", "2025-12"]);
    // October delivers exactly the requirement: (40.6 x 273 + 38.2196 x 31) / 304.
    expect(trajectory!.required![0]!.value).toBeCloseTo((40.6 * 273 + (3516.2 / 92) * 31) / 304, 2);
    expect(trajectory!.required!.at(-1)!.value).toBeCloseTo(40, 9);
  });

  it("brackets the drawn years month by month: clean and dirty Octobers give the band's ends", () => {
    expect(trajectory!.band!.map((point) => point.period)).toEqual(["2025-10", "2025-11", "2025-12"]);
    const october = trajectory!.band![0]!;
    // A 30 October gives (40.6 x 273 + 30 x 31) / 304 = 39.52; a 45 one 41.05.
    expect(october.low).toBeCloseTo((40.6 * 273 + 30 * 31) / 304, 9);
    expect(october.high).toBeCloseTo((40.6 * 273 + 45 * 31) / 304, 9);
    for (const point of trajectory!.band!) expect(point.low).toBeLessThanOrEqual(point.high);
  });

  it("has no outlook once the year is complete", () => {
    const full = [...ytd, month(2025, 10, 38), month(2025, 11, 38), month(2025, 12, 38)];
    const [done] = trajectories(evaluate(lookup, { observations: [...history, ...full], issues: [], files: [] }, { asOf: "2025-12-31" }));
    expect(done?.required).toBeUndefined();
    expect(done?.band).toBeUndefined();
  });
});
