import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { unzipSync, strFromU8 } from "fflate";
import { csvField } from "../../src/report/escape.js";
import { describe, expect, it } from "vitest";
import { bundledPlanPath, main } from "../../src/cli/main.js";
import { buildLookup } from "../../src/plan/lookup.js";
import { loadPlan } from "../../src/plan/load.js";
import { captureIo } from "../helpers/io.js";

async function run(...args: string[]) {
  const io = captureIo();
  const code = await main(["node", "zz-plan", ...args], io);
  return { code, out: io.out(), err: io.err() };
}

const lookup = buildLookup(loadPlan(readFileSync(bundledPlanPath, "utf8"), bundledPlanPath));

/** A plausible value for each row (the middle of the plan's plausible range), so the filled-in template is a drop with nothing wrong in it. */
function fillIn(csv: string): string {
  const [header, ...rows] = parse(csv.replace(/^\uFEFF/, "")) as string[][];
  const filled = rows.map((cells) => {
    const indicator = lookup.findIndicator(cells[0]!);
    expect(indicator, cells[0]).toBeDefined();
    const range = indicator!.plausible;
    cells[3] = indicator!.unit === "done" ? "完成" : range ? String(Math.round((range[0] + range[1]) / 2)) : "10";
    return cells;
  });
  return `\uFEFF${[header!, ...filled].map((cells) => cells.map(csvField).join(",")).join("\r\n")}\r\n`;
}

/** The data rows of a template, parsed. */
function templateRows(csv: string): string[][] {
  return (parse(csv.replace(/^\uFEFF/, "")) as string[][]).slice(1);
}

describe("zz-plan template", { timeout: 60_000 }, () => {
  it("writes a template that, filled in, is read back by check with no rejected row", async () => {
    const folder = mkdtempSync(join(tmpdir(), "zz-template-"));
    for (const [area, period] of [["巩义市", "2025-10"], ["郑州市", "2025-10"], ["中原区", "2024"]] as const) {
      const template = await run("template", "--area", area, "--period", period);
      expect(template.code, template.err).toBe(0);
      expect(template.out.startsWith("\uFEFF指标,区县,时间,数值,单位,备注\r\n")).toBe(true);
      const rows = templateRows(template.out);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(row[3]).toBe("");
      const file = join(folder, `${area}-${period}.csv`);
      writeFileSync(file, fillIn(template.out));
      const check = await run("check", file, "--format", "json", "--fail-on", "never", "--as-of", period.length === 4 ? `${period}-12-31` : `${period}-31`);
      const report = JSON.parse(check.out) as { diagnostics: { severity: string; message: string }[]; inputs: { rowsRead: number; rowsUsed: number }[] };
      expect(report.diagnostics.filter((diagnostic) => diagnostic.severity === "error"), `${area} ${period}`).toEqual([]);
      expect(report.inputs[0]!.rowsUsed).toBe(rows.length);
      expect(check.code).toBe(0);
    }
  });

  it("writes an .xlsx workbook with the same rows", async () => {
    const folder = mkdtempSync(join(tmpdir(), "zz-template-"));
    const file = join(folder, "巩义市-2025-10.xlsx");
    const result = await run("template", "--area", "巩义", "--period", "2025-10", "--format", "xlsx", "-o", file);
    expect(result.code, result.err).toBe(0);
    const files = unzipSync(readFileSync(file));
    const strings = strFromU8(files["xl/sharedStrings.xml"]!);
    for (const text of ["指标", "区县", "时间", "数值", "单位", "备注", "巩义市", "2025-10", "细颗粒物(PM2.5)年均浓度", "微克/立方米"]) expect(strings).toContain(`<t>${text}</t>`);
    const csv = await run("template", "--area", "巩义", "--period", "2025-10");
    const sheet = strFromU8(files["xl/worksheets/sheet1.xml"]!);
    expect(sheet.match(/<row /g)?.length).toBe(templateRows(csv.out).length + 1);
    // Every cell is text, so Excel keeps 2025-10 as written; no value is filled in (column D).
    expect(sheet).not.toMatch(/t="n"|<c r="D[2-9]/);
    // check reads the workbook as it is: each row is recognised and wants only its value.
    const check = await run("check", file, "-f", "json", "--fail-on", "never");
    const report = JSON.parse(check.out) as { diagnostics: { code: string }[] };
    expect(report.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(templateRows(csv.out).map(() => "missing-value"));
  });

  it("refuses a bad period, an unknown area and a workbook to stdout on one line (exit 2)", async () => {
    for (const args of [["--area", "巩义市", "--period", "2025-13"], ["--area", "巩义市", "--period", "2025-Q3"], ["--area", "巩乂市", "--period", "2025-10"], ["--area", "巩义市", "--period", "2025-10", "--format", "xlsx"]]) {
      const result = await run("template", ...args);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.out).toBe("");
      expect(result.err.trimEnd().split("\n").length, result.err).toBeLessThanOrEqual(2);
    }
  });
});
