import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  annualMeanValidity,
  dailyMeanFromHours,
  goodDayRatio,
  heavyPollutionRatio,
  o3EightHourMeans,
  o3Max8h,
  percentile,
} from "../../src/standards/air-statistics.js";

function hours(valid: number, value = 40): (number | undefined)[] {
  return Array.from({ length: 24 }, (_, hour) => (hour < valid ? value : undefined));
}

describe("dailyMeanFromHours", () => {
  it("needs 20 valid hours", () => {
    expect(dailyMeanFromHours(hours(20))).toBe(40);
    expect(dailyMeanFromHours(hours(19))).toBeUndefined();
    expect(dailyMeanFromHours(hours(24))).toBe(40);
  });

  it("averages the valid hours only", () => {
    const day = [...Array.from({ length: 20 }, (_, hour) => hour + 1), undefined, undefined, undefined, undefined];
    expect(dailyMeanFromHours(day)).toBe(10.5);
  });

  it("treats NaN and null as missing", () => {
    const day: (number | undefined)[] = hours(20);
    day[0] = Number.NaN;
    expect(dailyMeanFromHours(day)).toBeUndefined();
    const withNull = hours(19) as (number | undefined | null)[];
    withNull[23] = null;
    expect(dailyMeanFromHours(withNull as (number | undefined)[])).toBeUndefined();
  });

  it("rejects more than 24 hours", () => {
    expect(() => dailyMeanFromHours(Array.from({ length: 25 }, () => 1))).toThrow(RangeError);
  });
});

describe("o3EightHourMeans and o3Max8h", () => {
  it("has 17 windows, ending at hours 8 to 24", () => {
    const rising = Array.from({ length: 24 }, (_, hour) => hour * 10);
    const windows = o3EightHourMeans(rising);
    expect(windows).toHaveLength(17);
    expect(windows[0]).toBe(35); // hours 0-7: 0..70
    expect(windows[16]).toBe(195); // hours 16-23: 160..230
    expect(o3Max8h(rising)).toBe(195);
  });

  it("finds a peak in the first and in the last window of the day", () => {
    const early = Array.from({ length: 24 }, (_, hour) => (hour < 8 ? 200 : 50));
    expect(o3Max8h(early)).toBe(200);
    const late = Array.from({ length: 24 }, (_, hour) => (hour >= 16 ? 200 : 50));
    expect(o3Max8h(late)).toBe(200);
  });

  it("needs 6 valid hours in a window", () => {
    expect(o3Max8h(hours(6, 100))).toBe(100);
    expect(o3Max8h(hours(5, 100))).toBeUndefined();
    const sixValid = o3EightHourMeans(hours(6, 100));
    expect(sixValid[0]).toBe(100);
    expect(sixValid[1]).toBeUndefined(); // hours 1-8 hold only 5 valid values
  });

  it("averages the valid hours of a window", () => {
    const day: (number | undefined)[] = [100, 100, 100, 100, 100, 160, undefined, undefined, ...Array.from({ length: 16 }, () => undefined)];
    expect(o3Max8h(day)).toBe(110);
  });

  it("skips invalid windows but keeps the valid ones", () => {
    const dayWith = (missing: readonly number[]) =>
      Array.from({ length: 24 }, (_, hour) => (missing.includes(hour) ? undefined : hour >= 16 ? 300 : 100));
    const twoMissing = o3EightHourMeans(dayWith([10, 11]));
    expect(twoMissing.every((mean) => mean !== undefined)).toBe(true);
    const threeMissing = o3EightHourMeans(dayWith([10, 11, 12]));
    // Windows ending at hours 13 to 18 (indices 5-10) contain all three gaps.
    expect(threeMissing.map((mean, index) => (mean === undefined ? index : -1)).filter((index) => index >= 0)).toEqual([5, 6, 7, 8, 9, 10]);
    expect(o3Max8h(dayWith([10, 11, 12]))).toBe(300);
    const gap = Array.from({ length: 24 }, (_, hour) => (hour >= 4 && hour < 20 ? undefined : 80));
    expect(o3Max8h(gap)).toBeUndefined();
  });

  it("rejects more than 24 hours", () => {
    expect(() => o3Max8h(Array.from({ length: 25 }, () => 1))).toThrow(RangeError);
  });

  it("is the maximum of the valid windows and at most the largest hour", () => {
    const hour = fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined, freq: 4 });
    fc.assert(
      fc.property(fc.array(hour, { minLength: 24, maxLength: 24 }), (day) => {
        const windows = o3EightHourMeans(day).filter((mean): mean is number => mean !== undefined);
        const max = o3Max8h(day);
        if (windows.length === 0) expect(max).toBeUndefined();
        else {
          expect(max).toBe(Math.max(...windows));
          expect(max).toBeLessThanOrEqual(Math.max(...day.filter((value): value is number => value !== undefined)));
        }
      }),
    );
  });
});

function datesOf(year: number, daysPerMonth: readonly number[]): string[] {
  return daysPerMonth.flatMap((count, index) =>
    Array.from({ length: count }, (_, day) => `${year}-${String(index + 1).padStart(2, "0")}-${String(day + 1).padStart(2, "0")}`),
  );
}

describe("annualMeanValidity", () => {
  const minimalMonths = [27, 25, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27]; // 322 days, every month just enough

  it("accepts a full year", () => {
    const result = annualMeanValidity(datesOf(2023, [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]));
    expect(result).toEqual({ valid: true, validDays: 365, requiredDays: 324, monthsShort: [] });
  });

  it("needs 324 days even when every month has enough", () => {
    const with324 = [...minimalMonths];
    with324[0] = 29;
    expect(annualMeanValidity(datesOf(2023, with324))).toMatchObject({ valid: true, validDays: 324 });
    const with323 = [...minimalMonths];
    with323[0] = 28;
    expect(annualMeanValidity(datesOf(2023, with323))).toEqual({ valid: false, validDays: 323, requiredDays: 324, monthsShort: [] });
  });

  it("needs 27 days in a month", () => {
    const months = [31, 28, 26, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    const result = annualMeanValidity(datesOf(2023, months));
    expect(result.validDays).toBeGreaterThanOrEqual(324);
    expect(result.valid).toBe(false);
    expect(result.monthsShort).toEqual([{ month: 3, days: 26, required: 27 }]);
    months[2] = 27;
    expect(annualMeanValidity(datesOf(2023, months)).valid).toBe(true);
  });

  it("needs 25 days in February", () => {
    const months = [31, 24, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    expect(annualMeanValidity(datesOf(2024, months)).monthsShort).toEqual([{ month: 2, days: 24, required: 25 }]);
    months[1] = 25;
    expect(annualMeanValidity(datesOf(2024, months))).toMatchObject({ valid: true, monthsShort: [] });
  });

  it("lists every month that falls short, and counts a repeated date once", () => {
    const dates = datesOf(2023, [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 10]);
    const result = annualMeanValidity([...dates, "2023-01-01", "2023-01-02"]);
    expect(result.validDays).toBe(dates.length);
    expect(result.monthsShort).toEqual([{ month: 12, days: 10, required: 27 }]);
    expect(annualMeanValidity([]).monthsShort).toHaveLength(12);
  });

  it("rejects dates of several years and malformed dates", () => {
    expect(() => annualMeanValidity(["2023-12-31", "2024-01-01"])).toThrow(RangeError);
    expect(() => annualMeanValidity(["2023-02-29"])).toThrow(RangeError);
  });
});

describe("percentile (HJ 663 Appendix A)", () => {
  it("reproduces the worked example: {3,4,8,2,5,4}, P90 = 6.5", () => {
    expect(percentile([3, 4, 8, 2, 5, 4], 90)).toBe(6.5);
  });

  it("is the minimum at p = 0 and the maximum at p = 100", () => {
    expect(percentile([3, 4, 8, 2, 5, 4], 0)).toBe(2);
    expect(percentile([3, 4, 8, 2, 5, 4], 100)).toBe(8);
  });

  it("takes X(k) when k is whole", () => {
    // n = 11, p = 90: k = 1 + 10 × 0.9 = 10.
    expect(percentile([10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110], 90)).toBe(100);
  });

  it("interpolates like R type 7", () => {
    const oneToTen = Array.from({ length: 10 }, (_, i) => i + 1);
    expect(percentile(oneToTen, 95)).toBeCloseTo(9.55, 12);
    expect(percentile(oneToTen, 50)).toBe(5.5);
    expect(percentile(oneToTen, 98)).toBeCloseTo(9.82, 12);
  });

  it("does not reorder its input", () => {
    const values = [3, 1, 2];
    percentile(values, 50);
    expect(values).toEqual([3, 1, 2]);
  });

  it("handles a single value, no value, and bad p", () => {
    expect(percentile([42], 95)).toBe(42);
    expect(percentile([], 95)).toBeUndefined();
    expect(percentile([Number.NaN], 95)).toBeUndefined();
    expect(() => percentile([1, 2], 101)).toThrow(RangeError);
    expect(() => percentile([1, 2], -1)).toThrow(RangeError);
  });

  it("lies between the minimum and the maximum and grows with p", () => {
    const values = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 60 });
    const p = fc.double({ min: 0, max: 100, noNaN: true });
    fc.assert(
      fc.property(values, p, p, (sample, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const atLow = percentile(sample, low) ?? Number.NaN;
        const atHigh = percentile(sample, high) ?? Number.NaN;
        expect(atLow).toBeGreaterThanOrEqual(Math.min(...sample));
        expect(atHigh).toBeLessThanOrEqual(Math.max(...sample));
        expect(atHigh).toBeGreaterThanOrEqual(atLow);
      }),
    );
  });
});

describe("goodDayRatio and heavyPollutionRatio", () => {
  it("reproduces the Wuzhong bulletin: 27 of 30 valid days = 90 %", () => {
    const aqis = [...Array.from({ length: 27 }, () => 80), 120, 160, 210, undefined];
    expect(goodDayRatio(aqis)).toEqual({ days: 27, validDays: 30, ratio: 0.9 });
  });

  it("reproduces the Naiman bulletin: 86 of 91 = 94.5 %", () => {
    const aqis = [...Array.from({ length: 86 }, () => 45), ...Array.from({ length: 5 }, () => 130)];
    const share = goodDayRatio(aqis);
    expect(share.days).toBe(86);
    expect(share.validDays).toBe(91);
    expect(Math.round((share.ratio ?? 0) * 1000) / 10).toBe(94.5);
  });

  it("counts AQI 100 as good and 101 not; AQI 200 as not heavy and 201 heavy", () => {
    expect(goodDayRatio([100, 101])).toEqual({ days: 1, validDays: 2, ratio: 0.5 });
    expect(heavyPollutionRatio([200, 201, 350, 50])).toEqual({ days: 2, validDays: 4, ratio: 0.5 });
  });

  it("drops days without a valid AQI from both counts", () => {
    expect(goodDayRatio([50, undefined, Number.NaN, 150])).toEqual({ days: 1, validDays: 2, ratio: 0.5 });
    expect(heavyPollutionRatio([undefined, 250])).toEqual({ days: 1, validDays: 1, ratio: 1 });
    expect(goodDayRatio([undefined]).ratio).toBeUndefined();
    expect(heavyPollutionRatio([]).ratio).toBeUndefined();
  });
});
