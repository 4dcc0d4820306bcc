import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BucketSlab, HourBucket } from "../../src/kinds/air/station-days.js";

/** Slots 0-143 hold values, 144-167 lines, 168-191 packed file and mask (file + 2^32 × mask). */
const slot = fc.oneof(
  fc.record({ index: fc.integer({ min: 0, max: 143 }), value: fc.oneof(fc.double(), fc.integer({ min: 0, max: 99999 }).map((n) => n / 100), fc.constantFrom(0, 35, 0.86, 1.005, Number.NaN, -0, 1e-9, 2 ** 40)) }),
  fc.record({ index: fc.integer({ min: 144, max: 167 }), value: fc.oneof(fc.integer({ min: 0, max: 10_000_000 }), fc.constant(2 ** 33)) }),
  fc.record({ index: fc.integer({ min: 168, max: 191 }), value: fc.tuple(fc.integer({ min: 0, max: 2 ** 21 - 2 }), fc.integer({ min: 0, max: 127 })).map(([file, mask]) => file + 2 ** 32 * mask) }),
);

describe("HourBucket", () => {
  it("gives back exactly what was set, in any order, before and after it widens", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), slot), { maxLength: 80 }), (writes) => {
        // Four days sharing slabs of three: writes to one day never show in another.
        const slab = new BucketSlab(3);
        const buckets = [new HourBucket(slab), new HourBucket(slab), new HourBucket(slab), new HourBucket(slab)];
        const expected = buckets.map(() => new Map<number, number>());
        for (const [which, { index, value }] of writes) {
          buckets[which]!.set(index, value);
          expected[which]!.set(index, value);
        }
        for (const [day, bucket] of buckets.entries()) {
          for (let at = 0; at < 192; at++) {
            const wanted = expected[day]!.get(at) ?? (at < 144 ? Number.NaN : 0);
            expect(Object.is(bucket.get(at), wanted) || (Number.isNaN(wanted) && Number.isNaN(bucket.get(at)))).toBe(true);
          }
        }
      }),
      { numRuns: 250 },
    );
  });

  it("starts with no values, no lines and no files", () => {
    const bucket = new HourBucket();
    expect(Number.isNaN(bucket.get(0))).toBe(true);
    expect(bucket.get(144)).toBe(0);
    expect(bucket.get(168)).toBe(0);
  });
});
