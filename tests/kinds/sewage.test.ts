import { describe, expect, it } from "vitest";
import { findObservation, runRawKind, valueOf } from "../helpers/raw.js";
import type { Kind } from "../../src/kinds/kind.js";
import { defaultPerCapitaBod5, flowFactor, sewageKind } from "../../src/kinds/sewage/index.js";
import { vehiclesKind } from "../../src/kinds/vehicles/index.js";
import { waterKind } from "../../src/kinds/water/sections.js";

const run = <State>(kind: Kind<State>, files: Record<string, string>) => runRawKind(kind, files, 29);
const find = findObservation;
const value = valueOf;

const plants = [
  "污水处理厂,区县,月份,处理水量(万m3/d),进水BOD5(mg/L)",
  "甲厂,中原区,2025-06,10,120",
  "乙厂,中原区,2025-06,5,90",
  "丙厂,二七区,2025-06,2,101",
  "丁厂,二七区,2025-06,3,100",
].join("\n");

const population = ["区县,年份,服务人口(万人)", "中原区,2025,40", "二七区,2024,15", "全市,2025,60"].join("\n");

describe("sewage: detect", () => {
  it("recognises plant records and the population table by their columns", () => {
    expect(sewageKind.detect(plants.split("\n")[0]!.split(","))).toBe(true);
    expect(sewageKind.detect(population.split("\n")[0]!.split(","))).toBe(true);
    expect(sewageKind.detect(["area", "year", "served_population", "per_capita_bod5"])).toBe(true);
    expect(sewageKind.detect(["indicator", "area", "period", "value"])).toBe(false);
    expect(sewageKind.detect(["plant", "date", "flow"])).toBe(false);
    expect(waterKind.detect(plants.split("\n")[0]!.split(","))).toBe(false);
    expect(vehiclesKind.detect(population.split("\n")[0]!.split(","))).toBe(false);
  });

  it.each([
    ["处理水量(万m3/d)", 10_000],
    ["处理水量（万吨/日）", 10_000],
    ["flow (m³/d)", 1],
    ["日处理量(t/d)", 1],
    ["处理水量", undefined],
    ["处理水量(万m3/月)", null],
  ])("flow header %s is %s m3/d per unit", (header, factor) => {
    expect(flowFactor(header)).toBe(factor);
  });
});

describe("sewage: WWTP influent BOD share", () => {
  it("counts plants whose mean influent BOD5 is above 100 mg/L, strictly", async () => {
    const { observations } = await run(sewageKind, { "plants.csv": plants });
    // 甲 120 and 丙 101 are above; 乙 90 and 丁 100 are not
    expect(value(observations, "wwtp-bod-over-100-share", "2025-06")).toBe(50);
    expect(value(observations, "wwtp-bod-over-100-share", "2025-06", "410102")).toBe(50);
    expect(value(observations, "wwtp-bod-over-100-share", "2025-06", "410103")).toBe(50);
    const share = find(observations, "wwtp-bod-over-100-share", "2025-06");
    expect(share?.unit).toBe("%");
    expect(share?.provenance?.inputs).toBe("4 plant(s) with influent BOD5 in 2025-06, 2 above 100 mg/L; year to date (2025-01..2025-06): 2 of 4 (50%)");
    expect(share?.origin).toEqual({ file: "plants.csv", line: 2, column: 1 });
  });

  it("weights a plant's mean by flow when every record has one", async () => {
    const csv = ["plant,area,date,flow (m3/d),influent BOD5 (mg/L),served population", "P1,Jinshui,2025-07-01,10000,80,50000", "P1,Jinshui,2025-07-02,30000,120,"].join("\n");
    const { observations } = await run(sewageKind, { "p.csv": csv });
    // (10 000 × 80 + 30 000 × 120) / 40 000 = 110 mg/L, above 100; the plain mean would be 100
    expect(value(observations, "wwtp-bod-over-100-share", "2025-07", "410105")).toBe(100);
    expect(find(observations, "wwtp-bod-over-100-share", "2025-07", "410105")?.provenance?.details).toEqual(["P1: mean influent BOD5 110 mg/L (flow-weighted, 2 day(s) of records)"]);
    // load (10 000 × 80 + 30 000 × 120) / 2 = 2 200 000 g/d over 50 000 people × 45 g/d = 2 250 000 g/d
    expect(value(observations, "sewage-collection-rate", "2025-07", "410105")).toBeCloseTo((2_200_000 / 2_250_000) * 100, 10);
  });

  it("gives a year only once the data reaches its December", async () => {
    const rows = ["plant,area,date,influent BOD5"];
    for (let month = 1; month <= 12; month += 1) rows.push(`P1,Jinshui,2024-${String(month).padStart(2, "0")},${month <= 6 ? 90 : 130}`);
    for (let month = 1; month <= 3; month += 1) rows.push(`P1,Jinshui,2025-0${month},95`);
    const { observations } = await run(sewageKind, { "p.csv": rows.join("\n") });
    // 2024: (6 × 90 × days + 6 × 130 × days) / 366 days, weighted by the months' lengths: above 100
    expect(value(observations, "wwtp-bod-over-100-share", "2024")).toBe(100);
    expect(value(observations, "wwtp-bod-over-100-share", "2024-03")).toBe(0);
    expect(find(observations, "wwtp-bod-over-100-share", "2025")).toBeUndefined();
    expect(value(observations, "wwtp-bod-over-100-share", "2025-03")).toBe(0);
    // no flows: no collection rate
    expect(observations.some((observation) => observation.indicator === "sewage-collection-rate")).toBe(false);
  });
});

describe("sewage: collection rate", () => {
  it("divides the plants' influent BOD5 load by the served population's load (hand-computed)", async () => {
    const { observations, issues } = await run(sewageKind, { "plants.csv": plants, "population.csv": population });
    expect(issues).toEqual([]);
    // 中原区: (100 000 m3/d × 120 + 50 000 × 90) g/d / (400 000 people × 45 g/d) = 16.5e6 / 18e6
    expect(value(observations, "sewage-collection-rate", "2025-06", "410102")).toBeCloseTo((16.5e6 / 18e6) * 100, 10);
    expect(value(observations, "sewage-collection-rate", "2025-06", "410102")).toBeCloseTo(91.6667, 4);
    // 二七区: (20 000 × 101 + 30 000 × 100) / (150 000 × 45), its 2024 population carried forward
    expect(value(observations, "sewage-collection-rate", "2025-06", "410103")).toBeCloseTo((5.02e6 / 6.75e6) * 100, 10);
    // the city: all four plants over the city's own population row
    expect(value(observations, "sewage-collection-rate", "2025-06")).toBeCloseTo((21.52e6 / 27e6) * 100, 10);

    const city = find(observations, "sewage-collection-rate", "2025-06");
    expect(city?.provenance?.method).toContain(`per-capita BOD5 load ${defaultPerCapitaBod5} g/(person·day)`);
    expect(city?.provenance?.method).toContain("UNVERIFIED");
    expect(city?.provenance?.inputs).toBe("4 plant(s) in 2025-06 receive 21,520 kg BOD5/d; 600,000 people produce 27,000 kg/d");
    expect(find(observations, "sewage-collection-rate", "2025-06", "410103")?.provenance?.details[0]).toBe(
      "served population of 二七区: 150,000 from population.csv:3 (2025 not given; 2024's figure used), × 45 g/(person·day) (default)",
    );
  });

  it("takes the per-capita figure from the population file when it gives one, and sums areas for the city", async () => {
    const perCapita = ["area,year,served_population,per_capita_bod5", "中原区,2025,400000,40", "二七区,2025,150000,"].join("\n");
    const { observations } = await run(sewageKind, { "plants.csv": plants, "population.csv": perCapita });
    expect(value(observations, "sewage-collection-rate", "2025-06", "410102")).toBeCloseTo((16.5e6 / (400_000 * 40)) * 100, 10);
    expect(value(observations, "sewage-collection-rate", "2025-06")).toBeCloseTo((21.52e6 / (400_000 * 40 + 150_000 * 45)) * 100, 10);
  });

  it("warns when no population can be found", async () => {
    const { observations, issues } = await run(sewageKind, { "plants.csv": plants });
    expect(observations.some((observation) => observation.indicator === "sewage-collection-rate")).toBe(false);
    expect(issues.filter((issue) => issue.code === "missing-population").length).toBe(3);
  });
});

describe("sewage: row accounting", () => {
  it("rejects bad rows with their line and column, and skips blanks and exact repeats", async () => {
    const csv = [
      "污水处理厂,区县,日期,处理水量(m3/d),进水BOD5",
      "甲厂,中原区,2025-06-01,100000,120",
      "甲厂,中原区,2025-06-01,100000,120",
      ",,,,",
      ",中原区,2025-06-02,100000,120",
      "甲厂,中原区,2025-06,100000,120",
      "甲厂,中原区,2025-06-01,100000,130",
      "乙厂,中源区,2025-06-01,100000,120",
      "乙厂,中原区,2025-06-31,100000,120",
      "乙厂,中原区,2025-06-02,是,120",
      "乙厂,中原区,2025-06-03,100000,",
      "乙厂,中原区,2025-06-04,100000,-5",
      "甲厂,二七区,2025-06-05,100000,110",
      "乙厂,中原区,2015-06-05,100000,110",
    ].join("\n");
    const { counts, issues } = await run(sewageKind, { "p.csv": csv });
    expect(counts["p.csv"]).toEqual({ read: 13, used: 1, skipped: 3, rejected: 9 });
    expect(issues.filter((issue) => issue.code !== "missing-population").map((issue) => [issue.code, issue.location?.line, issue.location?.column])).toEqual([
      ["missing-plant", 5, 1],
      ["mixed-granularity", 6, 3],
      ["conflicting-rows", 7, 3],
      ["unknown-area", 8, 2],
      ["bad-date", 9, 3],
      ["bad-flow", 10, 4],
      ["missing-bod", 11, 5],
      ["bad-bod", 12, 5],
      ["plant-mismatch", 13, 2],
      ["before-baseline", 14, 3],
    ]);
    expect(issues.find((issue) => issue.code === "bad-flow")?.message).toBe('"是" is not a number (column "处理水量(m3/d)")');
  });

  it("checks population rows", async () => {
    const csv = ["区县,年份,服务人口", "中原区,2025,400000", "中原区,2025,400000", "中原区,2025,410000", "中原区,2025-06,400000", ",2025,400000", "二七区,2025,0"].join("\n");
    const { counts, issues } = await run(sewageKind, { "pop.csv": csv });
    expect(counts["pop.csv"]).toEqual({ read: 6, used: 1, skipped: 1, rejected: 4 });
    expect(issues.map((issue) => issue.code)).toEqual(["conflicting-rows", "bad-period", "missing-area", "bad-population"]);
  });

  it("rejects every data row of a plant file without a date, and skips its blank rows", async () => {
    const csv = ["plant,influent BOD5", "P1,120", ",", "P2,90"].join("\n");
    const { issues, counts } = await run(sewageKind, { "p.csv": csv });
    expect(counts["p.csv"]).toEqual({ read: 3, used: 0, skipped: 1, rejected: 2 });
    expect(issues.map((issue) => [issue.code, issue.location?.line])).toEqual([
      ["missing-column", 2],
      ["missing-column", 4],
    ]);
    expect(issues[0]?.message).toBe("required column missing: date (日期, 月份, date)");
  });

  it("warns once when the flow column names no unit", async () => {
    const csv = ["plant,date,flow,influent BOD5", "P1,2025-06,50000,120"].join("\n");
    const { issues, counts } = await run(sewageKind, { "p.csv": csv });
    expect(counts["p.csv"]).toEqual({ read: 1, used: 1, skipped: 0, rejected: 0 });
    expect(issues.map((issue) => issue.code)).toEqual(["flow-unit-assumed", "missing-population"]);
  });
});
