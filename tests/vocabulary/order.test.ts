import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareText } from "../../src/vocabulary/order.js";

describe("compareText (#11: locale never changes an order)", () => {
  it("orders by code unit, not by the locale's collation", () => {
    // localeCompare puts a before B in most locales and orders 中 and 郑 by pinyin in zh_CN.
    expect(["b.csv", "郑州.csv", "a.csv", "B.csv", "中原.csv"].sort(compareText)).toEqual(["B.csv", "a.csv", "b.csv", "中原.csv", "郑州.csv"]);
  });

  it("is a total order that agrees with equality", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), fc.string({ unit: "grapheme" }), (a, b) => {
        expect(Math.sign(compareText(a, b)) + Math.sign(compareText(b, a))).toBe(0);
        expect(compareText(a, b) === 0).toBe(a === b);
      }),
    );
  });
});
