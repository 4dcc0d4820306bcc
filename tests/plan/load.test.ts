import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { formatIssue, PlanError, ZzError } from "../../src/vocabulary/issues.js";
import { loadPlan, maxTargets } from "../../src/plan/load.js";

/** A small valid plan; the line numbers in the tests below refer to it. */
const base = `id: test-plan
title: Test plan
period:
  start: 2023-01-01
  end: 2025-12-31
city: "410100"
areas:
  - code: "410100"
    name: 郑州市
    pinyin: Zhengzhou
    kind: city
  - code: "410102"
    name: 中原区
    pinyin: Zhongyuan
    kind: district
indicators:
  - id: pm25-annual-mean
    name: { zh: 细颗粒物年均浓度, en: PM2.5 annual mean }
    unit: ug/m3
    direction: lower-is-better
    period: annual
    plausible: [0, 500]
tasks:
  - id: goals
    number: 0
    group: 目标
    groupTitle: 主要目标
    title: 主要目标
    targets:
      - id: goals-pm25
        indicator: pm25-annual-mean
        operator: "<="
        value: 40
        unit: ug/m3
        deadline: 2025-12-31
        source: 到2025年,PM2.5年均浓度达到40微克/立方米
`;

/** base with line n (1-based) replaced by text, which may hold several lines. */
function withLine(n: number, text: string, plan = base): string {
  const lines = plan.split("\n");
  lines[n - 1] = text;
  return lines.join("\n");
}

/** The problems loadPlan reports, as "line:column  code  message"; fails the test if it loads. */
function problems(text: string): string[] {
  try {
    loadPlan(text, "plan.yaml");
  } catch (error) {
    expect(error).toBeInstanceOf(PlanError);
    return (error as PlanError).issues.map((issue) => formatIssue(issue).replace(/^plan\.yaml:/, ""));
  }
  throw new Error("the plan loaded, but problems were expected");
}

describe("loadPlan: valid plans", () => {
  it("loads the small plan", () => {
    const plan = loadPlan(base, "plan.yaml");
    expect(plan.tasks[0]?.targets[0]?.deadline).toBe("2025-12-31");
    expect(plan.areas.map((area) => area.code)).toEqual(["410100", "410102"]);
  });

  it("loads it with CRLF line ends and a BOM", () => {
    expect(loadPlan(`\uFEFF${base.replace(/\n/g, "\r\n")}`, "plan.yaml").id).toBe("test-plan");
  });

  it("loads the bundled plan", () => {
    const file = fileURLToPath(new URL("../../plan/zhengzhou-2023-2025.yaml", import.meta.url));
    const plan = loadPlan(readFileSync(file, "utf8"), file);
    expect(plan.indicators.map((indicator) => indicator.id)).toEqual(expect.arrayContaining(["pm25-annual-mean", "good-day-ratio", "dust-fall"]));
  });

  it("allows a few anchors and aliases for honest reuse", () => {
    const text = withLine(19, "    unit: &concentration ug/m3").replace("        unit: ug/m3", "        unit: *concentration");
    expect(loadPlan(text, "plan.yaml").tasks[0]?.targets[0]?.unit).toBe("ug/m3");
  });
});

describe("loadPlan: YAML problems", () => {
  it("rejects a billion-laughs document by its alias count, at the first alias", () => {
    const levels = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"];
    for (let level = 1; level < 12; level += 1) {
      const previous = String.fromCharCode(96 + level);
      const name = String.fromCharCode(97 + level);
      levels.push(`${name}: &${name} [${Array.from({ length: 9 }, () => `*${previous}`).join(", ")}]`);
    }
    expect(problems(levels.join("\n"))).toEqual([
      '2:8  plan-yaml-aliases  the anchors and aliases (&name, *name) expand too much: at most 1000 alias expansions are allowed, a guard against "billion laughs" documents',
    ]);
  });

  it("rejects a doubling chain of aliases the same way", () => {
    const lines = ["x0: &x0 [a, b]"];
    for (let level = 1; level <= 80; level += 1) lines.push(`x${level}: &x${level} [*x${level - 1}, *x${level - 1}]`);
    const error = (() => {
      try {
        loadPlan(lines.join("\n"), "plan.yaml");
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(PlanError);
    expect((error as PlanError).code).toBe("plan-yaml-aliases");
  });

  it("rejects an alias to an anchor that is never set, at the alias", () => {
    expect(problems(withLine(19, "    unit: *nowhere"))).toEqual(["19:11  plan-yaml-syntax  Unresolved alias (the anchor must be set before the alias): nowhere"]);
  });

  it("names a duplicate key at its second appearance", () => {
    expect(problems(withLine(2, "title: Test plan\ntitle: Again"))).toEqual(['3:1  plan-duplicate-key  duplicate key "title": a key may appear only once in a mapping']);
    expect(problems(withLine(33, '        value: 40\n        "value": 41'))).toEqual(['34:9  plan-duplicate-key  duplicate key "value": a key may appear only once in a mapping']);
  });

  it("reports tabs used for indentation once per line, at the tab", () => {
    expect(problems(withLine(4, "\tstart: 2023-01-01"))).toEqual(["4:1  plan-yaml-syntax  a tab is used for indentation; YAML indents with spaces only"]);
  });

  it("reports a syntax error where the parser finds it", () => {
    expect(problems(withLine(22, "    plausible: [0, 500"))).toEqual(["23:1  plan-yaml-syntax  Flow sequence in block collection must be sufficiently indented and end with a ]"]);
  });

  it("refuses a second document, tags and keys that are lists", () => {
    expect(problems(`${base}---\nid: other\n`)).toEqual(["37:1  plan-yaml-syntax  the file holds more than one YAML document (a second ---); a plan is one document"]);
    expect(problems(withLine(2, "title: !secret Test plan"))).toEqual(["2:8  plan-yaml-syntax  Unresolved tag: !secret: a plan uses no YAML tags (!name)"]);
    expect(problems(withLine(2, "? [a, b]\n: x"))).toEqual(["2:3  plan-yaml-syntax  a key is a list or a mapping; keys in a plan are plain names"]);
  });

  it("rejects nesting far beyond a plan's needs, whether or not the parser copes", () => {
    expect(problems(`x: ${"[".repeat(70)}${"]".repeat(70)}\n`)).toEqual(["1:67  plan-too-deep  lists and mappings are nested more than 64 levels deep; a plan needs far fewer"]);
    const error = (() => {
      try {
        loadPlan(`x: ${"[".repeat(20_000)}${"]".repeat(20_000)}\n`, "plan.yaml");
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(PlanError);
    expect((error as PlanError).code).toBe("plan-too-deep");
  });

  it("reports an empty file or a file that is not a mapping", () => {
    expect(problems("")).toEqual(["1:1  plan-invalid  (plan): the plan is empty: expected a mapping with id, title, period, areas, indicators and tasks"]);
    expect(problems("42\n")).toEqual(["1:1  plan-invalid  (plan): expected object, got the number 42"]);
    expect(problems("- a\n- b\n")).toEqual(["1:1  plan-invalid  (plan): expected object, got a list"]);
  });

  it("keeps __proto__ keys as data, reporting them as unknown", () => {
    expect(problems(`__proto__: { polluted: true }\n${base}`)).toEqual(['1:1  plan-unknown-key  (plan): unknown key "__proto__"']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("loadPlan: schema problems", () => {
  it("says what type was found, at the value", () => {
    expect(problems(withLine(33, "        value: forty"))).toEqual(['33:16  plan-invalid  tasks[0].targets[0].value: expected number, got the text "forty"']);
    expect(problems(withLine(25, "    number: [0]"))).toEqual(["25:13  plan-invalid  tasks[0].number: expected number, got a list"]);
  });

  it("reports a missing key at the mapping that lacks it", () => {
    expect(problems(withLine(34, ""))).toEqual(["30:9  plan-invalid  tasks[0].targets[0].unit: missing"]);
  });

  it("reports a deadline that is not a date once, saying what a date looks like", () => {
    expect(problems(withLine(35, "        deadline: 2025-13-01"))).toEqual(["35:19  plan-invalid  tasks[0].targets[0].deadline: not a real calendar date"]);
    expect(problems(withLine(35, "        deadline: soon"))).toEqual(["35:19  plan-invalid  tasks[0].targets[0].deadline: expected a date written YYYY-MM-DD"]);
    expect(problems(withLine(35, "        deadline: 20251231"))).toEqual(["35:19  plan-invalid  tasks[0].targets[0].deadline: expected a date written YYYY-MM-DD, got the number 20251231"]);
  });

  it("suggests the intended spelling of an unknown key, at the key", () => {
    expect(problems(withLine(2, "titel: Test plan"))).toEqual(["1:1  plan-invalid  title: missing", '2:1  plan-unknown-key  (plan): unknown key "titel" (did you mean "title"?)']);
    expect(problems(withLine(35, "        dedline: 2025-12-31"))).toEqual(['35:9  plan-unknown-key  tasks[0].targets[0]: unknown key "dedline" (did you mean "deadline"?)']);
  });

  it("suggests the intended value of an enumeration", () => {
    expect(problems(withLine(20, "    direction: lower-better"))).toEqual([
      '20:16  plan-invalid  indicators[0].direction: expected one of "lower-is-better", "higher-is-better", got the text "lower-better" (did you mean "lower-is-better"?)',
    ]);
  });

  it("lists every problem, in file order", () => {
    const text = withLine(33, "        value: forty", withLine(20, "    direction: sideways", withLine(4, "  start: 2023-02-30")));
    expect(problems(text)).toEqual([
      "4:10  plan-invalid  period.start: not a real calendar date",
      '20:16  plan-invalid  indicators[0].direction: expected one of "lower-is-better", "higher-is-better", got the text "sideways"',
      '33:16  plan-invalid  tasks[0].targets[0].value: expected number, got the text "forty"',
    ]);
  });
});

describe("loadPlan: cross-references", () => {
  it("suggests the declared indicator for an unknown one", () => {
    expect(problems(withLine(31, "        indicator: pm25-anual-mean"))).toEqual([
      '31:20  plan-unknown-indicator  indicator "pm25-anual-mean" is not declared (did you mean "pm25-annual-mean"?)',
    ]);
  });

  it("reports duplicate ids at the second declaration", () => {
    const twoTargets = withLine(36, "        source: x\n      - id: goals-pm25\n        indicator: pm25-annual-mean\n        operator: \"<=\"\n        value: 35\n        unit: ug/m3\n        source: y");
    expect(problems(twoTargets)).toEqual(['37:13  plan-duplicate-id  target "goals-pm25" is declared twice']);
    expect(problems(withLine(12, '  - code: "410100"'))).toEqual(['12:11  plan-duplicate-id  area code "410100" is declared twice']);
    expect(problems(withLine(17, "  - id: pm25-annual-mean\n    name: { zh: 细颗粒物, en: PM2.5 }\n    unit: ug/m3\n    direction: lower-is-better\n    period: annual\n  - id: pm25-annual-mean"))).toEqual([
      '22:9  plan-duplicate-id  indicator "pm25-annual-mean" is declared twice',
    ]);
  });

  it("reports a deadline outside the plan period", () => {
    expect(problems(withLine(35, "        deadline: 2026-06-30"))).toEqual([
      "35:19  plan-deadline-outside-period  deadline 2026-06-30 lies outside the plan period 2023-01-01..2025-12-31",
    ]);
  });

  it("reports a unit that does not fit the indicator, and an unknown one", () => {
    expect(problems(withLine(34, "        unit: 万千瓦"))).toEqual(['34:15  plan-unit-mismatch  unit "万千瓦" does not fit indicator "pm25-annual-mean" (ug/m3)']);
    // The target's unit is not compared with an indicator unit that is itself unknown.
    expect(problems(withLine(19, "    unit: furlongs"))).toEqual(['19:11  plan-unknown-unit  unknown unit "furlongs"']);
  });

  it("reports a city that is not an area", () => {
    expect(problems(withLine(6, 'city: "419999"'))).toEqual(['6:7  plan-unknown-area  city "419999" is not among the declared areas']);
  });

  it("reads comparison areas and a standing rule's in-force date, and checks both", () => {
    const plan = loadPlan(`${withLine(35, "        inForceFrom: 2023-10-16")}        comparison: all\n`, "plan.yaml");
    expect(plan.tasks[0]?.targets[0]).toMatchObject({ comparison: "all", inForceFrom: "2023-10-16" });
    expect(problems(`${base}        comparison: ["410102", "419999"]\n`)).toEqual(['37:32  plan-unknown-area  area "419999" is not declared']);
    expect(problems(`${base}        inForceFrom: 2023-10-16\n`)).toEqual(["37:22  plan-invalid  inForceFrom is for standing requirements; a target with a deadline is judged on its deadline"]);
    expect(problems(`${base}        comparison: everyone\n`)[0]).toMatch(/^37:21  plan-invalid  tasks\[0\]\.targets\[0\]\.comparison: /);
  });

  it("reports an indicator alias that another indicator already uses", () => {
    const text = withLine(21, "    period: annual\n    aliases: [PM2.5]").replace("indicators:\n", "indicators:\n  - { id: pm10, name: { zh: 可吸入颗粒物, en: PM10 }, unit: ug/m3, direction: lower-is-better, period: annual, aliases: [PM2.5] }\n");
    expect(problems(text)).toEqual(['18:5  plan-ambiguous-alias  indicator name "PM2.5" is used by both pm10 and pm25-annual-mean']);
  });
});

describe("loadPlan: errors are PlanErrors", () => {
  it("throws a ZzError whose code is the first problem's", () => {
    try {
      loadPlan(withLine(31, "        indicator: nope"), "plan.yaml");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ZzError);
      expect((error as ZzError).code).toBe("plan-unknown-indicator");
      expect((error as ZzError).message).toBe("plan.yaml: 1 problem(s) in the plan");
    }
  });
});

describe("loadPlan: limits (#11)", () => {
  it("rejects a threshold no value of the indicator can take, at the value", () => {
    expect(problems(withLine(33, "        value: 4000"))).toEqual([
      "33:16  plan-implausible-threshold  tasks[0].targets[0].value: 4000 ug/m3 lies outside what pm25-annual-mean can be (0 to 500 ug/m3); check the number and its unit",
    ]);
    // The range is in the indicator's unit: 40 mg/m3 is 40,000 ug/m3, and 0.035 mg/m3 is 35 ug/m3.
    expect(problems(withLine(34, "        unit: mg/m3"))[0]).toMatch(/^34:15|^33:16  plan-implausible-threshold  .*40 mg\/m3 lies outside/);
    expect(loadPlan(withLine(33, "        value: 0.035\n        unit: mg/m3", withLine(34, "")), "plan.yaml").tasks[0]?.targets[0]?.value).toBe(0.035);
  });

  it("uses what the unit allows when the indicator states no range: a share of 250 %, a negative count", () => {
    const indicators = `  - { id: nev-share, name: { zh: 新能源占比, en: NEV share }, unit: "%", direction: higher-is-better, period: cumulative }
  - { id: sites, name: { zh: 站点数, en: sites }, unit: count, direction: higher-is-better, period: cumulative }
`;
    const plan = `${base.replace("tasks:\n", `${indicators}tasks:\n`)}      - { id: nev, indicator: nev-share, operator: ">=", value: 250, unit: "%", source: x }
      - { id: nev-ratio, indicator: nev-share, operator: ">=", value: 0.5, unit: ratio, source: x }
      - { id: sites, indicator: sites, operator: ">=", value: -3, unit: count, source: x }
`;
    expect(problems(plan)).toEqual([
      "39:65  plan-implausible-threshold  tasks[0].targets[1].value: 250 % lies outside what nev-share can be (0 to 100 %); check the number and its unit",
      "41:63  plan-implausible-threshold  tasks[0].targets[3].value: -3 count lies outside what sites can be (at least 0 count); check the number and its unit",
    ]);
  });

  it("checks a 基本 reading too, but not a change against a baseline", () => {
    expect(problems(`${base}        basically: { value: 900, note: 基本 }\n`)).toEqual([
      "37:29  plan-implausible-threshold  tasks[0].targets[0].basically.value: 900 ug/m3 lies outside what pm25-annual-mean can be (0 to 500 ug/m3); check the number and its unit",
    ]);
    // A fall of 10 ug/m3 against 2022 is a change, not a level: it may be negative.
    expect(loadPlan(`${withLine(33, "        value: -10")}        baseline: { period: "2022" }\n`, "plan.yaml").tasks[0]?.targets[0]?.value).toBe(-10);
  });

  it("refuses a plan with more targets than a plan may hold before parsing it", () => {
    const many = Array.from({ length: maxTargets + 1 }, (_, index) => `      - { id: t${index}, indicator: pm25-annual-mean, operator: "<=", value: 40, unit: ug/m3, source: x }`).join("\n");
    expect(problems(`${base}${many}\n`)).toEqual([`1:1  plan-too-many-targets  the plan holds ${maxTargets + 2} targets, more than the ${maxTargets} a plan may hold`]);
  });
});
