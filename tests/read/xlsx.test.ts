import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readDataFiles, type DataSource, type ReadOptions } from "../../src/kinds/files.js";
import type { DataSet } from "../../src/kinds/observation.js";
import { buildLookup } from "../../src/plan/lookup.js";
import { loadPlan } from "../../src/plan/load.js";
import { readWorkbook } from "../../src/read/xlsx.js";
import { buildXlsx, type XlsxCell } from "../helpers/xlsx.js";

const planFile = fileURLToPath(new URL("../../plan/zhengzhou-2023-2025.yaml", import.meta.url));
const lookup = buildLookup(loadPlan(readFileSync(planFile, "utf8"), planFile));

/** Excel's serial day of a date: 2025-10-01 is 45931. */
const serial = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000 + 25_569;

/**
 * A district's monthly drop as Excel keeps it: a title row, a 填报单位 line, the header on row 3,
 * months typed as 2025年9月 (which Excel stores as the first of the month), a percent value, a
 * sign-off line; a second sheet of water-section samples with sampling dates; an empty Sheet3.
 */
export const districtWorkbook: Record<string, XlsxCell[][]> = {
  月报: [
    ["巩义市2025年10月生态环境质量指标报送表"],
    ["填报单位：巩义市生态环境分局", null, null, null, "填报日期：2025年11月5日"],
    ["序号", "指标名称", "区县", "月份", "数值", "单位", "备注"],
    [1, "pm25-annual-mean", "巩义市", { date: serial("2025-09-01") }, 41.2, "微克/立方米", null],
    [2, "pm25-annual-mean", "巩义市", { date: serial("2025-10-01") }, 44.8, "微克/立方米", null],
    [3, "dust-fall", "巩义市", { date: serial("2025-10-01") }, 6.1, "吨/平方千米·月", null],
    [4, "dust-fall", "巩义乂", { date: serial("2025-09-01") }, 5.9, "吨/平方千米·月", null],
    [],
    ["填报人：张三", null, "审核人：李四", null, "联系电话：0371-64300000"],
  ],
  断面监测: [
    ["采样日期", "断面名称", "水体类型", "水质目标", "断面类型", "溶解氧", "高锰酸盐指数", "氨氮", "总磷"],
    [{ date: serial("2025-06-15") }, "花园口", "河流", "III", "国控", 7.2, 3.1, 0.42, 0.11],
    [{ date: serial("2025-07-15") + 0.4375 }, "花园口", "河流", "III", "国控", 6.8, 3.4, 0.38, 0.12],
  ],
  Sheet3: [],
};

const fixture = fileURLToPath(new URL("../fixtures-exports/巩义市2025年10月报送.xlsx", import.meta.url));
if (process.env.ZZ_WRITE_FIXTURES === "1" || !existsSync(fixture)) writeFileSync(fixture, buildXlsx(districtWorkbook));

function source(file: string, bytes: Uint8Array): DataSource {
  return { file, open: () => (async function* () { yield bytes; })() };
}

async function read(bytes: Uint8Array, options: ReadOptions = {}, file = "drop.xlsx"): Promise<DataSet> {
  const data = await readDataFiles([source(file, bytes)], lookup, options);
  for (const summary of data.files) expect(summary.rowsRead).toBe(summary.rowsUsed + summary.rowsRejected + summary.rowsSkipped);
  return data;
}

const where = (data: DataSet) => data.issues.map((issue) => `${issue.code}@${issue.location?.file}:${issue.location?.line ?? ""}:${issue.location?.column ?? ""}`);

describe("reading an Excel workbook", () => {
  it("reads every sheet with data as its own table, each issue at its sheet, row and column", async () => {
    const data = await read(new Uint8Array(readFileSync(fixture)), {}, "巩义.xlsx");
    expect(data.files.map((file) => [file.file, file.format, file.kind, file.rowsRead, file.rowsUsed, file.rowsRejected])).toEqual([
      ["巩义.xlsx[月报]", "xlsx", "observations", 5, 3, 1],
      ["巩义.xlsx[断面监测]", "xlsx", "water", 2, 2, 0],
    ]);
    expect(where(data)).toEqual(["header-not-first@巩义.xlsx[月报]:3:1", "unknown-area@巩义.xlsx[月报]:7:3", "footer-lines@巩义.xlsx[月报]:9:1"]);
    // 2025年9月 typed into a 月份 cell is the month, not its first day.
    expect(data.observations.filter((o) => o.indicator === "dust-fall").map((o) => `${o.period.label} ${o.value}`)).toEqual(["2025-10 6.1"]);
  });

  it("reads one sheet with --sheet, by name or by number, and names the sheets when there is no such sheet", async () => {
    const bytes = buildXlsx(districtWorkbook);
    expect((await read(bytes, { sheet: "断面监测" })).files.map((file) => file.file)).toEqual(["drop.xlsx[断面监测]"]);
    expect((await read(bytes, { sheet: "1" })).files.map((file) => file.file)).toEqual(["drop.xlsx[月报]"]);
    const missing = await read(bytes, { sheet: "数据" });
    expect(where(missing)).toEqual(["xlsx-no-such-sheet@drop.xlsx::"]);
    expect(missing.issues[0]!.message).toContain('1 "月报", 2 "断面监测", 3 "Sheet3"');
  });

  it("turns dates into China Standard Time text whatever the machine's time zone", async () => {
    const result = await readWorkbook(buildXlsx({ s: [["日期", "时间"], [{ date: serial("2025-06-15") }, { date: serial("2025-06-15") + 13 / 24 }], [{ date: serial("2025-06-01") }, { date: serial("2025-06-16") + 1 / 24 + 30 / 1440 }]] }));
    expect(result.ok && result.sheets[0]!.rows.map((row) => row.fields)).toEqual([
      ["日期", "时间"],
      ["2025-06-15", "2025-06-15 13:00:00"],
      ["2025-06-01", "2025-06-16 01:30:00"],
    ]);
  });

  it("refuses a workbook too large, one that unpacks too large (a zip bomb), and one with too many cells, before reading it", async () => {
    const bomb = buildXlsx({ s: [["a"], ...Array.from({ length: 1_000 }, () => ["x".repeat(800)])] }, { level: 9 });
    expect(bomb.length).toBeLessThan(100_000);
    const limits = { maxBytes: 1_000_000, maxUnpackedBytes: 500_000, maxCells: 500 };
    expect(await readWorkbook(bomb, undefined, { ...limits, maxBytes: 1000 })).toMatchObject({ ok: false, code: "xlsx-too-large" });
    expect(await readWorkbook(bomb, undefined, limits)).toMatchObject({ ok: false, code: "xlsx-too-large", message: expect.stringContaining("unpacks to") });
    expect(await readWorkbook(bomb, undefined, { ...limits, maxUnpackedBytes: 1e9 })).toMatchObject({ ok: false, code: "xlsx-too-large", message: expect.stringContaining("cells") });
  });

  it("reports a file that is not a workbook, as a rejected file", async () => {
    const data = await read(new TextEncoder().encode("indicator,area,period,value\n"), {}, "renamed.xlsx");
    expect(data.issues.map((issue) => [issue.code, issue.severity])).toEqual([["xlsx-unreadable", "error"]]);
  });

  it("passes over empty sheets, and says so when every sheet is empty", async () => {
    const data = await read(buildXlsx({ Sheet1: [], Sheet2: [[null, ""]] }));
    expect(where(data)).toEqual(["no-data-rows@drop.xlsx::"]);
  });
});
