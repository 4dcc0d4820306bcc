#!/usr/bin/env node
// Writes made-up years of daily air quality for the backtest (zz-plan backtest): daily and monthly
// PM2.5, good-day and heavy-pollution rows for the city and five districts, 2013-2025 (national
// PM2.5 monitoring began in 2013). Seeded: every run writes the same bytes. The numbers are
// invented; they have the shape of Zhengzhou's air (a winter peak, spells of stagnant air that
// last days, years that differ, a slow improvement), not its values.
//
//   node scripts/generate-forecast-years.mjs [outDir] [seed]
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { daysInMonth } from "../dist/vocabulary/period.js";
import { mulberry32, normal } from "./generate-raw-fixtures.mjs";

const firstYear = 2013;
const lastYear = 2025;
const areas = [
  { code: "410100", level: 1.0 },
  { code: "410102", level: 1.05 },
  { code: "410103", level: 1.02 },
  { code: "410104", level: 0.98 },
  { code: "410105", level: 1.0 },
  { code: "410122", level: 0.95 },
];
// Monthly PM2.5 shape (ug/m3), scaled so that 2020 is near 50: January is three times August.
const seasonal = [88, 72, 55, 45, 38, 33, 28, 27, 34, 46, 62, 82];
// Share of days in each month on which ozone alone makes a day worse than good.
const ozoneDays = [0, 0, 0.03, 0.15, 0.38, 0.5, 0.42, 0.3, 0.2, 0.06, 0, 0];


const pad = (value) => String(value).padStart(2, "0");

/** Daily rows and the monthly rows a bureau would publish from them. */
export function generateYears(seed) {
  const random = mulberry32(seed);
  const daily = ["indicator,area,period,value,unit"];
  const monthly = ["indicator,area,period,value,unit"];
  for (const area of areas) {
    let anomaly = 0;
    for (let year = firstYear; year <= lastYear; year += 1) {
      // About 4% better a year on average, with a year-to-year swing of weather and economy.
      const yearFactor = 1.05 * area.level * Math.pow(0.96, year - 2020) * Math.exp(0.08 * normal(random));
      for (let month = 1; month <= 12; month += 1) {
        let pmSum = 0;
        let good = 0;
        let heavy = 0;
        const days = daysInMonth(year, month);
        for (let day = 1; day <= days; day += 1) {
          // AR(1) on the log scale: a day resembles the day before (persistence of ~3 days).
          anomaly = 0.7 * anomaly + 0.36 * normal(random);
          // Capped below 500, the top of the AQI scale, which a daily mean does not pass.
          const pm = Math.min(495, Math.round(seasonal[month - 1] * yearFactor * Math.exp(anomaly - 0.12) * 10) / 10);
          const isGood = pm <= 75 && random() >= ozoneDays[month - 1];
          const isHeavy = pm > 150;
          const date = `${year}-${pad(month)}-${pad(day)}`;
          daily.push(`pm25-annual-mean,${area.code},${date},${pm},ug/m3`, `good-day-ratio,${area.code},${date},${isGood ? 100 : 0},%`, `heavy-pollution-ratio,${area.code},${date},${isHeavy ? 100 : 0},%`);
          pmSum += pm;
          good += isGood ? 1 : 0;
          heavy += isHeavy ? 1 : 0;
        }
        const label = `${year}-${pad(month)}`;
        monthly.push(
          `pm25-annual-mean,${area.code},${label},${Math.round((pmSum / days) * 10) / 10},ug/m3`,
          `good-day-ratio,${area.code},${label},${Math.round((1000 * good) / days) / 10},%`,
          `heavy-pollution-ratio,${area.code},${label},${Math.round((1000 * heavy) / days) / 10},%`,
        );
      }
    }
  }
  return { daily: `${daily.join("\n")}\n`, monthly: `${monthly.join("\n")}\n` };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outDir = process.argv[2] ?? "generated-years";
  const seed = Number(process.argv[3] ?? 12);
  mkdirSync(outDir, { recursive: true });
  const { daily, monthly } = generateYears(seed);
  writeFileSync(join(outDir, "air-daily.csv"), daily);
  writeFileSync(join(outDir, "air-monthly.csv"), monthly);
  process.stdout.write(`wrote ${outDir}/air-daily.csv and air-monthly.csv (seed ${seed})\n`);
}
