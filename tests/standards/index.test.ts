import { describe, expect, it } from "vitest";
import * as standards from "../../src/standards/index.js";

describe("standards index", () => {
  it.each([
    "roundHalfEven",
    "ceilDiv",
    "stripBinaryNoise",
    "iaqi",
    "dailyAqi",
    "aqiCategory",
    "rulesetForDate",
    "roundConcentrationForAqi",
    "dailyMeanFromHours",
    "o3EightHourMeans",
    "o3Max8h",
    "annualMeanValidity",
    "percentile",
    "goodDayRatio",
    "heavyPollutionRatio",
    "parameterClass",
    "sectionClass",
    "meetsTarget",
    "waterClassLabel",
    "waterClassLimits",
    "waterQualityGrade",
    "findWaterParameter",
    "classifyBlackOdorousSample",
    "classifyBlackOdorousPoint",
  ])("re-exports %s", (name) => {
    expect(typeof (standards as Record<string, unknown>)[name]).toBe("function");
  });

  it("re-exports the data tables", () => {
    expect(standards.aqiBreakpoints["2026"].pm25_24h[2]).toBe(60);
    expect(standards.waterParameterNames.nh3n).toContain("氨氮");
    expect(standards.blackOdorousThresholds.nh3nMgL.heavy).toBe(15);
  });
});
