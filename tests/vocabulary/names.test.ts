import { describe, expect, it } from "vitest";
import { matchColumns, nameKey, yesNoReader } from "../../src/vocabulary/names.js";

describe("nameKey", () => {
  it.each([
    ["鄭州市", "郑州市"],
    ["Ｚｈｅｎｇｄｏｎｇ", "zhengdong"],
    [" 中原　区 ", "中原区"],
  ])("reads %s as %s", (name, key) => {
    expect(nameKey(name)).toBe(key);
  });
});

describe("yesNoReader", () => {
  const read = yesNoReader({ yes: ["国控"], no: ["省控"] });
  it.each([
    ["是", true],
    ["YES", true],
    ["√", true],
    ["国控", true],
    ["否", false],
    ["N", false],
    ["省控", false],
  ])("reads %s as %s", (text, value) => {
    expect(read(text)).toBe(value);
  });

  it("reads neither a column's own words elsewhere nor anything else", () => {
    expect(yesNoReader()("国控")).toBeUndefined();
    expect(read("maybe")).toBeUndefined();
    expect(read("")).toBeUndefined();
  });
});

describe("matchColumns", () => {
  it("takes the first header that names a column", () => {
    expect(matchColumns(["数值", "Value", "区县"], { value: ["value", "数值"], area: ["area", "区县"] })).toEqual(
      new Map([
        ["value", "数值"],
        ["area", "区县"],
      ]),
    );
  });
});
