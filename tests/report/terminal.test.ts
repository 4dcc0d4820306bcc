import fc from "fast-check";
import { describe, expect, it } from "vitest";
import stringWidth from "string-width";
import { displayWidth, renderGrid, wrapText } from "../../src/report/layout.js";
import { formatTable } from "../../src/report/table.js";
import { formatDiagnostics } from "../../src/report/diagnostics.js";
import { chooseLanguage } from "../../src/cli/language.js";
import type { Issue } from "../../src/vocabulary/issues.js";
import { fixtureReport } from "../helpers/report.js";

const text = fc.array(fc.constantFrom("细", "颗", "粒", "物", "a", "bc", "needs", " ", "1.5", "（", "）", "，", "-", "/", "超长的指标名称"), { maxLength: 40 }).map((parts) => parts.join(""));

describe("displayWidth", () => {
  it("is string-width's answer, for ASCII, Chinese, emoji, control characters and ANSI codes alike, asked once or again", () => {
    const pieces = fc.oneof(
      fc.constantFrom("a", "Z", " ", "~", "\t", "\u001b[31m", "\u0007", "中", "区", "（", "）", "、", "。", "【", "》", "〇", "🟠", "✔", "e\u0301", "\u200b", "ｱ", "鿿", "一", "\u3012", "\uff5f"),
      fc.integer({ min: 0x3000, max: 0x3020 }).map((code) => String.fromCharCode(code)),
      fc.integer({ min: 0xff00, max: 0xff70 }).map((code) => String.fromCharCode(code)),
      fc.integer({ min: 0x4dff, max: 0x4e01 }).map((code) => String.fromCharCode(code)),
      fc.integer({ min: 0x9ffe, max: 0xa001 }).map((code) => String.fromCharCode(code)),
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 12 }).map((parts) => parts.join("")), (text) => {
        expect(displayWidth(text)).toBe(stringWidth(text));
        expect(displayWidth(text)).toBe(stringWidth(text));
      }),
      { numRuns: 3000 },
    );
  });
});

describe("wrapText", () => {
  it("never makes a line wider than asked, and keeps every character but the spaces it breaks at", () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 2, max: 30 }), (input, width) => {
        const lines = wrapText(input, width);
        for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(width);
        expect(lines.join("").replace(/ /g, "")).toBe(input.replace(/ /g, ""));
      }),
    );
  });

  it("breaks Chinese between characters and English between words", () => {
    expect(wrapText("需降低 4.82 微克/立方米（截至 2025-12-31）", 16)).toEqual(["需降低 4.82 微", "克/立方米（截至", "2025-12-31）"]);
    expect(wrapText("needs +1.5 percentage points", 12)).toEqual(["needs +1.5", "percentage", "points"]);
  });

  it("never starts a line with closing punctuation (Chinese line-breaking rules), nor splits a file extension from its 、", () => {
    const chinese = fc.array(fc.constantFrom("达", "标", "区", "县", "。", "、", "，", "；", "：", "）", "（", " "), { minLength: 1, maxLength: 60 }).map((parts) => parts.join(""));
    fc.assert(
      fc.property(chinese, fc.integer({ min: 4, max: 30 }), (input, width) => {
        // Punctuation after a space, or a run of it wider than a line, has nothing to hold on to.
        const tidy = input.replace(/ +(?=[。、，；：）])/g, "").replace(/[。、，；：）]+/g, (run) => run[0]!).replace(/^[。、，；：）]+/, "");
        const lines = wrapText(tidy, width);
        for (const line of lines.slice(1)) expect(line).not.toMatch(/^[。、，；：）]/);
      }),
    );
    expect(wrapText("其格式版本无法比较。", 16)).toEqual(["其格式版本无法比", "较。"]);
    expect(wrapText("did all four apply (one, two).", 28)).toEqual(["did all four apply (one,", "two)."]);
    expect(wrapText("文件夹中没有 .csv、.json 或电子表格文件。", 14)).toEqual(["文件夹中没有", ".csv、.json 或", "电子表格文件。"]);
  });
});

describe("renderGrid", () => {
  it("fits the width whenever the columns' narrowest widths allow", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(text, text, text), { minLength: 1, maxLength: 6 }), fc.integer({ min: 40, max: 120 }), (rows, width) => {
        const grid = renderGrid([{ header: "区县" }, { header: "指标", prose: true }, { header: "gap", prose: true }], rows, { width });
        for (const line of grid.split("\n")) expect(displayWidth(line)).toBeLessThanOrEqual(width);
      }),
    );
  });
});

describe("the terminal report", { timeout: 60_000 }, () => {
  for (const language of ["zh", "en"] as const) {
    for (const width of [60, 80, 120]) {
      it(`has no line wider than ${width} columns in ${language}`, async () => {
        const report = await fixtureReport();
        for (const verbose of [false, true]) {
          const output = formatTable(report, { color: false, language, width, verbose });
          for (const line of output.split("\n")) expect(displayWidth(line), line).toBeLessThanOrEqual(width);
        }
      });
    }
  }

  it("keeps colour out of the width: a coloured report has the same layout as a plain one", async () => {
    const report = await fixtureReport();
    const plain = formatTable(report, { color: false, language: "zh", width: 80 });
    const coloured = formatTable(report, { color: true, language: "zh", width: 80 });
    expect(coloured).not.toBe(plain);
    expect(coloured.replace(/\u001b\[[0-9;]*m/g, "")).toBe(plain);
  });

  it("leads with the summary, the scorecard, the problems and the matrix with a legend naming the tasks", async () => {
    const output = formatTable(await fixtureReport(), { color: false, language: "zh", width: 80 });
    const order = ["截至 2025-09-30", "区县记分卡", "需优先处理", "区县 × 任务", "任务：G 主要目标；1 推进空气质量排名进位"];
    const positions = order.map((heading) => output.replace(/\n {2}/g, "").indexOf(heading));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(output).toMatch(/需降低 [\d.]+ 微克\/立方米|需提高 [\d.]+ 个百分点/);
  });

  it("lists the statuses asked for, grouped by task, and no more than --top", async () => {
    const report = await fixtureReport();
    const output = formatTable(report, { color: false, language: "en", width: Infinity, statuses: ["pass"], by: "task", top: 3 });
    expect(output).toContain("Task scorecard");
    expect(output).toContain(`Results: the 3 most urgent of ${report.summary.pass}`);
    const listed = output.slice(output.indexOf("Results:"), output.indexOf("District x task"));
    expect(listed.match(/✔ pass/g)).toHaveLength(3);
    expect(listed).not.toMatch(/at-risk|✖ fail/);
  });

  it("does not wrap with --wide", async () => {
    const output = formatTable(await fixtureReport(), { color: false, language: "en", width: Infinity });
    expect(Math.max(...output.split("\n").map(displayWidth))).toBeGreaterThan(120);
  });
});

describe("diagnostics", () => {
  const warning = (code: Issue["code"], line: number): Issue => ({ code, severity: "warning", message: `detail ${line}`, location: { file: "a.csv", line } });
  const issues: Issue[] = [warning("invalid-days", 3), warning("invalid-days", 1), warning("duplicate-row", 2), warning("invalid-days", 9), { code: "unknown-area", severity: "error", message: 'unknown area "巩乂市"', location: { file: "a.csv", line: 5, column: 2 }, hint: "name an area" }];

  it("lists every problem, then counts warnings per code with the first few in full", () => {
    expect(formatDiagnostics(issues, { language: "en", verbose: false, quiet: false })).toBe(
      [
        'a.csv:5:2  unknown-area  unknown area "巩乂市"',
        "    hint: name an area",
        "1 data problem(s), 4 warning(s), by code: invalid-days 3, duplicate-row 1",
        "a.csv:1  warning invalid-days  detail 1",
        "a.csv:2  warning duplicate-row  detail 2",
        "a.csv:3  warning invalid-days  detail 3",
        "1 more: --verbose lists them all",
        "",
      ].join("\n"),
    );
  });

  it("shows every warning with --verbose and none with --quiet, and the catalogue's Chinese in zh", () => {
    expect(formatDiagnostics(issues, { language: "en", verbose: true, quiet: false }).split("\n")).toHaveLength(7);
    expect(formatDiagnostics(issues, { language: "en", verbose: false, quiet: true })).not.toContain("warning");
    expect(formatDiagnostics(issues, { language: "zh", verbose: false, quiet: true })).toContain("unknown-area  计划中没有该区县(名称可能拼错或乱码)。 unknown area");
    expect(formatDiagnostics([], { language: "zh", verbose: false, quiet: false })).toBe("");
  });

  it("shows control characters from the data as escapes", () => {
    const hostile: Issue = { code: "unknown-area", severity: "error", message: 'unknown area "\u001b[2J\u202e"' };
    expect(formatDiagnostics([hostile], { language: "en", verbose: false, quiet: false })).toContain("\\x1B[2J\\u202E");
  });
});

describe("the report language", () => {
  it("follows --lang, then the locale, then the plan, else English", () => {
    expect(chooseLanguage("en", { LANG: "zh_CN.UTF-8" }, "zh")).toBe("en");
    expect(chooseLanguage(undefined, { LANG: "zh_CN.UTF-8" }, undefined)).toBe("zh");
    expect(chooseLanguage(undefined, { LC_ALL: "zh_TW.UTF-8", LANG: "en_US.UTF-8" }, undefined)).toBe("zh");
    expect(chooseLanguage(undefined, { LC_ALL: "C", LANG: "zh_CN.UTF-8" }, undefined)).toBe("en");
    expect(chooseLanguage(undefined, { LC_MESSAGES: "zh_CN", LANG: "C" }, undefined)).toBe("zh");
    expect(chooseLanguage(undefined, { LANG: "C.UTF-8" }, "zh")).toBe("zh");
    expect(chooseLanguage(undefined, {}, undefined)).toBe("en");
    expect(chooseLanguage(undefined, { LANG: "zu_ZA" }, "en")).toBe("en");
  });
});
