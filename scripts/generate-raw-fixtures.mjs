#!/usr/bin/env node
// Writes the made-up raw air fixtures: fixtures/raw/stations.csv (a station list) and
// fixtures/raw/air-hourly-<year>.csv (hourly readings, January to September). Plain Node, no
// dependencies, seeded so that every run writes the same bytes. The water, vehicle and sewage
// parts live in generate-raw-fixtures-other.mjs.
//
//   node scripts/generate-raw-fixtures.mjs [outDir]
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
// The one seeded PRNG of the project, from the build (npm test and npm run bench build first), so
// the fixtures, the bench and the engine's resampling draw from the same generator.
import { mulberry32 } from "../dist/engine/random.js";

export { mulberry32 };

/** A standard normal draw (Box-Muller). */
export function normal(random) {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

// Station names are real-sounding but the list, the codes, the areas and the coordinates are
// illustrative, not the official network. 国控 = national-network assessment station.
export const airFixtureStations = [
  { code: "ZZ01", name: "市监测站", area: "金水区", national: "是", lat: 34.764, lon: 113.661 },
  { code: "ZZ02", name: "银行学校", area: "二七区", national: "是", lat: 34.725, lon: 113.611 },
  { code: "ZZ03", name: "郑纺机", area: "中原区", national: "是", lat: 34.752, lon: 113.602 },
  { code: "ZZ04", name: "烟厂", area: "管城回族区", national: "是", lat: 34.741, lon: 113.701 },
  { code: "ZZ05", name: "河医大", area: "二七区", national: "是", lat: 34.732, lon: 113.646 },
  { code: "ZZ06", name: "岗李水库", area: "惠济区", national: "是", lat: 34.905, lon: 113.621 },
  { code: "ZZ07", name: "四十七中", area: "金水区", national: "是", lat: 34.781, lon: 113.702 },
  { code: "ZZ08", name: "经开区管委", area: "经开区", national: "是", lat: 34.722, lon: 113.735 },
  { code: "ZZ09", name: "供水公司", area: "高新区", national: "是", lat: 34.811, lon: 113.561 },
  { code: "HK01", name: "航空港区管委会", area: "航空港区", national: "否", lat: 34.532, lon: 113.853 },
  { code: "HK02", name: "航空港区新港", area: "航空港区", national: "否", lat: 34.557, lon: 113.828 },
  { code: "HK03", name: "航空港区张庄", area: "航空港区", national: "否", lat: 34.493, lon: 113.871 },
  { code: "HK04", name: "航空港区龙王", area: "航空港区", national: "否", lat: 34.468, lon: 113.902 },
  { code: "ZD01", name: "郑东龙湖", area: "郑东新区", national: "否", lat: 34.807, lon: 113.747 },
  { code: "ZD02", name: "郑东白沙", area: "郑东新区", national: "否", lat: 34.760, lon: 113.869 },
  { code: "ZD03", name: "郑东如意湖", area: "郑东新区", national: "否", lat: 34.773, lon: 113.731 },
  { code: "DF01", name: "登封环保局", area: "登封市", national: "否", lat: 34.456, lon: 113.049 },
  { code: "DF02", name: "登封嵩阳", area: "登封市", national: "否", lat: 34.472, lon: 113.028 },
  { code: "DF03", name: "登封告成", area: "登封市", national: "否", lat: 34.398, lon: 113.126 },
  { code: "GY01", name: "巩义市监测站", area: "巩义市", national: "否", lat: 34.748, lon: 113.022 },
  { code: "GY02", name: "巩义东区", area: "巩义市", national: "否", lat: 34.761, lon: 113.071 },
  { code: "XM01", name: "新密市政府", area: "新密市", national: "否", lat: 34.539, lon: 113.391 },
  { code: "XZ01", name: "新郑市政府", area: "新郑市", national: "否", lat: 34.396, lon: 113.741 },
  { code: "XY01", name: "荥阳市监测站", area: "荥阳市", national: "否", lat: 34.788, lon: 113.383 },
  { code: "ZM01", name: "中牟县政府", area: "中牟县", national: "否", lat: 34.719, lon: 113.976 },
];

/**
 * The stations with readings: only areas whose finished values are not the point of fixtures/air.csv
 * tests, and none of them national, so the fixture gives no 全市 value.
 */
const readingStations = ["航空港区管委会", "航空港区新港", "航空港区张庄", "航空港区龙王", "郑东龙湖", "郑东白沙", "郑东如意湖", "登封环保局", "登封嵩阳", "登封告成"];

const areaFactor = { 航空港区: 1.06, 郑东新区: 0.93, 登封市: 0.97 };

// Monthly means that make a plausible Zhengzhou year: PM2.5 winter 70-90, summer 25-35; O3 peaks in June.
const pm25ByMonth = [84, 70, 54, 45, 38, 33, 28, 30, 36];
const o3PeakByMonth = [70, 95, 125, 150, 180, 195, 180, 170, 145];
const no2ByMonth = [42, 36, 32, 28, 24, 22, 20, 22, 28];
const so2ByMonth = [12, 11, 9, 8, 7, 6, 5, 6, 7];
const coByMonth = [1.2, 1.0, 0.8, 0.7, 0.6, 0.6, 0.6, 0.6, 0.7];

const dayMs = 86_400_000;

function isoDate(ms) {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * Write fixtures/raw/stations.csv and air-hourly-<year>.csv into outDir; returns their paths and row
 * counts. Built in: a winter heavy-pollution episode, summer O3 days, single missing hours, a few
 * station days under 20 valid hours, and a five-day outage of every 登封 station in April (so
 * 登封 has no April value).
 */
export function writeAirFixtures(outDir, { year = 2025, seed = 20251001 } = {}) {
  mkdirSync(outDir, { recursive: true });
  const random = mulberry32(seed);

  const stationLines = ["站点编码,站点,区县,国控,经度,纬度"];
  for (const station of airFixtureStations) {
    stationLines.push(`${station.code},${station.name},${station.area},${station.national},${station.lon.toFixed(3)},${station.lat.toFixed(3)}`);
  }
  const stationsPath = join(outDir, "stations.csv");
  writeFileSync(stationsPath, `${stationLines.join("\n")}\n`);

  const stations = readingStations.map((name) => {
    const listed = airFixtureStations.find((station) => station.name === name);
    if (!listed) throw new Error(`no station ${name}`);
    return { ...listed, bias: 1 + 0.06 * normal(random), outages: new Set() };
  });

  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(year, 8, 30);
  const dayCount = Math.round((end - start) / dayMs) + 1;

  // Maintenance: a few mornings per station with 5-8 hours missing (under 20 valid hours).
  for (const station of stations) {
    for (let index = 0; index < 3; index++) {
      const day = Math.floor(random() * dayCount);
      const from = 6 + Math.floor(random() * 6);
      const length = 5 + Math.floor(random() * 4);
      for (let hour = from; hour < from + length; hour++) station.outages.add(day * 24 + hour);
    }
  }
  // Every 登封 station down 04-14 to 04-18: the area keeps 25 valid April days, 27 are needed.
  const aprilOutageFrom = Math.round((Date.UTC(year, 3, 14) - start) / dayMs);
  for (const station of stations.filter((candidate) => candidate.area === "登封市")) {
    for (let hour = aprilOutageFrom * 24; hour < (aprilOutageFrom + 5) * 24; hour++) station.outages.add(hour);
  }
  // 郑东白沙 off for two weeks in July; the other two 郑东 stations carry the area.
  const julyFrom = Math.round((Date.UTC(year, 6, 8) - start) / dayMs);
  const baisha = stations.find((station) => station.name === "郑东白沙");
  for (let hour = julyFrom * 24; hour < (julyFrom + 14) * 24; hour++) baisha?.outages.add(hour);

  const header = "时间,站点,PM2.5(μg/m³),PM10(μg/m³),SO2(μg/m³),NO2(μg/m³),CO(mg/m³),O3(μg/m³)";
  const lines = [header];
  let logWeather = 0;
  let logOzone = 0;
  for (let day = 0; day < dayCount; day++) {
    const date = isoDate(start + day * dayMs);
    const month = Number(date.slice(5, 7)) - 1;
    // Regional weather: persistent (AR(1)) so that bad days come in episodes.
    logWeather = 0.72 * logWeather + 0.3 * normal(random);
    logOzone = 0.6 * logOzone + 0.15 * normal(random);
    let episode = 1;
    if (month === 0 && date.slice(8) >= "13" && date.slice(8) <= "16") episode = 2.3;
    if (month === 1 && date.slice(8) >= "06" && date.slice(8) <= "07") episode = 1.9;
    const weather = Math.exp(logWeather) * episode;
    const springDust = month >= 2 && month <= 4 ? 1.75 : 1.5;
    for (let hour = 0; hour < 24; hour++) {
      const diurnalPm = 1 + 0.16 * Math.cos((2 * Math.PI * (hour - 22)) / 24);
      const diurnalNo2 = 1 + 0.22 * Math.cos((2 * Math.PI * (hour - 8)) / 12);
      const sun = Math.max(0, Math.sin((Math.PI * (hour - 7)) / 14));
      const o3Shape = 0.28 + 0.72 * sun ** 1.4;
      for (const station of stations) {
        if (station.outages.has(day * 24 + hour)) continue;
        if (random() < 0.006) continue; // a lone missing hour
        const local = station.bias * (areaFactor[station.area] ?? 1) * (1 + 0.09 * normal(random));
        const pm25 = Math.max(3, pm25ByMonth[month] * weather * diurnalPm * local * 0.9);
        const pm10 = pm25 * springDust * (1 + 0.1 * normal(random));
        const so2 = Math.max(2, so2ByMonth[month] * (1 + 0.2 * normal(random)));
        const no2 = Math.max(4, no2ByMonth[month] * diurnalNo2 * Math.sqrt(weather) * (1 + 0.12 * normal(random)));
        const co = Math.max(0.2, coByMonth[month] * Math.sqrt(weather) * (1 + 0.1 * normal(random)));
        const o3 = Math.max(2, (o3PeakByMonth[month] * Math.exp(logOzone) * o3Shape * (1 + 0.08 * normal(random))) / Math.min(Math.max(weather, 0.7), 2) ** 0.25);
        const cells = [Math.round(pm25), Math.round(pm10), Math.round(so2), Math.round(no2), co.toFixed(1), Math.round(o3)];
        // Now and then a station's analyser drops out for one pollutant: "—" or a blank cell.
        if (random() < 0.002) cells[Math.floor(random() * cells.length)] = random() < 0.5 ? "—" : "";
        lines.push(`${date} ${String(hour).padStart(2, "0")}:00,${station.name},${cells.join(",")}`);
      }
    }
  }
  const readingsPath = join(outDir, `air-hourly-${year}.csv`);
  writeFileSync(readingsPath, `${lines.join("\n")}\n`);
  return { stations: { path: stationsPath, rows: stationLines.length - 1 }, readings: { path: readingsPath, rows: lines.length - 1 } };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const outDir = process.argv[2] ?? fileURLToPath(new URL("../fixtures/raw/", import.meta.url));
  const written = writeAirFixtures(outDir);
  for (const file of Object.values(written)) console.log(`${file.path}: ${file.rows} rows`);
}
