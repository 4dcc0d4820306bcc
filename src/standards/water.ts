/**
 * Surface-water classes by GB 3838-2002 Table 1, assessed by the single-factor method of
 * 地表水环境质量评价办法（试行）(环办〔2011〕22号).
 */
import { stripBinaryNoise } from "./rounding.js";

/** 1-5 are classes I-V; 6 is 劣V (worse than V). */
export type WaterClass = 1 | 2 | 3 | 4 | 5 | 6;

export type WaterBody = "river" | "lake";

/** The 21 parameters the 2011 method assesses (Table 1 without water temperature, TN and fecal coliform). */
export const assessedWaterParameters = [
  "ph",
  "do",
  "codmn",
  "cod",
  "bod5",
  "nh3n",
  "tp",
  "cu",
  "zn",
  "fluoride",
  "se",
  "as",
  "hg",
  "cd",
  "cr6",
  "pb",
  "cyanide",
  "volatile_phenol",
  "petroleum",
  "las",
  "sulfide",
] as const;

/** TN has class limits for lakes and reservoirs only and is reported beside, not in, the class. */
export const referenceWaterParameters = ["tn"] as const;

export type AssessedWaterParameter = (typeof assessedWaterParameters)[number];
export type WaterParameter = AssessedWaterParameter | (typeof referenceWaterParameters)[number];

export const waterParameters: readonly WaterParameter[] = [...assessedWaterParameters, ...referenceWaterParameters];

/** Column headers seen in monitoring tables, for readers to map onto parameter ids. */
export const waterParameterNames: Readonly<Record<WaterParameter, readonly string[]>> = {
  ph: ["pH", "pH值"],
  do: ["DO", "溶解氧"],
  codmn: ["CODMn", "COD_Mn", "高锰酸盐指数"],
  cod: ["COD", "CODCr", "COD_Cr", "化学需氧量"],
  bod5: ["BOD5", "BOD₅", "五日生化需氧量"],
  nh3n: ["NH3-N", "NH₃-N", "NH3N", "氨氮"],
  tp: ["TP", "总磷"],
  tn: ["TN", "总氮"],
  cu: ["Cu", "铜"],
  zn: ["Zn", "锌"],
  fluoride: ["F", "F-", "F⁻", "氟化物"],
  se: ["Se", "硒"],
  as: ["As", "砷"],
  hg: ["Hg", "汞"],
  cd: ["Cd", "镉"],
  cr6: ["Cr6+", "Cr(VI)", "Cr(Ⅵ)", "六价铬", "铬（六价）"],
  pb: ["Pb", "铅"],
  cyanide: ["CN", "CN-", "CN⁻", "氰化物"],
  volatile_phenol: ["挥发酚", "Phenol", "volatile phenol"],
  petroleum: ["石油类", "Oil", "petroleum"],
  las: ["LAS", "阴离子表面活性剂"],
  sulfide: ["S2-", "S²⁻", "硫化物"],
};

function normaliseHeader(name: string): string {
  return name.normalize("NFKC").trim().replace(/\s+/g, "").toLowerCase();
}

const parameterByHeader = new Map<string, WaterParameter>();
for (const parameter of waterParameters) {
  for (const name of [parameter, ...waterParameterNames[parameter]]) parameterByHeader.set(normaliseHeader(name), parameter);
}

/** The parameter a column header stands for (any case, full- or half-width), or undefined. */
export function findWaterParameter(header: string): WaterParameter | undefined {
  return parameterByHeader.get(normaliseHeader(header));
}

// GB 3838-2002 Table 1, classes I-V, mg/L. Every item here is an upper bound except DO.
const upperLimits: Readonly<Record<Exclude<WaterParameter, "ph" | "do" | "tp">, readonly number[]>> = {
  codmn: [2, 4, 6, 10, 15],
  cod: [15, 15, 20, 30, 40],
  bod5: [3, 3, 4, 6, 10],
  nh3n: [0.15, 0.5, 1.0, 1.5, 2.0],
  tn: [0.2, 0.5, 1.0, 1.5, 2.0],
  cu: [0.01, 1.0, 1.0, 1.0, 1.0],
  zn: [0.05, 1.0, 1.0, 2.0, 2.0],
  fluoride: [1.0, 1.0, 1.0, 1.5, 1.5],
  se: [0.01, 0.01, 0.01, 0.02, 0.02],
  as: [0.05, 0.05, 0.05, 0.1, 0.1],
  hg: [0.00005, 0.00005, 0.0001, 0.001, 0.001],
  cd: [0.001, 0.005, 0.005, 0.005, 0.01],
  cr6: [0.01, 0.05, 0.05, 0.05, 0.1],
  pb: [0.01, 0.01, 0.05, 0.05, 0.1],
  cyanide: [0.005, 0.05, 0.2, 0.2, 0.2],
  volatile_phenol: [0.002, 0.002, 0.005, 0.01, 0.1],
  petroleum: [0.05, 0.05, 0.05, 0.5, 1.0],
  las: [0.2, 0.2, 0.2, 0.3, 0.3],
  sulfide: [0.05, 0.1, 0.2, 0.5, 1.0],
};

// GB 3838-2002 Table 1 item 8: TP (as P), mg/L, separate rows for rivers and for lakes/reservoirs.
const phosphorusLimits: Readonly<Record<WaterBody, readonly number[]>> = {
  river: [0.02, 0.1, 0.2, 0.3, 0.4],
  lake: [0.01, 0.025, 0.05, 0.1, 0.2],
};

// GB 3838-2002 Table 1 item 3: DO minimums, mg/L. Class I also accepts 90 % saturation; that needs
// the water temperature, so the 7.5 mg/L alternative is used.
const oxygenMinimums: readonly number[] = [7.5, 6, 5, 3, 2];

// GB 3838-2002 Table 1 item 2: pH 6-9 in every class.
export const phRange = { min: 6, max: 9 } as const;

/** The class I-V limits of a parameter (DO: minimums; pH: the range applies to all classes instead). */
export function waterClassLimits(parameter: Exclude<WaterParameter, "ph">, waterBody: WaterBody): readonly number[] {
  if (parameter === "do") return oxygenMinimums;
  if (parameter === "tp") return phosphorusLimits[waterBody];
  if (parameter === "tn" && waterBody === "river") {
    throw new RangeError("TN has class limits only for lakes and reservoirs (GB 3838-2002 Table 1 item 9)");
  }
  return upperLimits[parameter];
}

/**
 * The class of one parameter's concentration (mg/L; pH dimensionless). A value exactly at a class
 * limit belongs to that class; where several classes share a limit it takes the best of them.
 * pH inside 6-9 does not constrain the class (returns I); outside it is 劣V, a code convention the
 * standard implies but does not state.
 */
export function parameterClass(parameter: WaterParameter, value: number, waterBody: WaterBody): WaterClass {
  if (!Number.isFinite(value) || (parameter !== "ph" && value < 0)) {
    throw new RangeError(`${parameter} must be a finite number${parameter === "ph" ? "" : " ≥ 0"}, got ${value}`);
  }
  // A period mean such as 0.1 + 0.2 must compare as 0.3, not as a hair above it.
  const decimal = stripBinaryNoise(value);
  if (parameter === "ph") return decimal >= phRange.min && decimal <= phRange.max ? 1 : 6;
  const limits = waterClassLimits(parameter, waterBody);
  const index =
    parameter === "do" ? limits.findIndex((minimum) => decimal >= minimum) : limits.findIndex((maximum) => decimal <= maximum);
  return index === -1 ? 6 : ((index + 1) as WaterClass);
}

export interface MainPollutant {
  parameter: AssessedWaterParameter;
  class: WaterClass;
  /** (C − S_III) / S_III; undefined for pH and DO, which get none. */
  exceedanceMultiple: number | undefined;
}

export interface SectionClass {
  /** The worst class over the assessed parameters present; undefined when none is present. */
  class: WaterClass | undefined;
  parameterClasses: Partial<Record<AssessedWaterParameter, WaterClass>>;
  /** Classes of reference items (TN in lakes) that do not enter the section class. */
  referenceClasses: Partial<Record<Exclude<WaterParameter, AssessedWaterParameter>, WaterClass>>;
  /** Up to three parameters worse than class III, worst first; empty unless the section is. */
  mainPollutants: MainPollutant[];
}

function exceedanceMultiple(parameter: AssessedWaterParameter, value: number, waterBody: WaterBody): number | undefined {
  if (parameter === "ph" || parameter === "do") return undefined;
  const classThree = waterClassLimits(parameter, waterBody)[2];
  if (classThree === undefined) return undefined;
  return stripBinaryNoise((value - classThree) / classThree);
}

/**
 * The class of a section from its period-mean concentrations (average first, then classify):
 * the worst class of the assessed parameters present. Main pollutants are listed worst class first,
 * then by exceedance multiple; pH and DO, which have none, come after the others of their class.
 */
export function sectionClass(means: Partial<Record<WaterParameter, number | undefined>>, waterBody: WaterBody): SectionClass {
  const parameterClasses: Partial<Record<AssessedWaterParameter, WaterClass>> = {};
  const candidates: MainPollutant[] = [];
  let worst: WaterClass | undefined;
  for (const parameter of assessedWaterParameters) {
    const value = means[parameter];
    if (value === undefined || !Number.isFinite(value)) continue;
    const found = parameterClass(parameter, value, waterBody);
    parameterClasses[parameter] = found;
    if (worst === undefined || found > worst) worst = found;
    if (found > 3) {
      candidates.push({ parameter, class: found, exceedanceMultiple: exceedanceMultiple(parameter, value, waterBody) });
    }
  }
  const referenceClasses: SectionClass["referenceClasses"] = {};
  const nitrogen = means.tn;
  if (waterBody === "lake" && nitrogen !== undefined && Number.isFinite(nitrogen)) {
    referenceClasses.tn = parameterClass("tn", nitrogen, waterBody);
  }
  const mainPollutants = candidates
    .sort((a, b) => b.class - a.class || (b.exceedanceMultiple ?? -Infinity) - (a.exceedanceMultiple ?? -Infinity))
    .slice(0, 3);
  return { class: worst, parameterClasses, referenceClasses, mainPollutants };
}

/** A section attains its target when its class is the target class or better. */
export function meetsTarget(waterClass: WaterClass, targetClass: WaterClass): boolean {
  return waterClass <= targetClass;
}

export const waterClassLabels: Readonly<Record<WaterClass, string>> = {
  1: "I",
  2: "II",
  3: "III",
  4: "IV",
  5: "V",
  6: "劣V",
};

export function waterClassLabel(waterClass: WaterClass): string {
  return waterClassLabels[waterClass];
}

// 2011 method, qualitative grade of a section (I-II share one grade).
const waterQualityGrades: Readonly<Record<WaterClass, { zh: string; en: string }>> = {
  1: { zh: "优", en: "Excellent" },
  2: { zh: "优", en: "Excellent" },
  3: { zh: "良好", en: "Good" },
  4: { zh: "轻度污染", en: "Light pollution" },
  5: { zh: "中度污染", en: "Moderate pollution" },
  6: { zh: "重度污染", en: "Heavy pollution" },
};

export function waterQualityGrade(waterClass: WaterClass): { zh: string; en: string } {
  return waterQualityGrades[waterClass];
}
