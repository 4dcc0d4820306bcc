import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HourBucket } from "../../src/kinds/air/station-days.js";

/** Slots 0-143 hold values, 144-167 lines, 168-191 packed file and mask (file + 2^32 × mask). */
const slot = fc.oneof(
  fc.record({ index: fc.integer({ min: 0, max: 143 }), value: fc.oneof(fc.double(), fc.integer({ min: 0, max: 99999 }).map((n) => n / 100), fc.constantFrom(0, 35, 0.86, 1.005, Number.NaN, -0, 1e-9, 2 ** 40)) }),
  fc.record({ index: fc.integer({ min: 144, max: 167 }), value: fc.oneof(fc.integer({ min: 0, max: 10_000_000 }), fc.constant(2 ** 33)) }),
  fc.record({ index: fc.integer({ min: 168, max: 191 }), value: fc.tuple(fc.integer({ min: 0, max: 2 ** 21 - 2 }), fc.integer({ min: 0, max: 127 })).map(([file, mask]) => file + 2 ** 32 * mask) }),
);

describe("HourBucket", () => {
  it("gives back exactly what was set, in any order, before and after it widens", () => {
    fc.assert(
      fc.property(fc.array(slot, { maxLength: 60 }), (writes) => {
        const bucket = new HourBucket();
        const expected = new Map<number, number>();
        for (const { index, value } of writes) {
          bucket.set(index, value);
          expected.set(index, value);
          for (const [at, wanted] of expected) expect(Object.is(bucket.get(at), wanted) || (Number.isNaN(wanted) && Number.isNaN(bucket.get(at)))).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("starts with no values, no lines and no files", () => {
    const bucket = new HourBucket();
    expect(Number.isNaN(bucket.get(0))).toBe(true);
    expect(bucket.get(144)).toBe(0);
    expect(bucket.get(168)).toBe(0);
  });
});
