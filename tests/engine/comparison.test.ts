import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/evaluate.js";
import { exitCodeFor } from "../../src/report/outcome.js";
import type { DataSet, Observation } from "../../src/kinds/observation.js";
import { buildLookup } from "../../src/plan/lookup.js";
import { loadPlan } from "../../src/plan/load.js";
import { formatJson } from "../../src/report/json.js";
import { formatMarkdown } from "../../src/report/markdown.js";
import { formatTable } from "../../src/report/table.js";
import { obs } from "../helpers/plan.js";

/**
 * A city-wide goal (全市 PM2.5) that binds the city and shows the districts for comparison, a
 * district-level target for the same districts, a standing purchasing rule in force from the
 * plan's issue, and a standing annual ranking judged on its year-to-date value.
 */
const planYaml = `
id: comparison-plan
title: 对照计划
issued: 2023-10-16
period: { start: 2023-01-01, end: 2025-12-31 }
city: "410100"
areas:
  - { code: "410100", name: 郑州市, pinyin: Zhengzhou, kind: city, aliases: [全市] }
  - { code: "410102", name: 中原区, pinyin: Zhongyuan, kind: district }
  - { code: "410103", name: 二七区, pinyin: Erqi, kind: district }
  - { code: "410104", name: 管城回族区, pinyin: Guancheng, kind: district }
indicators:
  - { id: pm25-annual-mean, name: { zh: 细颗粒物年均浓度, en: PM2.5 annual mean }, unit: ug/m3, direction: lower-is-better, period: annual, projection: same-period }
  - { id: dust-fall, name: { zh: 平均降尘量, en: dust fall }, unit: "t/(km2·month)", direction: lower-is-better, period: monthly, projection: none }
  - { id: new-bus-nev, name: { zh: 新增公交车新能源比例, en: NEV share of new buses }, unit: "%", direction: higher-is-better, period: annual }
  - { id: rank, name: { zh: 排名, en: rank }, unit: rank, direction: lower-is-better, period: annual, aggregation: last, projection: none }
tasks:
  - id: goals
    number: 0
    group: 目标
    groupTitle: 主要目标
    title: 主要目标
    targets:
      - { id: goals-pm25, indicator: pm25-annual-mean, operator: "<=", value: 40, unit: ug/m3, deadline: 2025-12-31, appliesTo: city, comparison: all, source: 全市细颗粒物浓度达到40微克/立方米 }
  - id: t01
    number: 1
    group: 一
    groupTitle: 行动一
    title: 任务一
    responsibleAreas: ["410102", "410103"]
    targets:
      - { id: t01-dust, indicator: dust-fall, operator: "<=", value: 7, unit: "t/(km2·month)", appliesTo: city, comparison: responsible, source: 全市平均降尘量不得高于7吨 }
      - { id: t01-dust-districts, indicator: dust-fall, operator: "<=", value: 9, unit: "t/(km2·month)", appliesTo: responsible, comparison: all, source: 各区降尘量不得高于9吨 }
      - { id: t01-new-bus, indicator: new-bus-nev, operator: ">=", value: 100, unit: "%", inForceFrom: 2023-10-16, source: 新增公交车全部使用新能源汽车 }
      - { id: t01-rank, indicator: rank, operator: "<=", value: 148, unit: 名, source: 排名不进入后20名 }
`;

const lookup = buildLookup(loadPlan(planYaml, "comparison.yaml"));

function run(observations: Observation[], asOf = "2025-09-30", options: Parameters<typeof evaluate>[2] = {}) {
  const data: DataSet = { observations, issues: [], files: [] };
  return evaluate(lookup, data, { asOf, ...options });
}

const months = (indicator: string, area: string, year: number, values: number[]) =>
  values.map((value, index) => obs(indicator, area, `${year}-${String(index + 1).padStart(2, "0")}`, value));

describe("binding and comparison areas", () => {
  const data = [
    obs("pm25-annual-mean", "410100", "2024", 42),
    ...months("pm25-annual-mean", "410100", 2024, [60, 50, 40, 35, 30, 30, 28, 30, 35, 45, 55, 66]),
    ...months("pm25-annual-mean", "410100", 2025, [52, 44, 35, 30, 26, 26, 24, 26, 30]),
    // 中原区 is far above the city goal: shown, never a verdict.
    obs("pm25-annual-mean", "410102", "2025-09", 90),
    obs("dust-fall", "410100", "2025-09", 5),
    obs("dust-fall", "410102", "2025-09", 8),
    obs("dust-fall", "410103", "2025-09", 6),
  ];

  it("resolves the binding areas and, apart from them, the comparison areas", () => {
    const byId = new Map(lookup.targets.map((planned) => [planned.target.id, planned]));
    expect(byId.get("goals-pm25")!.areas.map((area) => area.code)).toEqual(["410100"]);
    expect(byId.get("goals-pm25")!.comparisonAreas.map((area) => area.code)).toEqual(["410102", "410103", "410104"]);
    expect(byId.get("t01-dust")!.comparisonAreas.map((area) => area.code)).toEqual(["410102", "410103"]);
    // A comparison list never repeats an area the target binds.
    expect(byId.get("t01-dust-districts")!.comparisonAreas.map((area) => area.code)).toEqual(["410104"]);
  });

  it("judges a comparison area, labels it, and leaves it out of every roll-up and the summary", () => {
    const report = run(data);
    const district = report.results.find((result) => result.target === "goals-pm25" && result.area === "410102")!;
    expect(district).toMatchObject({ role: "comparison", status: "at-risk" });
    expect(report.results.find((result) => result.target === "goals-pm25" && result.area === "410100")).toMatchObject({ role: "binding", status: "on-track" });
    expect(report.byTask.goals).toBe("on-track");
    // 中原区 is bound by t01-dust-districts only (8 <= 9 passes); its 对照 misses do not count.
    expect(report.byArea["410102"]).toBe("pass");
    expect(report.results.find((result) => result.target === "t01-dust" && result.area === "410102")).toMatchObject({ role: "comparison", status: "fail" });
    expect(report.byTask.t01).not.toBe("fail");
    const bindingCount = report.results.filter((result) => result.role === "binding").length;
    expect(Object.values(report.summary).reduce((a, b) => a + b, 0)).toBe(bindingCount);
  });

  it("shows a comparison only where the area has data", () => {
    const report = run(data);
    expect(report.results.some((result) => result.role === "comparison" && result.area === "410104")).toBe(false);
    // A binding area with no data is a no-data verdict, as before.
    expect(report.results.find((result) => result.target === "t01-dust-districts" && result.area === "410103")).toMatchObject({ role: "binding", status: "pass" });
  });

  it("never fails a run on a comparison result", () => {
    const report = run(data, "2025-09-30", { targets: ["t01-dust"] });
    expect(report.results.filter((result) => result.status === "fail").map((result) => result.role)).toEqual(["comparison"]);
    expect(exitCodeFor(report, { failOn: "fail", strict: false })).toBe(0);
    expect(exitCodeFor(run([obs("dust-fall", "410100", "2025-09", 7.5)], "2025-09-30", { targets: ["t01-dust"] }), { failOn: "fail", strict: false })).toBe(1);
  });

  it("keeps --area working for an area shown only for comparison", () => {
    const report = run(data, "2025-09-30", { areas: ["410102"], targets: ["goals-pm25"] });
    expect(report.results).toHaveLength(1);
    expect(report.results[0]).toMatchObject({ role: "comparison", area: "410102" });
    expect(report.byArea).toEqual({});
  });

  it("labels comparison results in the table, markdown and json outputs", () => {
    const report = run(data);
    const table = formatTable(report, { color: false, width: Infinity });
    expect(table).toMatch(/results as of 2025-09-30: .*\(and \d+ 对照 comparison results, not counted\)/);
    const problems = table.slice(table.indexOf("To act on"), table.indexOf("District x task"));
    expect(problems).not.toContain("中原区");
    const markdown = formatMarkdown(report, { color: false });
    expect(markdown).toContain("<summary>对照 (comparison): areas shown against targets that do not bind them, not counted (");
    expect(markdown).toMatch(/\| 🟠 at-risk \(对照, comparison\) \| PM2.5 annual mean \| 中原区 \||\| [^|]+ \(对照, comparison\) \|/);
    const notMet = markdown.slice(markdown.indexOf("## To act on"), markdown.indexOf("## Charts"));
    expect(notMet).not.toContain("中原区");
    const json = JSON.parse(formatJson(report)) as { results: { target: string; area: string; role: string }[] };
    expect(json.results.find((result) => result.target === "goals-pm25" && result.area === "410102")?.role).toBe("comparison");
    expect(json.results.find((result) => result.target === "goals-pm25" && result.area === "410100")?.role).toBe("binding");
  });
});

describe("standing rules in force from a date", () => {
  it("judges no period that starts before the rule is in force", () => {
    const report = run([obs("new-bus-nev", "410100", "2023", 60), obs("new-bus-nev", "410100", "2024", 100)], "2025-01-31");
    const result = report.results.find((candidate) => candidate.target === "t01-new-bus")!;
    expect(result).toMatchObject({ status: "pass", period: "2024" });
    expect(result.earlierMisses).toBeUndefined();
    expect(result.reason).toContain("in force from 2023-10-16");
  });

  it("lists every missed full year from then on", () => {
    const result = run([obs("new-bus-nev", "410100", "2024", 96), obs("new-bus-nev", "410100", "2025", 100)], "2026-01-31").results.find((candidate) => candidate.target === "t01-new-bus")!;
    expect(result).toMatchObject({ status: "pass", period: "2025", earlierMisses: ["2024"] });
  });
});

describe("a standing annual requirement while the year runs", () => {
  const rank = (period: string, value: number) => obs("rank", "410100", period, value);
  const judged = (observations: Observation[]) => run(observations).results.find((result) => result.target === "t01-rank")!;

  it("puts the year at risk when the year-to-date (1-N月 cumulative) value misses, not fails it", () => {
    const result = judged([rank("2024", 147), rank("2025-08", 146), rank("2025-09", 150)]);
    expect(result).toMatchObject({ status: "at-risk", actual: 150, method: "standing" });
    expect(result.reason).toBe("2025 (Aug-Sep, year to date) value 150 rank misses target <= 148 rank; the full-year value decides; 2024 value 147 rank met it");
  });

  it("passes when the last full year and the year to date both meet it", () => {
    expect(judged([rank("2024", 147), rank("2025-09", 140)])).toMatchObject({ status: "pass", actual: 140 });
  });

  it("is on course, with the missed year listed, when a missed year is followed by a good year to date", () => {
    expect(judged([rank("2024", 152), rank("2025-09", 140)])).toMatchObject({ status: "on-track", earlierMisses: ["2024"] });
  });

  it("judges a single month's value as the year to date, never as a finished year", () => {
    expect(judged([rank("2025-09", 151)])).toMatchObject({ status: "at-risk", period: "2025 (Sep, year to date)" });
  });

  it("is decided by the full year once the year is over, and never by an unfinished past year", () => {
    expect(judged([rank("2024", 151)])).toMatchObject({ status: "fail", period: "2024" });
    expect(judged([rank("2024-06", 140)])).toMatchObject({ status: "no-data" });
  });
});
