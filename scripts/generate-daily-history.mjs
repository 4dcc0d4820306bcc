#!/usr/bin/env node
// Writes fixtures/air-daily-city.csv: made-up daily PM2.5, good-day and heavy-pollution values for
// the city, 2021-2024, the earlier years the probability (达标概率) resamples the rest of 2025 from.
// Each month keeps the shape of the sample's 2024 months (fixtures/air.csv), scaled to the year's
// sample annual value; days vary around it with the persistence of weather (a day resembles the
// one before), and then are shifted so that each month's mean is the month's value exactly. Good
// days are the month's cleanest, heavily polluted days its dirtiest. Seeded: every run writes the
// same bytes. None of it is an official statistic.
//
//   node scripts/generate-daily-history.mjs [outFile]
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { daysInMonth } from "../dist/vocabulary/period.js";
import { mulberry32, normal } from "./generate-raw-fixtures.mjs";

// The sample's 2024 city months (fixtures/air.csv): PM2.5 ug/m3, good-day %, heavy-day %.
const pm2024 = [77, 65, 49, 39, 33, 25, 20, 20, 26, 37, 53, 72];
const good2024 = [45.2, 51.7, 64.5, 70, 58.1, 36.7, 64.5, 83.9, 80, 77.4, 60, 45.2];
const heavy2024 = [9.68, 6.9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3.23];
// The sample's annual city values (2021 is not in the sample: a year a little worse than 2022).
const annual = {
  2021: { pm: 50, good: 55.1, heavy: 2.7 },
  2022: { pm: 47, good: 57.3, heavy: 2.3 },
  2023: { pm: 45, good: 58.2, heavy: 3.1 },
  2024: { pm: 43, good: 61.5, heavy: 1.6 },
};

const pad = (value) => String(value).padStart(2, "0");


export function generateDailyHistory(seed = 2021) {
  const random = mulberry32(seed);
  const lines = ["indicator,area,period,value,unit,source"];
  const source = "sample: 空气质量日报 (made up)";
  let anomaly = 0;
  for (const year of [2021, 2022, 2023, 2024]) {
    const scale = annual[year];
    for (let month = 1; month <= 12; month += 1) {
      const days = daysInMonth(year, month);
      const mean = year === 2024 ? pm2024[month - 1] : (pm2024[month - 1] * scale.pm) / annual[2024].pm;
      const raw = [];
      for (let day = 0; day < days; day += 1) {
        anomaly = 0.7 * anomaly + 0.3 * normal(random);
        raw.push(mean * Math.exp(anomaly));
      }
      // Shift so that the month's mean is exact, never below 3 ug/m3.
      const rawMean = raw.reduce((sum, value) => sum + value, 0) / days;
      const pm = raw.map((value) => Math.max(3, Math.round((value * mean) / rawMean)));
      const ranked = pm.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value || a.index - b.index);
      const share = (base, target, all) => Math.min(days, Math.max(0, Math.round((days * (year === 2024 ? base : Math.min(100, (base * target) / all))) / 100)));
      const goodDays = new Set(ranked.slice(0, share(good2024[month - 1], scale.good, annual[2024].good)).map((entry) => entry.index));
      const heavyCount = share(heavy2024[month - 1], scale.heavy, annual[2024].heavy);
      const heavyDays = new Set(heavyCount > 0 ? ranked.slice(-heavyCount).map((entry) => entry.index) : []);
      for (let day = 0; day < days; day += 1) {
        const date = `${year}-${pad(month)}-${pad(day + 1)}`;
        lines.push(
          `pm25-annual-mean,全市,${date},${pm[day]},ug/m3,${source}`,
          `good-day-ratio,全市,${date},${goodDays.has(day) ? 100 : 0},%,${source}`,
          `heavy-pollution-ratio,全市,${date},${heavyDays.has(day) ? 100 : 0},%,${source}`,
        );
      }
    }
  }
  return `${lines.join("\n")}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outFile = process.argv[2] ?? fileURLToPath(new URL("../fixtures/air-daily-city.csv", import.meta.url));
  writeFileSync(outFile, generateDailyHistory());
  process.stdout.write(`wrote ${outFile}\n`);
}
