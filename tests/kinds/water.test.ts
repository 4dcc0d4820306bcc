import { describe, expect, it } from "vitest";
import { findObservation, rawOptions, runRawKind, valueOf } from "../helpers/raw.js";
import { readJsonRecords } from "../../src/read/json/records.js";
import type { Observation } from "../../src/kinds/observation.js";
import { isProblem } from "../../src/read/records.js";
import type { Kind, RowSink } from "../../src/kinds/kind.js";
import { blackOdorousKind, readConcentration, readWaterClass, waterKind } from "../../src/kinds/water/sections.js";

const options = rawOptions();
const run = <State>(kind: Kind<State>, files: Record<string, string>) => runRawKind(kind, files, 37);
const find = findObservation;
const value = valueOf;

function detailFor(observation: Observation | undefined, section: string): string {
  return observation?.provenance?.details.find((line) => line.startsWith(`${section} (`)) ?? "";
}

const header = "采样日期,断面名称,区县,水体类型,水质目标,断面类型,pH,溶解氧(mg/L),高锰酸盐指数,氨氮(mg/L),总磷(mg/L),总氮(mg/L)";

describe("water: detect", () => {
  it("recognises section-sample files by section, date and parameter columns", () => {
    expect(waterKind.detect(header.split(","))).toBe(true);
    expect(waterKind.detect(["date", "section", "water body", "target", "DO", "NH3-N (mg/L)", "TP"])).toBe(true);
    expect(waterKind.detect(["indicator", "area", "period", "value"])).toBe(false);
    expect(waterKind.detect(["section", "date", "area"])).toBe(false);
    // black-odorous sampling has DO and NH3-N too, but transparency and ORP mark it
    expect(waterKind.detect(["水体名称", "点位", "日期", "透明度", "溶解氧", "氧化还原电位", "氨氮"])).toBe(false);
    expect(blackOdorousKind.detect(["水体名称", "点位", "日期", "透明度", "溶解氧", "氧化还原电位", "氨氮"])).toBe(true);
  });
});

describe("water: reading cells", () => {
  it.each([
    ["II", 2],
    ["Ⅲ", 3],
    ["III类", 3],
    ["3", 3],
    ["Ⅳ类", 4],
    ["劣V", 6],
    ["VI", null],
    ["good", null],
  ])("target class %s is %s", (text, expected) => {
    expect(readWaterClass(text)).toBe(expected);
  });

  it("takes a value below the detection limit as half the limit", () => {
    expect(readConcentration("0.01L", "tp")).toEqual({ kind: "value", value: 0.005, belowLimit: true });
    expect(readConcentration("<0.02", "nh3n")).toEqual({ kind: "value", value: 0.01, belowLimit: true });
    expect(readConcentration("ND", "nh3n").kind).toBe("not-measured");
    expect(readConcentration("", "nh3n").kind).toBe("missing");
    expect(readConcentration("-0.2", "nh3n").kind).toBe("invalid");
    expect(readConcentration("15", "ph").kind).toBe("invalid");
    // parseValue reads milestone words as 1; a concentration must be written as a number
    expect(readConcentration("达标", "nh3n").kind).toBe("invalid");
    expect(readConcentration("5%", "nh3n").kind).toBe("invalid");
    expect(readConcentration("１，２３４.５", "cod")).toEqual({ kind: "value", value: 1234.5, belowLimit: false });
    expect(readConcentration(0.52, "nh3n")).toEqual({ kind: "value", value: 0.52, belowLimit: false });
  });
});

describe("water: section class and compliance", () => {
  it("classes a section by its worst parameter", async () => {
    const csv = [header, "2025-03-10,甲断面,中原区,河流,III,市控,7.5,7.0,3.0,1.2,0.15,"].join("\n");
    const { observations } = await run(waterKind, { "a.csv": csv });
    const compliance = find(observations, "section-compliance-rate", "2025-03");
    // DO II, CODMn II, TP III, NH3-N IV: the section is IV
    expect(detailFor(compliance, "甲断面")).toContain("class IV, misses target");
    expect(detailFor(compliance, "甲断面")).toContain("main pollutants: NH3-N IV (0.2 times over the class III limit)");
    expect(compliance?.value).toBe(0);
  });

  it("uses river TP limits for a river and lake limits for a lake or reservoir", async () => {
    const csv = [header, "2025-03-10,河断面,,河流,III,市控,7.5,8,1.5,0.1,0.08,", "2025-03-10,库断面,,水库,III,市控,7.5,8,1.5,0.1,0.08,"].join("\n");
    const { observations } = await run(waterKind, { "a.csv": csv });
    const compliance = find(observations, "section-compliance-rate", "2025-03");
    expect(detailFor(compliance, "河断面")).toContain("(river, target III): class II, meets target");
    expect(detailFor(compliance, "库断面")).toContain("(lake/reservoir, target III): class IV, misses target");
    expect(compliance?.value).toBe(50);
  });

  it("leaves TN out of a river's class", async () => {
    const csv = [header, "2025-03-10,河断面,,河流,II,国控,7.5,8,1.5,0.1,0.05,6.0"].join("\n");
    const { observations } = await run(waterKind, { "a.csv": csv });
    expect(detailFor(find(observations, "section-compliance-rate", "2025-03"), "河断面")).toContain("class II, meets target");
    expect(value(observations, "inferior-v-sections", "2025-03")).toBe(0);
  });

  it("leaves out a river section that has only TN, with a warning", async () => {
    const { observations, issues } = await run(waterKind, { "a.csv": "日期,断面,水体类型,水质目标,总氮\n2025-03-01,甲,河流,III,3.2\n" });
    expect(observations).toEqual([]);
    expect(issues.map((issue) => issue.code)).toEqual(["no-assessed-parameter"]);
  });

  it("meets the target at or better than the target class, misses it when worse", async () => {
    // NH3-N 0.8 is class III
    const csv = [header, "2025-03-10,甲,,河流,III,市控,7.5,8,1.5,0.8,0.05,", "2025-03-10,乙,,河流,II,市控,7.5,8,1.5,0.8,0.05,", "2025-03-10,丙,,河流,Ⅳ类,市控,7.5,8,1.5,0.8,0.05,"].join("\n");
    const { observations } = await run(waterKind, { "a.csv": csv });
    const compliance = find(observations, "section-compliance-rate", "2025-03");
    expect(detailFor(compliance, "甲")).toContain("meets target");
    expect(detailFor(compliance, "乙")).toContain("misses target");
    expect(detailFor(compliance, "丙")).toContain("meets target");
    expect(compliance?.value).toBeCloseTo(66.6667, 3);
    expect(compliance?.unit).toBe("%");
  });

  it("counts 劣V sections among the assessed sections", async () => {
    const csv = [
      header,
      "2025-03-10,甲,中原区,河流,IV,市控,7.5,8,1.5,2.5,0.05,",
      "2025-03-10,乙,中原区,河流,IV,省控,7.5,8,1.5,0.3,0.45,",
      "2025-03-10,丙,二七区,河流,IV,国控,7.5,8,1.5,0.3,0.05,",
      // a drinking-water source only is not an assessed 国省市控 section
      "2025-03-10,水源,二七区,水库,,饮用水源地,7.5,8,1.5,2.5,0.05,",
    ].join("\n");
    const { observations } = await run(waterKind, { "a.csv": csv });
    expect(value(observations, "inferior-v-sections", "2025-03")).toBe(2);
    expect(value(observations, "inferior-v-sections", "2025-03", "410102")).toBe(2);
    expect(value(observations, "inferior-v-sections", "2025-03", "410103")).toBe(0);
    expect(find(observations, "inferior-v-sections", "2025-03")?.unit).toBe("count");
  });

  it("averages the period's samples before classifying (not the worst sample)", async () => {
    const csv = [header, "2025-03-03,甲,,河流,III,市控,7.5,8,1.5,0.4,0.05,", "2025-03-20,甲,,河流,III,市控,7.5,8,1.5,1.4,0.05,"].join("\n");
    const { observations } = await run(waterKind, { "a.csv": csv });
    // NH3-N mean 0.9 is class III; the worse sample alone (1.4) would be IV
    const compliance = find(observations, "section-compliance-rate", "2025-03");
    expect(detailFor(compliance, "甲")).toContain("class III, meets target; 2 sample(s)");
    expect(compliance?.value).toBe(100);
  });

  it("takes the first row that fed a value as its origin, with provenance", async () => {
    const csv = [header, "2025-03-03,甲,,河流,III,市控,7.5,8,1.5,0.4,0.05,", "2025-03-04,乙,,河流,III,市控,7.5,8,1.5,0.4,0.05,"].join("\n");
    const { observations } = await run(waterKind, { "a.csv": csv });
    const compliance = find(observations, "section-compliance-rate", "2025-03");
    expect(compliance?.origin).toEqual({ file: "a.csv", line: 2, column: 1 });
    expect(compliance?.provenance?.method).toContain("GB 3838-2002");
    expect(compliance?.provenance?.inputs).toContain("2 assessed section(s) with a target class, 2 sample(s) in 2025-03; 2 meet their target");
  });
});

describe("water: canal, drinking water and periods", () => {
  it("gives the canal's class month by month", async () => {
    const csv = [
      header,
      "2025-01-08,刘湾,,河流,II,南水北调,7.8,9.0,1.8,0.1,0.02,",
      "2025-02-08,刘湾,,河流,II,南水北调,7.8,9.0,1.8,0.6,0.02,",
      "2025-03-08,刘湾,,河流,II,南水北调,7.8,9.0,3.0,0.2,0.02,",
    ].join("\n");
    const { observations } = await run(waterKind, { "a.csv": csv });
    expect(value(observations, "snw-canal-class", "2025-01")).toBe(1);
    expect(value(observations, "snw-canal-class", "2025-02")).toBe(3);
    expect(value(observations, "snw-canal-class", "2025-03")).toBe(2);
    expect(find(observations, "snw-canal-class", "2025-01")?.unit).toBe("class");
    // the canal alone is not a 国省市控 section here
    expect(find(observations, "section-compliance-rate", "2025-01")).toBeUndefined();
  });

  it("holds a drinking-water source to class III unless it states a target", async () => {
    const csv = [
      "日期,断面,水体类型,水质目标,饮用水源地,氨氮,总磷,溶解氧",
      "2025-05-06,A水源,水库,,是,0.8,0.04,7",
      "2025-05-06,B水源,水库,II,是,0.8,0.02,7",
      "2025-05-06,C河,河流,III,否,0.8,0.1,7",
    ].join("\n");
    const { observations } = await run(waterKind, { "a.csv": csv });
    const drinking = find(observations, "drinking-water-compliance", "2025-05");
    expect(drinking?.value).toBe(50);
    expect(detailFor(drinking, "A水源")).toContain("target III): class III, meets target");
    expect(detailFor(drinking, "B水源")).toContain("target II): class III, misses target");
    // with no role column, C河 counts as an assessed section
    expect(value(observations, "section-compliance-rate", "2025-05")).toBe(100);
  });

  it("gives a year only once the data reaches its December, and warns on few samples", async () => {
    const rows = [header];
    for (let month = 1; month <= 12; month += 1) rows.push(`2024-${String(month).padStart(2, "0")}-10,甲,,河流,III,市控,7.5,8,1.5,${month === 6 ? 3 : 0.4},0.05,`);
    for (const month of [1, 2, 3, 5, 7, 9, 11, 12]) rows.push(`2024-${String(month).padStart(2, "0")}-10,乙,,河流,III,市控,7.5,8,1.5,0.4,0.05,`);
    rows.push("2024-03-10,丙,,河流,III,市控,7.5,8,1.5,0.4,0.05,");
    for (let month = 1; month <= 9; month += 1) rows.push(`2025-0${month}-10,甲,,河流,III,市控,7.5,8,1.5,0.4,0.05,`);
    const { observations, issues } = await run(waterKind, { "a.csv": rows.join("\n") });
    // 2024: 甲's annual NH3-N mean is (11 × 0.4 + 3) / 12 = 0.617, class III: the bad June does not decide
    expect(value(observations, "section-compliance-rate", "2024")).toBe(100);
    // June: only 甲 was sampled, and its NH3-N of 3 is 劣V
    expect(value(observations, "section-compliance-rate", "2024-06")).toBe(0);
    expect(find(observations, "section-compliance-rate", "2025")).toBeUndefined();
    expect(value(observations, "section-compliance-rate", "2025-09")).toBe(100);
    expect(find(observations, "section-compliance-rate", "2025-09")?.provenance?.inputs).toContain("year to date (2025-01..2025-09, means of all its samples): 1 of 1 meet their target (100%)");
    const few = issues.filter((issue) => issue.code === "few-annual-samples");
    expect(few.map((issue) => issue.message.split(" has ")[0])).toEqual(["section 丙"]);
  });
});

describe("water: row accounting", () => {
  it("rejects bad rows with their line and column, and skips blanks and exact repeats", async () => {
    const csv = [
      header,
      "2025-03-10,甲,中原区,河流,III,市控,7.5,8,1.5,0.4,0.05,",
      "2025-03-10,甲,中原区,河流,III,市控,7.5,8,1.5,0.4,0.05,",
      ",,,,,,,,,,,",
      "2025-03-10,乙,中原区,河流,VI,市控,7.5,8,1.5,0.4,0.05,",
      "2025-03-10,丙,中源区,河流,III,市控,7.5,8,1.5,0.4,0.05,",
      "2025-03-10,丁,二七区,河流,III,市控,7.5,8,1.5,abc,0.05,",
      "2025-03-10,,二七区,河流,III,市控,7.5,8,1.5,0.4,0.05,",
      "2025-13-10,戊,二七区,河流,III,市控,7.5,8,1.5,0.4,0.05,",
      "2025-03-11,甲,二七区,河流,III,市控,7.5,8,1.5,0.4,0.05,",
      "2025-03-11,己,二七区,海湾,III,市控,7.5,8,1.5,0.4,0.05,",
      "2025-03-11,庚,二七区,河流,III,重点,7.5,8,1.5,0.4,0.05,",
      "2025-03-11,辛,二七区,河流,III,市控,,,,,,",
      "2025-03-11,壬,二七区,河流,III,市控,7.5,8,1.5,-0.4,0.05,",
    ].join("\n");
    const { counts, issues } = await run(waterKind, { "a.csv": csv });
    expect(counts["a.csv"]).toEqual({ read: 13, used: 1, skipped: 2, rejected: 10 });
    const errors = issues.filter((issue) => issue.severity === "error").map((issue) => [issue.code, issue.location?.line, issue.location?.column]);
    expect(errors).toEqual([
      ["bad-target-class", 5, 5],
      ["unknown-area", 6, 3],
      ["bad-concentration", 7, 10],
      ["missing-section", 8, 2],
      ["bad-date", 9, 1],
      ["section-mismatch", 10, 2],
      ["bad-water-body", 11, 4],
      ["bad-section-role", 12, 6],
      ["no-values", 13, 7],
      ["bad-concentration", 14, 10],
    ]);
    expect(issues.find((issue) => issue.code === "unknown-area")?.message).toContain('unknown area "中源区"');
    expect(issues.find((issue) => issue.code === "bad-target-class")?.hint).toContain("II, Ⅲ, III类 or 3");
    expect(issues.find((issue) => issue.code === "bad-concentration")?.message).toContain('(column "氨氮(mg/L)")');
  });

  it("rejects every row when a required column is missing", async () => {
    const { counts, issues } = await run(waterKind, { "a.csv": "断面,区县,氨氮\n甲,中原区,0.4\n" });
    expect(counts["a.csv"]).toEqual({ read: 1, used: 0, skipped: 0, rejected: 1 });
    expect(issues[0]?.code).toBe("missing-column");
    expect(issues[0]?.message).toContain("date (采样日期, 日期, 时间)");
  });

  it("reads English headers with units, and skips rows before the earliest useful date", async () => {
    const csv = ["date,section,area,water body,target class,role,DO (mg/L),NH3-N (mg/L),TP (mg/L)", "2015-05-01,S1,Zhongyuan,river,III,municipal,8,0.4,0.05", "2025-05-01,S1,Zhongyuan,river,III,municipal,8,0.4,0.05"].join("\n");
    const { counts, issues, observations } = await run(waterKind, { "a.csv": csv });
    expect(counts["a.csv"]).toEqual({ read: 2, used: 1, skipped: 1, rejected: 0 });
    expect(issues.map((issue) => issue.code)).toEqual(["before-baseline"]);
    expect(value(observations, "section-compliance-rate", "2025-05", "410102")).toBe(100);
  });
});

describe("water: JSON input", () => {
  it("reads samples from JSON records, numbers and booleans as JSON types", async () => {
    const json = JSON.stringify([
      { date: "2025-04-02", section: "S1", area: "410105", "water body": "lake", target: "III", drinking: true, "NH3-N": 0.3, TP: 0.06, DO: 8 },
      { date: "2025-04-16", section: "S1", area: "410105", "water body": "lake", target: "III", drinking: true, "NH3-N": 0.3, TP: 0.03, DO: 8 },
    ]);
    const state = waterKind.createState(options);
    const tally = { read: 0, used: 0 };
    async function* records() {
      async function* chunk() {
        yield json;
      }
      for await (const item of readJsonRecords(chunk())) if (!isProblem(item)) yield item;
    }
    const sink: RowSink = { file: "w.json", read: () => (tally.read += 1), used: () => (tally.used += 1), skip: () => undefined, reject: () => undefined, warn: () => undefined, use: () => undefined, structural: () => undefined };
    await waterKind.consume(records(), sink, state, { header: () => undefined, columnsPerRecord: true });
    const { observations } = waterKind.finish(state, options);
    expect(tally).toEqual({ read: 2, used: 2 });
    // TP mean 0.045 is class III for a lake; the first sample alone (0.06) would be IV
    expect(value(observations, "drinking-water-compliance", "2025-04", "410105")).toBe(100);
  });
});

describe("black-odorous kind", () => {
  it("grades points and reports black-odorous water bodies", async () => {
    const rows = ["水体名称,点位,日期,透明度(cm),水深(cm),溶解氧,氧化还原电位(mV),氨氮"];
    for (const day of [1, 2, 3]) {
      rows.push(`东风渠,1#,2025-06-0${day},8,80,0.1,-250,16`);
      rows.push(`东风渠,2#,2025-06-0${day},30,80,4,100,2`);
      rows.push(`清水河,1#,2025-06-0${day},40,80,5,120,1`);
    }
    const { counts, issues, observations } = await run(blackOdorousKind, { "b.csv": rows.join("\n") });
    expect(counts["b.csv"]).toEqual({ read: 9, used: 9, skipped: 0, rejected: 0 });
    expect(observations).toEqual([]);
    expect(issues.map((issue) => issue.code)).toEqual(["black-odorous-water-body"]);
    expect(issues[0]?.message).toContain("东风渠 is light black-odorous: 1 of 2 point(s) black-odorous, 1 heavy");
  });
});
