import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { evaluate, normaliseTaskId } from "../../src/engine/evaluate.js";
import { worst } from "../../src/engine/status.js";
import type { DataSet, Observation } from "../../src/kinds/observation.js";
import type { TargetResult } from "../../src/engine/types.js";
import { miniLookup, obs } from "../helpers/plan.js";

const lookup = miniLookup();

function run(observations: Observation[], asOf?: string, options: Parameters<typeof evaluate>[2] = {}) {
  const data: DataSet = { observations, issues: [], files: [] };
  return evaluate(lookup, data, { ...(asOf ? { asOf } : {}), ...options });
}

function result(observations: Observation[], target: string, area: string, asOf?: string, options: Parameters<typeof evaluate>[2] = {}): TargetResult {
  const found = run(observations, asOf, options).results.find((candidate) => candidate.target === target && candidate.area === area);
  if (!found) throw new Error(`no result for ${target} ${area}`);
  return found;
}

const months = (year: number, values: number[], area = "410100", indicator = "pm25-annual-mean") =>
  values.map((value, index) => obs(indicator, area, `${year}-${String(index + 1).padStart(2, "0")}`, value));

describe("annual statistics", () => {
  it("passes or fails on the deadline year's full value once the deadline has passed", () => {
    expect(result([obs("pm25-annual-mean", "410100", "2025", 39.6)], "goals-pm25", "410100", "2026-01-31")).toMatchObject({ status: "pass", actual: 39.6, method: "annual-value", period: "2025" });
    const failed = result([obs("pm25-annual-mean", "410100", "2025", 41.2)], "goals-pm25", "410100", "2026-01-31");
    expect(failed).toMatchObject({ status: "fail", expected: 40 });
    expect(failed.gap).toBeCloseTo(-1.2);
    expect(failed.reason).toBe("2025 value 41.2 ug/m3 misses target <= 40 ug/m3");
  });

  it("never judges a partial year as if it were the year", () => {
    const partial = result(months(2025, [38, 38, 38]), "goals-pm25", "410100", "2026-01-31");
    expect(partial.status).toBe("no-data");
    expect(partial.reason).toContain("Jan-Mar, 3 of 12 months");
  });

  it("assembles a full year from twelve day-weighted months", () => {
    const year = months(2025, [50, 50, 50, 50, 50, 30, 30, 30, 30, 30, 30, 30]);
    const judged = result(year, "goals-pm25", "410100", "2026-01-01");
    // 151 days at 50 and 214 days at 30: (151*50 + 214*30) / 365 = 38.27
    expect(judged.actual).toBeCloseTo(38.27, 2);
    expect(judged.status).toBe("pass");
  });

  it("projects the deadline year by the same-period method", () => {
    const data = [obs("pm25-annual-mean", "410100", "2024", 44), ...months(2024, [60, 50, 40]), ...months(2025, [54, 45, 36])];
    const onTrack = result(data, "goals-pm25", "410100", "2025-03-31");
    expect(onTrack).toMatchObject({ status: "on-track", method: "same-period" });
    expect(onTrack.projected).toBeCloseTo(39.6);
    expect(onTrack.reason).toContain("Jan-Mar 2025 is 10% below Jan-Mar 2024");

    const worse = [obs("pm25-annual-mean", "410100", "2024", 44), ...months(2024, [60, 50, 40]), ...months(2025, [58, 48, 39])];
    const atRisk = result(worse, "goals-pm25", "410100", "2025-03-31");
    expect(atRisk.status).toBe("at-risk");
    expect(atRisk.projected).toBeCloseTo(44 * (145 * 1 / 150), 0);
  });

  it("passes when the latest full year already meets the target and nothing newer contradicts it", () => {
    expect(result([obs("pm25-annual-mean", "410100", "2024", 38)], "goals-pm25", "410100", "2024-12-31").status).toBe("pass");
  });

  it("falls back to the linear path when last year's months are missing", () => {
    const data = [obs("pm25-annual-mean", "410102", "2022", 50), obs("pm25-annual-mean", "410102", "2023", 47)];
    const judged = result(data, "goals-pm25", "410102", "2023-12-31");
    // Path from 50 (2022) to 40 (2025-12-31): about 46.7 expected at the end of 2023; 47 is within 10% of the distance.
    expect(judged).toMatchObject({ status: "on-track", method: "linear-path" });
    const behind = result([obs("pm25-annual-mean", "410102", "2022", 50), obs("pm25-annual-mean", "410102", "2023", 49)], "goals-pm25", "410102", "2023-12-31");
    expect(behind.status).toBe("at-risk");
  });

  it("reports the year-to-date value, not the last month, for a partial year off the path", () => {
    // No 2024 months, so no same-period projection: the Jan-Mar 2025 mean goes on the linear path.
    const data = [obs("pm25-annual-mean", "410102", "2022", 50), ...months(2025, [60, 50, 40], "410102")];
    const judged = result(data, "goals-pm25", "410102", "2025-03-31");
    expect(judged.method).toBe("linear-path");
    // (31*60 + 28*50 + 31*40) / 90
    expect(judged.actual).toBeCloseTo(50.0, 1);
    expect(judged.gap).toBeCloseTo(40 - judged.actual!, 6);
  });

  it("says no-data for an area without observations", () => {
    expect(result([], "goals-pm25", "410103", "2025-06-30")).toMatchObject({ status: "no-data" });
  });
});

describe("standing requirements", () => {
  it("lets the latest month decide and lists earlier misses", () => {
    const data = [obs("dust-fall", "410100", "2025-01", 7.5), obs("dust-fall", "410100", "2025-02", 6.1), obs("dust-fall", "410100", "2025-03", 6.8)];
    const judged = result(data, "t01-dust", "410100");
    expect(judged).toMatchObject({ status: "pass", period: "2025-03", earlierMisses: ["2025-01"] });
    const missed = result([...data, obs("dust-fall", "410100", "2025-04", 7.2)], "t01-dust", "410100");
    expect(missed).toMatchObject({ status: "fail", actual: 7.2, method: "standing" });
  });
});

describe("cumulative quantities", () => {
  it("passes when the latest value reaches the target", () => {
    expect(result([obs("capacity", "410100", "2025-06", 480)], "t01-capacity", "410100").status).toBe("pass");
  });

  it("is on-track or at-risk by the linear path from the first value", () => {
    const onPath = [obs("capacity", "410100", "2023-12", 300), obs("capacity", "410100", "2024-12", 400)];
    expect(result(onPath, "t01-capacity", "410100")).toMatchObject({ status: "on-track", method: "linear-path" });
    const offPath = [obs("capacity", "410100", "2023-12", 300), obs("capacity", "410100", "2024-12", 320)];
    expect(result(offPath, "t01-capacity", "410100")).toMatchObject({ status: "at-risk", method: "linear-path" });
  });

  it("fails when the deadline passed short of the target", () => {
    const data = [obs("capacity", "410100", "2025-12", 450), obs("capacity", "410100", "2026-02", 480)];
    const judged = result(data, "t01-capacity", "410100", "2026-02-28");
    expect(judged.status).toBe("fail");
    expect(judged.reason).toContain("met later, in 2026-02");
  });

  it("is at-risk with a reason when one value is all there is", () => {
    const judged = result([obs("capacity", "410100", "2024-12", 400)], "t01-capacity", "410100");
    expect(judged.status).toBe("at-risk");
    expect(judged.reason).toContain("too little data");
  });
});

describe("milestones", () => {
  const target = "t01-plan";
  it.each([
    ["done before the deadline", [obs("plan-done", "410102", "2023-11-20", 1)], "2024-06-30", "pass"],
    ["done after the deadline", [obs("plan-done", "410102", "2024-02-01", 1)], "2024-06-30", "fail"],
    ["not done and the deadline passed", [obs("plan-done", "410102", "2023-12", 0)], "2024-01-31", "fail"],
    ["not done, deadline far ahead", [obs("plan-done", "410102", "2023-03", 0)], "2023-03-31", "on-track"],
    ["not done, deadline within 90 days", [obs("plan-done", "410102", "2023-10", 0)], "2023-10-31", "at-risk"],
    ["nothing reported", [], "2024-01-31", "no-data"],
  ] as const)("%s", (_name, data, asOf, status) => {
    expect(result([...data], target, "410102", asOf).status).toBe(status);
  });
});

describe("relative targets", () => {
  it("judges the change against a baseline taken from the data", () => {
    const judged = result([obs("freight-share", "410100", "2022", 30), obs("freight-share", "410100", "2025", 19.5)], "t01-freight", "410100", "2026-01-31");
    expect(judged).toMatchObject({ status: "pass", expected: 20, baseline: { period: "2022", value: 30 } });
    expect(judged.reason).toContain("2022 baseline 30 -10 percentage-points");
  });

  it("is no-data without its baseline", () => {
    const judged = result([obs("freight-share", "410100", "2025", 19.5)], "t01-freight", "410100", "2026-01-31");
    expect(judged.status).toBe("no-data");
    expect(judged.reason).toContain("2022 baseline value is missing");
  });
});

describe("基本 readings", () => {
  it("applies the plan's reading and shows it", () => {
    const judged = result([obs("nev-share", "410100", "2025-06", 96)], "t01-nev", "410100");
    expect(judged).toMatchObject({ status: "pass", expected: 95, basically: { value: 95 } });
  });

  it("can be overridden for all targets or one", () => {
    const data = [obs("nev-share", "410100", "2025-06", 96)];
    expect(result(data, "t01-nev", "410100", undefined, { basically: { all: 98 } }).expected).toBe(98);
    expect(result(data, "t01-nev", "410100", undefined, { basically: { byTarget: { "t01-nev": 90 } } })).toMatchObject({ expected: 90, status: "pass" });
  });
});

describe("report", () => {
  it("defaults as-of to the end of the latest period in the data", () => {
    expect(run([obs("dust-fall", "410100", "2025-02", 6)]).asOf).toBe("2025-02-28");
  });

  it("does not use rows after the as-of date, and says so", () => {
    const report = run([obs("dust-fall", "410100", "2025-02", 6), obs("dust-fall", "410100", "2025-04", 9)], "2025-03-15");
    expect(report.results.find((item) => item.target === "t01-dust")?.status).toBe("pass");
    expect(report.issues.filter((issue) => issue.code !== "gap-in-series")).toEqual([expect.objectContaining({ code: "after-as-of", severity: "warning" })]);
  });

  it("rolls up the worst status per task and area", () => {
    const report = run([obs("plan-done", "410102", "2024-02-01", 1), obs("dust-fall", "410100", "2025-03", 5)], "2025-03-31");
    expect(report.byTaskArea.t01?.["410102"]).toBe("fail");
    expect(report.byTask.t01).toBe("fail");
    expect(report.byArea["410102"]).toBe("fail");
    expect(report.summary.fail).toBeGreaterThan(0);
  });

  it("filters by task and area", () => {
    const report = run([], "2025-01-01", { tasks: ["t01"], areas: ["410102"] });
    expect(new Set(report.results.map((item) => `${item.task}/${item.area}`))).toEqual(new Set(["t01/410102"]));
  });

  it("does not depend on the order of the observations", () => {
    const data = [obs("pm25-annual-mean", "410100", "2024", 44), ...months(2024, [60, 50, 40]), ...months(2025, [54, 45, 36]), obs("dust-fall", "410100", "2025-01", 8), obs("dust-fall", "410100", "2025-02", 6), obs("capacity", "410100", "2024-12", 400), obs("capacity", "410100", "2023-12", 300)];
    const expected = JSON.stringify(run(data));
    fc.assert(
      fc.property(fc.shuffledSubarray(data, { minLength: data.length, maxLength: data.length }), (shuffled) => {
        expect(JSON.stringify(run(shuffled))).toBe(expected);
      }),
      { numRuns: 50 },
    );
  });

  it("never rates a value moved toward the target worse", () => {
    fc.assert(
      fc.property(fc.double({ min: 20, max: 80, noNaN: true }), fc.double({ min: 0, max: 10, noNaN: true }), (value, improvement) => {
        const before = result([obs("pm25-annual-mean", "410100", "2025", value)], "goals-pm25", "410100", "2026-01-31").status;
        const after = result([obs("pm25-annual-mean", "410100", "2025", value - improvement)], "goals-pm25", "410100", "2026-01-31").status;
        expect(worst([before, after])).toBe(before);
      }),
      { numRuns: 100 },
    );
  });
});

describe("normaliseTaskId", () => {
  it.each([["5", "t05"], ["t5", "t05"], ["T05", "t05"], ["goals", "goals"], ["0", "goals"], ["26", "t26"]])("%s is %s", (input, expected) => {
    expect(normaliseTaskId(input)).toBe(expected);
  });
});
