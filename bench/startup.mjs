#!/usr/bin/env node
// Start-up time of the built CLI against bare Node, the way hyperfine measures it: many runs of
// each case, alternated so that other load on the machine hits every case alike, and the median
// wall time. Build first (npm run bench does).
//
//   node bench/startup.mjs [runs]     default 21 runs per case
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const bin = join(root, "bin", "zz-plan.js");
const runs = Number(process.argv[2] ?? 21);
const scratch = join(root, ".bench-data");
mkdirSync(scratch, { recursive: true });
// One finished indicator for the city: the smallest check a user runs.
const small = join(scratch, "startup-small.csv");
writeFileSync(small, "indicator,area,period,value\npm25-annual-mean,410100,2024,40.1\n");

const cases = [
  { name: "node -e 0", args: ["-e", "0"] },
  { name: "zz-plan --version", args: [bin, "--version"], goal: 1.8 },
  { name: "zz-plan check <one small file>", args: [bin, "check", small, "--fail-on", "never"], goal: 3.5 },
  { name: "zz-plan check fixtures/", args: [bin, "check", join(root, "fixtures"), "--fail-on", "never"], goalSeconds: 0.8 },
];

const times = cases.map(() => []);
for (let run = 0; run < runs + 1; run += 1) {
  cases.forEach((testCase, index) => {
    const start = performance.now();
    const result = spawnSync(process.execPath, testCase.args, { cwd: root, stdio: "ignore", env: { ...process.env, NO_COLOR: "1" } });
    const seconds = (performance.now() - start) / 1000;
    if (result.status !== 0) throw new Error(`${testCase.name} exited ${result.status}`);
    // The first round warms the disk cache and the compile cache; it is not counted.
    if (run > 0) times[index].push(seconds);
  });
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const bare = median(times[0]);
console.log(`start-up, median of ${runs} runs (Node ${process.version}):`);
cases.forEach((testCase, index) => {
  const seconds = median(times[index]);
  const ratio = seconds / bare;
  const goal = testCase.goal ? `goal <= ${testCase.goal}x ${ratio <= testCase.goal ? "met" : "NOT met"}` : testCase.goalSeconds ? `goal < ${testCase.goalSeconds} s ${seconds < testCase.goalSeconds ? "met" : "NOT met"}` : "";
  console.log(`${testCase.name.padEnd(34)} ${seconds.toFixed(3).padStart(7)} s  ${ratio.toFixed(2).padStart(5)}x bare node  ${goal}`);
});
