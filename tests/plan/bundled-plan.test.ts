import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { bundledPlanPath } from "../../src/cli/main.js";
import { convert } from "../../src/vocabulary/units.js";
import { planJsonSchema } from "../../src/plan/json-schema.js";
import { buildLookup } from "../../src/plan/lookup.js";
import { loadPlan } from "../../src/plan/load.js";

const text = readFileSync(bundledPlanPath, "utf8");
const plan = loadPlan(text, "plan/zhengzhou-2023-2025.yaml");
const lookup = buildLookup(plan);
// The plan's text sits beside the repository (../shared) on the team's machines and in CI.
const sourceUrl = new URL("../../../shared/plan-source/zhengzhou-2023-2025-action-plan.zh.txt", import.meta.url);
const source = existsSync(sourceUrl) ? readFileSync(sourceUrl, "utf8") : undefined;

describe("the bundled Zhengzhou plan", () => {
  it("validates", () => {
    expect(plan.id).toBe("zhengzhou-2023-2025");
    expect(plan.city).toBe("410100");
  });

  it("has the main goals and every task 1-26", () => {
    const ids = plan.tasks.map((task) => task.id);
    expect(ids).toEqual(["goals", ...Array.from({ length: 26 }, (_, index) => `t${String(index + 1).padStart(2, "0")}`)]);
    expect(plan.tasks.map((task) => task.number)).toEqual(Array.from({ length: 27 }, (_, index) => index));
  });

  it("encodes the headline numbers of the plan", () => {
    const byIndicator = (id: string) => lookup.targets.find((planned) => planned.indicator.id === id)?.target;
    expect(byIndicator("pm25-annual-mean")).toMatchObject({ operator: "<=", value: 40, deadline: "2025-12-31" });
    expect(byIndicator("good-day-ratio")).toMatchObject({ operator: ">=", value: 66.5 });
    expect(byIndicator("heavy-pollution-ratio")).toMatchObject({ operator: "<=", value: 1.2 });
    expect(byIndicator("sewage-collection-rate")).toMatchObject({ operator: ">=", value: 90 });
    expect(byIndicator("dust-fall")).toMatchObject({ operator: "<=", value: 7 });
    expect(byIndicator("dust-fall")?.deadline).toBeUndefined();
    expect(byIndicator("road-freight-share")?.baseline?.period).toBe("2022");
  });

  it("keeps the interim milestones of tasks 5, 6, 11, 12, 14 and 25", () => {
    for (const task of ["t05", "t06", "t11", "t12", "t14", "t25"]) {
      const interim = plan.tasks.find((candidate) => candidate.id === task)!.targets.filter((target) => target.deadline && target.deadline < "2025-01-01");
      expect(interim.length, task).toBeGreaterThan(0);
    }
  });

  it.skipIf(source === undefined)("quotes every target's source sentence from the plan text", () => {
    const squash = (value: string) => value.replace(/[\s，,。、；;：:（）()""“”]/g, "");
    const plain = squash(source!);
    for (const planned of lookup.targets) {
      expect(plain.includes(squash(planned.target.source)), planned.target.id).toBe(true);
    }
  });

  it("states a threshold convertible to the indicator's unit for every target", () => {
    for (const { target, indicator } of lookup.targets) {
      if (target.baseline) continue;
      expect(convert(target.value, target.unit, indicator.unit).ok, target.id).toBe(true);
    }
  });

  it("names the 12 county-level divisions and 4 functional zones", () => {
    expect(plan.areas.filter((area) => area.code !== plan.city)).toHaveLength(16);
    expect(lookup.findArea("荥阳")?.code).toBe("410182");
    expect(lookup.findArea("Xingyang")?.code).toBe("410182");
    expect(lookup.findArea("全市")?.code).toBe("410100");
  });

  it("ships a JSON Schema generated from the zod schema", () => {
    const committed = readFileSync(new URL("../../plan/plan.schema.json", import.meta.url), "utf8");
    expect(committed).toBe(planJsonSchema());
  });
});
