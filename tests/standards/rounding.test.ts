import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ceilDiv, roundHalfEven, stripBinaryNoise } from "../../src/standards/rounding.js";

describe("roundHalfEven (GB/T 8170)", () => {
  it.each([
    [60.5, 0, 60],
    [61.5, 0, 62],
    [60.6, 0, 61],
    [60.4, 0, 60],
    [0.5, 0, 0],
    [1.5, 0, 2],
    [2.5, 0, 2],
    [0.15, 1, 0.2],
    [0.25, 1, 0.2],
    [0.35, 1, 0.4],
    [2.675, 2, 2.68],
    [2.665, 2, 2.66],
    [4.05, 1, 4.0],
    [4.15, 1, 4.2],
    [1.0501, 1, 1.1],
    [1250, -2, 1200],
    [1350, -2, 1400],
    [-2.5, 0, -2],
    [-3.5, 0, -4],
    [-0.15, 1, -0.2],
    [12.3, 3, 12.3],
  ])("rounds %d to %d places as %d", (value, decimals, expected) => {
    expect(roundHalfEven(value, decimals)).toBe(expected);
  });

  it("decides on the decimal the double stands for, not on its binary value", () => {
    // 0.1 + 0.2 is 0.30000000000000004 and 60.49999999999999 is noise around 60.5.
    expect(roundHalfEven(0.1 + 0.2 + 0.15, 1)).toBe(0.4);
    expect(roundHalfEven(60.49999999999999, 0)).toBe(60);
    expect(roundHalfEven(61.49999999999999, 0)).toBe(62);
    expect(roundHalfEven(1.0000000000000002 * 0.45, 1)).toBe(0.4);
  });

  it("never returns -0", () => {
    expect(Object.is(roundHalfEven(-0.4, 0), 0)).toBe(true);
  });

  it("passes non-finite values through and rejects fractional decimals", () => {
    expect(roundHalfEven(Number.NaN, 0)).toBeNaN();
    expect(roundHalfEven(Infinity, 1)).toBe(Infinity);
    expect(() => roundHalfEven(1.25, 0.5)).toThrow(RangeError);
  });

  it("handles numbers written in exponent form", () => {
    expect(roundHalfEven(1.5e-7, 7)).toBe(2e-7);
    expect(roundHalfEven(2.5e-7, 7)).toBe(2e-7);
    expect(roundHalfEven(1.5e21, 0)).toBe(1.5e21);
  });

  it("lands within half a unit of the last place, and a half is only ever rounded to even", () => {
    fc.assert(
      fc.property(fc.integer({ min: -10_000_000, max: 10_000_000 }), fc.integer({ min: 0, max: 4 }), (tenths, decimals) => {
        const value = tenths / 10;
        const rounded = roundHalfEven(value, decimals);
        const unit = 10 ** -decimals;
        expect(Math.abs(rounded - value)).toBeLessThanOrEqual(unit / 2 + 1e-9);
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: -100_000, max: 100_000 }), (whole) => {
        const rounded = roundHalfEven(whole + 0.5, 0);
        expect(Math.abs(rounded % 2)).toBe(0);
        expect([whole, whole + 1]).toContain(rounded);
      }),
    );
  });

  it("is monotone", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: -1e6, max: 1e6, noNaN: true }), (a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(roundHalfEven(low, 1)).toBeLessThanOrEqual(roundHalfEven(high, 1));
      }),
    );
  });
});

describe("stripBinaryNoise", () => {
  it("turns arithmetic noise back into the decimal", () => {
    expect(stripBinaryNoise(0.1 + 0.2)).toBe(0.3);
    expect(stripBinaryNoise(0.3 - 0.1)).toBe(0.2);
    expect(Object.is(stripBinaryNoise(-0), 0)).toBe(true);
  });

  it("keeps real digits", () => {
    expect(stripBinaryNoise(0.30001)).toBe(0.30001);
    expect(stripBinaryNoise(0.00005)).toBe(0.00005);
  });
});

describe("ceilDiv", () => {
  it.each([
    [7, 2, 4],
    [8, 2, 4],
    [0, 5, 0],
    [1, 40, 1],
    [-7, 2, -3],
    [7, -2, -3],
    [-7, -2, 4],
    [50, 40, 2],
  ])("ceil(%d / %d) = %d", (numerator, denominator, expected) => {
    expect(ceilDiv(numerator, denominator)).toBe(expected);
  });

  it("does not add one when floating-point division would leave noise", () => {
    // 2^53 - 1 over 2^53 - 2 is just above 1: a naive Math.ceil of the float quotient may say 1.
    expect(ceilDiv(2 ** 53 - 1, 2 ** 53 - 2)).toBe(2);
    expect(ceilDiv(3 * 1_000_003, 1_000_003)).toBe(3);
  });

  it("rejects non-integers and zero denominators", () => {
    expect(() => ceilDiv(1.5, 2)).toThrow(RangeError);
    expect(() => ceilDiv(1, 0)).toThrow(RangeError);
  });

  it("agrees with exact rational ceiling", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.integer({ min: 1, max: 10_000 }), (numerator, denominator) => {
        const result = ceilDiv(numerator, denominator);
        expect(result * denominator).toBeGreaterThanOrEqual(numerator);
        expect((result - 1) * denominator).toBeLessThan(numerator);
      }),
    );
  });
});
