import { describe, expect, it } from "vitest";
import { formatMarkdown } from "../../src/report/markdown.js";
import { fixtureReport } from "../helpers/report.js";

describe("the manager's brief", { timeout: 60_000 }, () => {
  it("leads with 摘要, 区县记分卡, 需优先处理 and the charts, and folds everything else", async () => {
    const brief = formatMarkdown(await fixtureReport(), { color: false, language: "zh" });
    const headings = [...brief.matchAll(/^## (.+)$/gm)].map((match) => match[1]);
    expect(headings).toEqual(["摘要", "区县记分卡", "需优先处理", "图表"]);
    const firstFold = brief.indexOf("<details>");
    const lead = brief.slice(0, brief.indexOf("## 需优先处理"));
    expect(lead.indexOf("<details>")).toBe(firstFold);
    for (const folded of ["进度正常与无数据的结果", "各区县明细", "“基本”的取值", "输入数据", "被拒绝的行与文件问题"]) expect(brief).toContain(`<summary>${folded}`);
  });

  it("keeps every table to seven columns or fewer and never writes <= as an HTML entity", async () => {
    for (const language of ["zh", "en"] as const) {
      const brief = formatMarkdown(await fixtureReport(), { color: false, language });
      for (const line of brief.split("\n").filter((candidate) => candidate.startsWith("|---"))) expect(line.split("|").length - 2).toBeLessThanOrEqual(7);
      expect(brief).not.toContain("&lt;");
      expect(brief).toContain("<= 40");
    }
  });

  it("lists the top 15 fail and at-risk results by default, with the lead department and days left", async () => {
    const report = await fixtureReport();
    const brief = formatMarkdown(report, { color: false, language: "zh" });
    const section = brief.slice(brief.indexOf("## 需优先处理"), brief.indexOf("## 图表"));
    expect(section.split("\n").filter((line) => /^\| (🔴|🟠)/.test(line))).toHaveLength(15);
    expect(section).toContain("市城管局");
    expect(section).toMatch(/逾期 \d+ 天|剩 \d+ 天/);
    const short = formatMarkdown(report, { color: false, language: "zh", top: 3 });
    expect(short.slice(short.indexOf("## 需优先处理"), short.indexOf("## 图表")).split("\n").filter((line) => /^\| (🔴|🟠) /.test(line))).toHaveLength(3);
  });

  it("draws the city's PM2.5, good-day and heavy-pollution months and the districts as Mermaid xy charts", async () => {
    const brief = formatMarkdown(await fixtureReport(), { color: false, language: "zh" });
    const charts = [...brief.matchAll(/```mermaid\nxychart-beta\n([\s\S]*?)```/g)].map((match) => match[1]!);
    expect(charts.length).toBeGreaterThanOrEqual(4);
    for (const chart of charts) {
      expect(chart).toMatch(/^ {2}x-axis \[.+\]$/m);
      expect(chart).toMatch(/^ {2}y-axis "[^"]*" [\d.]+ --> [\d.]+$/m);
      const series = [...chart.matchAll(/^ {2}(?:line|bar) \[(.+)\]$/gm)].map((match) => match[1]!.split(", ").length);
      const labels = chart.match(/x-axis \[(.+)\]/)![1]!.split(", ").length;
      expect(series.every((count) => count === labels)).toBe(true);
    }
    expect(brief).toContain("### 全市细颗粒物(PM2.5)年均浓度逐月变化");
  });
});
