import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";
import type { Plan } from "../plan/schema.js";
import type { StationRegistry } from "../plan/stations.js";
import type { Io } from "./io.js";

/*
 * Loading a plan (YAML with positions, then zod) costs more than everything else a small check
 * does. The build therefore loads each bundled plan once and stores the result keyed by the
 * SHA-256 of its text (scripts/compile-plans.mjs); a plan whose text matches a stored one is taken
 * from there, and any other text, or a missing store (as under src/ in the tests), is loaded and
 * validated as usual. The same text always gives the same plan, so the output cannot differ.
 */

/** Beside the compiled plan modules: dist/plan/compiled-plans.json. */
export const compiledPlansPath = fileURLToPath(new URL("../plan/compiled-plans.json", import.meta.url));

export interface CompiledPlans {
  version: 1;
  plans: Record<string, Plan>;
  /** The station registries the plans name, by the SHA-256 of their text. */
  registries?: Record<string, StationRegistry>;
}

export function planTextKey(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** The stored plan for this exact text, if the build stored one. */
export async function compiledPlan(text: string, io: Io): Promise<Plan | undefined> {
  const store = await readStore(io);
  const key = planTextKey(text);
  return store && Object.hasOwn(store.plans, key) ? store.plans[key] : undefined;
}

/** The stored station registry for this exact text, if the build stored one. */
export async function compiledStationRegistry(text: string, io: Io): Promise<StationRegistry | undefined> {
  const registries = (await readStore(io))?.registries ?? {};
  const key = planTextKey(text);
  return Object.hasOwn(registries, key) ? registries[key] : undefined;
}

// A run asks for its plan and then its station registry: the store is read and parsed once per Io.
const stores = new WeakMap<Io, Promise<CompiledPlans | undefined>>();

function readStore(io: Io): Promise<CompiledPlans | undefined> {
  let store = stores.get(io);
  if (!store) {
    store = parseStore(io);
    stores.set(io, store);
  }
  return store;
}

async function parseStore(io: Io): Promise<CompiledPlans | undefined> {
  try {
    const store = JSON.parse(await io.readText(compiledPlansPath)) as CompiledPlans;
    return store.version === 1 ? store : undefined;
  } catch {
    return undefined;
  }
}
