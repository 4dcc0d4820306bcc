import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { bundledPlanPath } from "../../src/cli/options.js";
import { buildLookup } from "../../src/plan/lookup.js";
import { loadPlan } from "../../src/plan/load.js";

const lookup = buildLookup(loadPlan(readFileSync(bundledPlanPath, "utf8"), "plan/zhengzhou-2023-2025.yaml"));
const code = (name: string) => lookup.findArea(name)?.code;

describe("area names as the plan and ordinary usage write them", () => {
  it("accepts the plan's unit spellings", () => {
    expect(code("巩义市人民政府")).toBe("410181");
    expect(code("惠济区人民政府")).toBe("410108");
    expect(code("新郑市人民政府")).toBe("410184");
    expect(code("郑州经开区管委会")).toBe("410171");
    expect(code("郑州高新区")).toBe("410172");
    expect(code("郑州市人民政府")).toBe("410100");
  });

  it("accepts common spellings: 港区, a 郑州市 prefix, a bare stem", () => {
    expect(code("港区")).toBe("410173");
    expect(code("郑州市金水区")).toBe("410105");
    expect(code("郑州市中原区")).toBe("410102");
    expect(code("金水")).toBe("410105");
    expect(code("郑州市管城区")).toBe("410104");
    expect(code("郑州市郑东新区管委会")).toBe("zhengdong");
    expect(code("郑州市航空港区")).toBe("410173");
  });

  it("still rejects what names no area", () => {
    expect(code("开封市")).toBeUndefined();
    expect(code("郑州市开封区")).toBeUndefined();
    expect(code("人民政府")).toBeUndefined();
  });

  it("maps every name and alias of every area, and their unit and 郑州市 forms, to that area alone", () => {
    for (const area of lookup.plan.areas) {
      for (const name of [area.code, area.name, area.pinyin, ...area.aliases]) {
        expect(code(name), name).toBe(area.code);
        if (/[\u4e00-\u9fff]/.test(name) && area.code !== lookup.city.code) {
          for (const spelling of [`${name}人民政府`, `${name}管委会`, `郑州市${name.replace(/^郑州市?/, "")}`]) expect(code(spelling), spelling).toBe(area.code);
        }
      }
    }
  });
});

describe("did-you-mean for indicator names", () => {
  it("compares against the Chinese names and aliases, not only the ids", () => {
    expect(lookup.suggestIndicator("细颗粒物（PM2.5）浓度")).toBe(' (did you mean "细颗粒物(PM2.5)年均浓度", pm25-annual-mean?)');
    expect(lookup.suggestIndicator("优良天数比率")).toBe(' (did you mean "优良天数比例", good-day-ratio?)');
    expect(lookup.suggestIndicator("降尘量")).toBe(' (did you mean "平均降尘量", dust-fall?)');
    expect(lookup.suggestIndicator("pm25-anual-mean")).toBe(' (did you mean "pm25-annual-mean"?)');
    expect(lookup.suggestIndicator("完全无关的名字abc")).toBe("");
  });

  it("reads an alias as the indicator", () => {
    expect(lookup.findIndicator("PM2.5")?.id).toBe("pm25-annual-mean");
    expect(lookup.findIndicator("县级城市建成区黑臭水体消除比例")?.id).toBe("county-black-odorous-eliminated");
  });
});
