import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compiledPlan, compiledPlansPath, planTextKey } from "../../src/cli/compiled-plans.js";
import { bundledPlanPath } from "../../src/cli/options.js";
import { loadPlan } from "../../src/plan/load.js";
import { captureIo } from "../helpers/io.js";

const bundledText = readFileSync(bundledPlanPath, "utf8");

/** An Io whose only file is a store holding the bundled plan under `key`. */
function storeIo(key: string, plan: unknown) {
  const io = captureIo();
  return { ...io, readText: async (path: string) => (path === compiledPlansPath ? JSON.stringify({ version: 1, plans: { [key]: plan } }) : io.readText(path)) };
}

describe("compiled plans", () => {
  it("store a plan as JSON without losing anything", () => {
    const plan = loadPlan(bundledText, "plan.yaml");
    expect(JSON.parse(JSON.stringify(plan))).toStrictEqual(plan);
  });

  it("give the stored plan for the exact text it was compiled from", async () => {
    const plan = loadPlan(bundledText, "plan.yaml");
    expect(await compiledPlan(bundledText, storeIo(planTextKey(bundledText), plan))).toStrictEqual(plan);
  });

  it("give nothing for any other text, so that text is loaded and validated", async () => {
    const plan = loadPlan(bundledText, "plan.yaml");
    expect(await compiledPlan(`${bundledText}\n# edited`, storeIo(planTextKey(bundledText), plan))).toBeUndefined();
  });

  it("give nothing when no store was built", async () => {
    const io = { ...captureIo(), readText: async () => Promise.reject(Object.assign(new Error("missing"), { code: "ENOENT" })) };
    expect(await compiledPlan(bundledText, io)).toBeUndefined();
  });
});
