// A year of hourly station readings through `zz-plan check --format json`, timed against DuckDB
// doing the same computation (the anchor: a copy of the shared bench folder with `npm ci` run in
// it). Each measurement is a fresh child process; zz-plan and DuckDB alternate, so load from other
// work on the machine falls on both alike. Prints seconds, rows/s, peak RSS and the ratio.
//
//   node bench/air-vs-duckdb.mjs [--large] [--rounds N]
//
// The anchor is found at $ZZ_BENCH_ANCHOR, else at ../scratch-bench beside this checkout. Without
// it, zz-plan alone is timed on data from bench/raw-air.mjs's generator and no ratio is printed.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const peakRss = join(root, "bench", "peak-rss.mjs");
const args = process.argv.slice(2);
const rounds = Number(args[args.indexOf("--rounds") + 1]) || 1;
const large = args.includes("--large");

function findAnchor() {
  const candidates = [process.env.ZZ_BENCH_ANCHOR, resolve(root, "..", "scratch-bench"), resolve(root, "..", "..", "scratch-bench")];
  return candidates.find((folder) => folder && existsSync(join(folder, "air_duckdb.mjs")) && existsSync(join(folder, "node_modules", "@duckdb", "node-api")));
}

/** Run node with the RSS preload; resolves to seconds and peak RSS in MB. */
function measure(script, scriptArgs, options = {}) {
  const rssFile = join(tmpdir(), `zz-bench-rss-${process.pid}-${Math.random().toString(36).slice(2)}`);
  return new Promise((done, fail) => {
    const start = performance.now();
    const child = spawn(process.execPath, ["--import", peakRss, script, ...scriptArgs], {
      cwd: options.cwd ?? root,
      env: { ...process.env, PEAK_RSS_FILE: rssFile, NO_COLOR: "1", ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.resume();
    child.on("error", fail);
    child.on("close", (code) => {
      const seconds = (performance.now() - start) / 1000;
      const rss = existsSync(rssFile) ? Number(readFileSync(rssFile, "utf8")) / 1024 : Number.NaN;
      rmSync(rssFile, { force: true });
      if (code !== 0 && code !== 1) fail(new Error(`${script} exited ${code}`));
      else done({ seconds, rss, stdout });
    });
  });
}

function rowsOf(file) {
  // Every generated file has one row per station and hour; counting lines would cost a full read.
  const match = /zz(\d+)\.csv$/.exec(file);
  return match ? Number(match[1]) * 8760 : Number.NaN;
}

function line(name, rows, result) {
  const perSecond = Math.round(rows / result.seconds).toLocaleString("en");
  return `${name.padEnd(34)} ${result.seconds.toFixed(2).padStart(7)} s  ${perSecond.padStart(10)} rows/s  peak RSS ${result.rss.toFixed(0).padStart(5)} MB`;
}

const anchor = findAnchor();
const stations = large ? [100, 1000] : [100];
const dataDir = anchor ? join(anchor, "data") : join(root, ".bench-data", "air-vs-duckdb");
mkdirSync(dataDir, { recursive: true });
if (!anchor) console.log("no DuckDB anchor found ($ZZ_BENCH_ANCHOR or ../scratch-bench with npm ci run): zz-plan alone");

for (const count of stations) {
  const file = join(dataDir, `zz${count}.csv`);
  if (!existsSync(file)) {
    if (!anchor) {
      console.log(`skipped ${count} stations: the generator is the anchor's gen.mjs`);
      continue;
    }
    execFileSync(process.execPath, ["gen.mjs", file, String(count), "1", "2023"], { cwd: anchor, env: { ...process.env, ZZ: "1" }, stdio: "inherit" });
  }
  const rows = rowsOf(file);
  const megabytes = statSync(file).size / 1e6;
  console.log(`\n${count} stations x 8,760 h (${rows.toLocaleString("en")} rows, ${megabytes.toFixed(0)} MB)`);
  const ours = [];
  const theirs = [];
  for (let round = 0; round < rounds; round++) {
    const zz = await measure(join(root, "bin", "zz-plan.js"), ["check", file, "--format", "json", "--fail-on", "never"]);
    ours.push(zz);
    console.log(line("  zz-plan check --format json", rows, zz));
    if (anchor) {
      const duck = await measure(join(anchor, "air_duckdb.mjs"), [file], { cwd: anchor, env: { AREAS: "1" } });
      theirs.push(duck);
      console.log(line("  DuckDB (AREAS=1)", rows, duck));
    }
  }
  const best = (results) => results.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  if (theirs.length > 0) {
    const ratio = best(ours).seconds / best(theirs).seconds;
    console.log(`  best of ${rounds}: zz-plan ${best(ours).seconds.toFixed(2)} s, DuckDB ${best(theirs).seconds.toFixed(2)} s: zz-plan takes ${ratio.toFixed(2)}x DuckDB's time`);
  }
}
