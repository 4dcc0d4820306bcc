/**
 * From station-days to the plan's air indicators: an area's daily series (the mean over its
 * stations, national ones for the city), then per month and year the PM2.5 mean (扣沙), the
 * good-day and heavy-pollution shares by the daily AQI, each with its provenance.
 */
import { issue } from "../../vocabulary/catalogue.js";
import type { Issue, Location } from "../../vocabulary/issues.js";
import type { Area, Indicator } from "../../plan/schema.js";
import type { Observation } from "../observation.js";
import { daysInMonth, parsePeriod } from "../../vocabulary/period.js";
import { dayNumber, isoOfDay } from "../../vocabulary/time.js";
import {
  airValidityMinimums,
  annualMeanValidity,
  aqiCategories,
  dailyAirPollutants,
  dailyAqi,
  goodDayRatio,
  heavyPollutionRatio,
  percentile,
  roundHalfEven,
  type AirRuleset,
  type DailyAirPollutant,
  type DailyAirValues,
} from "../../standards/index.js";
import type { KindOptions, RowSink } from "../kind.js";
import { isSandDustDay, type AirContext } from "./context.js";
import { aqiCorePollutants, coreMask, dailyCount, dailyIndex, pollutantLabels } from "./columns.js";
import { originOf, type ResolvedStation } from "./station-days.js";

/** The indicators station readings give, as the plan names them. */
export const airIndicatorIds = { pm25: "pm25-annual-mean", good: "good-day-ratio", heavy: "heavy-pollution-ratio" } as const;

/** The plan's air indicators for every area with stations, from the stations' daily values. */
export function airIndicators(stations: readonly ResolvedStation[], sinks: readonly RowSink[], context: AirContext, options: KindOptions, issues: Issue[]): Observation[] {
  const { lookup, ruleset } = options;
  const observations: Observation[] = [];
  const indicators: Indicators = {
    pm25: lookup.findIndicator(airIndicatorIds.pm25),
    good: lookup.findIndicator(airIndicatorIds.good),
    heavy: lookup.findIndicator(airIndicatorIds.heavy),
  };
  for (const area of lookup.plan.areas) {
    // The city value is the mean over the national-network stations (reference 1.7, 3.4).
    const members = stations.filter((station) => station.days.size > 0 && (area.code === lookup.city.code ? station.national : station.area.code === area.code));
    if (members.length === 0) continue;
    areaObservations(areaSeries(area, members, ruleset), sinks, context, options, indicators, observations, issues);
  }
  return observations;
}

interface AreaDay {
  day: number;
  /** Mean over the stations with a valid daily value; NaN when none. */
  values: Float64Array;
  origin: number;
  /** Why each pollutant is missing, when it is. */
  missing: Map<DailyAirPollutant, string>;
  aqi: number | undefined;
  aqiValid: boolean;
  aqiProblem: string | undefined;
}

interface AreaSeries {
  area: Area;
  stations: readonly ResolvedStation[];
  mask: number;
  days: Map<number, AreaDay>;
  firstDay: number;
  lastDay: number;
}

function areaSeries(area: Area, stations: readonly ResolvedStation[], ruleset: AirRuleset): AreaSeries {
  const mask = stations.reduce((bits, station) => bits | station.mask, 0);
  const allDays = new Set<number>();
  for (const station of stations) for (const day of station.days.keys()) allDays.add(day);
  const days = new Map<number, AreaDay>();
  for (const day of allDays) {
    const values = new Float64Array(dailyCount);
    const missing = new Map<DailyAirPollutant, string>();
    const daily: DailyAirValues = {};
    let origin = Infinity;
    for (const station of stations) origin = Math.min(origin, station.days.get(day)?.origin ?? Infinity);
    dailyAirPollutants.forEach((pollutant, p) => {
      let sum = 0;
      let count = 0;
      const why: string[] = [];
      for (const station of stations) {
        if ((station.mask & (1 << p)) === 0) continue;
        const stationDay = station.days.get(day);
        const value = stationDay?.values[p] ?? Number.NaN;
        if (Number.isNaN(value)) why.push(`${station.label} ${stationDay ? (stationDay.problems?.get(pollutant) ?? "missing") : "no readings"}`);
        else {
          sum += value;
          count += 1;
        }
      }
      values[p] = count > 0 ? sum / count : Number.NaN;
      if (count > 0) daily[pollutant] = sum / count;
      else if (why.length > 0) missing.set(pollutant, why.slice(0, 3).join(", ") + (why.length > 3 ? `, and ${why.length - 3} more` : ""));
    });
    // The area's AQI comes from its mean concentrations (reference 1.7), never from station AQIs.
    const result = dailyAqi(daily, ruleset);
    const absent = aqiCorePollutants.filter((pollutant) => daily[pollutant] === undefined);
    // Every pollutant present gives a valid AQI; with some missing, HJ 633-2026 §5.3 still publishes an AQI above 100.
    const aqiValid = result.aqi !== undefined && (absent.length === 0 || result.aqi > 100);
    days.set(day, {
      day,
      values,
      origin,
      missing,
      aqi: result.aqi,
      aqiValid,
      aqiProblem: aqiValid ? undefined : `no valid ${absent.map((pollutant) => pollutantLabels[pollutant]).join(", ")}`,
    });
  }
  const sorted = [...allDays].sort((a, b) => a - b);
  return { area, stations, mask, days, firstDay: sorted[0] ?? 0, lastDay: sorted[sorted.length - 1] ?? 0 };
}

interface PeriodSlice {
  label: string;
  kind: "month" | "year";
  days: number[];
  totalDays: number;
}

/** Every calendar month and year the area's data touch, each with all of its days. */
function periodSlices(series: AreaSeries): PeriodSlice[] {
  const slices: PeriodSlice[] = [];
  const first = isoOfDay(series.firstDay);
  const last = isoOfDay(series.lastDay);
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => from + index);
  for (let year = Number(first.slice(0, 4)); year <= Number(last.slice(0, 4)); year++) {
    const fromMonth = year === Number(first.slice(0, 4)) ? Number(first.slice(5, 7)) : 1;
    const toMonth = year === Number(last.slice(0, 4)) ? Number(last.slice(5, 7)) : 12;
    for (let month = fromMonth; month <= toMonth; month++) {
      const days = range(dayNumber(year, month, 1), dayNumber(year, month, daysInMonth(year, month)));
      slices.push({ label: `${year}-${String(month).padStart(2, "0")}`, kind: "month", days, totalDays: days.length });
    }
  }
  for (let year = Number(first.slice(0, 4)); year <= Number(last.slice(0, 4)); year++) {
    // A year the data have not yet reached the end of is a year in progress, not a short year.
    if (year === Number(last.slice(0, 4)) && Number(last.slice(5, 7)) < 12) continue;
    const days = range(dayNumber(year, 1, 1), dayNumber(year, 12, 31));
    slices.push({ label: String(year), kind: "year", days, totalDays: days.length });
  }
  return slices;
}

function monthMinimum(label: string): number {
  return label.slice(5, 7) === "02" ? airValidityMinimums.daysInFebruary : airValidityMinimums.daysPerMonth;
}

function standardsOf(ruleset: AirRuleset): { gb: string; hj: string } {
  return ruleset === "2012" ? { gb: "GB 3095-2012", hj: "HJ 633-2012" } : { gb: "GB 3095-2026", hj: "HJ 633-2026" };
}

/** A figure for provenance text, rounded half-to-even (GB/T 8170) like the reported values. */
function formatRounded(value: number, decimals = 2): string {
  return String(roundHalfEven(value, decimals));
}

interface Indicators {
  pm25: Indicator | undefined;
  good: Indicator | undefined;
  heavy: Indicator | undefined;
}

function areaObservations(series: AreaSeries, sinks: readonly RowSink[], context: AirContext, options: KindOptions, indicators: Indicators, observations: Observation[], issues: Issue[]): void {
  const { ruleset, lookup } = options;
  const { gb, hj } = standardsOf(ruleset);
  const areaName = series.area.name;
  const isCity = series.area.code === lookup.city.code;
  const stationWord = (n: number) => `${n} ${isCity ? "national " : ""}station${n === 1 ? "" : "s"}`;
  const sandGiven = context.sandDust.size > 0;
  const ratiosPossible = (series.mask & coreMask) === coreMask;
  const no1hMax = ruleset === "2012" && (series.mask & (1 << dailyIndex.o3_1h_max)) === 0;
  if (!ratiosPossible && (indicators.good || indicators.heavy)) {
    const lacking = aqiCorePollutants.filter((pollutant) => (series.mask & (1 << dailyIndex[pollutant])) === 0).map((pollutant) => pollutantLabels[pollutant]);
    issues.push(issue(
      "aqi-pollutants-missing",
      `no good-day or heavy-pollution share for ${areaName}: the daily AQI needs all six pollutants and the readings give no ${lacking.join(", ")}`,
      { location: originOf(sinks, Math.min(...[...series.days.values()].map((day) => day.origin))) },
    ));
  }

  for (const slice of periodSlices(series)) {
    const present = slice.days.map((day) => series.days.get(day)).filter((day): day is AreaDay => day !== undefined);
    if (present.length === 0) continue;
    const origin = originOf(sinks, Math.min(...present.map((day) => day.origin)));
    const stationCount = new Set(series.stations.filter((station) => slice.days.some((day) => station.days.has(day))).map((station) => station.label)).size;
    const periodParse = parsePeriod(slice.label);
    if (!periodParse.ok) continue;
    const period = periodParse.period;
    const dropped = (test: (day: AreaDay) => string | undefined) =>
      slice.days.flatMap((day) => {
        const areaDay = series.days.get(day);
        const why = areaDay ? test(areaDay) : "no readings";
        return why === undefined ? [] : [`${isoOfDay(day)}: ${why}`];
      });
    const summaries = slice.kind === "year" ? monthSummaries(series, slice) : [];

    // PM2.5: mean of the area's daily means; validity on all valid days, the mean without sand-dust days (扣沙).
    const pmValid = present.filter((day) => !Number.isNaN(day.values[dailyIndex.pm25] ?? Number.NaN));
    const pmValidity = validity(slice, pmValid.map((day) => day.day));
    if (indicators.pm25) {
      if (pmValidity.ok) {
        const kept = pmValid.filter((day) => !isSandDustDay(context, series.area, isoOfDay(day.day)));
        const sandDays = pmValid.length - kept.length;
        const meanOf = (days: AreaDay[]) => days.reduce((sum, day) => sum + (day.values[dailyIndex.pm25] ?? 0), 0) / days.length;
        const withSand = meanOf(pmValid);
        if (kept.length > 0) {
          const mean = meanOf(kept);
          const value = roundHalfEven(mean, 0);
          observations.push({
            indicator: indicators.pm25.id,
            area: series.area.code,
            period,
            value,
            unit: indicators.pm25.unit,
            origin,
            provenance: {
              method: `${gb} validity (a day needs ${airValidityMinimums.hoursPerDailyMean} valid hours, a month ${airValidityMinimums.daysPerMonth} valid days, ${airValidityMinimums.daysInFebruary} in February${slice.kind === "year" ? `, a year ${airValidityMinimums.daysPerAnnualMean} and every month` : ""}); area day = mean of its ${isCity ? "national " : ""}stations' daily means; period = mean of daily means, rounded by GB/T 8170; ${sandDays > 0 ? "扣沙 (sand-dust days left out)" : sandGiven ? "扣沙 (no sand-dust day in this period)" : "含沙 (no sand-dust days given)"}`,
              inputs: `${stationWord(stationCount)}, ${slice.totalDays} days (${pmValid.length} valid)`,
              details: [
                `mean of ${kept.length} daily means = ${formatRounded(mean)} ug/m3, reported as ${value}`,
                ...(sandDays > 0 ? [`含沙 (with the ${sandDays} sand-dust day${sandDays === 1 ? "" : "s"}): ${formatRounded(withSand)} ug/m3`] : []),
                ...(slice.kind === "year" ? [] : [`daily PM2.5: ${pmValid.map((day) => `${isoOfDay(day.day).slice(5)} ${formatRounded(day.values[dailyIndex.pm25] ?? 0, 1)}${isSandDustDay(context, series.area, isoOfDay(day.day)) ? " (沙)" : ""}`).join(", ")}`]),
                ...(slice.kind === "year" ? [...annualPercentiles(present), ...summaries.map((summary) => summary.pm25)] : dropped((day) => (Number.isNaN(day.values[dailyIndex.pm25] ?? Number.NaN) ? `no valid PM2.5 (${day.missing.get("pm25") ?? "no station"})` : undefined))),
              ],
            },
          });
        }
      } else {
        issues.push(shortfallIssue(indicators.pm25.id, areaName, slice, pmValidity, "valid PM2.5 days", origin));
      }
    }

    if (!ratiosPossible) continue;
    const aqiValid = present.filter((day) => day.aqiValid);
    const aqiValidity = validity(slice, aqiValid.map((day) => day.day));
    const dailyAqis = present.map((day) => (day.aqiValid ? day.aqi : undefined));
    const levels = categoryCounts(aqiValid);
    const droppedAqi = slice.kind === "year" ? summaries.map((summary) => summary.aqi) : dropped((day) => (day.aqiValid ? undefined : `${day.aqiProblem ?? "no valid AQI"}${day.aqi !== undefined ? ` (AQI from the rest ${day.aqi} ≤ 100 is not published)` : ""}`));
    const dailyLine = slice.kind === "year" ? [] : [`daily AQI: ${aqiValid.map((day) => `${isoOfDay(day.day).slice(5)} ${day.aqi ?? "?"}`).join(", ")}`];
    const methodTail = `${hj} daily AQI from the area's mean concentrations (${isCity ? "national stations; " : ""}not a mean of station AQIs${no1hMax ? "; the readings give no O3 1-h maximum, so six sub-indices" : ""}), rule set ${ruleset}; days without a valid AQI leave numerator and denominator; ${gb} day counts as for a mean; 含沙`;
    const shares = [
      [indicators.good, goodDayRatio(dailyAqis), "good (AQI ≤ 100)"],
      [indicators.heavy, heavyPollutionRatio(dailyAqis), "heavily polluted (AQI > 200)"],
    ] as const;
    if (!aqiValidity.ok) {
      const ids = shares.flatMap(([indicator]) => (indicator ? [indicator.id] : []));
      if (ids.length > 0) issues.push(shortfallIssue(ids.join(" or "), areaName, slice, aqiValidity, "days with a valid AQI", origin));
      continue;
    }
    for (const [indicator, share, word] of shares) {
      if (!indicator || share.ratio === undefined) continue;
      const percent = share.ratio * 100;
      observations.push({
        indicator: indicator.id,
        area: series.area.code,
        period,
        value: roundHalfEven(percent, 1),
        unit: indicator.unit,
        origin,
        provenance: {
          method: `share of days ${word}: ${methodTail}`,
          inputs: `${stationWord(stationCount)}, ${slice.totalDays} days (${share.validDays} with a valid AQI)`,
          details: [`${share.days} of ${share.validDays} days ${word} = ${formatRounded(percent)}%`, `AQI: ${levels}`, ...dailyLine, ...droppedAqi],
        },
      });
    }
  }
}

/** HJ 663 annual statistics (Appendix A percentile) of an area's valid daily values, for the record. */
const percentileStatistics: readonly (readonly [DailyAirPollutant, number, string])[] = [
  ["so2", 98, "ug/m3"],
  ["no2", 98, "ug/m3"],
  ["pm10", 95, "ug/m3"],
  ["pm25", 95, "ug/m3"],
  ["co", 95, "mg/m3"],
  ["o3_8h", 90, "ug/m3"],
];

function annualPercentiles(days: readonly AreaDay[]): string[] {
  const parts = percentileStatistics.flatMap(([pollutant, p, unit]) => {
    const values = days.map((day) => day.values[dailyIndex[pollutant]] ?? Number.NaN).filter((value) => !Number.isNaN(value));
    const value = percentile(values, p);
    return value === undefined ? [] : [`${pollutant === "o3_8h" ? "O3-8h" : pollutant.toUpperCase().replace("PM25", "PM2.5")} P${p} ${formatRounded(value, 1)} ${unit} (${values.length} days)`];
  });
  return parts.length > 0 ? [`HJ 663 percentiles of daily values: ${parts.join("; ")}`] : [];
}

function monthSummaries(series: AreaSeries, year: PeriodSlice): { pm25: string; aqi: string }[] {
  const byMonth = new Map<string, number[]>();
  for (const day of year.days) {
    const month = isoOfDay(day).slice(0, 7);
    const list = byMonth.get(month) ?? [];
    list.push(day);
    byMonth.set(month, list);
  }
  return [...byMonth].map(([month, days]) => {
    const present = days.map((day) => series.days.get(day)).filter((day): day is AreaDay => day !== undefined);
    const total = daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)));
    const pm = present.filter((day) => !Number.isNaN(day.values[dailyIndex.pm25] ?? Number.NaN));
    const pmMean = pm.length > 0 ? pm.reduce((sum, day) => sum + (day.values[dailyIndex.pm25] ?? 0), 0) / pm.length : undefined;
    const valid = present.filter((day) => day.aqiValid);
    return {
      pm25: `${month}: ${pm.length} of ${total} days with a valid PM2.5${pmMean === undefined ? "" : `, mean ${formatRounded(pmMean)} ug/m3`}`,
      aqi: `${month}: ${valid.length} of ${total} days with a valid AQI; ${categoryCounts(valid)}`,
    };
  });
}

function categoryCounts(days: readonly AreaDay[]): string {
  const counts = aqiCategories.map(() => 0);
  for (const day of days) {
    const aqi = day.aqi ?? 0;
    const index = aqiCategories.findIndex((category) => aqi <= category.upperAqi);
    counts[index] = (counts[index] ?? 0) + 1;
  }
  return aqiCategories.map((category, index) => `${category.zh} ${counts[index] ?? 0}`).join(", ");
}

interface Validity {
  ok: boolean;
  validDays: number;
  required: number;
  monthsShort: string[];
}

/** GB 3095 Table 4: a month needs 27 valid days (25 in February); a year 324 and every month. */
function validity(slice: PeriodSlice, validDays: readonly number[]): Validity {
  if (slice.kind === "month") {
    const required = monthMinimum(slice.label);
    return { ok: validDays.length >= required, validDays: validDays.length, required, monthsShort: [] };
  }
  const result = annualMeanValidity(validDays.map(isoOfDay));
  return {
    ok: result.valid,
    validDays: result.validDays,
    required: result.requiredDays,
    monthsShort: result.monthsShort.map((short) => `${slice.label}-${String(short.month).padStart(2, "0")} (${short.days} of ${short.required})`),
  };
}

function shortfallIssue(indicator: string, areaName: string, slice: PeriodSlice, result: Validity, what: string, location: Location): Issue {
  const months = result.monthsShort.length > 0 ? `; months short: ${result.monthsShort.join(", ")}` : "";
  return issue(
    slice.kind === "year" ? "annual-value-invalid" : "monthly-value-invalid",
    `no ${slice.kind === "year" ? "annual" : "monthly"} ${indicator} for ${areaName} ${slice.label}: ${result.validDays} ${what}, ${result.required} needed${months}`,
    { location },
  );
}
