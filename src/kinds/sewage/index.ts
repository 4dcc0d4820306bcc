import { issue } from "../../vocabulary/catalogue.js";
import type { Issue, Location } from "../../vocabulary/issues.js";
import type { PlanLookup } from "../../plan/lookup.js";
import { nameKey } from "../../vocabulary/names.js";
import { observationColumns } from "../../vocabulary/names.js";
import { areaNames, cellText, eachRow, locate, type AreaNames, type Row } from "../rows.js";
import type { Observation, Provenance } from "../observation.js";
import { parsePeriod, periodLength, type Period, periodOfLabel } from "../../vocabulary/period.js";
import { peekFirstRecord, type Cell } from "../../read/records.js";
import { stripBinaryNoise } from "../../standards/index.js";
import { formatNumber, formatCount } from "../../vocabulary/units.js";
import { defineKind, type KindResult, type RowSink } from "../kind.js";
import { type EarlyRows, matchRawColumns, percentShare, readNumber, reportEarlyRows, skipEarlyRow } from "../columns.js";

/*
 * Wastewater-plant records (and a served-population table) -> the share of plants with influent
 * BOD5 above 100 mg/L, and the centralised collection rate of domestic sewage by the influent-BOD
 * method: the BOD5 load the plants receive over the load the served population produces.
 */

/**
 * Per-capita domestic BOD5 load, g/(person·day), used when the population data gives none.
 * Source: this project's assumption. MOHURD's 城市生活污水集中收集率 method divides the plants'
 * influent BOD5 load by the served population times a per-capita BOD5 load; the figure commonly
 * cited for it is 40-50 g/(person·day), and 45 is the middle of that range. UNVERIFIED: no
 * official text fixing the figure has been read. A population file's per-capita column overrides it.
 */
export const defaultPerCapitaBod5 = 45;

const perCapitaNote = `per-capita BOD5 load ${defaultPerCapitaBod5} g/(person·day) unless the population data gives one: this project's assumption from the commonly cited 40-50 g range for MOHURD's method, UNVERIFIED`;

/** Plants whose period-mean influent BOD5 is above this (strictly) count for wwtp-bod-over-100-share. */
const bodThreshold = 100;

const ids = { bodShare: "wwtp-bod-over-100-share", collection: "sewage-collection-rate" } as const;

const plantColumns = {
  plant: ["plant", "wwtp", "plant name", "treatment plant", "污水处理厂", "污水厂", "污水处理厂名称", "厂名", "厂站名称", "处理厂", "处理厂名称"],
  area: observationColumns.area,
  date: ["date", "month", "period", "日期", "月份", "时间", "监测日期", "统计月份", "年月"],
  flow: ["flow", "inflow", "treated volume", "daily flow", "flow_m3d", "处理水量", "进水水量", "污水处理量", "日处理量", "日处理水量", "处理量", "进水量", "日均处理水量", "日均处理量", "流量"],
  bod: ["influent bod5", "influent bod", "bod5 in", "bod5_in", "inflow bod5", "进水bod5", "进水bod", "进水bod5浓度", "进水bod浓度", "进水五日生化需氧量", "进水生化需氧量"],
  population: ["served population", "served_population", "population", "服务人口", "服务人口数", "人口", "城区人口", "建成区人口", "城区常住人口", "常住人口", "常住人口数", "城镇常住人口", "城镇人口", "服务常住人口"],
} as const;

const populationColumns = {
  area: observationColumns.area,
  year: ["year", "年份", "年度", "period", "时间"],
  population: plantColumns.population,
  perCapita: ["per-capita bod5", "per capita bod5", "per_capita_bod5", "per-capita bod", "人均bod5", "人均日bod5", "人均bod5产生量", "人均日bod5排放量", "人均日生活污染物排放量", "人均bod"],
  plant: plantColumns.plant,
} as const;

type PlantColumn = keyof typeof plantColumns;
type PopulationColumn = keyof typeof populationColumns;

interface Plant {
  key: string;
  name: string;
  /** Area code; undefined for a city-level plant. */
  area: string | undefined;
  firstSeen: Location;
  /** "day" or "month" records, per month: one plant-month may not mix them. */
  granularity: Map<string, "day" | "month">;
  /** Served population by year (the latest record's value in that year). */
  population: Map<number, { value: number; date: string }>;
}

interface PlantRecord {
  plant: Plant;
  /** First day the record covers. */
  date: string;
  /** Days the record stands for: 1 for a daily record, the month's length for a monthly mean. */
  days: number;
  /** Mean daily flow, m3/d. */
  flow: number | undefined;
  /** Influent BOD5, mg/L. */
  bod: number;
  origin: Location;
  order: number;
}

interface PopulationRow {
  area: string;
  year: number;
  population: number;
  perCapita: number | undefined;
  origin: Location;
}

export interface SewageState {
  lookup: PlanLookup;
  areas: AreaNames;
  plants: Map<string, Plant>;
  records: PlantRecord[];
  populations: Map<string, PopulationRow>;
  seen: Set<string>;
  byPlantDate: Map<string, string>;
  order: number;
}

export const sewageKind = defineKind<SewageState>({
  id: "sewage",
  description:
    "Wastewater-plant records (plant, area, date, flow, influent BOD5) and a served-population table (area, year, population) -> share of plants with influent BOD5 > 100 mg/L, domestic-sewage collection rate",
  detect(headers) {
    const plant = matchRawColumns(headers, plantColumns);
    if (plant.has("plant") && plant.has("bod") && plant.has("date")) return true;
    const population = matchRawColumns(headers, populationColumns);
    return population.has("population") && population.has("area") && population.has("year") && !population.has("plant") && !matchRawColumns(headers, { indicator: observationColumns.indicator }).has("indicator");
  },
  produces: Object.values(ids),
  createState: (options) => ({ lookup: options.lookup, areas: areaNames(options.lookup), plants: new Map(), records: [], populations: new Map(), seen: new Set(), byPlantDate: new Map(), order: 0 }),
  async consume(records, sink, state) {
    const early: EarlyRows = { rows: 0, first: undefined };
    const { first, rest } = await peekFirstRecord(records);
    const form = fileForm(first ? [...first.cells.keys()] : []);
    if (form.kind === "plants" && first) {
      const unitsAt = { file: sink.file, line: Math.max(1, first.line - 1), column: 1 };
      if (form.flowFactor === undefined && form.columns.has("flow")) {
        sink.warn(issue("flow-unit-assumed", `column "${form.columns.get("flow")}" names no unit; flows are read as m3/d`, { location: unitsAt, hint: "name the unit in the header: 处理水量(m3/d) or 处理水量(万m3/d)" }));
      }
      if (form.flowFactor === null) {
        sink.warn(issue("flow-unit-unknown", `the unit of column "${form.columns.get("flow")}" is not a daily flow (m3/d, 万m3/d, t/d); flows are not used, so the collection rate cannot be computed from this file`, { location: unitsAt }));
      }
    }
    if (form.kind === "plants") {
      const units: PlantUnits = { flowFactor: form.flowFactor ?? 1, flowUnusable: form.flowFactor === null, populationFactor: form.populationFactor };
      await eachRow(rest, sink, { spellings: plantColumns, match: matchRawColumns }, (row) => consumePlantRecord(row, units, sink, state, early));
    } else if (form.kind === "population") {
      await eachRow(rest, sink, { spellings: populationColumns, match: matchRawColumns }, (row) => consumePopulationRow(row, form.factor, sink, state));
    } else {
      const missingHint = "a plant file names the plant, the date and the influent BOD5 (进水BOD5); a population file names the area, the year and the served population";
      await eachRow(rest, sink, { spellings: {}, missing: () => form.missing, missingHint }, () => undefined);
    }
    reportEarlyRows(early, sink, "plant record(s)", state.lookup.earliestUsefulDate);
  },
  finish: (state) => finishSewage(state),
});

function fileForm(headers: readonly string[]) {
  const plant = matchRawColumns(headers, plantColumns);
  if (plant.has("plant") || plant.has("bod")) {
    const missing = [
      ...(plant.has("plant") ? [] : ["plant (污水处理厂, 厂名, plant)"]),
      ...(plant.has("date") ? [] : ["date (日期, 月份, date)"]),
      ...(plant.has("bod") ? [] : ["influent BOD5 (进水BOD5, influent BOD5)"]),
    ];
    if (missing.length > 0) return { kind: "unknown" as const, missing };
    const flow = plant.get("flow");
    return { kind: "plants" as const, columns: plant, flowFactor: flow === undefined ? 1 : flowFactor(flow), populationFactor: populationFactor(plant.get("population") ?? "") };
  }
  const population = matchRawColumns(headers, populationColumns);
  const missing = [
    ...(population.has("area") ? [] : ["area (区县, area)"]),
    ...(population.has("year") ? [] : ["year (年份, year)"]),
    ...(population.has("population") ? [] : ["served population (服务人口, served_population)"]),
  ];
  return missing.length > 0 ? { kind: "unknown" as const, missing } : { kind: "population" as const, columns: population, factor: populationFactor(population.get("population") ?? "") };
}

/** m3/d per unit of a flow column, read from its header: 1 for m3/d or t/d, 10 000 for 万m3/d; undefined when no unit is named, null when the unit is not a daily flow. */
export function flowFactor(header: string): number | undefined | null {
  const text = header.normalize("NFKC").toLowerCase().replace(/\s+/g, "").replace(/³/g, "3");
  if (/\/(月|年|month|year)/.test(text)) return null;
  const tenThousand = /万|10k|10\^?4|1e4/.test(text);
  const named = /m3|吨|立方米|t\/d|\/d|\/日|\/天|m3d/.test(text);
  if (tenThousand) return 10_000;
  return named ? 1 : undefined;
}

/** Persons per unit of a population column: 10 000 when the header says 万人. */
function populationFactor(header: string): number {
  return /万/.test(header.normalize("NFKC")) ? 10_000 : 1;
}

/** How a plant file's numbers convert: read from its headers' units. */
interface PlantUnits {
  /** m3/d per unit of the flow column. */
  flowFactor: number;
  /** The flow column's unit is not a daily flow: flows are not used. */
  flowUnusable: boolean;
  /** Persons per unit of the population column. */
  populationFactor: number;
}

function consumePlantRecord(row: Row<PlantColumn>, units: PlantUnits, sink: RowSink, state: SewageState, early: EarlyRows): void {
  const { record, cell, reject, header } = row;
  const { areas } = state;

  const plantCell = cell("plant");
  const name = cellText(plantCell);
  if (name === "") return reject("missing-plant", "no plant named", plantCell, "name the wastewater treatment plant, e.g. 王新庄污水处理厂");

  const dateCell = cell("date");
  const dateText = cellText(dateCell) || (typeof dateCell?.value === "number" ? String(dateCell.value) : "");
  const date = parsePeriod(dateText);
  if (!date.ok || (date.period.kind !== "day" && date.period.kind !== "month")) {
    return reject("bad-date", `${date.ok ? `"${dateText}" is a ${date.period.kind}, not a day or a month` : date.reason} (column "${header("date")}")`, dateCell, "write the day as 2025-06-15 for a daily record, or the month as 2025-06 for a monthly mean");
  }
  const period = date.period;

  let area: string | undefined;
  const areaCell = cell("area");
  const areaName = cellText(areaCell);
  if (areaName !== "") {
    const found = areas.find(areaName);
    if (!found) return reject("unknown-area", areas.unknown(areaName), areaCell, `${areas.hint}; blank also means a plant serving the whole city`);
    area = found.code === areas.city.code ? undefined : found.code;
  }

  const flowCell = cell("flow");
  const flow = readAmount(flowCell);
  if (flow.kind === "invalid") return reject("bad-flow", `${flow.reason} (column "${header("flow")}")`, flowCell, "write the mean daily flow as a number, in the unit the header names (m3/d or 万m3/d)");
  const bodCell = cell("bod");
  const bod = readAmount(bodCell);
  if (bod.kind === "invalid") return reject("bad-bod", `${bod.reason} (column "${header("bod")}")`, bodCell, "write the influent BOD5 in mg/L, e.g. 128");
  if (bod.kind === "missing") return reject("missing-bod", "no influent BOD5; a record without it feeds neither the BOD share nor the collection rate", bodCell, "give the influent BOD5 in mg/L");
  const populationCell = cell("population");
  const population = readAmount(populationCell);
  if (population.kind === "invalid") return reject("bad-population", `${population.reason} (column "${header("population")}")`, populationCell, "write the served population in persons (or 万人 when the header says so)");

  if (period.end < state.lookup.earliestUsefulDate) {
    return skipEarlyRow(early, sink, locate(sink.file, record, dateCell));
  }

  const key = nameKey(name);
  const flowValue = flow.kind === "value" && !units.flowUnusable ? stripBinaryNoise(flow.value * units.flowFactor) : undefined;
  const populationValue = population.kind === "value" ? stripBinaryNoise(population.value * units.populationFactor) : undefined;
  const duplicate = JSON.stringify([key, period.label, area, flowValue, bod.value, populationValue]);
  if (state.seen.has(duplicate)) return sink.skip();

  const plant = state.plants.get(key) ?? { key, name, area, firstSeen: locate(sink.file, record, plantCell), granularity: new Map(), population: new Map() };
  if (area !== undefined && plant.area !== undefined && plant.area !== area) {
    return reject("plant-mismatch", `plant ${name} is in ${area} here but in ${plant.area} from line ${plant.firstSeen.line}`, areaCell, "a plant keeps one area in every row");
  }
  const month = period.start.slice(0, 7);
  const granularity = plant.granularity.get(month);
  if (granularity && granularity !== period.kind) {
    return reject("mixed-granularity", `plant ${name} already has ${granularity === "day" ? "daily records" : "a monthly record"} for ${month}; a ${period.kind === "day" ? "daily record" : "monthly record"} would count the month twice`, dateCell, "give a plant's month either as daily records or as one monthly mean");
  }
  const sameDate = `${key}\u0000${period.label}`;
  const earlier = state.byPlantDate.get(sameDate);
  if (earlier) return reject("conflicting-rows", `plant ${name} already has a record for ${period.label} at ${earlier} with other values; this one is not used`, dateCell, "give one record per plant and day (or month)");

  state.plants.set(key, plant);
  plant.area ??= area;
  plant.granularity.set(month, period.kind);
  state.byPlantDate.set(sameDate, `${sink.file}:${record.line}`);
  state.seen.add(duplicate);
  if (populationValue !== undefined) {
    const known = plant.population.get(period.year);
    if (!known || known.date <= period.start) plant.population.set(period.year, { value: populationValue, date: period.start });
  }
  state.order += 1;
  state.records.push({ plant, date: period.start, days: period.kind === "day" ? 1 : periodLength(period), flow: flowValue, bod: bod.value, origin: locate(sink.file, record, undefined), order: state.order });
  sink.used();
}

function consumePopulationRow(row: Row<PopulationColumn>, factor: number, sink: RowSink, state: SewageState): void {
  const { record, cell, reject, header } = row;
  const { areas } = state;

  const areaCell = cell("area");
  const areaName = cellText(areaCell);
  const area = areas.find(areaName);
  if (!area) return reject(areaName === "" ? "missing-area" : "unknown-area", areaName === "" ? "no area named" : areas.unknown(areaName), areaCell, areas.hint);

  const yearCell = cell("year");
  const yearText = cellText(yearCell) || (typeof yearCell?.value === "number" ? String(yearCell.value) : "");
  const year = parsePeriod(yearText);
  if (!year.ok || year.period.kind !== "year") return reject("bad-period", `${year.ok ? `"${yearText}" is not a year` : year.reason} (column "${header("year")}")`, yearCell, "write the year as 2024");

  const populationCell = cell("population");
  const population = readAmount(populationCell);
  if (population.kind !== "value" || population.value === 0) {
    return reject("bad-population", population.kind === "invalid" ? population.reason : population.kind === "missing" ? "no served population" : "a served population of 0", populationCell, "write the served population in persons (or 万人 when the header says so)");
  }
  const perCapitaCell = cell("perCapita");
  const perCapita = readAmount(perCapitaCell);
  if (perCapita.kind === "invalid" || (perCapita.kind === "value" && (perCapita.value < 10 || perCapita.value > 150))) {
    return reject("bad-per-capita", perCapita.kind === "invalid" ? perCapita.reason : `${perCapita.value} g/(person·day) is outside 10-150`, perCapitaCell, "write the per-capita BOD5 load in g/(person·day), e.g. 45");
  }

  const entry: PopulationRow = {
    area: area.code,
    year: year.period.year,
    population: stripBinaryNoise(population.value * factor),
    perCapita: perCapita.kind === "value" ? perCapita.value : undefined,
    origin: locate(sink.file, record, undefined),
  };
  const key = `${entry.area}\u0000${entry.year}`;
  const earlier = state.populations.get(key);
  if (earlier) {
    if (earlier.population === entry.population && earlier.perCapita === entry.perCapita) return sink.skip();
    return reject("conflicting-rows", `${area.name} ${entry.year} already has a served population of ${formatCount(earlier.population)} at ${earlier.origin.file}:${earlier.origin.line}; this one is not used`, populationCell, "give one population per area and year");
  }
  state.populations.set(key, entry);
  sink.used();
}

type Amount = { kind: "value"; value: number } | { kind: "missing" } | { kind: "invalid"; reason: string };

function readAmount(cell: Cell | undefined): Amount {
  const parsed = readNumber(cell?.value);
  if (parsed.kind !== "number") return parsed;
  if (parsed.value < 0) return { kind: "invalid", reason: `${parsed.value} is negative` };
  return { kind: "value", value: parsed.value };
}

interface PlantPeriod {
  plant: Plant;
  /** Flow-weighted mean influent BOD5 when every record has a flow, else the time-weighted mean. */
  bod: number;
  flowWeighted: boolean;
  /** Mean daily influent BOD5 load, g/d; undefined without flows. */
  load: number | undefined;
  meanFlow: number | undefined;
  daysCovered: number;
  first: PlantRecord;
}

function finishSewage(state: SewageState): KindResult {
  const issues: Issue[] = [];
  const observations: Observation[] = [];
  if (state.records.length === 0) return { observations, issues };
  const months = [...new Set(state.records.map((record) => record.date.slice(0, 7)))].sort();
  const latestMonth = months.at(-1) ?? "";
  const groups = [state.lookup.city.code, ...[...new Set([...state.plants.values()].flatMap((plant) => (plant.area ? [plant.area] : [])))].sort()];
  const warned = new Set<string>();
  const warnOnce = (issue: Issue) => {
    const key = `${issue.code}\u0000${issue.message}`;
    if (!warned.has(key)) issues.push(issue);
    warned.add(key);
  };

  const periods: { period: Period; toDate: Period | undefined }[] = [];
  for (const month of months) {
    const year = Number(month.slice(0, 4));
    const period = periodOfLabel(month);
    periods.push({ period, toDate: latestMonth >= `${year}-12` ? undefined : { ...periodOfLabel(String(year)), end: period.end, label: `${year}-01..${month}` } });
  }
  for (const year of new Set(months.map((month) => Number(month.slice(0, 4))))) {
    if (latestMonth >= `${year}-12`) periods.push({ period: periodOfLabel(String(year)), toDate: undefined });
  }

  for (const { period, toDate } of periods) {
    const results = assessPlants(state.records, period);
    const ytd = toDate ? assessPlants(state.records, toDate) : undefined;
    for (const group of groups) {
      const inGroup = (result: PlantPeriod) => group === state.lookup.city.code || result.plant.area === group;
      const plants = results.filter(inGroup);
      pushBodShare(observations, state.lookup, group, period, plants, ytd && toDate ? { label: toDate.label, plants: ytd.filter(inGroup) } : undefined);
      pushCollectionRate(observations, state, group, period, plants, warnOnce);
    }
  }
  return { observations, issues };
}

/** Each plant's period means from the records in the period. */
function assessPlants(records: readonly PlantRecord[], range: Period): PlantPeriod[] {
  const byPlant = new Map<string, PlantRecord[]>();
  for (const record of records) {
    if (record.date < range.start || record.date > range.end) continue;
    const list = byPlant.get(record.plant.key) ?? [];
    list.push(record);
    byPlant.set(record.plant.key, list);
  }
  const results: PlantPeriod[] = [];
  for (const list of byPlant.values()) {
    const days = list.reduce((total, record) => total + record.days, 0);
    const withFlow = list.filter((record) => record.flow !== undefined);
    const flowDays = withFlow.reduce((total, record) => total + record.days, 0);
    const loadSum = withFlow.reduce((total, record) => total + record.flow! * record.bod * record.days, 0);
    const flowSum = withFlow.reduce((total, record) => total + record.flow! * record.days, 0);
    const flowWeighted = withFlow.length === list.length && flowSum > 0;
    const bod = flowWeighted ? loadSum / flowSum : list.reduce((total, record) => total + record.bod * record.days, 0) / days;
    results.push({
      plant: list[0]!.plant,
      bod: stripBinaryNoise(bod),
      flowWeighted,
      // mg/L × m3/d = g/d
      load: flowDays > 0 ? stripBinaryNoise(loadSum / flowDays) : undefined,
      meanFlow: flowDays > 0 ? stripBinaryNoise(flowSum / flowDays) : undefined,
      daysCovered: days,
      first: list.reduce((a, b) => (a.order < b.order ? a : b)),
    });
  }
  return results;
}

function pushBodShare(out: Observation[], lookup: PlanLookup, area: string, period: Period, plants: readonly PlantPeriod[], toDate: { label: string; plants: readonly PlantPeriod[] } | undefined): void {
  const indicator = lookup.findIndicator(ids.bodShare);
  if (!indicator || plants.length === 0) return;
  const over = plants.filter((plant) => plant.bod > bodThreshold).length;
  const ytdOver = toDate?.plants.filter((plant) => plant.bod > bodThreshold).length;
  const ytd = toDate && toDate.plants.length > 0 ? `; year to date (${toDate.label}): ${ytdOver} of ${toDate.plants.length} (${formatNumber(percentShare(ytdOver ?? 0, toDate.plants.length))}%)` : "";
  out.push({
    indicator: indicator.id,
    area,
    period,
    value: percentShare(over, plants.length),
    unit: indicator.unit,
    origin: firstOf(plants).origin,
    provenance: {
      method: `share of municipal wastewater plants whose mean influent BOD5 over the period is above ${bodThreshold} mg/L (strictly); a plant's mean is flow-weighted (influent load / influent volume) when every record has a flow, else weighted by the days each record covers`,
      inputs: `${plants.length} plant(s) with influent BOD5 in ${period.label}, ${over} above ${bodThreshold} mg/L${ytd}`,
      details: plants.map((plant) => `${plant.plant.name}: mean influent BOD5 ${formatNumber(plant.bod)} mg/L (${plant.flowWeighted ? "flow-weighted" : "day-weighted"}, ${plant.daysCovered} day(s) of records)`),
    },
  });
}

interface ExpectedLoad {
  population: number;
  /** g/d the served population produces. */
  load: number;
  notes: string[];
}

function pushCollectionRate(out: Observation[], state: SewageState, area: string, period: Period, plants: readonly PlantPeriod[], warn: (issue: Issue) => void): void {
  const indicator = state.lookup.findIndicator(ids.collection);
  const withLoad = plants.filter((plant) => plant.load !== undefined);
  if (!indicator || withLoad.length === 0) return;
  const expected = expectedLoad(state, area, period.year, withLoad);
  const first = firstOf(withLoad);
  if (!expected.ok) {
    warn(issue("missing-population", `no served population for ${areaName(state, area)} in ${period.year} (${expected.reason}), so its ${ids.collection} is not computed`, { location: first.origin, hint: "add a population file with area, year and served population (服务人口), or a 服务人口 column in the plant file" }));
    return;
  }
  const received = withLoad.reduce((total, plant) => total + plant.load!, 0);
  const value = percentShare(received, expected.value.load);
  if (value > 100) {
    warn(issue("collection-rate-over-100", `${ids.collection} for ${areaName(state, area)} ${period.label} comes to ${formatNumber(value)}%: check the flow and population units and the per-capita BOD5 load`, { location: first.origin }));
  }
  const provenance: Provenance = {
    method: `城市生活污水集中收集率 by the influent-BOD method (MOHURD): Σ over plants of the mean daily influent BOD5 load (flow × influent BOD5) ÷ (served population × per-capita BOD5 load) × 100, the same as the period totals over the period's days; ${perCapitaNote}`,
    inputs: `${withLoad.length} plant(s) in ${period.label} receive ${formatCount(received / 1000)} kg BOD5/d; ${formatCount(expected.value.population)} people produce ${formatCount(expected.value.load / 1000)} kg/d`,
    details: [
      ...expected.value.notes,
      ...withLoad.map((plant) => `${plant.plant.name}: mean flow ${formatCount(plant.meanFlow ?? 0)} m3/d × influent BOD5 ${formatNumber(plant.bod)} mg/L → ${formatCount(plant.load! / 1000)} kg/d over ${plant.daysCovered} of ${periodLength(period)} day(s)`),
    ],
  };
  out.push({ indicator: indicator.id, area, period, value, unit: indicator.unit, origin: first.origin, provenance });
}

type Resolved = { ok: true; value: ExpectedLoad } | { ok: false; reason: string };

/**
 * The BOD5 load an area's served population produces per day. From the population file (that year,
 * else its latest earlier year); for an area without one, the sum of its plants' served
 * populations; for the city without one, the sum over the areas and city-level plants that have
 * plants reporting.
 */
function expectedLoad(state: SewageState, area: string, year: number, plants: readonly PlantPeriod[]): Resolved {
  const fromFile = populationRow(state, area, year);
  if (fromFile) {
    const perCapita = fromFile.perCapita ?? defaultPerCapitaBod5;
    const fallback = fromFile.year === year ? "" : ` (${year} not given; ${fromFile.year}'s figure used)`;
    return {
      ok: true,
      value: {
        population: fromFile.population,
        load: fromFile.population * perCapita,
        notes: [`served population of ${areaName(state, area)}: ${formatCount(fromFile.population)} from ${fromFile.origin.file}:${fromFile.origin.line}${fallback}, × ${perCapita} g/(person·day)${fromFile.perCapita === undefined ? " (default)" : ""}`],
      },
    };
  }
  const units = new Map<string, PlantPeriod[]>();
  for (const plant of plants) {
    const unit = area === state.lookup.city.code && plant.plant.area ? plant.plant.area : `plant:${plant.plant.key}`;
    units.set(unit, [...(units.get(unit) ?? []), plant]);
  }
  const total: ExpectedLoad = { population: 0, load: 0, notes: [] };
  for (const [unit, list] of units) {
    if (!unit.startsWith("plant:")) {
      const part = expectedLoad(state, unit, year, list);
      if (!part.ok) return part;
      total.population += part.value.population;
      total.load += part.value.load;
      total.notes.push(...part.value.notes);
      continue;
    }
    const plant = list[0]!.plant;
    const served = [...plant.population.entries()].filter(([known]) => known <= year).sort((a, b) => b[0] - a[0])[0];
    if (!served) return { ok: false, reason: `plant ${plant.name} has no served population` };
    total.population += served[1].value;
    total.load += served[1].value * defaultPerCapitaBod5;
    total.notes.push(`served population of ${plant.name}: ${formatCount(served[1].value)} from the plant records${served[0] === year ? "" : ` (${served[0]}'s figure)`}, × ${defaultPerCapitaBod5} g/(person·day) (default)`);
  }
  return { ok: true, value: total };
}

function populationRow(state: SewageState, area: string, year: number): PopulationRow | undefined {
  let best: PopulationRow | undefined;
  for (const row of state.populations.values()) {
    if (row.area !== area || row.year > year) continue;
    if (!best || row.year > best.year) best = row;
  }
  return best;
}

function areaName(state: SewageState, code: string): string {
  return state.lookup.findArea(code)?.name ?? code;
}

function firstOf(plants: readonly PlantPeriod[]): PlantRecord {
  return plants.reduce((a, b) => (a.first.order < b.first.order ? a : b)).first;
}

