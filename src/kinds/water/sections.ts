import { issue } from "../../vocabulary/catalogue.js";
import type { Issue, Location } from "../../vocabulary/issues.js";
import type { PlanLookup } from "../../plan/lookup.js";
import { isNotMeasured, nameKey } from "../../vocabulary/names.js";
import { observationColumns } from "../../vocabulary/names.js";
import { areaNames, cellText, eachRow, locate, type AreaNames, type Row } from "../rows.js";
import type { Observation, Provenance } from "../observation.js";
import { parsePeriod, type Period } from "../../vocabulary/period.js";
import type { Cell, DataRecord } from "../../read/records.js";
import {
  classifyBlackOdorousPoint,
  findWaterParameter,
  meetsTarget,
  sectionClass,
  stripBinaryNoise,
  waterClassLabel,
  waterParameterNames,
  type BlackOdorousSample,
  type MainPollutant,
  type WaterBody,
  type WaterClass,
  type WaterParameter,
} from "../../standards/index.js";
import { type EarlyRows, matchRawColumns, readNumber, readYesNo, reportEarlyRows, skipEarlyRow, stripUnit } from "../columns.js";
import { formatNumber } from "../../vocabulary/units.js";
import { defineKind, type KindOptions, type KindResult, type RowSink } from "../kind.js";

/*
 * Surface-water section samples -> the plan's water indicators, by GB 3838-2002 and the 2011
 * assessment method (环办〔2011〕22号): per section and period, the arithmetic mean of each
 * parameter over the period's samples is classified (mean first, then classify), the section takes
 * the worst class of its assessed parameters, and it meets its target when that class is the
 * target class or better. The class rules themselves live in standards/water.ts.
 */

const waterColumns = {
  date: ["date", "sampling date", "sample date", "采样日期", "采样时间", "监测日期", "监测时间", "日期", "时间"],
  section: ["section", "section name", "断面", "断面名称", "监测断面", "断面名", "点位名称", "监测点位"],
  area: observationColumns.area,
  waterBody: ["water body", "water body type", "waterbody", "water_body", "水体类型", "水体类别", "水域类型"],
  target: ["target", "target class", "水质目标", "目标", "考核目标", "目标类别", "水质目标类别", "目标水质", "考核目标类别"],
  role: ["role", "section type", "section role", "断面类型", "断面性质", "断面级别", "断面属性", "控制级别", "断面类别"],
  drinking: ["drinking", "drinking water", "drinking water source", "is_drinking", "饮用水源地", "是否饮用水源地", "集中式饮用水水源地"],
  canal: ["canal", "snw canal", "is_canal", "南水北调", "是否南水北调", "南水北调断面"],
} as const;

type WaterColumn = keyof typeof waterColumns;
/** 县控 sections are read and recorded; the plan's rate and count are over 国控, 省控 and 市控 sections only. */
type ControlLevel = "national" | "provincial" | "municipal" | "county";

/** Indicators this kind computes, as the plan names them. */
const ids = {
  compliance: "section-compliance-rate",
  inferior: "inferior-v-sections",
  canal: "snw-canal-class",
  drinking: "drinking-water-compliance",
} as const;

const method =
  "GB 3838-2002 single-factor class of each section's period-mean concentrations (环办〔2011〕22号: mean of the period's samples first, then classify; 21 parameters; TP by river or lake limits; TN not assessed for rivers)";

/** The 2011 method's annual minimum, as reference.md 5.2 records it from memory (UNVERIFIED). */
const annualSampleMinimum = 8;

interface RoleSpec {
  levels: ControlLevel[];
  drinking: boolean;
  canal: boolean;
}

interface Section {
  key: string;
  name: string;
  /** Area code; undefined when the row names no area (the section then counts for the city only). */
  area: string | undefined;
  waterBody: WaterBody | undefined;
  target: WaterClass | undefined;
  role: RoleSpec | undefined;
  firstSeen: Location;
}

interface Sample {
  section: Section;
  /** First day of the sampled day or month. */
  date: string;
  month: string;
  values: Partial<Record<WaterParameter, number>>;
  belowLimit: number;
  origin: Location;
  order: number;
}

export interface WaterState {
  lookup: PlanLookup;
  areas: AreaNames;
  sections: Map<string, Section>;
  samples: Sample[];
  seen: Set<string>;
  bySectionDate: Map<string, { line: number; file: string }>;
  order: number;
}

export const waterKind = defineKind<WaterState>({
  id: "water",
  description:
    "Surface-water section samples (date, section, water body, target class, role, GB 3838 parameters) -> section compliance, 劣V sections, South-North canal class, drinking-water compliance",
  detect(headers) {
    const columns = matchRawColumns(headers, waterColumns);
    const parameters = parameterColumns(headers, columns);
    const blackOdorous = matchRawColumns(headers, blackOdorousColumns);
    return columns.has("section") && columns.has("date") && parameters.size > 0 && !(blackOdorous.has("transparency") && blackOdorous.has("orp"));
  },
  produces: Object.values(ids),
  createState: (options) => ({ lookup: options.lookup, areas: areaNames(options.lookup), sections: new Map(), samples: [], seen: new Set(), bySectionDate: new Map(), order: 0 }),
  async consume(records, sink, state) {
    let parameters = new Map<WaterParameter, string>();
    const early: EarlyRows = { rows: 0, first: undefined };
    const columns = {
      spellings: waterColumns,
      match: matchRawColumns,
      missing: (columns: Map<WaterColumn, string>, headers: readonly string[]) => {
        parameters = parameterColumns(headers, columns);
        return [
          ...(columns.has("section") ? [] : ["section (断面, 断面名称, 监测断面)"]),
          ...(columns.has("date") ? [] : ["date (采样日期, 日期, 时间)"]),
          ...(parameters.size > 0 ? [] : ["at least one GB 3838 parameter (pH, 溶解氧, 高锰酸盐指数, 氨氮, 总磷 ...)"]),
        ];
      },
      missingHint: "a section-sample file needs a section, a sampling date and parameter columns",
    };
    await eachRow(records, sink, columns, (row) => consumeSample(row, parameters, sink, state, early));
    reportEarlyRows(early, sink, "sample row(s)", state.lookup.earliestUsefulDate);
  },
  finish: (state) => finishWater(state),
});

function consumeSample(row: Row<WaterColumn>, parameters: Map<WaterParameter, string>, sink: RowSink, state: WaterState, early: EarlyRows): void {
  const { record, cell, reject } = row;

  const sectionCell = cell("section");
  const name = cellText(sectionCell);
  if (name === "") return reject("missing-section", "no section named", sectionCell, "name the monitoring section, e.g. 花园口");

  const dateCell = cell("date");
  const date = readSampleDate(dateCell);
  if (!date.ok) return reject("bad-date", `${date.reason} (column "${row.header("date")}")`, dateCell, "write the sampling day as 2025-06-15, or the month as 2025-06");

  let area: string | undefined;
  const areaCell = cell("area");
  const areaName = cellText(areaCell);
  if (areaName !== "") {
    const found = state.areas.find(areaName);
    if (!found) return reject("unknown-area", state.areas.unknown(areaName), areaCell, `${state.areas.hint}; blank also means a city-level section`);
    area = found.code === state.areas.city.code ? undefined : found.code;
  }

  const bodyCell = cell("waterBody");
  const bodyText = cellText(bodyCell);
  const waterBody = bodyText === "" ? undefined : readWaterBody(bodyText);
  if (waterBody === null) return reject("bad-water-body", `water body type "${bodyText}" is not a river or a lake/reservoir`, bodyCell, "write 河流 (river) or 湖库 / 湖泊 / 水库 (lake, reservoir)");

  const targetCell = cell("target");
  const targetText = cellText(targetCell);
  const target = targetText === "" ? undefined : readWaterClass(targetText);
  if (target === null || target === 6) return reject("bad-target-class", `target class "${targetText}" is not a GB 3838 class I-V`, targetCell, "write the class as II, Ⅲ, III类 or 3");

  const role = readRole(row);
  if (role.ok && bodyText !== "" && namesCanal(bodyText)) role.spec = { levels: [], drinking: false, ...role.spec, canal: true };
  if (!role.ok) return reject("bad-section-role", role.reason, role.cell, "write 国控, 省控 or 市控 for an assessed section, 饮用水源地 for a drinking-water source, 南水北调 for the canal; several joined by 、 or ;");

  const values: Partial<Record<WaterParameter, number>> = {};
  let belowLimit = 0;
  const notMeasured: { header: string; reason: string; cell: Cell | undefined }[] = [];
  for (const [parameter, header] of parameters) {
    const valueCell = record.cells.get(header);
    const parsed = readConcentration(valueCell?.value ?? "", parameter);
    if (parsed.kind === "missing") continue;
    if (parsed.kind === "not-measured") {
      notMeasured.push({ header, reason: parsed.reason, cell: valueCell });
      continue;
    }
    if (parsed.kind === "invalid") return reject("bad-concentration", `${parsed.reason} (column "${header}")`, valueCell, parameter === "ph" ? "write pH as a number between 0 and 14" : "write a concentration in mg/L such as 0.52; below the detection limit write 0.01L or <0.01");
    values[parameter] = parsed.value;
    if (parsed.belowLimit) belowLimit += 1;
  }
  const reportNotMeasured = () => {
    if (notMeasured.length === 0) return;
    sink.warn(issue(
      "value-not-measured",
      `section ${name} ${date.label}: ${notMeasured.map((entry) => `${entry.header} ${entry.reason}`).join(", ")}; ${notMeasured.length === 1 ? "this value is" : "these values are"} left out and the sample's other values are used`,
      { location: locate(sink.file, record, notMeasured[0]!.cell), hint: "below the detection limit, write the limit: 0.04L or <0.04 (half the limit is used)" },
    ));
  };
  if (Object.keys(values).length === 0 && notMeasured.length > 0) {
    reportNotMeasured();
    return sink.skip();
  }
  if (Object.keys(values).length === 0) {
    return reject("no-values", "no parameter value in this row", record.cells.get([...parameters.values()][0] ?? ""), `give at least one of ${[...parameters.values()].slice(0, 5).join(", ")}`);
  }

  if (date.end < state.lookup.earliestUsefulDate) {
    return skipEarlyRow(early, sink, locate(sink.file, record, dateCell));
  }

  const key = nameKey(name);
  const duplicateKey = JSON.stringify([key, date.start, area, waterBody, target, role.spec, Object.entries(values).sort()]);
  if (state.seen.has(duplicateKey)) return sink.skip();

  const section = state.sections.get(key) ?? { key, name, area, waterBody: undefined, target: undefined, role: undefined, firstSeen: locate(sink.file, record, sectionCell) };
  const mismatch = sectionMismatch(section, { area, waterBody, target, role: role.spec });
  if (mismatch) return reject("section-mismatch", `section ${name}: ${mismatch}`, sectionCell, "a section keeps one area, water body, target class and role in every row");
  state.sections.set(key, section);
  section.area ??= area;
  section.waterBody ??= waterBody;
  section.target ??= target;
  section.role ??= role.spec;

  const sameDay = `${key}\u0000${date.start}`;
  const earlier = state.bySectionDate.get(sameDay);
  if (earlier) {
    sink.warn(issue(
      "repeat-sample",
      `section ${name} was also sampled on ${date.label} at ${earlier.file === sink.file ? "line" : `${earlier.file}:`}${earlier.line} with other values; both samples enter the period mean`,
      { location: locate(sink.file, record, dateCell) },
    ));
  } else {
    state.bySectionDate.set(sameDay, { line: record.line, file: sink.file });
  }
  state.seen.add(duplicateKey);
  state.order += 1;
  state.samples.push({ section, date: date.start, month: date.start.slice(0, 7), values, belowLimit, origin: locate(sink.file, record, undefined), order: state.order });
  reportNotMeasured();
  sink.used();
}

function sectionMismatch(section: Section, row: { area: string | undefined; waterBody: WaterBody | undefined; target: WaterClass | undefined; role: RoleSpec | undefined }): string | undefined {
  const at = `line ${section.firstSeen.line}`;
  if (row.area !== undefined && section.area !== undefined && row.area !== section.area) return `area ${row.area} here but ${section.area} from ${at}`;
  if (row.waterBody && section.waterBody && row.waterBody !== section.waterBody) return `a ${row.waterBody} here but a ${section.waterBody} from ${at}`;
  if (row.target && section.target && row.target !== section.target) return `target class ${waterClassLabel(row.target)} here but ${waterClassLabel(section.target)} from ${at}`;
  if (row.role && section.role && describeRole(row.role) !== describeRole(section.role)) return `role ${describeRole(row.role)} here but ${describeRole(section.role)} from ${at}`;
  return undefined;
}

// ---- reading cells ----

type SampleDate = { ok: true; start: string; end: string; label: string } | { ok: false; reason: string };

function readSampleDate(cell: Cell | undefined): SampleDate {
  const text = cellText(cell);
  if (text === "") return { ok: false, reason: "no sampling date" };
  const parsed = parsePeriod(text);
  if (!parsed.ok) return { ok: false, reason: parsed.reason };
  if (parsed.period.kind !== "day" && parsed.period.kind !== "month") return { ok: false, reason: `"${text}" is a ${parsed.period.kind}, not a sampling day or month` };
  return { ok: true, start: parsed.period.start, end: parsed.period.end, label: parsed.period.label };
}

/**
 * river, lake (lakes and reservoirs share GB 3838's lake limits), or null when unreadable. A river
 * flowing into a lake or reservoir (入湖河流, 入库河流) and a canal are rivers: they keep the river
 * TP limits, whatever lake they feed.
 */
export function readWaterBody(text: string): WaterBody | null {
  const key = nameKey(text);
  if (/河流|入湖|入库|出湖|出库|入河|河道|运河|干渠|渠道|river|stream|canal/.test(key)) return "river";
  if (/湖|库|lake|reservoir/.test(key)) return "lake";
  if (/河|江|溪|渠|南水北调/.test(key)) return "river";
  return null;
}

/** A water body written as the South-North canal (南水北调中线总干渠): the canal's role, whatever the role column says. */
function namesCanal(text: string): boolean {
  return /南水北调|总干渠|中线干渠/.test(nameKey(text));
}

const romanClasses: Record<string, WaterClass> = { I: 1, II: 2, III: 3, IV: 4, V: 5, "1": 1, "2": 2, "3": 3, "4": 4, "5": 5, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5 };

/** A GB 3838 class as written (II, Ⅲ, III类, 3, 劣V), or null. */
export function readWaterClass(text: string): WaterClass | null {
  const key = text.normalize("NFKC").toUpperCase().replace(/\s+/g, "").replace(/^CLASS|类水质$|类水$|类$|水质$/g, "");
  if (/^劣(V|五|5)$/.test(key) || key === "6") return 6;
  return romanClasses[key] ?? null;
}

type RoleRead = { ok: true; spec: RoleSpec | undefined } | { ok: false; reason: string; cell: Cell | undefined };

function readRole(row: Row<WaterColumn>): RoleRead {
  const roleCell = row.cell("role");
  const drinkingCell = row.cell("drinking");
  const canalCell = row.cell("canal");
  const spec: RoleSpec = { levels: [], drinking: false, canal: false };
  let given = false;
  const roleText = cellText(roleCell);
  if (roleText !== "") {
    given = true;
    for (const token of roleText.split(/[,;，；、/|+]+/)) {
      const key = nameKey(token);
      if (key === "") continue;
      if (/国控|国考|国家|national/.test(key)) spec.levels.push("national");
      else if (/省控|省考|省级|provincial/.test(key)) spec.levels.push("provincial");
      else if (/市控|市考|市级|municipal/.test(key)) spec.levels.push("municipal");
      else if (/县控|县考|县级|区控|区考|county/.test(key)) spec.levels.push("county");
      else if (/饮用水|水源地|drinking/.test(key)) spec.drinking = true;
      else if (/南水北调|总干渠|中线|运河|canal|snw/.test(key)) spec.canal = true;
      else return { ok: false, reason: `section role "${token.trim()}" is not one of 国控, 省控, 市控, 县控, 饮用水源地, 南水北调`, cell: roleCell };
    }
  }
  for (const [flagCell, flag] of [[drinkingCell, "drinking"], [canalCell, "canal"]] as const) {
    const text = cellText(flagCell);
    if (text === "") continue;
    const value = readYesNo(text);
    if (value === undefined) return { ok: false, reason: `"${text}" is not yes or no (column "${row.header(flag)}")`, cell: flagCell };
    given = true;
    if (value) spec[flag] = true;
  }
  spec.levels = [...new Set(spec.levels)].sort();
  return { ok: true, spec: given ? spec : undefined };
}

function describeRole(role: RoleSpec): string {
  const names = [...role.levels.map((level) => ({ national: "国控", provincial: "省控", municipal: "市控", county: "县控" })[level]), ...(role.drinking ? ["饮用水源地"] : []), ...(role.canal ? ["南水北调"] : [])];
  return names.length > 0 ? names.join("、") : "none";
}

/**
 * Counted in the 国省市控 compliance rate and the 劣V count: sections with a control level, and
 * sections whose role is not stated at all. A section marked only as a drinking-water source or as
 * the canal is assessed by its own indicator instead.
 */
function isAssessed(section: Section): boolean {
  const role = section.role;
  if (!role) return true;
  if (role.levels.length > 0) return role.levels.some((level) => level !== "county");
  return !role.drinking && !role.canal;
}


type Concentration = { kind: "value"; value: number; belowLimit: boolean } | { kind: "missing" } | { kind: "not-measured"; reason: string } | { kind: "invalid"; reason: string };

const number = String.raw`(\d+\.?\d*(?:e-?\d+)?|\.\d+)`;
/** <0.04, ≤0.04, L0.04, ND0.04, ND(0.04), 未检出(0.04), 0.04L, 0.04ND. */
const belowLimitPatterns = [new RegExp(`^(?:<|≤|L|ND|未检出)\\s*\\(?\\s*<?\\s*${number}\\s*\\)?$`, "i"), new RegExp(`^${number}\\s*(?:L|ND)$`, "i")];
/** Below the detection limit, without the limit. */
const notDetected = /^(?:nd|n\.d\.?|未检出|<dl|<mdl|bdl|l|低于检出限|小于检出限|<检出限|检出限以下)$/i;

/**
 * A measured value. Below the detection limit (0.04L, the Chinese monitoring convention; L0.04,
 * <0.04, ND(0.04); a trailing * as some exports mark it) the value is taken as half the limit,
 * for that value only. This is the common convention (HJ/T 91-2002 for surface-water statistics
 * and HJ 630 practice, as monitoring reports apply it); reference.md does not record it, so it is
 * UNVERIFIED against the text. "ND" or 未检出 with no limit, and a flag such as 维护, 停运 or --,
 * leave the value out: the cell says nothing was measured.
 */
export function readConcentration(raw: Cell["value"], parameter: WaterParameter): Concentration {
  const text = typeof raw === "string" ? raw.normalize("NFKC").replace(/[*※]/g, "").trim() : "";
  for (const pattern of belowLimitPatterns) {
    const limit = pattern.exec(text)?.[1];
    if (limit !== undefined) return { kind: "value", value: stripBinaryNoise(Number(limit) / 2), belowLimit: true };
  }
  if (notDetected.test(text)) return { kind: "not-measured", reason: `"${text}" (not detected) gives no detection limit` };
  if (typeof raw === "string" && text !== "" && isNotMeasured(text)) return { kind: "not-measured", reason: `"${text}"` };
  const parsed = readNumber(typeof raw === "string" ? text : raw);
  if (parsed.kind !== "number") return parsed;
  if (parameter === "ph" ? parsed.value < 0 || parsed.value > 14 : parsed.value < 0) {
    return { kind: "invalid", reason: parameter === "ph" ? `pH ${parsed.value} is outside 0-14` : `${parsed.value} is negative` };
  }
  return { kind: "value", value: parsed.value, belowLimit: false };
}


// ---- finishing ----

interface SectionResult {
  section: Section;
  waterBody: WaterBody;
  means: Partial<Record<WaterParameter, number>>;
  class: WaterClass;
  mainPollutants: MainPollutant[];
  samples: number;
  belowLimit: number;
  first: Sample;
}

function finishWater(state: WaterState): KindResult {
  const issues: Issue[] = [];
  const observations: Observation[] = [];
  const { lookup } = state;
  for (const section of state.sections.values()) {
    if (!section.waterBody) {
      issues.push(issue("water-body-assumed", `section ${section.name} has no water body type; it is assessed as a river (TP river limits, TN not assessed)`, { location: section.firstSeen }));
    }
    if (section.role && section.role.levels.length > 0 && section.role.levels.every((level) => level === "county")) {
      issues.push(issue(
        "county-section",
        `section ${section.name} is 县控 (county-controlled): its samples are read and classed, but ${ids.compliance} and ${ids.inferior} count 国控, 省控 and 市控 sections only`,
        { location: section.firstSeen },
      ));
    }
    if (isAssessed(section) && section.target === undefined && !section.role?.drinking) {
      issues.push(issue("missing-target-class", `section ${section.name} has no target class, so it is left out of ${ids.compliance}; it still counts for ${ids.inferior}`, { location: section.firstSeen }));
    }
  }
  if (state.samples.length === 0) return { observations, issues };

  const months = [...new Set(state.samples.map((sample) => sample.month))].sort();
  const latestMonth = months.at(-1) ?? "";
  const years = [...new Set(months.map((month) => Number(month.slice(0, 4))))];
  const groups = groupCodes(state);
  const unclassed = new Set<Section>();

  for (const month of months) {
    const period = periodOf(month);
    const results = assessPeriod(state.samples, period, unclassed);
    const year = Number(month.slice(0, 4));
    const complete = latestMonth >= `${year}-12`;
    const toDate = complete ? undefined : assessPeriod(state.samples, { start: `${year}-01-01`, end: period.end }, unclassed);
    // The canal is judged month by month; its class over the year so far (the annual class in December) is reported beside it.
    const canalYear = toDate ?? (month.endsWith("-12") ? assessPeriod(state.samples, { start: `${year}-01-01`, end: period.end }, unclassed) : undefined);
    for (const group of groups) {
      const inGroup = (result: SectionResult) => group === lookup.city.code || result.section.area === group;
      const ytd = toDate ? { label: `${year}-01..${month}`, results: [...toDate.values()].filter(inGroup) } : undefined;
      pushSectionIndicators(observations, lookup, group, period, [...results.values()].filter(inGroup), ytd);
      const canalToDate = canalYear ? { label: toDate ? `year to date (${year}-01..${month})` : `year ${year} (annual class)`, results: [...canalYear.values()].filter(inGroup) } : undefined;
      pushCanalClass(observations, lookup, group, period, [...results.values()].filter(inGroup), canalToDate);
    }
  }

  for (const year of years) {
    if (latestMonth < `${year}-12`) continue;
    const period = periodOf(String(year));
    const results = assessPeriod(state.samples, period, unclassed);
    for (const result of results.values()) {
      if (result.samples < annualSampleMinimum) {
        issues.push(issue(
          "few-annual-samples",
          `section ${result.section.name} has ${result.samples} sample(s) in ${year}; an annual assessment wants at least ${annualSampleMinimum} (2011 method, as recorded from memory: UNVERIFIED); its ${year} class is computed from these`,
          { location: result.first.origin },
        ));
      }
    }
    for (const group of groups) {
      const inGroup = [...results.values()].filter((result) => group === lookup.city.code || result.section.area === group);
      pushSectionIndicators(observations, lookup, group, period, inGroup, undefined);
    }
  }
  for (const section of unclassed) {
    issues.push(issue("no-assessed-parameter", `section ${section.name} has no assessed parameter in some period (TN alone does not class a river); it is left out there`, { location: section.firstSeen }));
  }
  return { observations, issues };
}

function groupCodes(state: WaterState): string[] {
  const areas = new Set<string>();
  for (const section of state.sections.values()) if (section.area) areas.add(section.area);
  return [state.lookup.city.code, ...[...areas].sort()];
}

function periodOf(label: string): Period {
  const parsed = parsePeriod(label);
  if (!parsed.ok) throw new Error(`internal: bad period ${label}`);
  return parsed.period;
}

/** Each section's class from the mean of its samples in [start, end]. */
function assessPeriod(samples: readonly Sample[], range: { start: string; end: string }, unclassed: Set<Section>): Map<string, SectionResult> {
  const bySection = new Map<string, Sample[]>();
  for (const sample of samples) {
    if (sample.date < range.start || sample.date > range.end) continue;
    const list = bySection.get(sample.section.key) ?? [];
    list.push(sample);
    bySection.set(sample.section.key, list);
  }
  const results = new Map<string, SectionResult>();
  for (const [key, list] of bySection) {
    const section = list[0]!.section;
    const waterBody = section.waterBody ?? "river";
    const means = meanByParameter(list.map((sample) => sample.values));
    const assessed = sectionClass(means, waterBody);
    const first = list.reduce((a, b) => (a.order < b.order ? a : b));
    if (assessed.class === undefined) {
      unclassed.add(section);
      continue;
    }
    results.set(key, {
      section,
      waterBody,
      means,
      class: assessed.class,
      mainPollutants: assessed.mainPollutants,
      samples: list.length,
      belowLimit: list.reduce((total, sample) => total + sample.belowLimit, 0),
      first,
    });
  }
  return results;
}

/** The target a drinking-water source is held to: its own, or class III (GB 3838's source-water class). */
function drinkingTarget(section: Section): WaterClass {
  return section.target ?? 3;
}

interface ToDate {
  label: string;
  results: readonly SectionResult[];
}

/** "; year to date (2025-01..2025-06, means of all samples): ..." for a month of an unfinished year. */
function toDateText(toDate: ToDate | undefined, describe: (results: readonly SectionResult[]) => string | undefined): string {
  const text = toDate ? describe(toDate.results) : undefined;
  return text ? `; year to date (${toDate!.label}, means of all its samples): ${text}` : "";
}

function pushSectionIndicators(out: Observation[], lookup: PlanLookup, area: string, period: Period, results: readonly SectionResult[], toDate: ToDate | undefined): void {
  const assessed = results.filter((result) => isAssessed(result.section));
  const withTarget = (list: readonly SectionResult[]) => list.filter((result) => isAssessed(result.section) && result.section.target !== undefined);
  const metTarget = (list: readonly SectionResult[]) => list.filter((result) => meetsTarget(result.class, result.section.target!)).length;

  const targeted = withTarget(results);
  if (targeted.length > 0) {
    const met = metTarget(targeted);
    const ytd = toDateText(toDate, (list) => {
      const sections = withTarget(list);
      return sections.length > 0 ? `${metTarget(sections)} of ${sections.length} meet their target (${formatShare(metTarget(sections), sections.length)})` : undefined;
    });
    pushObservation(out, lookup, ids.compliance, area, period, share(met, targeted.length), targeted, {
      method: `${method}; a section meets its target when its class is the target class or better; rate = sections meeting their target / assessed 国控, 省控 and 市控 sections with a target`,
      inputs: `${targeted.length} assessed section(s) with a target class, ${sampleCount(targeted)} sample(s) in ${period.label}; ${met} meet their target${ytd}`,
      details: targeted.map((result) => describeResult(result, result.section.target)),
    });
  }

  if (assessed.length > 0) {
    const inferior = assessed.filter((result) => result.class === 6);
    const ytd = toDateText(toDate, (list) => {
      const sections = list.filter((result) => isAssessed(result.section));
      return sections.length > 0 ? `${sections.filter((result) => result.class === 6).length} of ${sections.length} are 劣V` : undefined;
    });
    pushObservation(out, lookup, ids.inferior, area, period, inferior.length, assessed, {
      method: `${method}; counts the assessed 国控, 省控 and 市控 sections whose class is worse than V (劣V)`,
      inputs: `${assessed.length} assessed section(s), ${sampleCount(assessed)} sample(s) in ${period.label}; ${inferior.length} 劣V${ytd}`,
      details: assessed.map((result) => describeResult(result, result.section.target)),
    });
  }

  const sources = (list: readonly SectionResult[]) => list.filter((result) => result.section.role?.drinking);
  const metSource = (list: readonly SectionResult[]) => list.filter((result) => meetsTarget(result.class, drinkingTarget(result.section))).length;
  const drinking = sources(results);
  if (drinking.length > 0) {
    const met = metSource(drinking);
    const ytd = toDateText(toDate, (list) => (sources(list).length > 0 ? `${metSource(sources(list))} of ${sources(list).length} sources meet their target` : undefined));
    pushObservation(out, lookup, ids.drinking, area, period, share(met, drinking.length), drinking, {
      method: `${method}; a drinking-water source meets its target (class III unless the data states another) when its class is that class or better; rate = sources meeting their target / sources sampled, by count`,
      inputs: `${drinking.length} drinking-water source section(s), ${sampleCount(drinking)} sample(s) in ${period.label}; ${met} meet their target${ytd}`,
      details: drinking.map((result) => describeResult(result, drinkingTarget(result.section))),
    });
  }
}

/** Each parameter's arithmetic mean over the value sets that have it (the 2011 method: average, then classify). */
function meanByParameter(valueSets: readonly Partial<Record<WaterParameter, number>>[]): Partial<Record<WaterParameter, number>> {
  const sums = new Map<WaterParameter, { total: number; count: number }>();
  for (const values of valueSets) {
    for (const [parameter, value] of Object.entries(values) as [WaterParameter, number][]) {
      const sum = sums.get(parameter) ?? { total: 0, count: 0 };
      sum.total += value;
      sum.count += 1;
      sums.set(parameter, sum);
    }
  }
  const means: Partial<Record<WaterParameter, number>> = {};
  for (const [parameter, sum] of sums) means[parameter] = stripBinaryNoise(sum.total / sum.count);
  return means;
}

/**
 * The canal's class over a period. With one section it is that section's class; with several (fewer
 * than five) the 2011 method's river rule applies: average each parameter over the sections, then
 * classify the averages. Undefined when no section is the canal.
 */
function canalClass(results: readonly SectionResult[]): { canal: SectionResult[]; class: WaterClass | undefined } {
  const canal = results.filter((result) => result.section.role?.canal);
  if (canal.length === 0) return { canal, class: undefined };
  return { canal, class: canal.length === 1 ? canal[0]!.class : sectionClass(meanByParameter(canal.map((result) => result.means)), "river").class };
}

function pushCanalClass(out: Observation[], lookup: PlanLookup, area: string, period: Period, results: readonly SectionResult[], toDate: { label: string; results: readonly SectionResult[] } | undefined): void {
  const { canal, class: monthClass } = canalClass(results);
  if (monthClass === undefined) return;
  const yearClass = toDate ? canalClass(toDate.results).class : undefined;
  const year = yearClass === undefined ? "" : `; ${toDate!.label}, means of all its samples: class ${waterClassLabel(yearClass)}`;
  pushObservation(out, lookup, ids.canal, area, period, monthClass, canal, {
    method: `${method}; ${canal.length === 1 ? "the canal section's class" : "with several canal sections (fewer than 5), each parameter is averaged over the sections and the averages are classified (2011 method, river rule)"}`,
    inputs: `${canal.length} South-North canal section(s), ${sampleCount(canal)} sample(s) in ${period.label}: class ${waterClassLabel(monthClass)}${year}`,
    details: canal.map((result) => describeResult(result, result.section.target)),
  });
}

function pushObservation(out: Observation[], lookup: PlanLookup, id: string, area: string, period: Period, value: number, fed: readonly SectionResult[], provenance: Provenance): void {
  const indicator = lookup.findIndicator(id);
  if (!indicator || fed.length === 0) return;
  const first = fed.reduce((a, b) => (a.first.order < b.first.order ? a : b)).first;
  out.push({ indicator: indicator.id, area, period, value, unit: indicator.unit, origin: first.origin, provenance });
}

function describeResult(result: SectionResult, target: WaterClass | undefined): string {
  const { section } = result;
  const body = result.waterBody === "lake" ? "lake/reservoir" : "river";
  const verdict = target === undefined ? "" : meetsTarget(result.class, target) ? ", meets target" : ", misses target";
  const pollutants =
    result.mainPollutants.length > 0
      ? `; main pollutants: ${result.mainPollutants
          .map((pollutant) => `${parameterLabel(pollutant.parameter)} ${waterClassLabel(pollutant.class)}${pollutant.exceedanceMultiple === undefined ? "" : ` (${formatNumber(pollutant.exceedanceMultiple)} times over the class III limit)`}`)
          .join(", ")}`
      : "";
  const below = result.belowLimit > 0 ? `; ${result.belowLimit} value(s) below the detection limit taken as half the limit` : "";
  return `${section.name} (${body}${target === undefined ? "" : `, target ${waterClassLabel(target)}`}): class ${waterClassLabel(result.class)}${verdict}${pollutants}; ${result.samples} sample(s)${below}`;
}

function parameterLabel(parameter: WaterParameter): string {
  return waterParameterNames[parameter][0] ?? parameter;
}

function sampleCount(results: readonly SectionResult[]): number {
  return results.reduce((total, result) => total + result.samples, 0);
}

function share(part: number, whole: number): number {
  return stripBinaryNoise((part / whole) * 100);
}

function formatShare(part: number, whole: number): string {
  return `${formatNumber(share(part, whole))}%`;
}


// ---- black-odorous water bodies (城市黑臭水体整治工作指南, 2015) ----

const blackOdorousColumns = {
  waterBody: ["water body", "water body name", "waterbody", "水体", "水体名称", "河道名称", "黑臭水体名称"],
  point: ["point", "sampling point", "点位", "采样点", "监测点", "点位名称", "采样点位"],
  date: ["date", "sampling date", "采样日期", "监测日期", "日期", "时间"],
  area: observationColumns.area,
  transparency: ["transparency", "透明度", "透明度(cm)"],
  depth: ["depth", "water depth", "水深", "水深(cm)"],
  do: ["do", "dissolved oxygen", "溶解氧"],
  orp: ["orp", "redox potential", "氧化还原电位"],
  nh3n: ["nh3-n", "nh3n", "ammonia", "氨氮"],
} as const;

type BlackOdorousColumn = keyof typeof blackOdorousColumns;

export interface BlackOdorousState {
  lookup: PlanLookup;
  points: Map<string, { waterBody: string; point: string; samples: BlackOdorousSample[]; first: Location }>;
  seen: Set<string>;
}

/**
 * Black-odorous sampling: grades each point by the 2015 guideline (classifyBlackOdorousPoint) and
 * each water body by the share of its points that are heavy (≥ 60 %: UNVERIFIED, one source). The
 * plan's black-odorous indicators count water bodies eliminated, which samples alone do not show, so
 * this kind yields no observation: it reports each black-odorous water body as a warning.
 */
export const blackOdorousKind = defineKind<BlackOdorousState>({
  id: "black-odorous",
  description: "Black-odorous water sampling (water body, point, transparency, DO, ORP, NH3-N) -> each point and water body graded by the 2015 guideline, reported as warnings",
  detect(headers) {
    const columns = matchRawColumns(headers, blackOdorousColumns);
    return columns.has("transparency") && columns.has("orp") && columns.has("do") && columns.has("nh3n") && (columns.has("point") || columns.has("waterBody"));
  },
  produces: [],
  createState: (options: KindOptions) => ({ lookup: options.lookup, points: new Map(), seen: new Set() }),
  async consume(records, sink, state) {
    await eachRow(records, sink, { spellings: blackOdorousColumns, match: matchRawColumns }, (row) => {
      const { record, cell, reject } = row;
      const waterBody = cellText(cell("waterBody"));
      const point = cellText(cell("point"));
      if (waterBody === "" && point === "") {
        reject("missing-point", "no water body or sampling point named", cell("point") ?? cell("waterBody"), "name the water body (水体名称) and the sampling point (点位)");
        return;
      }
      const measured: Partial<Record<"transparency" | "depth" | "do" | "orp" | "nh3n", number>> = {};
      let bad: { column: BlackOdorousColumn; reason: string } | undefined;
      for (const column of ["transparency", "depth", "do", "orp", "nh3n"] as const) {
        const parsed = readNumber(cell(column)?.value);
        if (parsed.kind === "missing") continue;
        if (parsed.kind === "invalid" || (column !== "orp" && parsed.value < 0)) {
          bad = { column, reason: parsed.kind === "invalid" ? parsed.reason : `${parsed.value} is negative` };
          break;
        }
        measured[column] = parsed.value;
      }
      if (bad) {
        reject("bad-measurement", `${bad.reason} (column "${row.header(bad.column)}")`, cell(bad.column), "write transparency and depth in cm, DO and NH3-N in mg/L, ORP in mV");
        return;
      }
      const { transparency, depth, do: oxygen, orp, nh3n } = measured;
      if (transparency === undefined || oxygen === undefined || orp === undefined || nh3n === undefined) {
        const absent = (["transparency", "do", "orp", "nh3n"] as const).find((column) => measured[column] === undefined)!;
        reject("missing-value", `no ${absent} value; a sample is graded on transparency, DO, ORP and NH3-N together`, cell(absent), "give all four measurements for each sample");
        return;
      }
      const key = `${nameKey(waterBody)}\u0000${nameKey(point)}`;
      const duplicate = JSON.stringify([key, cellText(cell("date")), transparency, depth, oxygen, orp, nh3n]);
      if (state.seen.has(duplicate)) {
        sink.skip();
        return;
      }
      state.seen.add(duplicate);
      const entry = state.points.get(key) ?? { waterBody: waterBody || point, point: point || waterBody, samples: [], first: locate(sink.file, record, undefined) };
      entry.samples.push({ transparencyCm: transparency, depthCm: depth, doMgL: oxygen, orpMv: orp, nh3nMgL: nh3n });
      state.points.set(key, entry);
      sink.used();
    });
  },
  finish(state) {
    const issues: Issue[] = [];
    const bodies = new Map<string, { name: string; levels: string[]; first: Location; details: string[] }>();
    for (const entry of state.points.values()) {
      const graded = classifyBlackOdorousPoint(entry.samples);
      if (graded.sampleCount < 3) {
        issues.push(issue("few-black-odorous-samples", `point ${entry.point} of ${entry.waterBody} has ${graded.sampleCount} sample(s); the 2015 guideline asks for at least 3`, { location: entry.first }));
      }
      const body = bodies.get(nameKey(entry.waterBody)) ?? { name: entry.waterBody, levels: [], first: entry.first, details: [] };
      body.levels.push(graded.level);
      body.details.push(`${entry.point}: ${graded.level}`);
      bodies.set(nameKey(entry.waterBody), body);
    }
    for (const body of bodies.values()) {
      const heavy = body.levels.filter((level) => level === "heavy").length;
      const black = body.levels.filter((level) => level !== "none").length;
      if (black === 0) continue;
      const level = heavy * 10 >= body.levels.length * 6 ? "heavy" : "light";
      issues.push(issue(
        "black-odorous-water-body",
        `${body.name} is ${level} black-odorous: ${black} of ${body.levels.length} point(s) black-odorous, ${heavy} heavy (points graded by the 2015 guideline; a water body is heavy when ≥ 60% of its points are, UNVERIFIED) [${body.details.join("; ")}]`,
        { location: body.first },
      ));
    }
    return { observations: [], issues };
  },
});

function parameterColumns(headers: readonly string[], columns: Map<WaterColumn, string>): Map<WaterParameter, string> {
  const taken = new Set(columns.values());
  const found = new Map<WaterParameter, string>();
  for (const header of headers) {
    if (taken.has(header)) continue;
    const parameter = findWaterParameter(header) ?? findWaterParameter(stripUnit(header).name);
    if (parameter && !found.has(parameter)) found.set(parameter, header);
  }
  return found;
}



