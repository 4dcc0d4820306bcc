import { describe, expect, it } from "vitest";
import { completeness, lastCompleteMonth, seriesCompleteness } from "../../src/engine/completeness.js";
import { evaluate } from "../../src/engine/evaluate.js";
import { miniLookup, obs } from "../helpers/plan.js";

const lookup = miniLookup();
const pm25 = lookup.plan.indicators.find((indicator) => indicator.id === "pm25-annual-mean")!;
const capacity = lookup.plan.indicators.find((indicator) => indicator.id === "capacity")!;
const months = (area: string, year: number, list: number[], value = 40) => list.map((month) => obs("pm25-annual-mean", area, `${year}-${String(month).padStart(2, "0")}`, value));

describe("series completeness", () => {
  it("names the months missing from January of the first monthly year to the last month ended by the as-of date", () => {
    const series = [...months("410102", 2024, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]), ...months("410102", 2025, [1, 2, 3, 5, 6, 9, 10])];
    expect(seriesCompleteness(series, pm25, "2025-10-31")).toEqual({ missing: ["2025-04", "2025-07", "2025-08"], latest: "2025-10", stale: false });
    // Mid-month as-of: October has not ended, so it is not owed yet.
    expect(seriesCompleteness(series.slice(0, -1), pm25, "2025-10-15").missing).toEqual(["2025-04", "2025-07", "2025-08"]);
  });

  it("counts a quarter as its three months, and a year with an annual value as complete", () => {
    const series = [obs("pm25-annual-mean", "410102", "2024", 44), ...months("410102", 2024, [1, 2]), obs("pm25-annual-mean", "410102", "2025-Q1", 50), ...months("410102", 2025, [4])];
    expect(seriesCompleteness(series, pm25, "2025-05-31").missing).toEqual(["2025-05"]);
  });

  it("is stale when a whole period of its own kind ended after its latest value", () => {
    expect(seriesCompleteness(months("410102", 2025, [1, 2, 3]), pm25, "2025-04-30")).toMatchObject({ stale: true, latest: "2025-03", missing: ["2025-04"] });
    expect(seriesCompleteness(months("410102", 2025, [1, 2, 3]), pm25, "2025-04-29").stale).toBe(false);
    expect(seriesCompleteness([obs("capacity", "410100", "2024", 400)], capacity, "2025-10-31")).toEqual({ missing: [], latest: "2024", stale: false });
  });

  it("takes the last complete month of a date", () => {
    expect([lastCompleteMonth("2025-10-31"), lastCompleteMonth("2025-01-15"), lastCompleteMonth("2024-02-29")]).toEqual([
      { year: 2025, month: 10 },
      { year: 2024, month: 12 },
      { year: 2024, month: 2 },
    ]);
  });
});

describe("results", () => {
  it("carry the missing months and the stale mark, and the report warns once per series", () => {
    const data = [...months("410100", 2024, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], 45), ...months("410100", 2025, [1, 2, 3, 5, 6, 9, 10], 42), ...months("410102", 2025, [1, 2, 3, 4, 5, 6, 7, 8, 9], 41)];
    const report = evaluate(lookup, { observations: data, issues: [], files: [] }, {});
    const city = report.results.find((result) => result.target === "goals-pm25" && result.area === "410100")!;
    const district = report.results.find((result) => result.target === "goals-pm25" && result.area === "410102")!;
    expect(city.missingPeriods).toEqual(["2025-04", "2025-07", "2025-08"]);
    expect(city.reason).toContain("; 缺 2025-04, 2025-07, 2025-08");
    expect(city.stale).toBeUndefined();
    expect(district.stale).toEqual({ latest: "2025-09" });
    expect(district.reason).toContain("stale: latest data 2025-09, older than the as-of date 2025-10-31");
    expect(report.issues.filter((issue) => issue.code === "gap-in-series").map((issue) => issue.message)).toEqual([
      "郑州市 细颗粒物年均浓度: 缺 2025-04, 2025-07, 2025-08 (3 month(s) missing before 2025-10-31; the pm25-annual-mean series judges the months it has)",
      "中原区 细颗粒物年均浓度: 缺 2025-10 (1 month(s) missing before 2025-10-31; the pm25-annual-mean series judges the months it has)",
    ]);
  });
});

describe("the completeness view", () => {
  it("lists each area and indicator the plan judges, period by period, and names indicators no one sent", () => {
    const data = [...months("410100", 2025, [1, 2, 3]), ...months("410103", 2025, [2])];
    const view = completeness(lookup, { observations: data, issues: [], files: [] }, { asOf: "2025-03-31" });
    expect(view.from).toBe("2025-01");
    const row = (area: string) => view.rows.find((candidate) => candidate.area === area && candidate.indicator === "pm25-annual-mean")!;
    expect(row("410100").periods.every((cell) => cell.present)).toBe(true);
    expect(row("410103").periods).toEqual([
      { period: "2025-01", present: false },
      { period: "2025-02", present: true },
      { period: "2025-03", present: false },
    ]);
    expect(row("410102")).toMatchObject({ areaName: "中原区", indicatorName: "细颗粒物年均浓度" });
    expect(row("410102").latest).toBeUndefined();
    expect(view.notSent).toContain("dust-fall");
    expect(view.rows.some((candidate) => candidate.indicator === "dust-fall")).toBe(false);
    expect(completeness(lookup, { observations: data, issues: [], files: [] }, { asOf: "2025-03-31", allIndicators: true }).rows.some((candidate) => candidate.indicator === "dust-fall")).toBe(true);
  });
});
