import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  aqiBreakpoints,
  aqiCategory,
  aqiPollutants,
  dailyAqi,
  iaqi,
  rulesetForDate,
  type AirRuleset,
  type AqiPollutant,
  type DailyAirValues,
} from "../../src/standards/aqi.js";

describe("breakpoint tables", () => {
  // Typed again from reference.md 1.2 / 1.3 so a slip in either copy shows up.
  it("HJ 633-2012 Table 1", () => {
    expect(aqiBreakpoints["2012"]).toEqual({
      so2_24h: [0, 50, 150, 475, 800, 1600, 2100, 2620],
      so2_1h: [0, 150, 500, 650, 800],
      no2_24h: [0, 40, 80, 180, 280, 565, 750, 940],
      no2_1h: [0, 100, 200, 700, 1200, 2340, 3090, 3840],
      pm10_24h: [0, 50, 150, 250, 350, 420, 500, 600],
      co_24h: [0, 2, 4, 14, 24, 36, 48, 60],
      co_1h: [0, 5, 10, 35, 60, 90, 120, 150],
      o3_1h: [0, 160, 200, 300, 400, 800, 1000, 1200],
      o3_8h: [0, 100, 160, 215, 265, 800],
      pm25_24h: [0, 35, 75, 115, 150, 250, 350, 500],
    });
  });

  it("HJ 633-2026 Table 3 differs only in the PM10 and PM2.5 IAQI-100 breakpoints", () => {
    const changed = aqiPollutants.filter((p) => JSON.stringify(aqiBreakpoints["2026"][p]) !== JSON.stringify(aqiBreakpoints["2012"][p]));
    expect(changed.sort()).toEqual(["pm10_24h", "pm25_24h"]);
    expect(aqiBreakpoints["2026"].pm10_24h).toEqual([0, 50, 120, 250, 350, 420, 500, 600]);
    expect(aqiBreakpoints["2026"].pm25_24h).toEqual([0, 35, 60, 115, 150, 250, 350, 500]);
  });
});

describe("iaqi: reference test vectors (reference.md 1.8)", () => {
  it.each<[AqiPollutant, number, number, number]>([
    ["pm25_24h", 35, 50, 50],
    ["pm25_24h", 36, 52, 52],
    ["pm25_24h", 60, 82, 100],
    ["pm25_24h", 75, 100, 114],
    ["pm25_24h", 80, 107, 119],
    ["pm10_24h", 121, 86, 101],
    ["pm10_24h", 151, 101, 112],
    ["o3_8h", 161, 101, 101],
    ["o3_8h", 215, 150, 150],
    ["co_24h", 4.1, 101, 101],
  ])("%s = %d gives %d (2012) and %d (2026)", (pollutant, concentration, under2012, under2026) => {
    expect(iaqi(pollutant, concentration, "2012")).toBe(under2012);
    expect(iaqi(pollutant, concentration, "2026")).toBe(under2026);
  });

  it("SO2 1h above 800: 2012 defers to the 24h sub-index, 2026 scores 200", () => {
    expect(iaqi("so2_1h", 900, "2012")).toBeUndefined();
    expect(iaqi("so2_1h", 900, "2026")).toBe(200);
    expect(iaqi("so2_1h", 800, "2012")).toBe(200);
    expect(iaqi("so2_1h", 801, "2012")).toBeUndefined();
    expect(iaqi("so2_1h", 801, "2026")).toBe(200);
    // The test happens on the rounded value: 800.5 rounds to the even 800.
    expect(iaqi("so2_1h", 800.5, "2012")).toBe(200);
    expect(iaqi("so2_1h", 800.6, "2012")).toBeUndefined();
  });

  it("O3 8h above 800: 2012 defers to the O3 1h sub-index, 2026 scores 300", () => {
    expect(iaqi("o3_8h", 900, "2012")).toBeUndefined();
    expect(iaqi("o3_8h", 900, "2026")).toBe(300);
    expect(iaqi("o3_8h", 800, "2012")).toBe(300);
    expect(iaqi("o3_8h", 801, "2012")).toBeUndefined();
    expect(iaqi("o3_8h", 801, "2026")).toBe(300);
  });
});

describe("iaqi: every breakpoint and one step above it", () => {
  // [concentration, 2012, 2026]; each row computed by hand from the tables.
  const cases: Record<string, [AqiPollutant, [number, number | undefined, number | undefined][]]> = {
    "PM2.5": [
      "pm25_24h",
      [
        [0, 0, 0],
        [1, 2, 2],
        [35, 50, 50],
        [36, 52, 52],
        [60, 82, 100],
        [61, 83, 101],
        [75, 100, 114],
        [76, 102, 115],
        [115, 150, 150],
        [116, 152, 152],
        [150, 200, 200],
        [151, 201, 201],
        [250, 300, 300],
        [251, 301, 301],
        [350, 400, 400],
        [351, 401, 401],
        [500, 500, 500],
        [501, 500, 500],
        [2000, 500, 500],
      ],
    ],
    PM10: [
      "pm10_24h",
      [
        [0, 0, 0],
        [1, 1, 1],
        [50, 50, 50],
        [51, 51, 51],
        [120, 85, 100],
        [121, 86, 101],
        [150, 100, 112],
        [151, 101, 112],
        [250, 150, 150],
        [251, 151, 151],
        [350, 200, 200],
        [351, 202, 202],
        [420, 300, 300],
        [421, 302, 302],
        [500, 400, 400],
        [501, 401, 401],
        [600, 500, 500],
        [601, 500, 500],
      ],
    ],
    "O3 8h": [
      "o3_8h",
      [
        [0, 0, 0],
        [100, 50, 50],
        [101, 51, 51],
        [160, 100, 100],
        [161, 101, 101],
        [215, 150, 150],
        [216, 151, 151],
        [265, 200, 200],
        [266, 201, 201],
        [800, 300, 300],
        [801, undefined, 300],
      ],
    ],
    "CO 24h": [
      "co_24h",
      [
        [0, 0, 0],
        [2, 50, 50],
        [2.1, 53, 53],
        [4, 100, 100],
        [4.1, 101, 101],
        [14, 150, 150],
        [14.1, 151, 151],
        [24, 200, 200],
        [24.1, 201, 201],
        [36, 300, 300],
        [36.1, 301, 301],
        [48, 400, 400],
        [48.1, 401, 401],
        [60, 500, 500],
        [60.1, 500, 500],
      ],
    ],
  };

  for (const [name, [pollutant, rows]] of Object.entries(cases)) {
    it.each(rows)(`${name} %d gives %s (2012) and %s (2026)`, (concentration, under2012, under2026) => {
      expect(iaqi(pollutant, concentration, "2012")).toBe(under2012);
      expect(iaqi(pollutant, concentration, "2026")).toBe(under2026);
    });
  }

  it("scores the other rows too (spot checks by hand)", () => {
    expect(iaqi("so2_24h", 10, "2012")).toBe(10);
    expect(iaqi("so2_24h", 151, "2012")).toBe(101);
    expect(iaqi("no2_24h", 40, "2026")).toBe(50);
    expect(iaqi("no2_24h", 81, "2026")).toBe(101);
    expect(iaqi("no2_1h", 201, "2012")).toBe(101);
    expect(iaqi("co_1h", 10.1, "2012")).toBe(101);
    expect(iaqi("o3_1h", 250, "2012")).toBe(125);
    expect(iaqi("o3_1h", 1201, "2026")).toBe(500);
    expect(iaqi("so2_1h", 151, "2026")).toBe(51);
  });
});

describe("iaqi: concentrations are rounded by GB/T 8170 first", () => {
  it("PM2.5 60.5 rounds to 60 and 60.6 to 61 under the 2026 rules", () => {
    expect(iaqi("pm25_24h", 60.5, "2026")).toBe(100);
    expect(iaqi("pm25_24h", 60.6, "2026")).toBe(101);
    expect(iaqi("pm25_24h", 61.5, "2026")).toBe(102);
    expect(iaqi("pm25_24h", 60.5, "2012")).toBe(82);
    expect(iaqi("pm25_24h", 60.6, "2012")).toBe(83);
  });

  it("CO is rounded to 0.1 mg/m³", () => {
    expect(iaqi("co_24h", 4.05, "2012")).toBe(100);
    expect(iaqi("co_24h", 4.15, "2012")).toBe(101);
    expect(iaqi("co_24h", 4.06, "2012")).toBe(101);
  });

  it("uses integer arithmetic, so whole results get no spurious +1", () => {
    // Both sit exactly halfway along a segment (CO 1h 7.5 between 5 and 10, PM2.5 55 between 35 and 75).
    expect(iaqi("co_1h", 7.5, "2012")).toBe(75);
    expect(iaqi("pm25_24h", 55, "2012")).toBe(75);
  });

  it("rejects negative or non-finite concentrations", () => {
    expect(() => iaqi("pm25_24h", -1, "2012")).toThrow(RangeError);
    expect(() => iaqi("pm25_24h", Number.NaN, "2026")).toThrow(RangeError);
  });
});

describe("iaqi properties", () => {
  const ruleset = fc.constantFrom<AirRuleset>("2012", "2026");
  const pollutant = fc.constantFrom(...aqiPollutants);
  const concentration = fc.double({ min: 0, max: 5000, noNaN: true });

  it("raising a concentration never lowers its IAQI", () => {
    fc.assert(
      fc.property(pollutant, ruleset, concentration, concentration, (p, r, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const lowIndex = iaqi(p, low, r);
        const highIndex = iaqi(p, high, r);
        if (lowIndex !== undefined && highIndex !== undefined) expect(highIndex).toBeGreaterThanOrEqual(lowIndex);
      }),
    );
  });

  it("is an integer between 0 and 500, and is undefined only in the two 2012 cases", () => {
    fc.assert(
      fc.property(pollutant, ruleset, concentration, (p, r, c) => {
        const index = iaqi(p, c, r);
        if (index === undefined) {
          expect(r).toBe("2012");
          expect(["so2_1h", "o3_8h"]).toContain(p);
        } else {
          expect(Number.isInteger(index)).toBe(true);
          expect(index).toBeGreaterThanOrEqual(0);
          expect(index).toBeLessThanOrEqual(500);
        }
      }),
    );
  });
});

describe("aqiCategory", () => {
  it.each([
    [0, 1, "优"],
    [1, 1, "优"],
    [50, 1, "优"],
    [51, 2, "良"],
    [100, 2, "良"],
    [101, 3, "轻度污染"],
    [150, 3, "轻度污染"],
    [151, 4, "中度污染"],
    [200, 4, "中度污染"],
    [201, 5, "重度污染"],
    [300, 5, "重度污染"],
    [301, 6, "严重污染"],
    [500, 6, "严重污染"],
  ])("AQI %d is level %d (%s)", (aqi, level, zh) => {
    const category = aqiCategory(aqi);
    expect(category.level).toBe(level);
    expect(category.zh).toBe(zh);
    expect(category.en.length).toBeGreaterThan(0);
  });

  it("rejects impossible AQIs", () => {
    expect(() => aqiCategory(-1)).toThrow(RangeError);
    expect(() => aqiCategory(Number.NaN)).toThrow(RangeError);
  });
});

describe("dailyAqi", () => {
  const day: DailyAirValues = { pm25: 80, pm10: 121, so2: 10, no2: 40, co: 1.0, o3_8h: 100 };

  it("takes the maximum IAQI and names the primary pollutant", () => {
    const result = dailyAqi(day, "2012");
    expect(result.iaqi).toEqual({ pm25: 107, pm10: 86, so2: 10, no2: 50, co: 25, o3_8h: 50 });
    expect(result.aqi).toBe(107);
    expect(result.primaryPollutants).toEqual(["pm25"]);
    expect(result.category?.level).toBe(3);
    expect(result.ruleset).toBe("2012");
  });

  it("scores the same day higher under the 2026 rules", () => {
    const result = dailyAqi(day, "2026");
    expect(result.iaqi.pm25).toBe(119);
    expect(result.iaqi.pm10).toBe(101);
    expect(result.aqi).toBe(119);
  });

  it("lists every pollutant on a tie", () => {
    const result = dailyAqi({ pm25: 75, pm10: 150, no2: 20 }, "2012");
    expect(result.aqi).toBe(100);
    expect(result.primaryPollutants).toEqual(["pm25", "pm10"]);
  });

  it("names no primary pollutant at AQI 50 and one at AQI 51", () => {
    expect(dailyAqi({ pm25: 35, pm10: 50 }, "2026").primaryPollutants).toEqual([]);
    const justAbove = dailyAqi({ pm25: 35, pm10: 51 }, "2026");
    expect(justAbove.aqi).toBe(51);
    expect(justAbove.primaryPollutants).toEqual(["pm10"]);
  });

  it("counts the O3 1h maximum under the 2012 rules only", () => {
    const values: DailyAirValues = { pm25: 30, o3_8h: 150, o3_1h_max: 250 };
    const under2012 = dailyAqi(values, "2012");
    expect(under2012.iaqi).toEqual({ pm25: 43, o3_8h: 92, o3_1h_max: 125 });
    expect(under2012.aqi).toBe(125);
    expect(under2012.primaryPollutants).toEqual(["o3_1h_max"]);
    const under2026 = dailyAqi(values, "2026");
    expect(under2026.iaqi).toEqual({ pm25: 43, o3_8h: 92 });
    expect(under2026.aqi).toBe(92);
  });

  it("replaces a 2012 O3 8h above 800 by the O3 1h sub-index", () => {
    const under2012 = dailyAqi({ pm25: 50, o3_8h: 900, o3_1h_max: 1000 }, "2012");
    expect(under2012.iaqi.o3_8h).toBeUndefined();
    expect(under2012.aqi).toBe(400);
    expect(under2012.primaryPollutants).toEqual(["o3_1h_max"]);
    expect(dailyAqi({ pm25: 50, o3_8h: 900, o3_1h_max: 1000 }, "2026").aqi).toBe(300);
  });

  it("skips missing pollutants and has no AQI without any", () => {
    const partial = dailyAqi({ pm25: undefined, pm10: 200 }, "2012");
    expect(Object.keys(partial.iaqi)).toEqual(["pm10"]);
    expect(partial.aqi).toBe(125);
    const empty = dailyAqi({}, "2026");
    expect(empty.aqi).toBeUndefined();
    expect(empty.category).toBeUndefined();
    expect(empty.primaryPollutants).toEqual([]);
    expect(dailyAqi({ o3_1h_max: 300 }, "2026").aqi).toBeUndefined();
  });

  it("AQI is the maximum of the IAQIs, each scored as iaqi() scores it", () => {
    const concentration = (max: number) => fc.option(fc.double({ min: 0, max, noNaN: true }), { nil: undefined });
    const values = fc.record({
      pm25: concentration(600),
      pm10: concentration(700),
      so2: concentration(3000),
      no2: concentration(1000),
      co: concentration(70),
      o3_8h: concentration(900),
      o3_1h_max: concentration(1300),
    });
    const scoredAs = {
      pm25: "pm25_24h",
      pm10: "pm10_24h",
      so2: "so2_24h",
      no2: "no2_24h",
      co: "co_24h",
      o3_8h: "o3_8h",
      o3_1h_max: "o3_1h",
    } as const;
    fc.assert(
      fc.property(values, fc.constantFrom<AirRuleset>("2012", "2026"), (dayValues, ruleset) => {
        const result = dailyAqi(dayValues, ruleset);
        const indices = Object.values(result.iaqi);
        if (indices.length === 0) {
          expect(result.aqi).toBeUndefined();
          return;
        }
        expect(result.aqi).toBe(Math.max(...indices));
        for (const [pollutant, index] of Object.entries(result.iaqi)) {
          const key = pollutant as keyof typeof scoredAs;
          expect(index).toBe(iaqi(scoredAs[key], dayValues[key] ?? Number.NaN, ruleset));
        }
        for (const pollutant of result.primaryPollutants) expect(result.iaqi[pollutant]).toBe(result.aqi);
        if ((result.aqi ?? 0) <= 50) expect(result.primaryPollutants).toEqual([]);
      }),
    );
  });
});

describe("rulesetForDate", () => {
  it.each([
    ["2025-12-31", "2012"],
    ["2026-02-28", "2012"],
    ["2026-03-01", "2026"],
    ["2026-03-01T00:00:00+08:00", "2026"],
    ["2024-02-29", "2012"],
    ["2031-01-01", "2026"],
  ])("%s falls under the %s rules", (date, ruleset) => {
    expect(rulesetForDate(date)).toBe(ruleset);
  });

  it("rejects dates that are not YYYY-MM-DD calendar days", () => {
    expect(() => rulesetForDate("2026-02-30")).toThrow(RangeError);
    expect(() => rulesetForDate("2026/03/01")).toThrow(RangeError);
    expect(() => rulesetForDate("20260301")).toThrow(RangeError);
  });
});
