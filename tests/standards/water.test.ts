import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  assessedWaterParameters,
  findWaterParameter,
  meetsTarget,
  parameterClass,
  sectionClass,
  waterClassLabel,
  waterClassLimits,
  waterParameterNames,
  waterParameters,
  waterQualityGrade,
  type AssessedWaterParameter,
  type WaterBody,
  type WaterClass,
  type WaterParameter,
} from "../../src/standards/water.js";

// GB 3838-2002 Table 1 upper bounds, classes I-V, typed again from reference.md 5.1.
const upperBounds: Record<string, [WaterParameter, WaterBody, number[]]> = {
  CODMn: ["codmn", "river", [2, 4, 6, 10, 15]],
  COD: ["cod", "river", [15, 15, 20, 30, 40]],
  BOD5: ["bod5", "river", [3, 3, 4, 6, 10]],
  "NH3-N": ["nh3n", "river", [0.15, 0.5, 1.0, 1.5, 2.0]],
  "TP river": ["tp", "river", [0.02, 0.1, 0.2, 0.3, 0.4]],
  "TP lake": ["tp", "lake", [0.01, 0.025, 0.05, 0.1, 0.2]],
  "TN lake": ["tn", "lake", [0.2, 0.5, 1.0, 1.5, 2.0]],
  Cu: ["cu", "river", [0.01, 1.0, 1.0, 1.0, 1.0]],
  Zn: ["zn", "river", [0.05, 1.0, 1.0, 2.0, 2.0]],
  Fluoride: ["fluoride", "river", [1.0, 1.0, 1.0, 1.5, 1.5]],
  Se: ["se", "river", [0.01, 0.01, 0.01, 0.02, 0.02]],
  As: ["as", "river", [0.05, 0.05, 0.05, 0.1, 0.1]],
  Hg: ["hg", "river", [0.00005, 0.00005, 0.0001, 0.001, 0.001]],
  Cd: ["cd", "river", [0.001, 0.005, 0.005, 0.005, 0.01]],
  "Cr(VI)": ["cr6", "river", [0.01, 0.05, 0.05, 0.05, 0.1]],
  Pb: ["pb", "river", [0.01, 0.01, 0.05, 0.05, 0.1]],
  Cyanide: ["cyanide", "river", [0.005, 0.05, 0.2, 0.2, 0.2]],
  "Volatile phenol": ["volatile_phenol", "river", [0.002, 0.002, 0.005, 0.01, 0.1]],
  Petroleum: ["petroleum", "river", [0.05, 0.05, 0.05, 0.5, 1.0]],
  LAS: ["las", "river", [0.2, 0.2, 0.2, 0.3, 0.3]],
  Sulfide: ["sulfide", "river", [0.05, 0.1, 0.2, 0.5, 1.0]],
};

describe("parameterClass: upper-bound parameters at every limit", () => {
  for (const [name, [parameter, waterBody, limits]] of Object.entries(upperBounds)) {
    it(`${name} matches GB 3838-2002 Table 1`, () => {
      expect(waterClassLimits(parameter as Exclude<WaterParameter, "ph">, waterBody)).toEqual(limits);
    });

    it.each(limits.map((limit, index) => [index + 1, limit] as const))(`${name}: class %d limit %d`, (classNumber, limit) => {
      // At the limit: the best class that has this limit (classes can share a limit).
      const atLimit = limits.indexOf(limit) + 1;
      expect(atLimit).toBeLessThanOrEqual(classNumber);
      expect(parameterClass(parameter, limit, waterBody)).toBe(atLimit);
      // Just above: the next class with a larger limit, or 劣V past class V.
      const nextIndex = limits.findIndex((other) => other > limit);
      expect(parameterClass(parameter, limit * 1.001, waterBody)).toBe(nextIndex === -1 ? 6 : nextIndex + 1);
    });
  }

  it("spells out the shared-limit cases", () => {
    expect(parameterClass("cod", 15, "river")).toBe(1);
    expect(parameterClass("cod", 15.1, "river")).toBe(3);
    expect(parameterClass("cu", 0.5, "river")).toBe(2);
    expect(parameterClass("cu", 1.0, "river")).toBe(2);
    expect(parameterClass("cu", 1.01, "river")).toBe(6);
    expect(parameterClass("cyanide", 0.2, "river")).toBe(3);
    expect(parameterClass("cyanide", 0.21, "river")).toBe(6);
    expect(parameterClass("codmn", 0, "river")).toBe(1);
  });
});

describe("parameterClass: TP depends on the water body", () => {
  it.each([
    [0.02, 1, 2],
    [0.025, 2, 2],
    [0.05, 2, 3],
    [0.1, 2, 4],
    [0.2, 3, 5],
    [0.3, 4, 6],
    [0.4, 5, 6],
    [0.41, 6, 6],
  ])("TP %d: river class %d, lake class %d", (value, river, lake) => {
    expect(parameterClass("tp", value, "river")).toBe(river);
    expect(parameterClass("tp", value, "lake")).toBe(lake);
  });

  it("compares the decimal a period mean stands for", () => {
    // 0.1 + 0.2 = 0.30000000000000004 must still be class IV for a river, not V.
    expect(parameterClass("tp", 0.1 + 0.2, "river")).toBe(4);
  });

  it("has no TN class for rivers", () => {
    expect(() => parameterClass("tn", 1.0, "river")).toThrow(RangeError);
    expect(parameterClass("tn", 1.0, "lake")).toBe(3);
  });
});

describe("parameterClass: DO is a lower bound", () => {
  it.each([
    [8, 1],
    [7.5, 1],
    [7.49, 2],
    [6, 2],
    [5.99, 3],
    [5, 3],
    [4.99, 4],
    [3, 4],
    [2.99, 5],
    [2, 5],
    [1.99, 6],
    [0, 6],
  ])("DO %d mg/L is class %d", (value, expected) => {
    expect(parameterClass("do", value, "river")).toBe(expected);
    expect(parameterClass("do", value, "lake")).toBe(expected);
  });
});

describe("parameterClass: pH is a range", () => {
  it.each([
    [5.9, 6],
    [6, 1],
    [7.5, 1],
    [9, 1],
    [9.1, 6],
  ])("pH %d is class %d", (value, expected) => {
    expect(parameterClass("ph", value, "river")).toBe(expected);
  });

  it("rejects impossible values", () => {
    expect(() => parameterClass("nh3n", -0.1, "river")).toThrow(RangeError);
    expect(() => parameterClass("ph", Number.NaN, "river")).toThrow(RangeError);
  });
});

describe("sectionClass", () => {
  it("is the worst class and lists up to three main pollutants, worst class first, then by multiple", () => {
    const result = sectionClass({ ph: 7.5, do: 6.5, codmn: 5, nh3n: 1.8, tp: 0.35, cod: 25, bod5: 7 }, "river");
    expect(result.class).toBe(5);
    expect(result.parameterClasses).toEqual({ ph: 1, do: 2, codmn: 3, nh3n: 5, tp: 5, cod: 4, bod5: 5 });
    expect(result.mainPollutants.map((pollutant) => pollutant.parameter)).toEqual(["nh3n", "bod5", "tp"]);
    expect(result.mainPollutants[0]?.exceedanceMultiple).toBe(0.8); // (1.8 - 1.0) / 1.0
    expect(result.mainPollutants[1]?.exceedanceMultiple).toBe(0.75); // (7 - 4) / 4
    expect(result.mainPollutants[2]?.exceedanceMultiple).toBe(0.75); // (0.35 - 0.2) / 0.2
  });

  it("lists no main pollutants at class III or better", () => {
    const result = sectionClass({ ph: 7, do: 5, nh3n: 1.0, tp: 0.2 }, "river");
    expect(result.class).toBe(3);
    expect(result.mainPollutants).toEqual([]);
  });

  it("gives pH and DO no exceedance multiple and ranks them after measured multiples of their class", () => {
    const result = sectionClass({ ph: 5, do: 1, nh3n: 2.5 }, "river");
    expect(result.class).toBe(6);
    expect(result.mainPollutants).toEqual([
      { parameter: "nh3n", class: 6, exceedanceMultiple: 1.5 },
      { parameter: "ph", class: 6, exceedanceMultiple: undefined },
      { parameter: "do", class: 6, exceedanceMultiple: undefined },
    ]);
  });

  it("uses the lake TP limits for the multiple", () => {
    const result = sectionClass({ tp: 0.15 }, "lake");
    expect(result.class).toBe(5);
    expect(result.mainPollutants[0]?.exceedanceMultiple).toBe(2); // (0.15 - 0.05) / 0.05
  });

  it("reports lake TN beside the class without letting it count", () => {
    const lake = sectionClass({ tn: 2.5, nh3n: 0.4 }, "lake");
    expect(lake.class).toBe(2);
    expect(lake.referenceClasses).toEqual({ tn: 6 });
    expect(lake.mainPollutants).toEqual([]);
    const river = sectionClass({ tn: 2.5, nh3n: 0.4 }, "river");
    expect(river.class).toBe(2);
    expect(river.referenceClasses).toEqual({});
  });

  it("skips missing values and has no class without any", () => {
    expect(sectionClass({ nh3n: undefined, tp: 0.05 }, "river").parameterClasses).toEqual({ tp: 2 });
    expect(sectionClass({}, "river").class).toBeUndefined();
  });

  it("is never better than any parameter's class, and equals the worst", () => {
    const value = fc.option(fc.double({ min: 0, max: 50, noNaN: true }), { nil: undefined, freq: 3 });
    const means = fc.record(
      Object.fromEntries(assessedWaterParameters.map((parameter) => [parameter, value])) as Record<AssessedWaterParameter, typeof value>,
    );
    fc.assert(
      fc.property(means, fc.constantFrom<WaterBody>("river", "lake"), (sample, waterBody) => {
        const result = sectionClass(sample, waterBody);
        const classes = Object.entries(sample)
          .filter((entry): entry is [WaterParameter, number] => entry[1] !== undefined)
          .map(([parameter, mean]) => parameterClass(parameter, mean, waterBody));
        if (classes.length === 0) expect(result.class).toBeUndefined();
        else {
          for (const found of classes) expect(result.class).toBeGreaterThanOrEqual(found);
          expect(result.class).toBe(Math.max(...classes));
        }
        expect(result.mainPollutants.length).toBeLessThanOrEqual(3);
        for (const pollutant of result.mainPollutants) expect(pollutant.class).toBeGreaterThan(3);
      }),
    );
  });
});

describe("meetsTarget, labels and grades", () => {
  it("attains at the target class or better", () => {
    expect(meetsTarget(3, 3)).toBe(true);
    expect(meetsTarget(2, 3)).toBe(true);
    expect(meetsTarget(4, 3)).toBe(false);
    expect(meetsTarget(6, 5)).toBe(false);
  });

  it("labels the classes", () => {
    expect(([1, 2, 3, 4, 5, 6] as WaterClass[]).map(waterClassLabel)).toEqual(["I", "II", "III", "IV", "V", "劣V"]);
  });

  it("grades I-II as excellent and 劣V as heavy pollution", () => {
    expect(waterQualityGrade(2).zh).toBe("优");
    expect(waterQualityGrade(3).zh).toBe("良好");
    expect(waterQualityGrade(6).zh).toBe("重度污染");
  });
});

describe("parameter names", () => {
  it.each([
    ["pH", "ph"],
    ["溶解氧", "do"],
    ["DO", "do"],
    ["高锰酸盐指数", "codmn"],
    ["CODMn", "codmn"],
    ["化学需氧量", "cod"],
    ["COD", "cod"],
    ["五日生化需氧量", "bod5"],
    ["NH₃-N", "nh3n"],
    ["氨氮", "nh3n"],
    ["总磷", "tp"],
    ["总氮", "tn"],
    ["铜", "cu"],
    ["六价铬", "cr6"],
    [" Cr(Ⅵ) ", "cr6"],
    ["阴离子表面活性剂", "las"],
    ["ｐＨ", "ph"],
  ])("%s is %s", (header, parameter) => {
    expect(findWaterParameter(header)).toBe(parameter);
  });

  it("knows every parameter and maps no spelling to two parameters", () => {
    expect(Object.keys(waterParameterNames).sort()).toEqual([...waterParameters].sort());
    expect(waterParameters).toHaveLength(22);
    for (const parameter of waterParameters) {
      for (const name of waterParameterNames[parameter]) expect(findWaterParameter(name)).toBe(parameter);
    }
    expect(findWaterParameter("water temperature")).toBeUndefined();
  });
});
