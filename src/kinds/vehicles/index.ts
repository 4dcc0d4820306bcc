import { issue } from "../../vocabulary/catalogue.js";
import type { Issue, Location } from "../../vocabulary/issues.js";
import type { PlanLookup } from "../../plan/lookup.js";
import { nameKey, observationColumns, yesNoReader } from "../../vocabulary/names.js";
import { areaNames, cellText, eachRow, locate, type AreaNames, type Row } from "../rows.js";
import type { Observation, Provenance } from "../observation.js";
import { parsePeriod, type Period, periodOfLabel } from "../../vocabulary/period.js";
import { peekFirstRecord, type Cell } from "../../read/records.js";
import { formatCount } from "../../vocabulary/units.js";
import { defineKind, type KindResult, type RowSink } from "../kind.js";
import { matchRawColumns, percentShare, readNumber } from "../columns.js";

/*
 * A fleet register (one row per vehicle) or a fleet summary (counts per area, category and period)
 * -> the plan's NEV fleet shares, NEV shares of new vehicles, and the SOE trucks' clean share.
 *
 * NEV (新能源汽车) = battery-electric, plug-in hybrid (range-extenders included) and fuel-cell
 * vehicles, as 新能源汽车生产企业及产品准入管理规定 (MIIT Order No. 39, 2017) defines them; an ordinary
 * hybrid that cannot be charged from the grid is not an NEV.
 */

export type Category = "bus" | "taxi" | "ride-hailing" | "muck-truck" | "concrete-truck" | "urban-freight" | "postal" | "sanitation" | "official-car" | "waste-transport";

/** Checked in order: 网约出租车 is ride-hailing before it is a taxi, a 渣土车 is a muck truck before it is a truck. */
const categoryPatterns: readonly [Category, RegExp][] = [
  ["ride-hailing", /网约|网络预约|ride-?hailing|car-?hailing/],
  ["taxi", /出租|巡游|taxi|cab$/],
  ["bus", /公交|bus/],
  ["muck-truck", /渣土|muck|spoil/],
  ["concrete-truck", /混凝土|搅拌|concrete|mixer/],
  ["waste-transport", /垃圾|医疗废物|医废|waste|garbage|refuse/],
  ["sanitation", /环卫|sanitation|清扫|洒水|sweeper/],
  ["postal", /邮政|postal|mail/],
  ["official-car", /公务|党政|official|government/],
  ["urban-freight", /物流|货车|载货|货运|freight|logistics|goods|truck|lorry|van$/],
];

const categoryNames: Record<Category, { zh: string; en: string }> = {
  bus: { zh: "公交车", en: "buses" },
  taxi: { zh: "巡游出租车", en: "street-hail taxis" },
  "ride-hailing": { zh: "网约车", en: "ride-hailing cars" },
  "muck-truck": { zh: "渣土车", en: "muck trucks" },
  "concrete-truck": { zh: "混凝土搅拌车", en: "concrete mixer trucks" },
  "urban-freight": { zh: "城市物流车/货车", en: "goods vehicles" },
  postal: { zh: "邮政用车", en: "postal vehicles" },
  sanitation: { zh: "环卫车", en: "sanitation vehicles" },
  "official-car": { zh: "公务用车", en: "official cars" },
  "waste-transport": { zh: "垃圾/医疗废物运输车", en: "waste-transport vehicles" },
};

/** Fleet-stock indicators (the share of the fleet in service at a date). */
const stockIndicators: Partial<Record<Category, string>> = {
  bus: "nev-share-bus",
  taxi: "nev-share-taxi",
  "ride-hailing": "nev-share-ride-hailing",
  "muck-truck": "nev-share-muck-truck",
  "concrete-truck": "nev-share-concrete-truck",
  "urban-freight": "nev-share-urban-freight",
  postal: "nev-share-postal",
  sanitation: "nev-share-sanitation",
  "waste-transport": "waste-transport-nev-share",
};

/** New-vehicle indicators (the share of vehicles added in a period). */
const newIndicators: Partial<Record<Category, string>> = {
  bus: "nev-share-new-bus",
  taxi: "nev-share-new-taxi",
  "ride-hailing": "nev-share-new-ride-hailing",
  sanitation: "nev-share-new-sanitation",
  "official-car": "nev-share-new-official-cars",
};

const soeIndicator = "soe-truck-clean-share";
/** The goods-vehicle categories that count as an SOE's trucks (货车运输) for the clean share. */
const truckCategories: ReadonlySet<Category> = new Set(["urban-freight", "muck-truck", "concrete-truck"]);

export type Fuel = "bev" | "phev" | "fcev" | "hev" | "gasoline" | "diesel" | "gas" | "lpg" | "other";

const nevFuels: ReadonlySet<Fuel> = new Set(["bev", "phev", "fcev"]);

const fuelLabels: Record<Fuel, string> = {
  bev: "BEV",
  phev: "PHEV",
  fcev: "FCEV",
  hev: "non-plug-in hybrid",
  gasoline: "gasoline",
  diesel: "diesel",
  gas: "natural gas",
  lpg: "LPG",
  other: "other fuel",
};

const registerColumns = {
  area: observationColumns.area,
  category: ["category", "vehicle category", "vehicle type", "use", "车辆类型", "车辆类别", "车辆种类", "车型", "类别", "车辆用途", "用途", "使用性质", "行业类别"],
  fuel: ["fuel", "fuel type", "energy type", "energy", "powertrain", "燃料类型", "燃料种类", "能源类型", "能源种类", "动力类型", "燃料", "动力方式"],
  registered: ["registration date", "registered", "register date", "registered on", "登记日期", "注册日期", "初次登记日期", "初登日期", "上牌日期", "入户日期"],
  purchased: ["purchase date", "purchased", "bought", "购置日期", "购买日期", "购车日期", "采购日期"],
  emission: ["emission standard", "emission stage", "emission", "排放标准", "排放阶段"],
  owner: ["owner type", "ownership", "owner kind", "所有人类型", "单位性质", "企业性质", "所有制", "产权性质", "所有权性质"],
  status: ["status", "vehicle status", "车辆状态", "状态", "使用状态", "运营状态"],
  retired: ["retirement date", "retired", "retired on", "deregistration date", "scrapped", "注销日期", "报废日期", "退出日期", "淘汰日期", "停运日期"],
  id: ["plate", "plate number", "licence plate", "license plate", "vin", "vehicle id", "车牌号", "车牌号码", "号牌号码", "车牌", "车辆识别代号", "车架号", "车辆编号"],
  special: [
    "emergency", "special", "special needs", "emergency vehicle", "应急车辆", "是否应急车辆", "应急", "是否应急", "应急保障", "应急保障车辆",
    "特殊需求", "特殊用途", "是否特殊需求", "特殊需求车辆", "是否特殊需求车辆", "特种车辆", "是否特种车辆", "特种车", "特种作业车辆",
  ],
  asOf: ["as of", "as-of", "asof", "snapshot date", "统计日期", "截止日期", "数据日期", "统计截止日期"],
} as const;

const summaryColumns = {
  area: observationColumns.area,
  category: registerColumns.category,
  period: observationColumns.period,
  total: ["total", "fleet", "fleet size", "vehicles", "车辆总数", "总数", "保有量", "车辆数", "合计", "总量", "车辆保有量"],
  nev: ["nev", "nev count", "nevs", "新能源", "新能源车", "新能源车辆", "新能源车辆数", "新能源数量", "其中新能源", "新能源汽车数"],
  newTotal: ["new", "new total", "new vehicles", "added", "新增", "新增车辆", "新增数", "新增或更新", "新增车辆数", "新增或更新车辆数"],
  newNev: ["new nev", "new nevs", "added nev", "新增新能源", "新增新能源车辆数", "新增新能源数", "新增新能源车"],
  clean: ["clean", "nev or china vi", "nev or china 6", "新能源或国六", "国六及新能源", "新能源及国六", "清洁车辆数"],
} as const;

type RegisterColumn = keyof typeof registerColumns;
type SummaryColumn = keyof typeof summaryColumns;

interface Vehicle {
  /** Area code; undefined when the register names none (the vehicle counts for the city only). */
  area: string | undefined;
  category: Category;
  fuel: Fuel;
  /** In service from this day. */
  registered: string;
  /** The day it counts as added (bought, else registered) for the new-vehicle shares. */
  added: string;
  chinaSix: boolean | undefined;
  soe: boolean;
  /** Out of service from this day; "unknown" when retired on a day the register does not give. */
  retired: string | "unknown" | undefined;
  special: boolean;
  origin: Location;
  order: number;
}

interface SummaryRow {
  area: string;
  category: Category | "soe-truck";
  period: Period;
  counts: Partial<Record<"total" | "nev" | "newTotal" | "newNev" | "clean", number>>;
  origin: Location;
  order: number;
}

export interface VehicleState {
  lookup: PlanLookup;
  areas: AreaNames;
  vehicles: Vehicle[];
  summary: SummaryRow[];
  seen: Set<string>;
  ids: Map<string, string>;
  summaryKeys: Map<string, { line: number; file: string }>;
  /** Latest as-of date given, else the latest date seen in the register. */
  asOf: string | undefined;
  latestDate: string | undefined;
  soeColumn: boolean;
  order: number;
}

export const vehiclesKind = defineKind<VehicleState>({
  id: "vehicles",
  description:
    "Fleet register (one row per vehicle: area, category, fuel, registration date, emission standard, owner, status) or fleet summary (area, category, period, total, NEV) -> NEV fleet and new-vehicle shares, SOE trucks' clean share",
  detect(headers) {
    const register = matchRawColumns(headers, registerColumns);
    if (register.has("category") && register.has("fuel") && (register.has("registered") || register.has("purchased"))) return true;
    const summary = matchRawColumns(headers, summaryColumns);
    return summary.has("category") && summary.has("period") && ((summary.has("total") && (summary.has("nev") || summary.has("clean"))) || (summary.has("newTotal") && summary.has("newNev")));
  },
  produces: [...new Set([...Object.values(stockIndicators), ...Object.values(newIndicators), soeIndicator])],
  createState: (options) => ({
    lookup: options.lookup,
    areas: areaNames(options.lookup),
    vehicles: [],
    summary: [],
    seen: new Set(),
    ids: new Map(),
    summaryKeys: new Map(),
    asOf: undefined,
    latestDate: undefined,
    soeColumn: false,
    order: 0,
  }),
  async consume(records, sink, state) {
    const counters: RegisterCounters = { retiredUndated: 0, firstUndated: undefined, repeats: 0, firstRepeat: undefined };
    const { first, rest } = await peekFirstRecord(records);
    const form = fileForm(first ? [...first.cells.keys()] : []);
    if (form.kind === "register") {
      await eachRow(rest, sink, { spellings: registerColumns, match: matchRawColumns }, (row) => {
        state.soeColumn ||= form.columns.has("owner");
        consumeVehicle(row, sink, state, counters);
      });
    } else if (form.kind === "summary") {
      await eachRow(rest, sink, { spellings: summaryColumns, match: matchRawColumns }, (row) => consumeSummaryRow(row, sink, state));
    } else {
      const missingHint = "a fleet register names each vehicle's category, fuel type and registration date; a fleet summary gives category, period, total and NEV counts";
      await eachRow(rest, sink, { spellings: {}, missing: () => form.missing, missingHint }, () => undefined);
    }
    if (counters.repeats > 0) {
      sink.warn(issue(
        "identical-vehicles",
        `${counters.repeats} row(s) repeat an earlier row exactly; with no plate or VIN column they may be distinct vehicles and are counted`,
        { location: counters.firstRepeat, hint: "add a plate (车牌号) or VIN (车辆识别代号) column so that true repeats can be told apart and skipped" },
      ));
    }
    if (counters.retiredUndated > 0) {
      sink.warn(issue(
        "retired-without-date",
        `${counters.retiredUndated} vehicle(s) marked retired have no retirement date; they are left out of every fleet snapshot but still count as added on their registration date`,
        { location: counters.firstUndated, hint: "give the retirement date (注销日期) so that earlier snapshots count the vehicle while it was in service" },
      ));
    }
  },
  finish: (state) => finishVehicles(state),
});

function fileForm(headers: readonly string[]) {
  const register = matchRawColumns(headers, registerColumns);
  if (register.has("fuel") || !matchRawColumns(headers, summaryColumns).has("total")) {
    const missing = [
      ...(register.has("category") ? [] : ["category (车辆类型, 类别, category)"]),
      ...(register.has("fuel") ? [] : ["fuel type (燃料类型, 能源类型, fuel)"]),
      ...(register.has("registered") || register.has("purchased") ? [] : ["registration date (登记日期, 购置日期, registration date)"]),
    ];
    return missing.length > 0 ? { kind: "unknown" as const, missing } : { kind: "register" as const, columns: register };
  }
  const summary = matchRawColumns(headers, summaryColumns);
  const missing = [...(summary.has("category") ? [] : ["category (车辆类型, 类别)"]), ...(summary.has("period") ? [] : ["period (时间, 年份, 月份)"])];
  return missing.length > 0 ? { kind: "unknown" as const, missing } : { kind: "summary" as const, columns: summary };
}

interface RegisterCounters {
  retiredUndated: number;
  firstUndated: Location | undefined;
  repeats: number;
  firstRepeat: Location | undefined;
}

function consumeVehicle(row: Row<RegisterColumn>, sink: RowSink, state: VehicleState, counters: RegisterCounters): void {
  const { record, cell, reject, header } = row;
  const { areas } = state;

  const area = readArea(row.text("area"), areas);
  if (!area.ok) return reject("unknown-area", area.reason, "area", `${areas.hint}; blank also means a city-wide fleet`);

  const categoryCell = cell("category");
  const category = readCategory(cellText(categoryCell));
  if (!category) return reject(cellText(categoryCell) === "" ? "missing-category" : "unknown-category", categoryMessage(cellText(categoryCell)), categoryCell, categoryHint);

  const fuelCell = cell("fuel");
  const fuelText = cellText(fuelCell);
  const fuel = readFuel(fuelText);
  if (!fuel) return reject(fuelText === "" ? "missing-fuel" : "unknown-fuel", fuelText === "" ? "no fuel type" : `fuel type "${fuelText}" is not recognised`, fuelCell, fuelHint);

  const registeredCell = cell("registered");
  const purchasedCell = cell("purchased");
  const registered = readDate(registeredCell);
  const purchased = readDate(purchasedCell);
  for (const [date, at, column] of [[registered, registeredCell, "registered"], [purchased, purchasedCell, "purchased"]] as const) {
    if (date.kind === "invalid") return reject("bad-date", `${date.reason} (column "${header(column)}")`, at, "write a date as 2024-05-18 (or the month, 2024-05)");
  }
  const inService = registered.kind === "date" ? registered.date : purchased.kind === "date" ? purchased.date : undefined;
  if (!inService) return reject("missing-date", "no registration or purchase date", registeredCell ?? purchasedCell, "give the registration date (登记日期) or purchase date (购置日期), e.g. 2024-05-18");
  const added = purchased.kind === "date" ? purchased.date : inService;

  const emissionCell = cell("emission");
  const emissionText = cellText(emissionCell);
  const emission = emissionText === "" ? undefined : readEmissionStage(emissionText);
  if (emission === null) return reject("unknown-emission-standard", `emission standard "${emissionText}" is not recognised`, emissionCell, "write 国六 / China VI / 国VI (6a, 6b), 国五 / China V ... or leave it blank for an NEV");

  const soe = readOwner(cellText(cell("owner")));

  const statusCell = cell("status");
  const statusText = cellText(statusCell);
  const status = statusText === "" ? undefined : readStatus(statusText);
  if (status === null) return reject("unknown-status", `status "${statusText}" is neither in service nor retired`, statusCell, "write 在用 / in service, or 注销 / 报废 / retired");
  const retiredCell = cell("retired");
  const retiredDate = readDate(retiredCell);
  if (retiredDate.kind === "invalid") return reject("bad-date", `${retiredDate.reason} (column "${header("retired")}")`, retiredCell, "write a date as 2024-05-18");
  if (status === "in-service" && retiredDate.kind === "date") {
    return reject("status-conflict", `status "${statusText}" says in service, but a retirement date ${retiredDate.date} is given`, statusCell, "leave the retirement date blank for a vehicle in service, or mark it retired (注销)");
  }
  if (retiredDate.kind === "date" && retiredDate.date < inService) {
    return reject("retired-before-registered", `retired on ${retiredDate.date}, before its registration on ${inService}`, retiredCell, "check both dates");
  }
  const retired = retiredDate.kind === "date" ? retiredDate.date : status === "retired" ? "unknown" : undefined;

  const specialCell = cell("special");
  const specialText = cellText(specialCell);
  const special = specialText === "" ? false : readSpecial(specialText);
  if (special === undefined) return reject("bad-flag", `"${specialText}" is not yes or no (column "${header("special")}")`, specialCell, "write 是 / yes for an emergency or special-needs vehicle, 否 / no otherwise");

  const asOfCell = cell("asOf");
  const asOf = readDate(asOfCell);
  if (asOf.kind === "invalid") return reject("bad-date", `${asOf.reason} (column "${header("asOf")}")`, asOfCell, "write the snapshot date as 2025-06-30");

  const vehicle: Omit<Vehicle, "origin" | "order"> = { area: area.code, category, fuel, registered: inService, added, chinaSix: emission === undefined ? undefined : emission === 6, soe, retired, special };
  const idText = cellText(cell("id"));
  const duplicate = JSON.stringify([idText, vehicle]);
  if (state.seen.has(duplicate)) {
    // Without a plate or VIN, two identical rows may be two identical vehicles: count both, say so.
    if (idText !== "") return sink.skip();
    counters.repeats += 1;
    counters.firstRepeat ??= locate(sink.file, record, undefined);
  }
  if (idText !== "") {
    const id = nameKey(idText);
    const earlier = state.ids.get(id);
    if (earlier) return reject("duplicate-vehicle", `vehicle ${idText} is already in the register at ${earlier} with other details; it is counted once, from there`, cell("id"), "give each vehicle one row, or remove the outdated row");
    state.ids.set(id, `${sink.file}:${record.line}`);
  }
  state.seen.add(duplicate);

  if (retired === "unknown") {
    counters.retiredUndated += 1;
    counters.firstUndated ??= locate(sink.file, record, statusCell);
  }
  for (const date of [inService, added, typeof retired === "string" && retired !== "unknown" ? retired : undefined]) {
    if (date && (!state.latestDate || date > state.latestDate)) state.latestDate = date;
  }
  if (asOf.kind === "date" && (!state.asOf || asOf.date > state.asOf)) state.asOf = asOf.date;
  state.order += 1;
  state.vehicles.push({ ...vehicle, origin: locate(sink.file, record, undefined), order: state.order });
  sink.used();
}

function consumeSummaryRow(row: Row<SummaryColumn>, sink: RowSink, state: VehicleState): void {
  const { record, cell, reject, header } = row;
  const { areas } = state;

  const area = readArea(row.text("area"), areas);
  if (!area.ok) return reject("unknown-area", area.reason, "area", areas.hint);

  const categoryCell = cell("category");
  const categoryText = cellText(categoryCell);
  const category = /国企|国有|soe|state-owned/.test(nameKey(categoryText)) && /货车|truck/.test(nameKey(categoryText)) ? ("soe-truck" as const) : readCategory(categoryText);
  if (!category) return reject(categoryText === "" ? "missing-category" : "unknown-category", categoryMessage(categoryText), categoryCell, `${categoryHint}; 国企货车 (SOE trucks) in a summary`);

  const periodCell = cell("period");
  const period = parsePeriod(cellText(periodCell));
  if (!period.ok) return reject("bad-period", period.reason, periodCell, "write a period as 2025, 2025-Q2, 2025-06 or 2025-06-30: the fleet is counted at its end");

  const counts: SummaryRow["counts"] = {};
  for (const column of ["total", "nev", "newTotal", "newNev", "clean"] as const) {
    const countCell = cell(column);
    const parsed = readNumber(countCell?.value);
    if (parsed.kind === "missing") continue;
    if (parsed.kind === "invalid" || parsed.value < 0 || !Number.isInteger(parsed.value)) {
      return reject("bad-count", `${parsed.kind === "invalid" ? parsed.reason : `${parsed.value} is not a count of vehicles`} (column "${header(column)}")`, countCell, "write a whole number of vehicles such as 1,234");
    }
    counts[column] = parsed.value;
  }
  const pairs: [keyof SummaryRow["counts"], keyof SummaryRow["counts"]][] = [["nev", "total"], ["clean", "total"], ["newNev", "newTotal"]];
  for (const [part, whole] of pairs) {
    const partValue = counts[part];
    const wholeValue = counts[whole];
    if (partValue !== undefined && wholeValue !== undefined && partValue > wholeValue) {
      return reject("count-exceeds-total", `${partValue} (column "${header(part)}") is more than the ${wholeValue} of column "${header(whole)}"`, cell(part), "the NEV count is part of the total");
    }
  }
  const stock = counts.total !== undefined && (category === "soe-truck" ? counts.clean : counts.nev) !== undefined;
  const fresh = counts.newTotal !== undefined && counts.newNev !== undefined;
  if (!stock && !fresh) {
    return reject("missing-count", category === "soe-truck" ? "an SOE-truck row needs the total and the count that is NEV or China VI" : "no total with its NEV count, and no new total with its new-NEV count", cell("total"), category === "soe-truck" ? 'give "total" and "clean" (新能源或国六)' : 'give "total" and "nev" (保有量, 新能源), or "new" and "new nev" (新增, 新增新能源)');
  }

  const areaCode = area.code ?? areas.city.code;
  const duplicate = JSON.stringify([areaCode, category, period.period.label, counts]);
  if (state.seen.has(duplicate)) return sink.skip();
  const key = `${areaCode}\u0000${category}\u0000${period.period.label}`;
  const earlier = state.summaryKeys.get(key);
  if (earlier) return reject("conflicting-rows", `${categoryText} for ${areaCode} ${period.period.label} is already given at ${earlier.file === sink.file ? "line" : `${earlier.file}:`}${earlier.line} with other counts; neither is used`, cell("total") ?? categoryCell, "give one row per area, category and period");
  state.summaryKeys.set(key, { line: record.line, file: sink.file });
  state.seen.add(duplicate);
  state.order += 1;
  state.summary.push({ area: areaCode, category, period: period.period, counts, origin: locate(sink.file, record, undefined), order: state.order });
  sink.used();
}

function readArea(text: string, areas: AreaNames): { ok: true; code: string | undefined } | { ok: false; reason: string } {
  if (text === "") return { ok: true, code: undefined };
  const area = areas.find(text);
  if (!area) return { ok: false, reason: areas.unknown(text) };
  return { ok: true, code: area.code === areas.city.code ? undefined : area.code };
}

export function readCategory(text: string): Category | undefined {
  const key = nameKey(text);
  if (key === "") return undefined;
  return categoryPatterns.find(([, pattern]) => pattern.test(key))?.[0];
}

const categoryHint = "write one of 公交车 (bus), 巡游出租车 (taxi), 网约车 (ride-hailing), 渣土车 (muck truck), 混凝土搅拌车 (concrete truck), 城市物流车 / 货车 (urban freight), 邮政车 (postal), 环卫车 (sanitation), 垃圾运输车 (waste transport), 公务用车 (official car)";

function categoryMessage(text: string): string {
  return text === "" ? "no vehicle category" : `vehicle category "${text}" is none of the fleets the plan counts`;
}

const fuelHint = "write 纯电动 / BEV, 插电式混合动力 / PHEV (增程式 too), 燃料电池 / FCEV, or 汽油, 柴油, 天然气, 混合动力 (non-plug-in) / gasoline, diesel, CNG, HEV";

/**
 * The traffic police's fuel codes (GA 24.9, 燃料种类, as the vehicle registers export them): A
 * 汽油, B 柴油, C 电, D 混合油, E 天然气, F 液化石油气, L 甲醇, M 乙醇, N 太阳能, O 混合动力, X 氢,
 * Y 无, Z 其他. O does not say whether the hybrid plugs in, so it is read as a hybrid that does not
 * (not NEV); a register that knows writes 插电式混合动力 or 插混.
 */
const gaFuelCodes: Record<string, Fuel> = { A: "gasoline", B: "diesel", C: "bev", D: "other", E: "gas", F: "lpg", L: "other", M: "other", N: "other", O: "hev", X: "fcev", Y: "other", Z: "other" };

/** The fuel as the register writes it; undefined when unreadable. Order matters: 非插电 before 插电, 混合动力 before 电动. */
export function readFuel(text: string): Fuel | undefined {
  const code = gaFuelCodes[text.normalize("NFKC").trim().toUpperCase()];
  if (code) return code;
  const key = nameKey(text);
  if (key === "") return undefined;
  if (/非插电|不可外接|non-?plug-?in|^hev$|油电混合|轻混|弱混|mild-?hybrid/.test(key)) return "hev";
  if (/插电|插混|可外接|plug-?in|phev|增程|erev|extended-?range|range-?extend/.test(key)) return "phev";
  if (/燃料电池|氢|fcev|fuel-?cell|hydrogen/.test(key)) return "fcev";
  if (/混合动力|混动|hybrid/.test(key)) return "hev";
  if (/纯电|电动|^电$|bev|^ev$|battery|electric/.test(key)) return "bev";
  if (/柴油|diesel/.test(key)) return "diesel";
  if (/汽油|gasoline|petrol/.test(key)) return "gasoline";
  if (/天然气|cng|lng|natural-?gas|^ng$|燃气|甲烷/.test(key)) return "gas";
  if (/液化石油气|lpg/.test(key)) return "lpg";
  if (/甲醇|乙醇|methanol|ethanol|两用|双燃料|dual-?fuel/.test(key)) return "other";
  return undefined;
}

/** The China emission stage (1-6), 0 for none (an NEV), or null when unreadable. */
export function readEmissionStage(text: string): number | null {
  const key = text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/\s+/g, "")
    .replace(/国|china|stage|standard|阶段|标准|排放|emission|[-_()（）]/g, "");
  if (/^(无|零|纯电|零排放|none|n\/?a|zero|不适用|nev|ev)$/.test(key)) return 0;
  const stages: [RegExp, number][] = [
    [/^(vi|6|六)[ab]?$/, 6],
    [/^(iv|4|四)$/, 4],
    [/^(v|5|五)$/, 5],
    [/^(iii|3|三)$/, 3],
    [/^(ii|2|二)$/, 2],
    [/^(i|1|一)$/, 1],
  ];
  return stages.find(([pattern]) => pattern.test(key))?.[1] ?? null;
}

/** State-owned when the owner type says so (国有企业, 国企, 央企, SOE) and does not negate it. */
export function readOwner(text: string): boolean {
  const key = nameKey(text);
  if (/非国有|非国企|民营|私营|private|non-?state/.test(key)) return false;
  return /国有|国企|央企|国资|soe|state-?owned/.test(key);
}

/**
 * A vehicle's status as the register writes it. The traffic police's status codes (机动车状态, one
 * letter or several: A 正常, B 转出, C 被盗抢, D 停驶, E 注销, G 违法未处理 … M 强制注销, O 锁定) are
 * retired when they hold B, E or M, and in service otherwise: a locked or unpaid vehicle is still
 * on the register.
 */
function readStatus(text: string): "in-service" | "retired" | null {
  const code = text.normalize("NFKC").trim().toUpperCase();
  if (/^[A-Q]{1,3}$/.test(code)) return /[BEM]/.test(code) ? "retired" : "in-service";
  const key = nameKey(text);
  if (/注销|报废|退出|停用|淘汰|停运|转出|retired|scrapped|deregistered|inactive|out-?of-?service/.test(key)) return "retired";
  if (/在用|正常|运营|营运|在运|在役|使用中|active|in-?service|operating|inuse/.test(key)) return "in-service";
  return null;
}

/** An emergency or special-needs flag: yes/no, or the kind of vehicle written in the flag column (应急, 特种, 消防). */
const readSpecial = yesNoReader({ yes: ["有", "应急", "应急车辆", "特种", "特种车辆", "特殊需求", "特殊需求车辆", "消防", "救护", "抢险", "工程抢险", "警用"], no: ["无", "普通", "一般", "非应急", "非特种"] });

type DateRead = { kind: "date"; date: string } | { kind: "missing" } | { kind: "invalid"; reason: string };

function readDate(cell: Cell | undefined): DateRead {
  const text = cellText(cell) || (typeof cell?.value === "number" ? String(cell.value) : "");
  if (text === "") return { kind: "missing" };
  const parsed = parsePeriod(text);
  if (!parsed.ok) return { kind: "invalid", reason: parsed.reason };
  if (parsed.period.kind !== "day" && parsed.period.kind !== "month") return { kind: "invalid", reason: `"${text}" is a ${parsed.period.kind}, not a date` };
  return { kind: "date", date: parsed.period.start };
}

interface Tally {
  total: number;
  nev: number;
  special: number;
  fuels: Map<Fuel, number>;
  noEmission: number;
  first: Vehicle | undefined;
}

function emptyTally(): Tally {
  return { total: 0, nev: 0, special: 0, fuels: new Map(), noEmission: 0, first: undefined };
}

function count(tally: Tally, vehicle: Vehicle, isPart: boolean): void {
  if (!tally.first || vehicle.order < tally.first.order) tally.first = vehicle;
  if (vehicle.special) {
    tally.special += 1;
    return;
  }
  tally.total += 1;
  if (isPart) tally.nev += 1;
  tally.fuels.set(vehicle.fuel, (tally.fuels.get(vehicle.fuel) ?? 0) + 1);
}

const nevDefinition =
  "NEV = BEV, PHEV (range-extenders included) and FCEV, as 新能源汽车生产企业及产品准入管理规定 (MIIT Order No. 39, 2017) defines them; non-plug-in hybrids are not NEV; vehicles flagged emergency or special-needs are left out, as the plan's 除应急车辆外 and 除特殊需求的车辆外 ask";

function finishVehicles(state: VehicleState): KindResult {
  const issues: Issue[] = [];
  const computed = new Map<string, Observation>();
  const { lookup } = state;
  const end = state.asOf ?? state.latestDate;
  if (end && state.vehicles.length > 0) {
    const groups = [lookup.city.code, ...[...new Set(state.vehicles.flatMap((vehicle) => (vehicle.area ? [vehicle.area] : [])))].sort()];
    // Snapshots start at the earliest judged year: no vehicle indicator is resampled, so older ones would go unused.
    const firstYear = Math.max(Number(lookup.earliestJudgedDate.slice(0, 4)), Number(state.vehicles.reduce((a, b) => (a.registered < b.registered ? a : b)).registered.slice(0, 4)));
    const endYear = Number(end.slice(0, 4));
    const endMonth = Number(end.slice(5, 7));
    const basis = state.asOf ? `the register's as-of date ${state.asOf}` : `the latest date in the register, ${end}`;
    for (let year = firstYear; year <= endYear; year += 1) {
      if (year < endYear || endMonth === 12) {
        const period = periodOfLabel(String(year));
        pushStock(computed, state, groups, period);
        pushNew(computed, state, groups, period, undefined);
      } else {
        for (let month = 1; month <= endMonth; month += 1) {
          const period = periodOfLabel(`${year}-${String(month).padStart(2, "0")}`);
          pushStock(computed, state, groups, period);
          pushNew(computed, state, groups, period, { start: `${year}-01-01`, label: `${year}-01..${period.label}` });
        }
      }
    }
    for (const observation of computed.values()) {
      observation.provenance?.details.push(`data end: ${basis}`);
    }
  }

  for (const observation of summaryObservations(state)) {
    const key = observationKey(observation);
    const existing = computed.get(key);
    if (!existing) {
      computed.set(key, observation);
    } else if (existing.value !== observation.value) {
      issues.push(issue(
        "summary-differs",
        `${observation.indicator} for ${observation.area} ${observation.period.label} is ${formatShare(observation.value)} in the summary but ${formatShare(existing.value)} from the register; the register's value is used`,
        { location: observation.origin },
      ));
    }
  }
  return { observations: [...computed.values()], issues };
}

function observationKey(observation: Observation): string {
  return `${observation.indicator}\u0000${observation.area}\u0000${observation.period.label}`;
}

/** The groups a vehicle counts for: the city, and its area when it has one. */
function groupsOf(vehicle: Vehicle, lookup: PlanLookup): string[] {
  return vehicle.area ? [lookup.city.code, vehicle.area] : [lookup.city.code];
}

function inService(vehicle: Vehicle, day: string): boolean {
  if (vehicle.registered > day) return false;
  if (vehicle.retired === "unknown") return false;
  return vehicle.retired === undefined || vehicle.retired > day;
}

/** The tally of one group and key, created on first use. */
function tallyOf<K>(tallies: Map<string, Map<K, Tally>>, group: string, key: K): Tally {
  const byKey = tallies.get(group) ?? new Map<K, Tally>();
  tallies.set(group, byKey);
  const tally = byKey.get(key) ?? emptyTally();
  byKey.set(key, tally);
  return tally;
}

/** Fleet shares at the period's end: every category's NEV share, and the SOE trucks' clean share. */
function pushStock(out: Map<string, Observation>, state: VehicleState, groups: readonly string[], period: Period): void {
  const day = period.end;
  const tallies = new Map<string, Map<Category | "soe", Tally>>();
  for (const vehicle of state.vehicles) {
    if (!inService(vehicle, day)) continue;
    const nev = nevFuels.has(vehicle.fuel);
    const soe = vehicle.soe && truckCategories.has(vehicle.category);
    for (const group of groupsOf(vehicle, state.lookup)) {
      count(tallyOf(tallies, group, vehicle.category), vehicle, nev);
      if (!soe) continue;
      const soeTally = tallyOf(tallies, group, "soe");
      count(soeTally, vehicle, nev || vehicle.chinaSix === true);
      if (!nev && vehicle.chinaSix === undefined && !vehicle.special) soeTally.noEmission += 1;
    }
  }
  for (const group of groups) {
    for (const [category, tally] of tallies.get(group) ?? []) {
      if (category === "soe") {
        if (!state.soeColumn) continue;
        push(out, state.lookup, soeIndicator, group, period, tally, {
          method: `share of state-owned enterprises' trucks (goods vehicles, muck trucks, concrete trucks; owner type 国有企业) in service at the period's end that are NEV or meet China VI (国六); ${nevDefinition}`,
          inputs: `${formatCount(tally.total)} SOE trucks in service on ${day}, ${formatCount(tally.nev)} NEV or China VI${excluded(tally)}`,
          details: [fuelBreakdown(tally), ...(tally.noEmission > 0 ? [`${formatCount(tally.noEmission)} non-NEV truck(s) with no emission standard recorded are counted as not China VI`] : [])],
        });
        continue;
      }
      const id = stockIndicators[category];
      if (!id) continue;
      push(out, state.lookup, id, group, period, tally, {
        method: `NEV share of the ${categoryNames[category].en} (${categoryNames[category].zh}) in service at the period's end: registered on or before it and not retired by it; ${nevDefinition}`,
        inputs: `${formatCount(tally.total)} ${categoryNames[category].en} in service on ${day}, ${formatCount(tally.nev)} NEV${excluded(tally)}`,
        details: [fuelBreakdown(tally)],
      });
    }
  }
}

/** NEV shares of the vehicles added (bought, else registered) in the period; a month of an unfinished year also states its year to date. */
function pushNew(out: Map<string, Observation>, state: VehicleState, groups: readonly string[], period: Period, toDate: { start: string; label: string } | undefined): void {
  const inPeriod = new Map<string, Map<Category, Tally>>();
  const yearToDate = new Map<string, Map<Category, Tally>>();
  for (const vehicle of state.vehicles) {
    if (!newIndicators[vehicle.category] || vehicle.added > period.end || vehicle.added < (toDate?.start ?? period.start)) continue;
    const nev = nevFuels.has(vehicle.fuel);
    for (const group of groupsOf(vehicle, state.lookup)) {
      count(tallyOf(yearToDate, group, vehicle.category), vehicle, nev);
      if (vehicle.added >= period.start) count(tallyOf(inPeriod, group, vehicle.category), vehicle, nev);
    }
  }
  for (const group of groups) {
    for (const [category, tally] of inPeriod.get(group) ?? []) {
      const ytd = yearToDate.get(group)?.get(category);
      const ytdText = toDate && ytd && ytd.total > 0 ? `; year to date (${toDate.label}): ${formatCount(ytd.total)} added, ${formatCount(ytd.nev)} NEV (${formatShare(percentShare(ytd.nev, ytd.total))})` : "";
      push(out, state.lookup, newIndicators[category]!, group, period, tally, {
        method: `NEV share of the ${categoryNames[category].en} (${categoryNames[category].zh}) added in the period: bought (purchase date) or, failing that, registered in it, whether or not since retired; ${nevDefinition}`,
        inputs: `${formatCount(tally.total)} ${categoryNames[category].en} added in ${period.label}, ${formatCount(tally.nev)} NEV${excluded(tally)}${ytdText}`,
        details: [fuelBreakdown(tally)],
      });
    }
  }
}

function push(out: Map<string, Observation>, lookup: PlanLookup, id: string, area: string, period: Period, tally: Tally, provenance: Provenance): void {
  const indicator = lookup.findIndicator(id);
  if (!indicator || tally.total === 0 || !tally.first) return;
  const observation: Observation = { indicator: indicator.id, area, period, value: percentShare(tally.nev, tally.total), unit: indicator.unit, origin: tally.first.origin, provenance };
  out.set(observationKey(observation), observation);
}

/** Observations from fleet-summary rows; the city is its own row, else the sum of the areas' rows. */
function summaryObservations(state: VehicleState): Observation[] {
  const { lookup } = state;
  const cityCode = lookup.city.code;
  const out: Observation[] = [];
  const citySums = new Map<string, { rows: SummaryRow[] }>();
  for (const row of state.summary) {
    out.push(...summaryRowObservations(lookup, row, [row]));
    if (row.area === cityCode) continue;
    const key = `${row.category}\u0000${row.period.label}`;
    const entry = citySums.get(key) ?? { rows: [] };
    entry.rows.push(row);
    citySums.set(key, entry);
  }
  const cityRows = new Set(state.summary.filter((row) => row.area === cityCode).map((row) => `${row.category}\u0000${row.period.label}`));
  for (const [key, { rows }] of citySums) {
    if (cityRows.has(key)) continue;
    const first = rows[0]!;
    const counts: SummaryRow["counts"] = {};
    for (const column of ["total", "nev", "newTotal", "newNev", "clean"] as const) {
      if (rows.every((row) => row.counts[column] !== undefined)) counts[column] = rows.reduce((total, row) => total + (row.counts[column] ?? 0), 0);
    }
    out.push(...summaryRowObservations(lookup, { ...first, area: cityCode, counts }, rows));
  }
  return out;
}

function summaryRowObservations(lookup: PlanLookup, row: SummaryRow, rows: readonly SummaryRow[]): Observation[] {
  const out: Observation[] = [];
  const first = rows.reduce((a, b) => (a.order < b.order ? a : b));
  const summed = rows.length > 1 || rows[0]?.area !== row.area ? `; the city is the sum of ${rows.length} area row(s): ${rows.map((item) => item.area).join(", ")}` : "";
  const name = row.category === "soe-truck" ? { zh: "国企货车", en: "SOE trucks" } : categoryNames[row.category];
  const emit = (id: string | undefined, part: number | undefined, whole: number | undefined, what: string) => {
    const indicator = id ? lookup.findIndicator(id) : undefined;
    if (!indicator || part === undefined || whole === undefined || whole === 0) return;
    out.push({
      indicator: indicator.id,
      area: row.area,
      period: row.period,
      value: percentShare(part, whole),
      unit: indicator.unit,
      origin: first.origin,
      provenance: {
        method: `${what} from a fleet summary: part / total × 100${summed}`,
        inputs: `${formatCount(whole)} ${name.en} (${name.zh}), ${formatCount(part)} ${row.category === "soe-truck" ? "NEV or China VI" : "NEV"} (${row.period.label})`,
        details: [],
      },
    });
  };
  if (row.category === "soe-truck") {
    emit(soeIndicator, row.counts.clean, row.counts.total, "share of SOE trucks that are NEV or China VI");
  } else {
    emit(stockIndicators[row.category], row.counts.nev, row.counts.total, `NEV share of the ${name.en} in service at the period's end`);
    emit(newIndicators[row.category], row.counts.newNev, row.counts.newTotal, `NEV share of the ${name.en} added in the period`);
  }
  return out;
}

function excluded(tally: Tally): string {
  return tally.special > 0 ? ` (${formatCount(tally.special)} emergency or special-needs vehicle(s) left out)` : "";
}

function fuelBreakdown(tally: Tally): string {
  const order: Fuel[] = ["bev", "phev", "fcev", "hev", "gasoline", "diesel", "gas", "lpg", "other"];
  const parts = order.filter((fuel) => tally.fuels.has(fuel)).map((fuel) => `${fuelLabels[fuel]} ${formatCount(tally.fuels.get(fuel) ?? 0)}`);
  return `by fuel: ${parts.join(", ") || "none"}`;
}

function formatShare(value: number): string {
  return `${Number(value.toFixed(2))}%`;
}

