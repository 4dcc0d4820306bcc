import { buildLookup, type PlanLookup } from "../../src/plan/lookup.js";
import { loadPlan } from "../../src/plan/load.js";
import type { Observation } from "../../src/kinds/observation.js";
import { parsePeriod } from "../../src/vocabulary/period.js";

/** A small plan with one target of each kind, for engine and formatter tests. */
export const miniPlanYaml = `
id: mini-plan
title: 迷你计划
period: { start: 2023-01-01, end: 2025-12-31 }
city: "410100"
areas:
  - { code: "410100", name: 郑州市, pinyin: Zhengzhou, kind: city, aliases: [全市] }
  - { code: "410102", name: 中原区, pinyin: Zhongyuan, kind: district }
  - { code: "410103", name: 二七区, pinyin: Erqi, kind: district }
indicators:
  - { id: pm25-annual-mean, name: { zh: 细颗粒物年均浓度, en: PM2.5 annual mean }, unit: ug/m3, direction: lower-is-better, period: annual, projection: same-period, plausible: [0, 500] }
  - { id: dust-fall, name: { zh: 降尘量, en: dust fall }, unit: "t/(km2·month)", direction: lower-is-better, period: monthly, projection: none }
  - { id: capacity, name: { zh: 装机容量, en: capacity }, unit: 10k-kW, direction: higher-is-better, period: cumulative, aggregation: last }
  - { id: plan-done, name: { zh: 方案编制, en: plan compiled }, unit: done, direction: higher-is-better, period: milestone, projection: none }
  - { id: freight-share, name: { zh: 公路货运占比, en: road freight share }, unit: "%", direction: lower-is-better, period: annual }
  - { id: nev-share, name: { zh: 新能源占比, en: NEV share }, unit: "%", direction: higher-is-better, period: cumulative, aggregation: last }
tasks:
  - id: goals
    number: 0
    group: 目标
    groupTitle: 主要目标
    title: 主要目标
    targets:
      - { id: goals-pm25, indicator: pm25-annual-mean, operator: "<=", value: 40, unit: ug/m3, deadline: 2025-12-31, appliesTo: city+responsible, source: 细颗粒物浓度达到40微克/立方米 }
    responsibleAreas: all
  - id: t01
    number: 1
    group: 一
    groupTitle: 行动一
    title: 任务一
    responsibleAreas: ["410102"]
    targets:
      - { id: t01-dust, indicator: dust-fall, operator: "<=", value: 7, unit: "t/(km2·month)", appliesTo: city, source: 降尘量不得高于7吨 }
      - { id: t01-capacity, indicator: capacity, operator: ">=", value: 476.9, unit: 万千瓦, deadline: 2025-12-31, source: 装机容量累计达到476.9万千瓦 }
      - { id: t01-plan, indicator: plan-done, operator: ">=", value: 1, unit: done, deadline: 2023-12-31, interim: true, appliesTo: responsible, source: 完成方案编制 }
      - { id: t01-freight, indicator: freight-share, operator: "<=", value: -10, unit: percentage-points, deadline: 2025-12-31, baseline: { period: "2022" }, source: 公路货物周转量占比较2022年下降10个百分点 }
      - { id: t01-nev, indicator: nev-share, operator: ">=", value: 100, unit: "%", deadline: 2025-12-31, basically: { value: 95, note: 基本 read as 95% }, source: 基本实现新能源化 }
`;

export function miniLookup(): PlanLookup {
  return buildLookup(loadPlan(miniPlanYaml, "mini.yaml"));
}

/** An observation from a compact spec, for tests. */
export function obs(indicator: string, area: string, period: string, value: number, line = 1): Observation {
  const parsed = parsePeriod(period);
  if (!parsed.ok) throw new Error(parsed.reason);
  return { indicator, area, period: parsed.period, value, unit: "", origin: { file: "test.csv", line, column: 4 } };
}
