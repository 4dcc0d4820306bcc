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

  describe("as the plan text says it (shared/reviews/plan-audit.md)", () => {
    const planned = (id: string) => {
      const found = lookup.targets.find((candidate) => candidate.target.id === id);
      if (!found) throw new Error(`no target ${id}`);
      return found;
    };
    const codes = (areas: readonly { code: string }[]) => areas.map((area) => area.code);

    it("binds the city alone where the text says 全市 or 郑州市建成区, and shows districts for comparison", () => {
      for (const id of ["goals-pm25", "goals-good-day-ratio", "goals-heavy-pollution-ratio", "t18-dust-fall", "t11-sewage-collection", "t17-rural-sewage"]) {
        expect(codes(planned(id).areas), id).toEqual(["410100"]);
        expect(planned(id).comparisonAreas.length, id).toBeGreaterThan(0);
      }
      // County-level cities' built-up areas are not 郑州市建成区: not even shown for comparison.
      expect(codes(planned("t11-sewage-collection").comparisonAreas)).not.toContain("410181");
    });

    it("judges task 12's 全市 outfall steps for the city and the four units the task names", () => {
      for (const { target, areas } of lookup.targets.filter((candidate) => candidate.task.id === "t12")) {
        expect(codes(areas), target.id).toEqual(["410100", "410181", "410182", "410106", "410108"]);
      }
    });

    it("names responsible units only where the plan does (section 二 names none)", () => {
      const goals = plan.tasks.find((task) => task.id === "goals")!;
      expect(goals.responsible).toEqual([]);
      expect(goals.responsibleAreas).toEqual([]);
    });

    it("judges no requirement twice for the same area", () => {
      const seen = new Map<string, string>();
      for (const { target, areas } of lookup.targets) {
        for (const area of areas) {
          const key = [target.indicator, area.code, target.operator, target.value, target.deadline ?? "standing"].join(" ");
          expect(seen.get(key), `${target.id} repeats ${seen.get(key)}`).toBeUndefined();
          seen.set(key, target.id);
        }
      }
      expect(plan.tasks.find((task) => task.id === "t15")!.targets).toEqual([]);
    });

    it("has the standing rules and steps the audit found missing", () => {
      expect(planned("t03-bulk-freight-rail-access").target).toMatchObject({ operator: ">=", value: 100, inForceFrom: plan.issued });
      expect(planned("t07-new-projects-ultra-low").target).toMatchObject({ operator: ">=", value: 100, inForceFrom: plan.issued });
      expect(planned("t04-geothermal-demonstration").target).toMatchObject({ value: 1000, unit: "万平方米" });
      expect(planned("t08-cluster-development-plan").indicator.period).toBe("milestone");
      expect(planned("t08-cluster-remediation-plans").indicator.period).toBe("milestone");
      expect(planned("t02-waste-transport-closed-container").target.value).toBe(100);
    });

    it("judges the air-quality rank on the annual (and year-to-date) ranking", () => {
      expect(planned("t01-air-rank").indicator).toMatchObject({ period: "annual", aggregation: "last" });
      expect(planned("t01-air-rank").target.deadline).toBeUndefined();
    });

    it("holds the NEV purchasing rule from the plan's issue, every year", () => {
      for (const id of ["t02-nev-share-new-bus", "t02-nev-share-new-sanitation", "t02-nev-share-new-taxi", "t02-nev-share-new-ride-hailing", "t02-nev-share-new-official-cars"]) {
        expect(planned(id).target.deadline, id).toBeUndefined();
        expect(planned(id).target.inForceFrom, id).toBe(plan.issued);
      }
    });

    it("gives a reason for every 基本 reading", () => {
      const readings = lookup.targets.filter(({ target }) => target.basically);
      expect(readings.length).toBeGreaterThan(10);
      for (const { target } of readings) expect(target.basically!.note, target.id).toMatch(/Reason/);
    });

    it("marks as interim only steps on the way to a later target", () => {
      for (const id of ["t05-small-chp-closure", "t05-heating-network-coal-phaseout", "t06-gas-producer-replacement", "t11-township-sewage-coverage", "t25-city-enforcement-equipment"]) {
        expect(planned(id).target.interim, id).toBe(false);
      }
      expect(planned("t12-outfall-tracing-all").target.interim).toBe(true);
    });

    it("fixes or decides every finding of the audit in the plan file", () => {
      const ids = [...Array.from({ length: 7 }, (_, i) => `W${i + 1}`), ...Array.from({ length: 5 }, (_, i) => `M${i + 1}`), ...Array.from({ length: 22 }, (_, i) => `D${i + 1}`)];
      for (const id of ids) expect(text, id).toMatch(new RegExp(`audit ${id}\\b`, "i"));
    });
  });

  it("ships a JSON Schema generated from the zod schema", () => {
    const committed = readFileSync(new URL("../../plan/plan.schema.json", import.meta.url), "utf8");
    expect(committed).toBe(planJsonSchema());
  });
});
