import { readFileSync } from "node:fs";
import { evaluate } from "../../src/engine/evaluate.js";
import type { Report } from "../../src/engine/types.js";
import { readDataFiles } from "../../src/kinds/files.js";
import { bundledLookup } from "./raw.js";

const finished = ["air.csv", "water.csv", "sewage.csv", "other-indicators.csv", "vehicles.json"];

let cached: Promise<Report> | undefined;

/** The bundled plan judged on the sample data's finished files (not the slow raw air readings), as of 2025-09-30. */
export function fixtureReport(): Promise<Report> {
  cached ??= (async () => {
    const sources = finished.map((name) => {
      const path = new URL(`../../fixtures/${name}`, import.meta.url);
      return { file: `fixtures/${name}`, open: async function* () { yield readFileSync(path); } };
    });
    return evaluate(bundledLookup, await readDataFiles(sources, bundledLookup), { asOf: "2025-09-30" });
  })();
  return cached;
}
