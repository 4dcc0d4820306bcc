import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readCsvRecords, type CsvOptions } from "../../src/read/csv.js";
import { isProblem, type RecordOrProblem } from "../../src/read/records.js";
import { headerRecogniser, readDataFiles, type DataSource, type ReadOptions } from "../../src/kinds/files.js";
import { buildLookup } from "../../src/plan/lookup.js";
import { loadPlan } from "../../src/plan/load.js";
import { footerLabel } from "../../src/vocabulary/names.js";

const planFile = fileURLToPath(new URL("../../plan/zhengzhou-2023-2025.yaml", import.meta.url));
const lookup = buildLookup(loadPlan(readFileSync(planFile, "utf8"), planFile));
const looksLikeHeader = headerRecogniser(undefined);

async function read(text: string, options: CsvOptions = {}): Promise<string[]> {
  const out: string[] = [];
  const items: RecordOrProblem[] = [];
  for await (const item of readCsvRecords((async function* () { yield text; })(), { looksLikeHeader, ...options })) items.push(item);
  for (const item of items) {
    if (isProblem(item)) out.push(`${item.code}@${item.line}:${item.column}`);
    else out.push(`${item.line}: ${[...item.cells.values()].map((cell) => cell.value).join("|")}`);
  }
  return out;
}

describe("header row under a title, notes and a 填报单位 line", () => {
  it("finds the header on line 3, reports the two lines above it once, and keeps every data row's real line", async () => {
    const text = "巩义市2025年10月生态环境质量指标报送表,,,\n填报单位：巩义市生态环境分局,,填报日期：2025-11-05,\n指标,区县,月份,数值\npm25,巩义市,2025-10,44\n";
    expect(await read(text)).toEqual(["header-not-first@3:1", "4: pm25|巩义市|2025-10|44"]);
  });

  it("sniffs the delimiter from the header even when the title line has none", async () => {
    expect(await read("某某表\n指标;区县;月份;数值\npm25;巩义市;2025-10;44\n")).toEqual(["header-not-first@2:1", "3: pm25|巩义市|2025-10|44"]);
  });

  it("skips sign-off lines under the table with one warning naming their lines", async () => {
    const text = "指标,区县,月份,数值\npm25,巩义市,2025-10,44\n,,,\n填报人：张三,,审核人：李四,\n联系电话：0371-1234\n备注：初步统计\n";
    expect(await read(text)).toEqual(["2: pm25|巩义市|2025-10|44", "3: |||", "footer-lines@4:1"]);
  });

  it("takes the first row as the header when none of the first rows is recognised, as a plain CSV reader does", async () => {
    expect(await read("a,b\n1,2\n3,4\n")).toEqual(["2: 1|2", "3: 3|4"]);
  });

  it("takes the line --header-row names, even when it is not recognised", async () => {
    expect(await read("title\nx,y\n1,2\n", { headerRow: 2 })).toEqual(["header-not-first@2:1", "3: 1|2"]);
    expect(await read("title\n指标,区县,月份,数值\n1,2,3,4\n", { headerRow: 1 })).toEqual(["csv-ragged-row@2:2", "csv-ragged-row@3:2"]);
  });

  it("reads footer labels with either colon, numbered notes and nothing after them", () => {
    expect(["填报人：张三", "审核人:李四", "注1：说明", "注：", "备注", " *说明：x"].map(footerLabel)).toEqual(["填报人", "审核人", "注", "注", "备注", "说明"]);
    expect(["细颗粒物", "注射", "说明书", "1", "pm25"].map(footerLabel)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it("reads the same records, on shifted lines, whatever title lines stand above the header", async () => {
    const title = fc.stringMatching(/^[\u4e00-\u4e2f 年月：:（）0-9]{1,20}$/).filter((text) => text.trim() !== "" && footerLabel(text) === undefined);
    await fc.assert(
      fc.asyncProperty(fc.array(title, { maxLength: 5 }), async (titles) => {
        const body = "指标,区县,月份,数值\npm25,巩义市,2025-10,44\ndust,中原区,2025-09,5\n";
        const plain = await read(body);
        const shifted = await read(`${titles.map((line) => `${line},,,`).join("\n")}${titles.length > 0 ? "\n" : ""}${body}`);
        const shift = titles.length;
        const expected = plain.map((entry) => entry.replace(/^(\d+):/, (_, line: string) => `${Number(line) + shift}:`));
        expect(shifted).toEqual(shift > 0 ? [`header-not-first@${1 + shift}:1`, ...expected] : expected);
      }),
      { numRuns: 60 },
    );
  });
});

describe("a template export read whole (GB18030, CRLF, title, 填报单位, sign-off lines)", () => {
  const file = fileURLToPath(new URL("../fixtures-exports/巩义市2025年10月报送-模板.csv", import.meta.url));
  const bytes = new Uint8Array(readFileSync(file));
  const source: DataSource = { file: "模板.csv", open: () => (async function* () { yield bytes; })() };

  it("uses every data row and rejects none", async () => {
    const data = await readDataFiles([source], lookup, {} satisfies ReadOptions);
    expect(data.files[0]).toMatchObject({ encoding: "gb18030", rowsRead: 5, rowsUsed: 4, rowsRejected: 0, rowsSkipped: 1 });
    expect(data.issues.map((issue) => `${issue.code}@${issue.location?.line}`)).toEqual(["header-not-first@3", "footer-lines@9"]);
    expect(data.observations.map((o) => `${o.indicator} ${o.period.label} ${o.value}`)).toContain("dust-fall 2025-10 6.1");
  });
});

describe("spreadsheets zz-plan does not read", () => {
  it.each([
    ["巩义.xls", /Excel 97-2003 workbook \(\.xls\).*in Excel: File > Save As > "Excel Workbook \(\*\.xlsx\)".*in WPS: 文件 \(File\) > 另存为/],
    ["报表.et", /WPS spreadsheet \(\.et\).*另存为/],
    ["旧表.wps", /WPS Office file \(\.wps\)/],
    ["c.ods", /OpenDocument spreadsheet.*LibreOffice/],
    ["d.numbers", /Numbers: File > Export To > Excel/],
  ])("explains %s with the menu steps that save it as .xlsx or CSV, as a rejected file", async (file, steps) => {
    const data = await readDataFiles([{ file, open: () => (async function* () { yield new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]); })() }], lookup);
    expect(data.issues.map((issue) => [issue.code, issue.severity])).toEqual([["unsupported-spreadsheet", "error"]]);
    expect(data.issues[0]!.message).toMatch(steps);
  });
});
