import { describe, expect, it } from "vitest";
import { catalogues, type Messages } from "../../src/report/messages.js";

/** Every leaf of a catalogue: strings as they are, functions called with sample arguments. */
function leaves(value: unknown, path: string, out: Map<string, string>): Map<string, string> {
  if (typeof value === "string") out.set(path, value);
  else if (typeof value === "function") {
    const sample = { results: 3, asOf: "2025-09-30", counts: "1", status: "x", count: 2, increase: true, amount: "1.5", unit: "u", deadline: "2025-12-31", ruleset: "2012", shown: 2, total: 5, areas: 1, of: 2, names: "a", days: 90, until: "2025-12-29", from: "2022", to: "40", errors: 1, warnings: 2, file: "f", done: "1", rows: "3", seconds: "1", previous: "2025-08-31", current: "2025-09-30", kind: "k", added: 3, removed: 1, hidden: 4, flag: "--verbose", first: 10, last: 12, months: "10-12", operator: "<=", value: "38.2", lastYear: "52", what: "w", share: "68.5", extreme: "e", year: "y" };
    // Each function takes one object or one number or string; call it both ways and keep what reads.
    const result = value.length === 0 ? value() : (() => { try { const text = value(sample); return typeof text === "string" && !text.includes("undefined") ? text : value(7); } catch { return value(7); } })();
    out.set(path, String(result));
  } else if (value && typeof value === "object") for (const [key, child] of Object.entries(value)) leaves(child, `${path}.${key}`, out);
  return out;
}

describe("message catalogue", () => {
  const zh = leaves(catalogues.zh, "", new Map());
  const en = leaves(catalogues.en, "", new Map());

  it("has the same keys in Chinese and English (units may differ: English keeps the plan's labels)", () => {
    const keys = (map: Map<string, string>) => [...map.keys()].filter((key) => !key.startsWith(".unit.")).sort();
    expect(keys(zh)).toEqual(keys(en));
  });

  it("has no empty message in either language", () => {
    for (const [key, text] of [...zh, ...en]) expect(text.trim(), key).not.toBe("");
  });

  it("writes every Chinese heading, status, column and method in Chinese", () => {
    const chinese = /[\u4e00-\u9fff]/;
    for (const [key, text] of zh) {
      if (/^\.(status|method|heading|column|gap|done|brief|diagnostics|matrixLegend|changes)\./.test(key)) expect(text, key).toMatch(chinese);
    }
  });

  it("keeps its keys typed: a catalogue missing a key does not compile", () => {
    // @ts-expect-error heading.summary is required
    const broken: Messages["heading"] = { ...catalogues.en.heading, summary: undefined };
    expect(broken).toBeDefined();
  });

  it("writes what the rest of the year must deliver the way the issue asks", () => {
    const { outlook } = catalogues.zh;
    expect(outlook.mean({ months: outlook.months({ first: 10, last: 12 }), operator: "≤", value: "38.2", unit: "微克/立方米", lastYear: "52" })).toBe("10-12月均值需 ≤ 38.2 微克/立方米（去年同期 52）");
    expect(outlook.atLeastDays({ days: 92, count: 63, what: outlook.dayWords.good, share: "68.5", lastYear: "58" })).toBe("剩余 92 天中需至少 63 天优良（68.5%；去年同期 58%）");
    expect(outlook.chance("18%")).toBe("达标概率 18%");
    expect(outlook.tooLittleHistory(3)).toBe("历史数据不足（需3年）");
  });

  it("writes a gap the way the issue asks", () => {
    expect(catalogues.zh.gap.change({ increase: false, amount: "4.82", unit: "微克/立方米", deadline: "2025-12-31" })).toBe("需降低 4.82 微克/立方米（截至 2025-12-31）");
    expect(catalogues.en.gap.change({ increase: true, amount: "1.5", unit: "percentage points" })).toBe("needs +1.5 percentage points");
  });
});
