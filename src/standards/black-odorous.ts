/**
 * Urban black-odorous water grading by the 城市黑臭水体整治工作指南 (MOHURD and MEP, 2015-08).
 */
import { stripBinaryNoise } from "./rounding.js";

export type BlackOdorousLevel = "none" | "light" | "heavy";

export type BlackOdorousIndicator = "transparency" | "do" | "orp" | "nh3n";

export const blackOdorousIndicators: readonly BlackOdorousIndicator[] = ["transparency", "do", "orp", "nh3n"];

// 2015 guideline, grading table: light / heavy thresholds. Transparency cm, DO and NH3-N mg/L, ORP mV.
export const blackOdorousThresholds = {
  /** none at ≥ 25, light 10 to < 25, heavy < 10 */
  transparencyCm: { light: 25, heavy: 10 },
  /** none at ≥ 2.0, light 0.2 to < 2.0, heavy < 0.2 */
  doMgL: { light: 2.0, heavy: 0.2 },
  /** none at ≥ 50, light −200 to < 50, heavy < −200 */
  orpMv: { light: 50, heavy: -200 },
  /** none at ≤ 8.0, light above 8.0 to 15, heavy > 15 */
  nh3nMgL: { light: 8.0, heavy: 15 },
  /** Below this depth the transparency thresholds follow the depth (table footnote). */
  shallowDepthCm: 25,
  shallowHeavyShareOfDepth: 0.4,
} as const;

export interface BlackOdorousSample {
  transparencyCm: number;
  /** Water depth at the point; only matters below 25 cm. */
  depthCm?: number | undefined;
  doMgL: number;
  orpMv: number;
  nh3nMgL: number;
}

export type BlackOdorousGrades = Record<BlackOdorousIndicator, BlackOdorousLevel> & { overall: BlackOdorousLevel };

const severity: Readonly<Record<BlackOdorousLevel, number>> = { none: 0, light: 1, heavy: 2 };

function worst(levels: readonly BlackOdorousLevel[]): BlackOdorousLevel {
  return levels.reduce<BlackOdorousLevel>((a, b) => (severity[b] > severity[a] ? b : a), "none");
}

function checkMeasurement(name: string, value: number | undefined, mayBeNegative = false): void {
  if (value === undefined) return;
  if (!Number.isFinite(value) || (!mayBeNegative && value < 0)) {
    throw new RangeError(`${name} must be a finite number${mayBeNegative ? "" : " ≥ 0"}, got ${value}`);
  }
}

/**
 * The guideline footnote replaces the transparency thresholds by 40 % of the depth in water shallower
 * than 25 cm, which leaves the light band undefined. We read it as the one public implementation
 * does (Silence.Water): heavy below 40 % of the depth, not black-odorous when the bed is visible
 * (transparency reaches the depth), light in between. At a depth of 25 cm this meets the deep-water
 * thresholds exactly (10 = 40 % of 25, and a visible bed at 25 cm is transparency 25), so the grade
 * does not jump at the 25 cm boundary.
 */
function transparencyLevel(transparencyCm: number, depthCm: number | undefined): BlackOdorousLevel {
  const { transparencyCm: deep, shallowDepthCm, shallowHeavyShareOfDepth } = blackOdorousThresholds;
  if (depthCm !== undefined && depthCm < shallowDepthCm) {
    if (transparencyCm >= depthCm) return "none";
    return transparencyCm < stripBinaryNoise(shallowHeavyShareOfDepth * depthCm) ? "heavy" : "light";
  }
  if (transparencyCm >= deep.light) return "none";
  return transparencyCm >= deep.heavy ? "light" : "heavy";
}

function lowerIsWorse(value: number, thresholds: { light: number; heavy: number }): BlackOdorousLevel {
  if (value >= thresholds.light) return "none";
  return value >= thresholds.heavy ? "light" : "heavy";
}

/** Grade one sample per indicator; the sample's overall grade is its worst indicator. */
export function classifyBlackOdorousSample(sample: BlackOdorousSample): BlackOdorousGrades {
  checkMeasurement("transparencyCm", sample.transparencyCm);
  checkMeasurement("depthCm", sample.depthCm);
  checkMeasurement("doMgL", sample.doMgL);
  checkMeasurement("orpMv", sample.orpMv, true);
  checkMeasurement("nh3nMgL", sample.nh3nMgL);
  const { doMgL, orpMv, nh3nMgL } = blackOdorousThresholds;
  const nh3n = stripBinaryNoise(sample.nh3nMgL);
  const grades: Record<BlackOdorousIndicator, BlackOdorousLevel> = {
    transparency: transparencyLevel(stripBinaryNoise(sample.transparencyCm), sample.depthCm),
    do: lowerIsWorse(stripBinaryNoise(sample.doMgL), doMgL),
    orp: lowerIsWorse(stripBinaryNoise(sample.orpMv), orpMv),
    nh3n: nh3n <= nh3nMgL.light ? "none" : nh3n <= nh3nMgL.heavy ? "light" : "heavy",
  };
  return { ...grades, overall: worst(Object.values(grades)) };
}

export interface IndicatorShares {
  /** Share of samples graded heavy, 0-1 */
  heavy: number;
  /** Share of samples graded light or heavy, 0-1 */
  lightOrHeavy: number;
}

export interface BlackOdorousPoint {
  level: BlackOdorousLevel;
  sampleCount: number;
  shares: Record<BlackOdorousIndicator, IndicatorShares>;
}

/** One indicator with ≥ 60 % of its samples at the level, or two or more with ≥ 30 % each. */
function reaches(counts: readonly number[], sampleCount: number): boolean {
  // Integer comparisons: count / n ≥ 60 % is 10 × count ≥ 6 × n.
  const atSixty = counts.filter((count) => count * 10 >= sampleCount * 6).length;
  const atThirty = counts.filter((count) => count * 10 >= sampleCount * 3).length;
  return atSixty >= 1 || atThirty >= 2;
}

/**
 * Grade a sampling point from its samples (the guideline asks for at least 3). Heavy by the
 * guideline's rule: one indicator with ≥ 60 % of its samples heavy, or two or more with ≥ 30 %.
 * The guideline calls every other point light; we apply the same 60 % / 30 % rule to samples graded
 * light or heavy to tell a light point from one that is not black-odorous, so that a single stray
 * sample does not make a point black-odorous.
 */
export function classifyBlackOdorousPoint(samples: readonly BlackOdorousSample[]): BlackOdorousPoint {
  if (samples.length === 0) throw new RangeError("a sampling point needs at least one sample");
  const graded = samples.map(classifyBlackOdorousSample);
  const sampleCount = graded.length;
  const heavyCounts = blackOdorousIndicators.map((indicator) => graded.filter((grades) => grades[indicator] === "heavy").length);
  const blackCounts = blackOdorousIndicators.map((indicator) => graded.filter((grades) => grades[indicator] !== "none").length);
  const level: BlackOdorousLevel = reaches(heavyCounts, sampleCount)
    ? "heavy"
    : reaches(blackCounts, sampleCount)
      ? "light"
      : "none";
  const shares = Object.fromEntries(
    blackOdorousIndicators.map((indicator, index) => [
      indicator,
      { heavy: (heavyCounts[index] ?? 0) / sampleCount, lightOrHeavy: (blackCounts[index] ?? 0) / sampleCount },
    ]),
  ) as Record<BlackOdorousIndicator, IndicatorShares>;
  return { level, sampleCount, shares };
}
