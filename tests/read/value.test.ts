import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseValue } from "../../src/vocabulary/value.js";

describe("parseValue: numbers as people type them", () => {
  it.each([
    ["38.5", 38.5, false],
    [" 38.5 ", 38.5, false],
    ["1,234.5", 1234.5, false],
    ["1，234", 1234, false],
    ["12,345,678", 12345678, false],
    ["３８．５", 38.5, false],
    ["－５", -5, false],
    ["＋5", 5, false],
    ["−5", -5, false],
    ["66.5%", 66.5, true],
    ["66.5 %", 66.5, true],
    ["６６．５％", 66.5, true],
    ["1,234.5%", 1234.5, true],
    [".5", 0.5, false],
    ["5.", 5, false],
    ["1e3", 1000, false],
    ["-0", 0, false],
    ["- 5", -5, false],
    ["　38.5　", 38.5, false],
  ] as const)("%j is %d", (raw, value, percentSign) => {
    expect(parseValue(raw)).toEqual({ kind: "number", value, percentSign });
  });

  it("keeps JSON numbers, but not NaN or Infinity, and turns -0 into 0", () => {
    expect(parseValue(40)).toEqual({ kind: "number", value: 40, percentSign: false });
    expect(parseValue(-0)).toEqual({ kind: "number", value: 0, percentSign: false });
    expect(parseValue(Number.NaN)).toMatchObject({ kind: "invalid" });
    expect(parseValue(Number.POSITIVE_INFINITY)).toMatchObject({ kind: "invalid", reason: "Infinity is not a finite number" });
  });

  it("marks yes/no words and booleans, so that only a milestone takes them", () => {
    expect(parseValue("完成")).toEqual({ kind: "number", value: 1, percentSign: false, word: true });
    expect(parseValue("未完成")).toEqual({ kind: "number", value: 0, percentSign: false, word: true });
    expect(parseValue(true)).toEqual({ kind: "number", value: 1, percentSign: false, word: true });
    expect(parseValue("Done")).toMatchObject({ value: 1, word: true });
  });
});

describe("parseValue: no value", () => {
  it.each(["", "   ", "NA", "n/a", "N/A", "NaN", "null", "-", "--", "—", "——", "/", "无", "暂无", "缺测", "#N/A"])("%j is missing", (raw) => {
    expect(parseValue(raw)).toEqual({ kind: "missing" });
  });

  it("reads null and undefined as missing", () => {
    expect(parseValue(null)).toEqual({ kind: "missing" });
    expect(parseValue(undefined)).toEqual({ kind: "missing" });
  });
});

describe("parseValue: not numbers, each with the reason", () => {
  it.each([
    ["40,5", /comma that is not a thousands separator/],
    ["1,23", /comma that is not a thousands separator/],
    ["12,34,567", /comma that is not a thousands separator/],
    ["38ug/m3", /text after the number; put the unit in a unit column/],
    ["38 微克", /text after the number/],
    ["<5", /a bound, not a value/],
    ["≤0.01", /a bound, not a value/],
    ["#DIV/0!", /spreadsheet formula error/],
    ["#REF!", /spreadsheet formula error/],
    ["Infinity", /is not a number/],
    ["0x10", /is not a number/],
    ["1.2.3", /is not a number/],
    ["1e400", /out of range/],
    ["abc", /"abc" is not a number/],
    ["3 5", /space inside the number/],
    ["4 0.5", /space inside the number/],
    ["1 234", /space inside the number/],
    ["３　５", /space inside the number/],
    ["3\u00a05", /space inside the number/],
    ["1, 234", /space inside the number/],
    ["66.5 5%", /space inside the number/],
  ] as const)("%j", (raw, reason) => {
    const parsed = parseValue(raw);
    expect(parsed.kind).toBe("invalid");
    expect(parsed.kind === "invalid" ? parsed.reason : "").toMatch(reason);
  });

  it("shortens a huge value in its message", () => {
    const parsed = parseValue("x".repeat(10_000));
    expect(parsed.kind === "invalid" ? parsed.reason.length : 0).toBeLessThan(80);
  });

  it("refuses nested JSON", () => {
    expect(parseValue({ nested: "object" })).toEqual({ kind: "invalid", reason: "a nested object or array is not a value" });
  });
});

describe("parseValue: a space between digits is never a number (#11)", () => {
  const digits = fc.stringMatching(/^[0-9]{1,4}(\.[0-9]{1,2})?$/);
  const space = fc.constantFrom(" ", "  ", "\t", "\u00a0", "\u3000", "\u2009");

  it("two numbers with any space between them are invalid", () => {
    fc.assert(
      fc.property(digits, space, digits, (left, gap, right) => {
        const parsed = parseValue(`${left}${gap}${right}`);
        expect(parsed.kind).toBe("invalid");
        expect(parsed.kind === "invalid" ? parsed.reason : "").toMatch(/space inside the number/);
      }),
    );
  });

  it("one number with surrounding spaces, thousands separators or full-width digits keeps its value", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999 }), space, fc.boolean(), (value, gap, fullWidth) => {
        let text = value.toLocaleString("en-US");
        if (fullWidth) text = text.replace(/[0-9]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) + 0xfee0));
        expect(parseValue(`${gap}${text}${gap}`)).toEqual({ kind: "number", value, percentSign: false });
      }),
    );
  });
});
