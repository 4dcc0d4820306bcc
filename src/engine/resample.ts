import type { Observation } from "../kinds/observation.js";
import { historyYears } from "../plan/lookup.js";
import type { Indicator, Operator } from "../plan/schema.js";
import { daysInMonth, isoDate } from "../vocabulary/period.js";
import { formatNumber } from "../vocabulary/units.js";
import { meets } from "./compare.js";
import { mulberry32 } from "./random.js";
import { daysOfMonths, monthsLabel, remainingMonths } from "./remaining.js";
import type { YearValue } from "./series.js";
import type { Probability } from "./types.js";

/**
 * Fewer earlier years than this and a probability would be the weather of one or two years
 * dressed up as a percentage: two years give each block a coin toss between them.
 */
export const minimumHistoryYears = 3;
export const defaultDraws = 2000;

export interface ResampleInput {
  indicator: Indicator;
  operator: Operator;
  threshold: number;
  /** The deadline year's year-to-date value. */
  ytd: YearValue;
  /** The area's observations of the indicator up to the as-of date, any years. */
  observations: readonly Observation[];
  atRiskBelow: number;
  seed: number;
  /** Default 2000; 0 estimates nothing (a backtest scoring another method needs no probability). */
  draws?: number;
}

/** A stretch of the remaining period drawn as one piece, so a spell of bad weather stays whole. */
interface Block {
  month: number;
  /** MM-DD of each day. */
  days: string[];
  length: number;
}

/**
 * The probability that the deadline year meets the target: the rest of the year is drawn, block by
 * block, from the same calendar stretch of one of the historyYears latest earlier years (a block
 * bootstrap: weeks within months where daily values exist, else whole months), combined with the
 * year-to-date value as the year's value is, many times; the share of draws that meet the target
 * estimates the probability.
 */
export function resample(input: ResampleInput): Probability | undefined {
  const { indicator, ytd } = input;
  const months = remainingMonths(ytd);
  if (months.length === 0 || (indicator.aggregation !== "mean" && indicator.aggregation !== "sum")) return undefined;
  const draws = input.draws ?? defaultDraws;
  if (draws === 0) return undefined;
  const base = { draws, seed: input.seed, atRiskBelow: input.atRiskBelow };
  const earlier = (year: number) => year < ytd.year && year >= ytd.year - historyYears;

  const daily = indicator.aggregation === "mean" ? dailyHistory(input.observations, earlier) : new Map<number, Map<string, number>>();
  const weekBlocks = months.flatMap((month) => weeksOf(ytd.year, month));
  const dailyYears = [...daily.keys()].filter((year) => weekBlocks.every((block) => blockMean(daily.get(year)!, block) !== undefined)).sort((a, b) => a - b);
  const monthly = monthlyHistory(input.observations, earlier);
  const monthYears = [...monthly.keys()].filter((year) => months.every((month) => monthly.get(year)!.has(month))).sort((a, b) => a - b);

  const period = monthsLabel(ytd.year, months);
  let blocks: Block[];
  let years: number[];
  let valueOf: (year: number, block: Block) => number;
  let kind: "week" | "month";
  if (dailyYears.length >= minimumHistoryYears) {
    [blocks, years, kind] = [weekBlocks, dailyYears, "week"];
    valueOf = (year, block) => blockMean(daily.get(year)!, block)!;
  } else if (monthYears.length >= minimumHistoryYears) {
    [blocks, years, kind] = [months.map((month) => ({ month, days: [], length: daysInMonth(ytd.year, month) })), monthYears, "month"];
    valueOf = (year, block) => monthly.get(year)!.get(block.month)!;
  } else {
    const best = dailyYears.length >= monthYears.length ? dailyYears : monthYears;
    return {
      ...base,
      method: "block bootstrap from earlier years",
      years: best,
      note: `too little history: the rest of ${ytd.year} (${period}) is covered in ${best.length === 0 ? "no earlier year" : `${best.length} earlier year(s) (${best.join(", ")})`}; ${minimumHistoryYears} are needed`,
    };
  }

  const doneDays = daysOfMonths(ytd.year, ytd.months);
  const totalDays = doneDays + daysOfMonths(ytd.year, months);
  const random = mulberry32(input.seed);
  const finals: number[] = [];
  const monthEnds: number[][] = months.map(() => []);
  let hits = 0;
  // Each block's value in each year, worked out once rather than in every draw.
  const table = blocks.map((block) => years.map((year) => valueOf(year, block)));
  for (let draw = 0; draw < draws; draw += 1) {
    let sum = indicator.aggregation === "mean" ? ytd.value * doneDays : ytd.value;
    let days = doneDays;
    let monthIndex = 0;
    for (let index = 0; index < blocks.length; index += 1) {
      const block = blocks[index]!;
      const value = table[index]![Math.floor(random() * years.length)]!;
      sum += indicator.aggregation === "mean" ? value * block.length : value;
      days += block.length;
      if (blocks[index + 1]?.month !== block.month) {
        monthEnds[monthIndex]!.push(indicator.aggregation === "mean" ? sum / days : sum);
        monthIndex += 1;
      }
    }
    const final = indicator.aggregation === "mean" ? sum / totalDays : sum;
    finals.push(final);
    if (meets(final, input.operator, input.threshold)) hits += 1;
  }
  const sorted = [...finals].sort((a, b) => a - b);
  return {
    ...base,
    value: hits / draws,
    blocks: kind,
    years,
    method: `block bootstrap: the rest of ${ytd.year} (${period}) drawn ${draws} times, ${kind === "week" ? "7-day blocks within each month" : "month by month"}, each block from the same ${kind === "week" ? "dates" : "month"} of one of ${years.join(", ")} (seed ${input.seed})`,
    range: { low: quantile(sorted, 0.1), median: quantile(sorted, 0.5), high: quantile(sorted, 0.9) },
    band: months.map((month, index) => {
      const values = [...monthEnds[index]!].sort((a, b) => a - b);
      return { period: monthsLabel(ytd.year, [month]), low: quantile(values, 0.1), high: quantile(values, 0.9) };
    }),
  };
}

/** "18%"; below 1% and above 99% say so rather than round to a certainty the draws cannot give. */
export function probabilityText(value: number): string {
  if (value > 0 && value < 0.01) return "<1%";
  if (value < 1 && value > 0.99) return ">99%";
  return `${formatNumber(Math.round(value * 100))}%`;
}

/** Days 1-7, 8-14, 15-21, 22-28 and the rest: weeks that never straddle two months. */
function weeksOf(year: number, month: number): Block[] {
  const length = daysInMonth(year, month);
  const blocks: Block[] = [];
  for (let first = 1; first <= length; first += 7) {
    const last = Math.min(first + 6, length);
    const days = Array.from({ length: last - first + 1 }, (_, index) => isoDate(year, month, first + index).slice(5));
    blocks.push({ month, days, length: days.length });
  }
  return blocks;
}

/** The mean of a block's days in one year; undefined when fewer than half of them have a value. */
function blockMean(days: ReadonlyMap<string, number>, block: Block): number | undefined {
  let sum = 0;
  let count = 0;
  for (const day of block.days) {
    const value = days.get(day);
    if (value === undefined) continue;
    sum += value;
    count += 1;
  }
  return count * 2 >= block.days.length && count > 0 ? sum / count : undefined;
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.round(q * (sorted.length - 1))] ?? Number.NaN;
}

/** Monthly values by year and month. */
function monthlyHistory(observations: readonly Observation[], keep: (year: number) => boolean): Map<number, Map<number, number>> {
  const result = new Map<number, Map<number, number>>();
  for (const observation of observations) {
    if (observation.period.kind !== "month" || !keep(observation.period.year)) continue;
    const year = result.get(observation.period.year) ?? new Map<number, number>();
    year.set(Number(observation.period.start.slice(5, 7)), observation.value);
    result.set(observation.period.year, year);
  }
  return result;
}

/**
 * Daily values by year and MM-DD, in the indicator's unit (a share of days: 100 for a day that
 * counts, 0 for one that does not): from daily rows, or from the daily lines the air kind writes
 * into a computed month's provenance ("daily PM2.5: 01-01 55.2, ...", "daily AQI: 01-01 88, ...").
 */
export function dailyHistory(observations: readonly Observation[], keep: (year: number) => boolean): Map<number, Map<string, number>> {
  const result = new Map<number, Map<string, number>>();
  const put = (year: number, day: string, value: number) => {
    const days = result.get(year) ?? new Map<string, number>();
    days.set(day, value);
    result.set(year, days);
  };
  for (const observation of observations) {
    if (!keep(observation.period.year)) continue;
    if (observation.period.kind === "day") {
      put(observation.period.year, observation.period.start.slice(5), observation.value);
      continue;
    }
    if (observation.period.kind !== "month" || !observation.provenance) continue;
    for (const line of observation.provenance.details) {
      const concentration = line.match(/^daily PM2\.5: (.*)$/);
      if (concentration) {
        for (const entry of concentration[1]!.split(", ")) {
          const match = entry.match(/^(\d{2}-\d{2}) (-?[\d.]+)( \(沙\))?$/);
          // Sand-dust days are left out of the reported mean (扣沙), so out of the history too.
          if (match && !match[3]) put(observation.period.year, match[1]!, Number(match[2]));
        }
      }
      const aqi = line.match(/^daily AQI: (.*)$/);
      const rule = observation.provenance.method.match(/AQI ([≤>]) (\d+)/);
      if (aqi && rule) {
        const limit = Number(rule[2]);
        const counts = (value: number) => (rule[1] === "≤" ? value <= limit : value > limit);
        for (const entry of aqi[1]!.split(", ")) {
          const match = entry.match(/^(\d{2}-\d{2}) (\d+)$/);
          if (match) put(observation.period.year, match[1]!, counts(Number(match[2])) ? 100 : 0);
        }
      }
    }
  }
  return result;
}
