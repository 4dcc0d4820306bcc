import { describe, expect, it } from "vitest";
import type { Probability, Requirement, TargetResult } from "../../src/engine/types.js";
import { catalogues } from "../../src/report/messages.js";
import { chanceText, requirementText } from "../../src/report/wording.js";

const base: TargetResult = { target: "t", task: "goals", taskNumber: 0, indicator: "pm25-annual-mean", area: "410100", areaName: "郑州市", role: "binding", status: "at-risk", expected: 40, operator: "<=", unit: "ug/m3", method: "same-period", reason: "r" };
const required = (fields: Partial<Requirement>): Requirement => ({ period: "2025-10/2025-12", days: 92, kind: "mean", operator: "<=", value: 38.2196, unit: "ug/m3", path: [], ...fields });
const chance = (fields: Partial<Probability>): Probability => ({ method: "m", years: [2022, 2023, 2024], draws: 2000, seed: 1, atRiskBelow: 0.5, ...fields });
const zh = catalogues.zh;

describe("what the rest of the year must deliver, in words", () => {
  it("says a mean as the issue writes it, with last year's same months", () => {
    const result = { ...base, required: required({ lastYearSamePeriod: 52 }) };
    expect(requirementText(result, zh)).toBe("10-12月均值需 ≤ 38.2 微克/立方米（去年同期 52）");
    expect(requirementText(result)).toBe("Oct-Dec must average ≤ 38.2 ug/m3 (same months last year 52)");
  });

  it("says good days as a count of the remaining days and its share", () => {
    const result = { ...base, indicator: "good-day-ratio", unit: "%", operator: ">=", required: required({ kind: "days", operator: ">=", value: 63, unit: "days", share: (100 * 63) / 92, lastYearSamePeriod: 58 }) };
    expect(requirementText(result, zh)).toBe("剩余 92 天中需至少 63 天优良（68.5%；去年同期 58%）");
  });

  it("says heavily polluted days as a most", () => {
    const result = { ...base, indicator: "heavy-pollution-ratio", unit: "%", required: required({ kind: "days", value: 1, unit: "days", share: 100 / 92 }) };
    expect(requirementText(result, zh)).toBe("剩余 92 天中重污染天不得超过 1 天");
  });

  it("says when the target is out of reach or already secured, and what the year would be", () => {
    const impossible = { ...base, indicator: "good-day-ratio", unit: "%", operator: ">=", required: required({ kind: "days", operator: ">=", value: 92, unit: "days", bound: "impossible", boundValue: 65.9 }) };
    expect(requirementText(impossible, zh)).toBe("已无法达标：即使剩余 92 天全部优良，全年也只有 65.9 %");
    const secured = { ...base, indicator: "heavy-pollution-ratio", unit: "%", required: required({ kind: "days", value: 92, unit: "days", bound: "secured", boundValue: 1.1 }) };
    expect(requirementText(secured)).toBe("already secured: even all 92 remaining days heavily polluted puts the year at 1.1 %");
    const mean = { ...base, required: required({ value: -3, bound: "impossible", boundValue: 40.7, boundAssumes: 0 }) };
    expect(requirementText(mean, zh)).toBe("已无法达标：即使10-12月均为 0 微克/立方米，全年也只有 40.7 微克/立方米");
  });

  it("says a sum over months that are not a run", () => {
    const result = { ...base, unit: "10k-vehicles", operator: ">", required: required({ period: "2025-06,2025-10/2025-12", kind: "sum", operator: ">", value: 38.8, unit: "10k-vehicles" }) };
    expect(requirementText(result, zh)).toBe("6月，10-12月合计需 > 38.8 万辆");
    expect(requirementText(result)).toBe("Jun, Oct-Dec must add > 38.8 万辆");
  });

  it("gives the chance, or says there is too little history instead of a number", () => {
    expect(chanceText({ ...base, probability: chance({ value: 0.18 }) }, zh)).toBe("达标概率 18%");
    expect(chanceText({ ...base, probability: chance({ value: 0.004 }) })).toBe("<1% chance to meet");
    expect(chanceText({ ...base, probability: chance({ years: [2024], note: "too little" }) }, zh)).toBe("历史数据不足（需3年）");
    expect(chanceText(base, zh)).toBe("");
    expect(requirementText(base, zh)).toBe("");
  });
});
