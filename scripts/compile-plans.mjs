#!/usr/bin/env node
// Part of the build: loads every bundled plan (plan/*.yaml) with the just-built loader and stores
// the validated plans in dist/plan/compiled-plans.json, keyed by the SHA-256 of their text, so the
// CLI starts without parsing YAML or loading zod when it is given one of them (see
// src/cli/compiled-plans.ts). A plan that does not load is left out: the CLI then loads it itself
// and reports its problems.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { compiledPlansPath, planTextKey } from "../dist/cli/compiled-plans.js";
import { loadPlan } from "../dist/plan/load.js";
import { loadStationRegistry } from "../dist/plan/stations.js";

const planDir = fileURLToPath(new URL("../plan/", import.meta.url));
const plans = {};
// The station registries the plans name (`stations`), stored the same way, keyed by their text.
const registries = {};
for (const name of readdirSync(planDir).filter((file) => file.endsWith(".yaml")).sort()) {
  const text = readFileSync(join(planDir, name), "utf8");
  try {
    const plan = loadPlan(text, name);
    plans[planTextKey(text)] = plan;
    if (plan.stations) {
      const registryText = readFileSync(resolve(planDir, plan.stations), "utf8");
      registries[planTextKey(registryText)] = loadStationRegistry(registryText, plan.stations);
    }
  } catch {
    // Reported when the plan is used.
  }
}
writeFileSync(compiledPlansPath, `${JSON.stringify({ version: 1, plans, registries })}\n`);
