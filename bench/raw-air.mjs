#!/usr/bin/env node
// A year of hourly readings for 100 stations (876,000 rows) through the air kind, from the built
// dist/ code: prints rows, seconds and peak RSS. Build first: npx tsc -p tsconfig.build.json
//
//   node bench/raw-air.mjs            generate .bench-data/raw-air/ if missing, then measure
//   node bench/raw-air.mjs --generate only write the data
import { execFileSync } from "node:child_process";
import { createReadStream, existsSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync, closeSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { mulberry32 } from "../scripts/generate-raw-fixtures.mjs";

const root = new URL("../", import.meta.url);
const dataDir = fileURLToPath(new URL(".bench-data/raw-air/", root));
const readingsFile = `${dataDir}readings-2025.csv`;
const stationsFile = `${dataDir}stations.csv`;
const stationCount = 100;
const year = 2025;


/** Written in a child process, in 1 MB pieces, so that generating costs the measured process nothing. */
function generate() {
  mkdirSync(dataDir, { recursive: true });
  const areas = ["中原区", "二七区", "管城回族区", "金水区", "上街区", "惠济区", "中牟县", "巩义市", "荥阳市", "新密市", "新郑市", "登封市", "经开区", "高新区", "航空港区", "郑东新区"];
  const names = Array.from({ length: stationCount }, (_, index) => `S${String(index + 1).padStart(3, "0")}`);
  writeFileSync(stationsFile, `站点,区县,国控\n${names.map((name, index) => `${name},${areas[index % areas.length]},${index < 10 ? "是" : "否"}`).join("\n")}\n`);
  const random = mulberry32(42);
  const fd = openSync(readingsFile, "w");
  let buffer = "时间,站点,PM2.5,PM10,SO2,NO2,CO,O3\n";
  const start = Date.UTC(year, 0, 1);
  for (let hourIndex = 0; hourIndex < 365 * 24; hourIndex++) {
    const time = new Date(start + hourIndex * 3_600_000).toISOString();
    const stamp = `${time.slice(0, 10)} ${time.slice(11, 16)}`;
    const month = Number(time.slice(5, 7));
    const season = month <= 2 || month >= 11 ? 2.4 : month >= 6 && month <= 8 ? 0.9 : 1.4;
    for (const name of names) {
      const pm25 = Math.round(30 * season * (0.6 + random()));
      const o3 = Math.round((200 / season) * (0.2 + 0.6 * random()));
      buffer += `${stamp},${name},${pm25},${Math.round(pm25 * 1.6)},${Math.round(4 + 8 * random())},${Math.round(15 + 30 * random())},${(0.4 + random()).toFixed(1)},${o3}\n`;
      if (buffer.length > 1_000_000) {
        writeSync(fd, buffer);
        buffer = "";
      }
    }
  }
  writeSync(fd, buffer);
  closeSync(fd);
}

async function measure() {
  const dist = new URL("dist/", root);
  if (!existsSync(new URL("kinds/air/readings.js", dist))) throw new Error("build first: npx tsc -p tsconfig.build.json");
  const { loadPlan } = await import(new URL("plan/load.js", dist).href);
  const { buildLookup } = await import(new URL("plan/lookup.js", dist).href);
  const { readCsvRecords } = await import(new URL("read/csv.js", dist).href);
  const { isProblem } = await import(new URL("read/records.js", dist).href);
  const { airKind } = await import(new URL("kinds/air/readings.js", dist).href);
  const { stationListKind } = await import(new URL("kinds/air/stations.js", dist).href);

  const planText = readFileSync(new URL("plan/zhengzhou-2023-2025.yaml", root), "utf8");
  const lookup = buildLookup(loadPlan(planText, "zhengzhou-2023-2025.yaml"));
  const { createAirContext } = await import(new URL("kinds/air/context.js", dist).href);
  const options = { lookup, ruleset: "2012", air: createAirContext() };
  const kinds = [airKind, stationListKind];
  const states = new Map(kinds.map((kind) => [kind, kind.createState(options)]));
  const totals = { read: 0, used: 0, skipped: 0, rejected: 0, warnings: 0 };
  const rssBefore = process.resourceUsage().maxRSS;
  const began = performance.now();

  for (const file of [readingsFile, stationsFile]) {
    const records = readCsvRecords(createReadStream(file, { encoding: "utf8", highWaterMark: 1 << 16 }));
    const first = await records.next();
    if (first.done || isProblem(first.value)) throw new Error(`${file}: no header`);
    const kind = kinds.find((candidate) => candidate.detect([...first.value.cells.keys()]));
    if (!kind) throw new Error(`${file}: no kind`);
    async function* all() {
      yield first.value;
      for await (const item of records) if (!isProblem(item)) yield item;
    }
    const sink = {
      file,
      read: () => (totals.read += 1),
      used: () => (totals.used += 1),
      skip: () => (totals.skipped += 1),
      reject: () => (totals.rejected += 1),
      warn: () => (totals.warnings += 1),
    };
    await kind.consume(all(), sink, states.get(kind));
  }
  const consumed = performance.now();
  let observations = 0;
  let issues = 0;
  for (const kind of kinds) {
    const result = kind.finish(states.get(kind), options);
    observations += result.observations.length;
    issues += result.issues.length;
  }
  const finished = performance.now();
  const rows = totals.read;
  console.log(`rows read        ${rows} (used ${totals.used}, skipped ${totals.skipped}, rejected ${totals.rejected})`);
  console.log(`observations     ${observations}, issues ${issues}, warnings ${totals.warnings}`);
  console.log(`seconds          ${((finished - began) / 1000).toFixed(2)} (read ${((consumed - began) / 1000).toFixed(2)}, finish ${((finished - consumed) / 1000).toFixed(2)})`);
  console.log(`rows per second  ${Math.round(rows / ((finished - began) / 1000))}`);
  console.log(`peak RSS         ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (before reading ${(rssBefore / 1024).toFixed(0)} MB)`);
}

if (process.argv.includes("--generate")) generate();
else {
  if (!existsSync(readingsFile) || !existsSync(stationsFile)) execFileSync(process.execPath, [fileURLToPath(import.meta.url), "--generate"], { stdio: "inherit" });
  await measure();
}
