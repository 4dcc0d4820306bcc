import { describe, expect, it } from "vitest";
import { findObservation, runRawKind, valueOf } from "../helpers/raw.js";
import type { Kind } from "../../src/kinds/kind.js";
import { readCategory, readEmissionStage, readFuel, readOwner, vehiclesKind } from "../../src/kinds/vehicles/index.js";
import { waterKind } from "../../src/kinds/water/sections.js";
import { sewageKind } from "../../src/kinds/sewage/index.js";

const run = <State>(kind: Kind<State>, files: Record<string, string>) => runRawKind(kind, files, 41);
const find = findObservation;
const value = valueOf;

const register = [
  "区县,车牌号,车辆类型,燃料类型,登记日期,排放标准,所有人类型,状态,注销日期,应急车辆",
  "中原区,豫A001,公交车,纯电动,2021-05-01,,国有企业,在用,,否",
  "中原区,豫A002,公交车,插电式混合动力,2022-03-01,国六,国有企业,在用,,",
  "中原区,豫A003,公交车,混合动力,2020-01-01,国五,国有企业,在用,,",
  "中原区,豫A004,公交车,柴油,2019-01-01,国五,国有企业,注销,2025-03-01,",
  "中原区,豫A005,公交车,柴油,2019-01-01,国五,国有企业,在用,,是",
  "二七区,豫A101,巡游出租车,天然气,2020-06-01,国五,民营,在用,,",
  "二七区,豫A102,网约车,纯电动,2024-02-01,,个人,在用,,",
  "二七区,豫A103,公交车,纯电动,2024-07-01,,国有企业,在用,,",
  "二七区,豫A106,公交车,柴油,2024-09-01,国六,国有企业,在用,,",
  "二七区,豫A104,公交车,燃料电池,2025-02-10,,国有企业,在用,,",
  "二七区,豫A105,公交车,柴油,2025-04-10,国六,国有企业,在用,,",
  "全市,豫B001,渣土车,柴油,2023-01-01,国六,国有企业,在用,,",
  "全市,豫B002,渣土车,柴油,2023-01-01,国五,国有企业,在用,,",
  "全市,豫B003,城市物流车,纯电动,2023-06-01,,国企,在用,,",
  "全市,豫B004,混凝土搅拌车,柴油,2023-06-01,国五,民营,在用,,",
].join("\n");

describe("vehicles: detect and reading cells", () => {
  it("recognises a register by category, fuel and date, and a summary by category, period and counts", () => {
    expect(vehiclesKind.detect(register.split("\n")[0]!.split(","))).toBe(true);
    expect(vehiclesKind.detect(["area", "category", "fuel type", "registration date"])).toBe(true);
    expect(vehiclesKind.detect(["区县", "车辆类型", "时间", "保有量", "新能源"])).toBe(true);
    expect(vehiclesKind.detect(["area", "category", "period", "new", "new nev"])).toBe(true);
    expect(vehiclesKind.detect(["indicator", "area", "period", "value"])).toBe(false);
    expect(vehiclesKind.detect(["区县", "车辆类型", "时间"])).toBe(false);
    expect(waterKind.detect(register.split("\n")[0]!.split(","))).toBe(false);
    expect(sewageKind.detect(register.split("\n")[0]!.split(","))).toBe(false);
  });

  it.each([
    ["纯电动", "bev"],
    ["BEV", "bev"],
    ["electric", "bev"],
    ["插电式混合动力", "phev"],
    ["Plug-in hybrid", "phev"],
    ["增程式", "phev"],
    ["燃料电池", "fcev"],
    ["氢燃料电池", "fcev"],
    ["混合动力", "hev"],
    ["油电混合", "hev"],
    ["非插电式混合动力", "hev"],
    ["Hybrid", "hev"],
    ["汽油", "gasoline"],
    ["柴油", "diesel"],
    ["CNG", "gas"],
    ["天然气", "gas"],
    ["核动力", undefined],
  ])("fuel %s reads as %s", (text, fuel) => {
    expect(readFuel(text)).toBe(fuel);
  });

  it.each([
    ["公交车", "bus"],
    ["bus", "bus"],
    ["巡游出租车", "taxi"],
    ["网约出租车", "ride-hailing"],
    ["ride-hailing", "ride-hailing"],
    ["渣土运输车", "muck-truck"],
    ["混凝土搅拌车", "concrete-truck"],
    ["城市物流车", "urban-freight"],
    ["货车", "urban-freight"],
    ["邮政用车", "postal"],
    ["环卫车", "sanitation"],
    ["公务用车", "official-car"],
    ["official car", "official-car"],
    ["垃圾运输车", "waste-transport"],
    ["私家车", undefined],
  ])("category %s reads as %s", (text, category) => {
    expect(readCategory(text)).toBe(category);
  });

  it("reads emission stages and owner types", () => {
    expect([readEmissionStage("国六"), readEmissionStage("国VI"), readEmissionStage("China 6b"), readEmissionStage("国Ⅵ"), readEmissionStage("国五"), readEmissionStage("IV"), readEmissionStage("无"), readEmissionStage("欧六")]).toEqual([6, 6, 6, 6, 5, 4, 0, null]);
    expect([readOwner("国有企业"), readOwner("市属国企"), readOwner("SOE"), readOwner("非国有企业"), readOwner("民营"), readOwner("")]).toEqual([true, true, true, false, false, false]);
  });
});

describe("vehicles: fleet shares from a register", () => {
  it("counts BEV, PHEV and FCEV as NEV, not ordinary hybrids, per category and area", async () => {
    const { observations } = await run(vehiclesKind, { "r.csv": register });
    // 中原区 on 2025-04-30: A001 BEV, A002 PHEV, A003 HEV in service (A004 retired, A005 emergency)
    expect(value(observations, "nev-share-bus", "2025-04", "410102")).toBeCloseTo(200 / 3, 10);
    // the city: those three plus A103 BEV, A104 FCEV, A105 diesel, A106 diesel
    expect(value(observations, "nev-share-bus", "2025-04")).toBeCloseTo(400 / 7, 10);
    expect(value(observations, "nev-share-taxi", "2025-04")).toBe(0);
    expect(value(observations, "nev-share-ride-hailing", "2025-04", "410103")).toBe(100);
    const bus = find(observations, "nev-share-bus", "2025-04");
    expect(bus?.unit).toBe("%");
    expect(bus?.provenance?.inputs).toBe("7 buses in service on 2025-04-30, 4 NEV (1 emergency or special-needs vehicle(s) left out)");
    expect(bus?.provenance?.details[0]).toBe("by fuel: BEV 2, PHEV 1, FCEV 1, non-plug-in hybrid 1, diesel 2");
    expect(bus?.provenance?.method).toContain("MIIT Order No. 39");
    expect(bus?.origin).toEqual({ file: "r.csv", line: 2, column: 1 });
  });

  it("leaves retired vehicles out from their retirement date", async () => {
    const { observations } = await run(vehiclesKind, { "r.csv": register });
    // A004 (diesel) is retired on 2025-03-01: in the February fleet, not in March's
    expect(find(observations, "nev-share-bus", "2025-02", "410102")?.provenance?.inputs).toMatch(/^4 buses/);
    expect(value(observations, "nev-share-bus", "2025-02", "410102")).toBe(50);
    expect(value(observations, "nev-share-bus", "2025-03", "410102")).toBeCloseTo(200 / 3, 10);
    // complete years are year-end snapshots; the unfinished year gets months up to the data's end
    expect(value(observations, "nev-share-bus", "2022", "410102")).toBe(50);
    expect(find(observations, "nev-share-bus", "2024-12")).toBeUndefined();
    expect(find(observations, "nev-share-bus", "2025-05")).toBeUndefined();
    expect(find(observations, "nev-share-bus", "2021")).toBeUndefined();
  });

  it("gives the NEV share of vehicles registered in each year, and by month in the unfinished year", async () => {
    const { observations } = await run(vehiclesKind, { "r.csv": register });
    expect(value(observations, "nev-share-new-bus", "2022")).toBe(100);
    expect(value(observations, "nev-share-new-bus", "2024")).toBe(50);
    expect(find(observations, "nev-share-new-bus", "2023")).toBeUndefined();
    expect(value(observations, "nev-share-new-bus", "2025-02")).toBe(100);
    expect(find(observations, "nev-share-new-bus", "2025-03")).toBeUndefined();
    expect(value(observations, "nev-share-new-bus", "2025-04")).toBe(0);
    expect(find(observations, "nev-share-new-bus", "2025-04")?.provenance?.inputs).toBe("1 buses added in 2025-04, 0 NEV; year to date (2025-01..2025-04): 2 added, 1 NEV (50%)");
    expect(value(observations, "nev-share-new-ride-hailing", "2024", "410103")).toBe(100);
  });

  it("gives the share of SOE trucks that are NEV or China VI", async () => {
    const { observations } = await run(vehiclesKind, { "r.csv": register });
    // B001 China VI and B003 BEV are clean, B002 China V is not; B004 is private
    expect(value(observations, "soe-truck-clean-share", "2025-04")).toBeCloseTo(200 / 3, 10);
    expect(find(observations, "soe-truck-clean-share", "2025-04")?.provenance?.inputs).toBe("3 SOE trucks in service on 2025-04-30, 2 NEV or China VI");
    expect(value(observations, "nev-share-muck-truck", "2023")).toBe(0);
    expect(value(observations, "nev-share-urban-freight", "2023")).toBe(100);
  });

  it("takes the snapshot date from an as-of column when there is one", async () => {
    const csv = ["category,fuel,registration date,as of", "bus,BEV,2024-03-01,2025-12-31", "bus,diesel,2024-03-01,2025-12-31"].join("\n");
    const { observations } = await run(vehiclesKind, { "r.csv": csv });
    expect(value(observations, "nev-share-bus", "2025")).toBe(50);
    expect(find(observations, "nev-share-bus", "2025-06")).toBeUndefined();
    expect(find(observations, "nev-share-bus", "2025")?.provenance?.details).toContain("data end: the register's as-of date 2025-12-31");
  });
});

describe("vehicles: fleet summaries", () => {
  it("turns counts into shares; the city is its own row, else the sum of the areas", async () => {
    const csv = [
      "区县,车辆类型,时间,保有量,新能源,新增,新增新能源,新能源或国六",
      "中原区,公交车,2025-06,200,190,10,10,",
      "二七区,公交车,2025-06,300,270,,,",
      "二七区,出租车,2025-06,100,80,,,",
      "全市,出租车,2025-06,1000,850,,,",
      "全市,国企货车,2025-06,50,,,,45",
    ].join("\n");
    const { observations, counts } = await run(vehiclesKind, { "s.csv": csv });
    expect(counts["s.csv"]).toEqual({ read: 5, used: 5, skipped: 0, rejected: 0 });
    expect(value(observations, "nev-share-bus", "2025-06", "410102")).toBe(95);
    expect(value(observations, "nev-share-bus", "2025-06")).toBe(92);
    expect(find(observations, "nev-share-bus", "2025-06")?.provenance?.method).toContain("the city is the sum of 2 area row(s): 410102, 410103");
    expect(value(observations, "nev-share-taxi", "2025-06")).toBe(85);
    expect(value(observations, "nev-share-new-bus", "2025-06", "410102")).toBe(100);
    // 二七区 gives no new-vehicle counts, so the city has none
    expect(find(observations, "nev-share-new-bus", "2025-06")).toBeUndefined();
    expect(value(observations, "soe-truck-clean-share", "2025-06")).toBe(90);
  });

  it("rejects counts that cannot be, and a second row for the same area, category and period", async () => {
    const csv = ["area,category,period,total,nev", "Jinshui,bus,2025-06,150,200", "Jinshui,bus,2025-06,150,12.5", "Jinshui,bus,2025-Q5,150,100", "Jinshui,bus,2025-06,150,140", "Jinshui,bus,2025-06,150,140", "Jinshui,bus,2025-06,150,141"].join("\n");
    const { counts, issues } = await run(vehiclesKind, { "s.csv": csv });
    expect(counts["s.csv"]).toEqual({ read: 6, used: 1, skipped: 1, rejected: 4 });
    expect(issues.map((issue) => [issue.code, issue.location?.line, issue.location?.column])).toEqual([
      ["count-exceeds-total", 2, 5],
      ["bad-count", 3, 5],
      ["bad-period", 4, 3],
      ["conflicting-rows", 7, 4],
    ]);
  });
});

describe("vehicles: row accounting", () => {
  it("rejects bad rows with their line and column, and skips blanks and exact repeats", async () => {
    const csv = [
      "区县,车辆类型,燃料类型,登记日期,状态,注销日期",
      "中原区,公交车,纯电动,2024-01-01,,",
      "中原区,拖拉机,柴油,2024-01-01,,",
      "中原区,公交车,核动力,2024-01-01,,",
      "中原区,公交车,纯电动,2024-13-01,,",
      "中原区,公交车,纯电动,,,",
      "中源区,公交车,纯电动,2024-01-01,,",
      "中原区,公交车,纯电动,2024-01-01,在用,2024-05-01",
      "中原区,公交车,纯电动,2024-01-01,注销,2023-05-01",
      "中原区,公交车,纯电动,2024-01-01,,",
      ",,,,,",
      "中原区,公交车,纯电动,2024-01-02,报废,",
    ].join("\n");
    const { counts, issues } = await run(vehiclesKind, { "r.csv": csv });
    // with no plate column, line 10 may be a second identical bus: it is counted, with a warning
    expect(counts["r.csv"]).toEqual({ read: 11, used: 3, skipped: 1, rejected: 7 });
    expect(issues.map((issue) => [issue.code, issue.location?.line, issue.location?.column])).toEqual([
      ["unknown-category", 3, 2],
      ["unknown-fuel", 4, 3],
      ["bad-date", 5, 4],
      ["missing-date", 6, 4],
      ["unknown-area", 7, 1],
      ["status-conflict", 8, 5],
      ["retired-before-registered", 9, 6],
      ["identical-vehicles", 10, 1],
      ["retired-without-date", 12, 5],
    ]);
    expect(issues[0]?.message).toBe('vehicle category "拖拉机" is none of the fleets the plan counts');
    expect(issues[0]?.hint).toContain("公交车 (bus)");
    expect(issues[2]?.message).toContain('(column "登记日期")');
  });

  it("rejects every data row of a register without fuel or date columns, and skips its blank rows", async () => {
    const csv = ["区县,车辆类型", "中原区,公交车", ",", "二七区,公交车"].join("\n");
    const { counts, issues } = await run(vehiclesKind, { "r.csv": csv });
    expect(counts["r.csv"]).toEqual({ read: 3, used: 0, skipped: 1, rejected: 2 });
    expect(issues.map((issue) => [issue.code, issue.location?.line])).toEqual([
      ["missing-column", 2],
      ["missing-column", 4],
    ]);
    expect(issues[0]?.message).toBe("required columns missing: fuel type (燃料类型, 能源类型, fuel); registration date (登记日期, 购置日期, registration date)");
  });

  it("skips a row that repeats an earlier one, plate included, and rejects a plate given twice with other details", async () => {
    const csv = ["plate,category,fuel,registration date", "A1,bus,BEV,2024-01-01", "A1,bus,diesel,2024-01-01", "A1,bus,BEV,2024-01-01"].join("\n");
    const { counts, issues } = await run(vehiclesKind, { "r.csv": csv });
    expect(counts["r.csv"]).toEqual({ read: 3, used: 1, skipped: 1, rejected: 1 });
    expect(issues[0]?.code).toBe("duplicate-vehicle");
    expect(issues[0]?.message).toContain("already in the register at r.csv:2");
  });

  it("rejects every row of a file that lacks a required column", async () => {
    const { counts, issues } = await run(vehiclesKind, { "r.csv": "category,fuel\nbus,BEV\n" });
    expect(counts["r.csv"]).toEqual({ read: 1, used: 0, skipped: 0, rejected: 1 });
    expect(issues[0]?.message).toContain("registration date (登记日期, 购置日期, registration date)");
  });
});
