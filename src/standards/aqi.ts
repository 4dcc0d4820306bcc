/**
 * Air quality index by HJ 633-2012 and HJ 633-2026. The two differ in the PM breakpoints, in the
 * two "above 800" special cases, and in whether the daily AQI counts the O3 1-hour maximum.
 */
import { calendarDay } from "./calendar.js";
import { ceilDiv, roundHalfEven } from "./rounding.js";
import type { AirRuleset } from "../vocabulary/rulesets.js";

export { airRulesets, type AirRuleset } from "../vocabulary/rulesets.js";

export type AqiPollutant =
  | "so2_24h"
  | "so2_1h"
  | "no2_24h"
  | "no2_1h"
  | "pm10_24h"
  | "pm25_24h"
  | "co_24h"
  | "co_1h"
  | "o3_1h"
  | "o3_8h";

export const aqiPollutants: readonly AqiPollutant[] = [
  "so2_24h",
  "so2_1h",
  "no2_24h",
  "no2_1h",
  "pm10_24h",
  "pm25_24h",
  "co_24h",
  "co_1h",
  "o3_1h",
  "o3_8h",
];

/**
 * The IAQI column of HJ 633-2012 Table 1 / HJ 633-2026 Table 3; entry i of every breakpoint row
 * belongs to iaqiLevels[i].
 */
export const iaqiLevels: readonly number[] = [0, 50, 100, 150, 200, 300, 400, 500];

/**
 * The first day the 2026 rules apply (GB 3095-2026 and HJ 633-2026 forewords; HJ 663-2026 by the
 * joint announcement of 2026-02-24).
 */
export const ruleset2026FirstDay = "2026-03-01";

// HJ 633-2012 Table 1. µg/m³, CO in mg/m³. SO2 1h stops at IAQI 200 and O3 8h at IAQI 300.
const breakpoints2012: Readonly<Record<AqiPollutant, readonly number[]>> = {
  so2_24h: [0, 50, 150, 475, 800, 1600, 2100, 2620],
  so2_1h: [0, 150, 500, 650, 800],
  no2_24h: [0, 40, 80, 180, 280, 565, 750, 940],
  no2_1h: [0, 100, 200, 700, 1200, 2340, 3090, 3840],
  pm10_24h: [0, 50, 150, 250, 350, 420, 500, 600],
  pm25_24h: [0, 35, 75, 115, 150, 250, 350, 500],
  co_24h: [0, 2, 4, 14, 24, 36, 48, 60],
  co_1h: [0, 5, 10, 35, 60, 90, 120, 150],
  o3_1h: [0, 160, 200, 300, 400, 800, 1000, 1200],
  o3_8h: [0, 100, 160, 215, 265, 800],
};

// HJ 633-2026 Table 3: as HJ 633-2012 Table 1 except the IAQI-100 breakpoint of PM10 (120) and PM2.5 (60).
const breakpoints2026: Readonly<Record<AqiPollutant, readonly number[]>> = {
  ...breakpoints2012,
  pm10_24h: [0, 50, 120, 250, 350, 420, 500, 600],
  pm25_24h: [0, 35, 60, 115, 150, 250, 350, 500],
};

export const aqiBreakpoints: Readonly<Record<AirRuleset, Readonly<Record<AqiPollutant, readonly number[]>>>> = {
  "2012": breakpoints2012,
  "2026": breakpoints2026,
};

function isCarbonMonoxide(pollutant: AqiPollutant): boolean {
  return pollutant === "co_24h" || pollutant === "co_1h";
}

/** CO is reported to 0.1 mg/m³, so it is worked in tenths to keep the interpolation in integers. */
function integerScale(pollutant: AqiPollutant): number {
  return isCarbonMonoxide(pollutant) ? 10 : 1;
}

/**
 * Round a concentration the way HJ 633-2026 §4.2.2 asks before scoring it (GB/T 8170; integers in
 * µg/m³, CO to 0.1 mg/m³). HJ 633-2012 is silent; published 2012-era data follow the same rule.
 */
export function roundConcentrationForAqi(pollutant: AqiPollutant, concentration: number): number {
  return roundHalfEven(concentration, isCarbonMonoxide(pollutant) ? 1 : 0);
}

/**
 * The individual air quality index of one concentration (µg/m³; CO in mg/m³), rounded up as both
 * versions of HJ 633 require ("全部进位取整数").
 *
 * Returns undefined only for the two HJ 633-2012 cases where the standard tells the caller to use
 * another sub-index: SO2 1h above 800 (use the SO2 24h sub-index) and O3 8h above 800 (use the O3
 * 1h sub-index). HJ 633-2026 scores those as 200 and 300.
 *
 * Neither standard defines an IAQI above the top breakpoint (for example PM2.5 above 500); by the
 * convention of the implementations we checked it is capped at 500.
 *
 * Under HJ 633-2026 the real-time report scores PM10 and PM2.5 1-hour values against the daily
 * breakpoints, so pass them as pm10_24h / pm25_24h.
 */
export function iaqi(pollutant: AqiPollutant, concentration: number, ruleset: AirRuleset): number | undefined {
  if (!Number.isFinite(concentration) || concentration < 0) {
    throw new RangeError(`${pollutant} concentration must be a finite number ≥ 0, got ${concentration}`);
  }
  const rounded = roundConcentrationForAqi(pollutant, concentration);
  if (pollutant === "so2_1h" && rounded > 800) return ruleset === "2012" ? undefined : 200;
  if (pollutant === "o3_8h" && rounded > 800) return ruleset === "2012" ? undefined : 300;

  const scale = integerScale(pollutant);
  const value = Math.round(rounded * scale);
  const row = aqiBreakpoints[ruleset][pollutant];
  for (let upper = 1; upper < row.length; upper++) {
    const high = Math.round((row[upper] ?? 0) * scale);
    if (value > high) continue;
    const low = Math.round((row[upper - 1] ?? 0) * scale);
    const indexLow = iaqiLevels[upper - 1] ?? 0;
    const indexHigh = iaqiLevels[upper] ?? 0;
    return ceilDiv((indexHigh - indexLow) * (value - low), high - low) + indexLow;
  }
  return 500;
}

export interface AqiCategory {
  level: 1 | 2 | 3 | 4 | 5 | 6;
  zh: string;
  en: string;
  /** Highest AQI of the category; Infinity for level 6. */
  upperAqi: number;
}

// HJ 633-2012 Table 2 and HJ 633-2026 Table 1 (the same categories; 2026 writes level 1 as 1-50).
export const aqiCategories: readonly AqiCategory[] = [
  { level: 1, zh: "优", en: "Excellent", upperAqi: 50 },
  { level: 2, zh: "良", en: "Good", upperAqi: 100 },
  { level: 3, zh: "轻度污染", en: "Light pollution", upperAqi: 150 },
  { level: 4, zh: "中度污染", en: "Moderate pollution", upperAqi: 200 },
  { level: 5, zh: "重度污染", en: "Heavy pollution", upperAqi: 300 },
  { level: 6, zh: "严重污染", en: "Severe pollution", upperAqi: Infinity },
];

/** The category of an AQI (an AQI of 0, possible only when every concentration is 0, counts as 优). */
export function aqiCategory(aqi: number): AqiCategory {
  if (!Number.isFinite(aqi) || aqi < 0) throw new RangeError(`AQI must be a finite number ≥ 0, got ${aqi}`);
  const category = aqiCategories.find((candidate) => aqi <= candidate.upperAqi);
  if (!category) throw new Error("unreachable: the last AQI category is unbounded");
  return category;
}

/** Daily concentrations of one site or city; a missing pollutant is left out or undefined. */
export interface DailyAirValues {
  /** µg/m³, 24-hour mean */
  pm25?: number | undefined;
  /** µg/m³, 24-hour mean */
  pm10?: number | undefined;
  /** µg/m³, 24-hour mean */
  so2?: number | undefined;
  /** µg/m³, 24-hour mean */
  no2?: number | undefined;
  /** mg/m³, 24-hour mean */
  co?: number | undefined;
  /** µg/m³, daily maximum 8-hour moving mean */
  o3_8h?: number | undefined;
  /** µg/m³, daily maximum 1-hour mean; enters the daily AQI under the 2012 rules only. */
  o3_1h_max?: number | undefined;
}

export type DailyAirPollutant = keyof DailyAirValues;

export const dailyAirPollutants: readonly DailyAirPollutant[] = ["pm25", "pm10", "so2", "no2", "co", "o3_8h", "o3_1h_max"];

// The daily report scores SO2, NO2 and CO against their 24-hour rows (HJ 633-2012 Table 1 note 1).
const dailyScoring: Readonly<Record<DailyAirPollutant, AqiPollutant>> = {
  pm25: "pm25_24h",
  pm10: "pm10_24h",
  so2: "so2_24h",
  no2: "no2_24h",
  co: "co_24h",
  o3_8h: "o3_8h",
  o3_1h_max: "o3_1h",
};

export interface DailyAqi {
  ruleset: AirRuleset;
  /** undefined when no pollutant has a value */
  aqi: number | undefined;
  iaqi: Partial<Record<DailyAirPollutant, number>>;
  /** Pollutants with the highest IAQI, all of them on a tie; empty unless AQI > 50. */
  primaryPollutants: DailyAirPollutant[];
  category: AqiCategory | undefined;
}

/**
 * The daily AQI from the daily values. Missing pollutants are skipped, as HJ 633-2026 §5.3 asks;
 * whether such an AQI may be published is the caller's decision.
 *
 * Under the 2012 rules the daily AQI has seven sub-indices, the O3 1-hour maximum among them
 * (HJ 633-2012 §5.1.2); under the 2026 rules that one is dropped. When a 2012 O3 8h value is above
 * 800 its sub-index is replaced by the O3 1h one, which is already counted if o3_1h_max is given.
 */
export function dailyAqi(values: DailyAirValues, ruleset: AirRuleset): DailyAqi {
  const subIndices: Partial<Record<DailyAirPollutant, number>> = {};
  for (const pollutant of dailyAirPollutants) {
    if (pollutant === "o3_1h_max" && ruleset !== "2012") continue;
    const concentration = values[pollutant];
    if (concentration === undefined) continue;
    const subIndex = iaqi(dailyScoring[pollutant], concentration, ruleset);
    if (subIndex !== undefined) subIndices[pollutant] = subIndex;
  }
  const scored = dailyAirPollutants.filter((pollutant) => subIndices[pollutant] !== undefined);
  if (scored.length === 0) return { ruleset, aqi: undefined, iaqi: subIndices, primaryPollutants: [], category: undefined };
  const aqi = Math.max(...scored.map((pollutant) => subIndices[pollutant] ?? 0));
  return {
    ruleset,
    aqi,
    iaqi: subIndices,
    primaryPollutants: aqi > 50 ? scored.filter((pollutant) => subIndices[pollutant] === aqi) : [],
    category: aqiCategory(aqi),
  };
}

/**
 * The rule set in force on a day given as YYYY-MM-DD (a time part after "T" is ignored; the date is
 * taken as written, i.e. as the data's China-time calendar day).
 */
export function rulesetForDate(isoDate: string): AirRuleset {
  const day = calendarDay(isoDate);
  return day >= ruleset2026FirstDay ? "2026" : "2012";
}
