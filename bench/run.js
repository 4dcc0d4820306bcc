// Benchmarks: speed is measured here, never in tests. Run with `npm run bench` (builds first).
// Each case prints rows, wall time, rows per second and the peak resident memory of this process.
import { createReadStream, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { readDataFiles } from "../dist/kinds/files.js";
import { evaluate } from "../dist/engine/evaluate.js";
import { buildLookup } from "../dist/plan/lookup.js";
import { loadPlan } from "../dist/plan/load.js";

const root = new URL("..", import.meta.url).pathname;
const scratch = join(root, ".bench-data");
mkdirSync(scratch, { recursive: true });
const lookup = buildLookup(loadPlan(readFileSync(join(root, "plan/zhengzhou-2023-2025.yaml"), "utf8"), "plan.yaml"));

/** A general-format file: every monthly indicator x area x month, repeated over many years of history. */
function writeObservationFile(path, rows) {
  if (existsSync(path)) return;
  const areas = lookup.plan.areas.map((area) => area.code);
  const indicators = ["pm25-annual-mean", "good-day-ratio", "heavy-pollution-ratio", "dust-fall"];
  const lines = ["indicator,area,period,value"];
  let count = 0;
  outer: for (let year = 2022; ; year += 1) {
    for (let month = 1; month <= 12; month += 1) {
      for (const indicator of indicators) {
        for (const area of areas) {
          lines.push(`${indicator},${area},${year}-${String(month).padStart(2, "0")},${(20 + ((count * 7919) % 500) / 10).toFixed(1)}`);
          count += 1;
          if (count >= rows) break outer;
        }
      }
    }
  }
  writeFileSync(path, `${lines.join("\n")}\n`);
}

async function measure(name, run) {
  global.gc?.();
  const start = performance.now();
  const rows = await run();
  const seconds = (performance.now() - start) / 1000;
  const peakMb = process.resourceUsage().maxRSS / 1024;
  console.log(`${name.padEnd(44)} ${String(rows).padStart(9)} rows  ${seconds.toFixed(2).padStart(6)} s  ${Math.round(rows / seconds).toLocaleString("en").padStart(9)} rows/s  peak RSS ${peakMb.toFixed(0)} MB`);
}

const observationsCsv = join(scratch, "observations-200k.csv");
writeObservationFile(observationsCsv, 200_000);
await measure("read + evaluate 200k general-format rows", async () => {
  const data = await readDataFiles([{ file: observationsCsv, open: () => createReadStream(observationsCsv) }], lookup);
  evaluate(lookup, data);
  return data.files[0].rowsRead;
});

await measure("read + evaluate bundled fixtures", async () => {
  const files = ["air.csv", "water.csv", "sewage.csv", "other-indicators.csv", "vehicles.json"].map((name) => join(root, "fixtures", name));
  const data = await readDataFiles(files.map((file) => ({ file, open: () => createReadStream(file) })), lookup);
  evaluate(lookup, data);
  return data.files.reduce((total, file) => total + file.rowsRead, 0);
});

// A year of hourly readings through the CLI, against DuckDB when its anchor is installed
// (bench/air-vs-duckdb.mjs says where); `npm run bench -- --large` adds 1,000 stations.
await import(pathToFileURL(join(root, "bench", "air-vs-duckdb.mjs")).href);
