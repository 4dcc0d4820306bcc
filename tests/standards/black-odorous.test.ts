import { describe, expect, it } from "vitest";
import {
  classifyBlackOdorousPoint,
  classifyBlackOdorousSample,
  type BlackOdorousSample,
} from "../../src/standards/black-odorous.js";

const clean: BlackOdorousSample = { transparencyCm: 60, doMgL: 6, orpMv: 150, nh3nMgL: 1 };

describe("classifyBlackOdorousSample: thresholds of the 2015 guideline", () => {
  it("finds clean water not black-odorous", () => {
    expect(classifyBlackOdorousSample(clean)).toEqual({ transparency: "none", do: "none", orp: "none", nh3n: "none", overall: "none" });
  });

  it.each([
    [25, "none"],
    [24.9, "light"],
    [10, "light"],
    [9.9, "heavy"],
  ])("transparency %d cm is %s", (transparencyCm, level) => {
    expect(classifyBlackOdorousSample({ ...clean, transparencyCm }).transparency).toBe(level);
  });

  it.each([
    [2.0, "none"],
    [1.99, "light"],
    [0.2, "light"],
    [0.19, "heavy"],
  ])("DO %d mg/L is %s", (doMgL, level) => {
    expect(classifyBlackOdorousSample({ ...clean, doMgL }).do).toBe(level);
  });

  it.each([
    [50, "none"],
    [49, "light"],
    [-200, "light"],
    [-201, "heavy"],
  ])("ORP %d mV is %s", (orpMv, level) => {
    expect(classifyBlackOdorousSample({ ...clean, orpMv }).orp).toBe(level);
  });

  it.each([
    [8.0, "none"],
    [8.1, "light"],
    [15, "light"],
    [15.1, "heavy"],
  ])("NH3-N %d mg/L is %s", (nh3nMgL, level) => {
    expect(classifyBlackOdorousSample({ ...clean, nh3nMgL }).nh3n).toBe(level);
  });

  it("grades a sample by its worst indicator", () => {
    expect(classifyBlackOdorousSample({ ...clean, nh3nMgL: 10 }).overall).toBe("light");
    expect(classifyBlackOdorousSample({ ...clean, nh3nMgL: 10, orpMv: -250 }).overall).toBe("heavy");
  });

  it("rejects impossible measurements", () => {
    expect(() => classifyBlackOdorousSample({ ...clean, doMgL: -1 })).toThrow(RangeError);
    expect(() => classifyBlackOdorousSample({ ...clean, transparencyCm: Number.NaN })).toThrow(RangeError);
    expect(classifyBlackOdorousSample({ ...clean, orpMv: -50 }).orp).toBe("light");
  });
});

describe("classifyBlackOdorousSample: water shallower than 25 cm", () => {
  it.each([
    [20, 20, "none"], // bed visible
    [20, 19.9, "light"],
    [20, 8, "light"], // 40 % of 20 cm
    [20, 7.9, "heavy"],
    [10, 4, "light"],
    [10, 3.9, "heavy"],
  ])("depth %d cm, transparency %d cm is %s", (depthCm, transparencyCm, level) => {
    expect(classifyBlackOdorousSample({ ...clean, depthCm, transparencyCm }).transparency).toBe(level);
  });

  it("uses the ordinary thresholds from 25 cm down", () => {
    expect(classifyBlackOdorousSample({ ...clean, depthCm: 25, transparencyCm: 24.9 }).transparency).toBe("light");
    expect(classifyBlackOdorousSample({ ...clean, depthCm: 25, transparencyCm: 9.9 }).transparency).toBe("heavy");
    expect(classifyBlackOdorousSample({ ...clean, depthCm: 100, transparencyCm: 12 }).transparency).toBe("light");
    // The shallow rule meets the deep one at 25 cm: just under it, 9.9 cm is still heavy.
    expect(classifyBlackOdorousSample({ ...clean, depthCm: 24.9, transparencyCm: 9.9 }).transparency).toBe("heavy");
  });
});

describe("classifyBlackOdorousPoint: the 60 % / 30 % rules", () => {
  const heavyNh3n: BlackOdorousSample = { ...clean, nh3nMgL: 20 };
  const heavyDo: BlackOdorousSample = { ...clean, doMgL: 0.1 };
  const heavyDoAndOrp: BlackOdorousSample = { ...clean, doMgL: 0.1, orpMv: -300 };
  const lightNh3n: BlackOdorousSample = { ...clean, nh3nMgL: 10 };

  it("is heavy when one indicator is heavy in 60 % of the samples", () => {
    const point = classifyBlackOdorousPoint([heavyNh3n, heavyNh3n, heavyNh3n, clean, clean]);
    expect(point.level).toBe("heavy");
    expect(point.sampleCount).toBe(5);
    expect(point.shares.nh3n).toEqual({ heavy: 0.6, lightOrHeavy: 0.6 });
  });

  it("is not heavy at 2 of 5 (40 %) for a single indicator", () => {
    expect(classifyBlackOdorousPoint([heavyNh3n, heavyNh3n, lightNh3n, clean, clean]).level).toBe("light");
  });

  it("is heavy when two indicators are heavy in 30 % of the samples each", () => {
    const samples = [...Array.from({ length: 3 }, () => heavyDoAndOrp), ...Array.from({ length: 7 }, () => clean)];
    expect(classifyBlackOdorousPoint(samples).level).toBe("heavy");
  });

  it("is not heavy when the second indicator reaches only 20 %, and then not black-odorous either", () => {
    const samples = [heavyDoAndOrp, heavyDoAndOrp, heavyDo, ...Array.from({ length: 7 }, () => clean)];
    const point = classifyBlackOdorousPoint(samples);
    expect(point.shares.do.heavy).toBeCloseTo(0.3, 12);
    expect(point.shares.orp.heavy).toBeCloseTo(0.2, 12);
    // Light-or-heavy shares are the same 30 % and 20 %, so the light rule is not met either.
    expect(point.level).toBe("none");
  });

  it("tells light from not black-odorous with the same rule on light-or-heavy samples", () => {
    expect(classifyBlackOdorousPoint([lightNh3n, lightNh3n, lightNh3n, clean, clean]).level).toBe("light");
    expect(classifyBlackOdorousPoint([lightNh3n, clean, clean, clean, clean]).level).toBe("none");
    expect(classifyBlackOdorousPoint([clean, clean, clean]).level).toBe("none");
  });

  it("needs at least one sample", () => {
    expect(() => classifyBlackOdorousPoint([])).toThrow(RangeError);
  });
});
