import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readDataFiles, type DataSource } from "../../src/kinds/files.js";
import { buildLookup } from "../../src/plan/lookup.js";
import { loadPlan } from "../../src/plan/load.js";
import { loadStationRegistry } from "../../src/plan/stations.js";
import { PlanError } from "../../src/vocabulary/issues.js";

const planFile = fileURLToPath(new URL("../../plan/zhengzhou-2023-2025.yaml", import.meta.url));
const plan = loadPlan(readFileSync(planFile, "utf8"), planFile);
const registryFile = fileURLToPath(new URL(`../../plan/${plan.stations}`, import.meta.url));
const registry = loadStationRegistry(readFileSync(registryFile, "utf8"), registryFile);
const lookup = buildLookup(plan, registry);
const exportBytes = new Uint8Array(readFileSync(fileURLToPath(new URL("../fixtures-exports/cnemc-郑州-2025-02-日报.csv", import.meta.url))));

const source = (file: string, content: string | Uint8Array): DataSource => ({
  file,
  open: () => (async function* () { yield typeof content === "string" ? new TextEncoder().encode(content) : content; })(),
});

describe("the bundled CNEMC station registry", () => {
  it("lists Zhengzhou's national stations by CNEMC code, with 1324A 岗李水库 as the background site", () => {
    expect(registry.city).toBe(plan.city);
    expect(registry.stations.map((station) => `${station.code} ${station.name}`)).toEqual([
      "1316A 烟厂", "1317A 郑纺机", "1318A 银行学校", "1319A 供水公司", "1320A 经开区管委", "1321A 四十七中",
      "1322A 市监测站", "1323A 河医大", "1324A 岗李水库", "3471A 惠济区政府", "3590A 北区建设指挥部", "3591A 上街区政府",
    ]);
    expect(registry.stations.filter((station) => !station.cityValue).map((station) => station.code)).toEqual(["1324A"]);
  });

  it("says for every district how it is known, and names a plan area", () => {
    for (const station of registry.stations) {
      expect(station.district, station.code).toBeDefined();
      expect(lookup.findArea(station.district!.name), station.district!.name).toBeDefined();
      if (station.district!.status === "from-name") expect(station.name).toContain(station.district!.name.replace(/区$/, ""));
    }
  });

  it("refuses a registry with a bad code or a station listed twice", () => {
    expect(() => loadStationRegistry("city: '410100'\nsource: x\nstations:\n  - { code: 13A, name: a, cityValue: true }\n", "r.yaml")).toThrow(PlanError);
    expect(() => loadStationRegistry("city: '410100'\nsource: x\nstations:\n  - { code: 1316A, name: a, cityValue: true }\n  - { code: 1316A, name: b, cityValue: true }\n", "r.yaml")).toThrow(PlanError);
  });
});

describe("a CNEMC daily export checked without a station list", () => {
  it("places every station by its code and leaves the background site out of the city value", async () => {
    const data = await readDataFiles([source("cnemc.csv", exportBytes)], lookup);
    expect(data.files[0]).toMatchObject({ kind: "air-readings", rowsRead: 336, rowsUsed: 336, rowsRejected: 0 });
    const city = data.observations.find((o) => o.indicator === "pm25-annual-mean" && o.area === "410100" && o.period.label === "2025-02");
    expect(city?.value).toBe(50);
    expect(city?.provenance?.inputs).toContain("11 national stations");
  });

  it("lets a station list given with the data override the registry", async () => {
    const list = "站点编码,站点,区县,国控\n1324A,岗李水库,郑州市,是\n";
    const data = await readDataFiles([source("stations.csv", list), source("cnemc.csv", exportBytes)], lookup);
    const city = data.observations.find((o) => o.indicator === "pm25-annual-mean" && o.area === "410100" && o.period.label === "2025-02");
    // (11 × 50 + 10) / 12 = 46.7, reported as 47
    expect(city?.value).toBe(47);
  });

  it("still rejects a station neither the registry nor a list knows", async () => {
    const data = await readDataFiles([source("cnemc.csv", "日期,监测点编码,监测点名称,PM2.5\n2025-02-01,9999A,某站,50\n")], lookup);
    expect(data.issues.map((issue) => issue.code)).toEqual(["unknown-station"]);
  });
});

describe("CNEMC's national hourly file (china_sites_YYYYMMDD.csv: a column per station code)", () => {
  const codes = ["1001A", ...registry.stations.map((station) => station.code)];
  const types = ["AQI", "PM2.5", "PM2.5_24h", "PM10", "PM10_24h", "SO2", "SO2_24h", "NO2", "NO2_24h", "O3", "O3_24h", "O3_8h", "O3_8h_24h", "CO", "CO_24h"];
  const value = (code: string, type: string) => (code === "1324A" && type.startsWith("PM2.5") ? 20 : ({ PM10: 90, SO2: 8, NO2: 40, O3: 50, CO: 0.8 } as Record<string, number>)[type.split("_")[0]!] ?? 60);
  const lines = [`date,hour,type,${codes.join(",")}`];
  for (let day = 1; day <= 28; day += 1) {
    for (let hour = 0; hour < 24; hour += 1) {
      for (const type of types) lines.push(`202502${String(day).padStart(2, "0")},${hour},${type},${codes.map((code) => value(code, type)).join(",")}`);
    }
  }
  const february = lines.join("\n");

  it("reads the plan's city's station columns hour by hour, leaves the other cities' out with one warning, and the background site out of the city value", async () => {
    const data = await readDataFiles([source("china_sites_202502.csv", february)], lookup);
    expect(data.files[0]).toMatchObject({ kind: "air-readings", rowsRead: 28 * 24 * 12, rowsRejected: 0 });
    expect(data.issues.map((issue) => issue.code)).toEqual(["other-cities-stations"]);
    const city = data.observations.find((o) => o.indicator === "pm25-annual-mean" && o.area === "410100" && o.period.label === "2025-02");
    expect(city?.value).toBe(60);
    expect(city?.provenance?.inputs).toContain("11 national stations");
  });

  it("reports a quantity given twice in one hour at the repeat's line, instead of keeping the first and dropping the other", async () => {
    const header = `date,hour,type,${codes.join(",")}`;
    const row = (type: string, pm: number) => `20250201,0,${type},${codes.map(() => pm).join(",")}`;
    const text = [header, row("PM2.5", 30), row("PM10", 90), row("PM2.5", 99)].join("\n");
    const data = await readDataFiles([source("repeat.csv", text)], lookup);
    // The two PM2.5 rows disagree: the readings kind's conflict rule reports both lines, for every station.
    const conflicts = data.issues.filter((issue) => issue.code === "conflicting-rows");
    expect(conflicts.length).toBe(2 * (codes.length - 1));
    expect(new Set(conflicts.map((issue) => issue.location?.line))).toEqual(new Set([2, 4]));
  });

  it("is recognised under a title line too, and a sample of it is in tests/fixtures-exports", async () => {
    const sample = new Uint8Array(readFileSync(fileURLToPath(new URL("../fixtures-exports/china_sites_20250201-节选.csv", import.meta.url))));
    const data = await readDataFiles([source("sample.csv", sample)], lookup);
    expect(data.files[0]).toMatchObject({ kind: "air-readings", rowsRead: 23, rowsUsed: 23 });
    const titled = await readDataFiles([source("titled.csv", `全国空气质量小时数据\n${february.split("\n").slice(0, 40).join("\n")}`)], lookup);
    expect(titled.files[0]?.kind).toBe("air-readings");
  });
});
