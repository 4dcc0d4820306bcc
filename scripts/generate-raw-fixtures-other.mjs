#!/usr/bin/env node
// Writes the made-up raw fixtures for the water, vehicle and sewage kinds (src/kinds/):
//   fixtures/raw/water-sections-2025.csv   12 sections, monthly samples Jan-Sep 2025
//   fixtures/raw/vehicles-register.csv     one row per vehicle, five districts, as of 2025-09-30
//   fixtures/raw/sewage-plants-2025.csv    10 plants, daily records Jan-Sep 2025
//   fixtures/raw/sewage-population.csv     served population by area, 2024-2025
// Plain Node, no dependencies, seeded: the same files every run. Every number is invented.
//
// Where the finished-indicator fixtures (fixtures/water.csv, fixtures/vehicles.json) hold a value
// for the same indicator, area and period, the raw data is built so the computed value equals it:
// the city's fleet shares for 2022-2024 and 2025-06, its new-vehicle and SOE-truck shares, and the
// canal's monthly class. Everything else is placed where the finished files have nothing: the
// districts 二七, 管城, 惠济, 中牟 and 新郑 for vehicles, and 2025's months for water and sewage.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { mulberry32 as prng } from "./generate-raw-fixtures.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "fixtures", "raw");


const pad = (value) => String(value).padStart(2, "0");
const iso = (time) => new Date(time).toISOString().slice(0, 10);
const dayMs = 86_400_000;
const toTime = (date) => Date.parse(`${date}T00:00:00Z`);
const csvLine = (fields) => fields.map((field) => (/[",\n]/.test(String(field)) ? `"${String(field).replace(/"/g, '""')}"` : String(field))).join(",");

function write(name, header, rows) {
  const text = [csvLine(header), ...rows.map(csvLine)].join("\n") + "\n";
  writeFileSync(join(out, name), text);
  return { name, rows: rows.length, bytes: Buffer.byteLength(text) };
}

// ---------------------------------------------------------------- water

function water() {
  const random = prng(20250901);
  const noise = (base, spread) => base * (1 + (random() * 2 - 1) * spread);
  const round = (value, digits) => Number(value.toFixed(digits));
  // name, river, area, water body, target, role, base means: DO, CODMn, COD, BOD5, NH3-N, TP, TN
  const sections = [
    ["花园口", "黄河", "惠济区", "河流", "II", "国控", [8.6, 2.6, 11, 2.0, 0.22, 0.07, 2.8]],
    ["陈桥", "贾鲁河", "中牟县", "河流", "IV", "国控", [6.2, 5.2, 22, 3.6, 0.9, 0.22, 6.5]],
    ["须水河口", "贾鲁河", "中原区", "河流", "IV", "市控", [6.0, 5.8, 24, 3.8, 1.1, 0.24, 7.0]],
    ["索须河入贾鲁河口", "索须河", "惠济区", "河流", "IV", "省控", [6.4, 5.0, 21, 3.4, 0.8, 0.2, 6.0]],
    ["双洎河新郑出境", "双洎河", "新郑市", "河流", "IV", "省控", [6.8, 4.8, 19, 3.2, 0.6, 0.19, 5.2]],
    ["伊洛河巩义", "伊洛河", "巩义市", "河流", "III", "国控", [7.8, 3.6, 14, 2.6, 0.45, 0.12, 3.9]],
    ["汜水河入黄口", "汜水河", "荥阳市", "河流", "IV", "市控", [6.5, 5.4, 23, 3.7, 0.95, 0.23, 6.2]],
    ["七里河入东风渠口", "七里河", "管城回族区", "河流", "V", "市控", [4.2, 8.5, 32, 6.2, 1.85, 0.33, 9.0]],
    ["潮河入贾鲁河口", "潮河", "郑东新区", "河流", "IV", "市控", [6.1, 5.6, 23, 3.7, 1.0, 0.25, 6.8]],
    ["常庄水库", "贾鲁河", "二七区", "水库", "III", "饮用水源地", [8.0, 3.2, 12, 2.2, 0.25, 0.035, 0.9]],
    ["尖岗水库", "贾鲁河", "二七区", "水库", "II", "饮用水源地", [8.4, 2.6, 10, 1.8, 0.15, 0.02, 0.7]],
    ["刘湾", "南水北调中线总干渠", "", "河流", "II", "南水北调", []],
  ];
  const rows = [];
  for (let month = 1; month <= 9; month += 1) {
    for (const [name, river, area, body, target, role, base] of sections) {
      const visits = name === "七里河入东风渠口" || name === "陈桥" ? [6 + Math.floor(random() * 4), 18 + Math.floor(random() * 6)] : [5 + Math.floor(random() * 8)];
      for (const day of visits) {
        const date = `2025-${pad(month)}-${pad(day)}`;
        const temperature = round(6 + 22 * Math.sin((Math.PI * (month - 1)) / 11), 1);
        let values;
        if (role === "南水北调") {
          // The canal is class I in January and class II from February (fixtures/water.csv):
          // January keeps every item within class I; later CODMn sits in class II, the rest I-II.
          values =
            month === 1
              ? [8.2, round(7.8 + random(), 1), round(1.5 + random() * 0.4, 1), round(9 + random() * 4, 0), round(1.2 + random() * 1.2, 1), round(0.05 + random() * 0.08, 3), round(0.008 + random() * 0.01, 3), round(0.9 + random() * 0.3, 2), round(0.2 + random() * 0.2, 2), "0.01L"]
              : [8.1, round(7.2 + random() * 1.5, 1), round(2.2 + random() * 1.2, 1), round(9 + random() * 5, 0), round(1.2 + random() * 1.5, 1), round(0.05 + random() * 0.3, 3), round(0.01 + random() * 0.05, 3), round(0.9 + random() * 0.4, 2), round(0.2 + random() * 0.25, 2), "0.01L"];
        } else {
          const [oxygen, permanganate, cod, bod, ammonia, phosphorus, nitrogen] = base;
          // the polluted 七里河 is worst in the dry winter months
          const winter = name === "七里河入东风渠口" && month <= 3 ? 1.3 : 1;
          values = [
            round(7.2 + random() * 1.2, 1),
            round(noise(oxygen, 0.12), 1),
            round(noise(permanganate, 0.15), 1),
            round(noise(cod, 0.15), 0),
            round(noise(bod, 0.15), 1),
            round(noise(ammonia * winter, 0.2), 3),
            round(noise(phosphorus, 0.2), 3),
            round(noise(nitrogen, 0.15), 2),
            round(0.3 + random() * 0.5, 2),
            random() < 0.7 ? "0.01L" : round(0.01 + random() * 0.03, 2),
          ];
        }
        rows.push([date, name, river, area, body, target, role, temperature, ...values]);
      }
    }
  }
  rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return write(
    "water-sections-2025.csv",
    ["采样日期", "断面名称", "所在河流", "区县", "水体类型", "水质目标", "断面类型", "水温(℃)", "pH", "溶解氧(mg/L)", "高锰酸盐指数(mg/L)", "化学需氧量(mg/L)", "五日生化需氧量(mg/L)", "氨氮(mg/L)", "总磷(mg/L)", "总氮(mg/L)", "氟化物(mg/L)", "石油类(mg/L)"],
    rows,
  );
}

// ---------------------------------------------------------------- vehicles

/** Snapshot dates: the ends of 2022, 2023, 2024, June 2025, and the register's as-of date. */
const checkpoints = ["2022-12-31", "2023-12-31", "2024-12-31", "2025-06-30", "2025-09-30"];
const asOf = "2025-09-30";
const districts = ["二七区", "管城区", "惠济区", "中牟县", "新郑市"];

/**
 * Fleets by category. total and nev are the in-service counts at each checkpoint; they make the
 * city's shares equal fixtures/vehicles.json (bus 92, 95.5, 97.8, 98.6 % ...). added fixes the
 * registrations of a year where the finished file gives a new-vehicle share ([NEV, other]);
 * elsewhere churn replaces a share of the old vehicles.
 */
const fleets = [
  { label: "公交车", total: [1000, 1000, 1000, 1000, 1000], nev: [920, 955, 978, 986, 990], added: { 1: [55, 0], 2: [40, 0] }, churn: [0.02, 0], nevFuels: [["纯电动", 0.85], ["插电式混合动力", 0.1], ["燃料电池", 0.05]], otherFuels: [["柴油", 0.6], ["天然气", 0.3], ["混合动力", 0.1]], owner: ["国有企业"] },
  { label: "巡游出租车", total: [1000, 1000, 1000, 1000, 1000], nev: [680, 780, 860, 890, 900], added: { 1: [193, 7], 2: [247, 3] }, churn: [0.04, 0.01], nevFuels: [["纯电动", 0.9], ["插电式混合动力", 0.1]], otherFuels: [["天然气", 0.5], ["汽油", 0.3], ["油电混合", 0.2]], owner: ["民营企业", "个人"] },
  { label: "网约车", total: [400, 400, 400, 400, 400], nev: [248, 300, 352, 372, 376], added: { 1: [82, 18], 2: [85, 15] }, churn: [0.05, 0.02], nevFuels: [["纯电动", 0.8], ["插电式混合动力", 0.15], ["增程式", 0.05]], otherFuels: [["汽油", 0.7], ["油电混合", 0.3]], owner: ["个人", "民营企业"] },
  { label: "渣土运输车", total: [200, 200, 200, 200, 200], nev: [70, 96, 120, 126, 130], churn: [0, 0.02], nevFuels: [["纯电动", 0.9], ["燃料电池", 0.1]], otherFuels: [["柴油", 0.9], ["天然气", 0.1]], owner: ["民营企业", "个体"] },
  { label: "混凝土搅拌车", total: [200, 200, 200, 200, 200], nev: [60, 90, 124, 140, 144], churn: [0, 0.02], nevFuels: [["纯电动", 1]], otherFuels: [["柴油", 1]], owner: ["民营企业"] },
  { label: "城市物流车", total: [300, 300, 300, 300, 300], nev: [90, 150, 225, 260, 268], churn: [0.02, 0.02], nevFuels: [["纯电动", 0.95], ["燃料电池", 0.05]], otherFuels: [["柴油", 0.7], ["汽油", 0.3]], owner: ["民营企业", "个体"] },
  // SOE goods vehicles, all diesel: "nev" here counts the China VI ones, so that with no NEV among
  // them the clean share is 78, 90 and 94.5 % at the ends of 2023, 2024 and June 2025. They are part
  // of the goods-vehicle fleet above, as non-NEV: 500 goods vehicles, 18, 30, 45, 52 % NEV.
  { label: "轻型货车", total: [200, 200, 200, 200, 200], nev: [120, 156, 180, 189, 192], churn: [0, 0], soe: true, owner: ["国有企业"] },
  { label: "邮政用车", total: [200, 200, 200, 200, 200], nev: [110, 140, 168, 180, 184], churn: [0.02, 0.02], nevFuels: [["纯电动", 1]], otherFuels: [["汽油", 0.6], ["柴油", 0.4]], owner: ["国有企业"] },
  { label: "环卫车", total: [400, 400, 400, 400, 400], nev: [160, 232, 300, 332, 340], churn: [0.02, 0.01], nevFuels: [["纯电动", 0.9], ["燃料电池", 0.1]], otherFuels: [["柴油", 1]], owner: ["事业单位", "国有企业"] },
  { label: "垃圾运输车", total: [50, 50, 50, 50, 50], nev: [24, 30, 36, 38, 39], churn: [0, 0], nevFuels: [["纯电动", 1]], otherFuels: [["柴油", 1]], owner: ["事业单位"] },
  { label: "公务用车", total: [500, 550, 920, 930, 940], nev: [200, 300, 700, 720, 735], added: { 1: [132, 18], 2: [481, 19] }, churn: [0.02, 0.02], nevFuels: [["纯电动", 0.85], ["插电式混合动力", 0.15]], otherFuels: [["汽油", 0.8], ["混合动力", 0.2]], owner: ["党政机关"], purchase: true },
];

function vehicles() {
  const random = prng(20230101);
  const pick = (weighted) => {
    let roll = random();
    for (const [value, weight] of weighted) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return weighted[weighted.length - 1][0];
  };
  const between = (from, to) => iso(toTime(from) + dayMs * (1 + Math.floor(random() * Math.round((toTime(to) - toTime(from)) / dayMs))));
  let plate = 0;
  const rows = [];

  for (const fleet of fleets) {
    const vehicles = [];
    const make = (clean, registered) => {
      plate += 1;
      const vehicle = { clean, registered, retired: "", plate: `豫A${fleet.soe ? "G" : clean ? "D" : "F"}${String(10000 + plate * 7).slice(-5)}`, area: pick(districts.map((area) => [area, 1 / districts.length])) };
      if (fleet.soe) {
        vehicle.fuel = "柴油";
        vehicle.emission = clean ? pick([["国六", 0.7], ["国VI", 0.2], ["国6b", 0.1]]) : pick([["国五", 0.8], ["国四", 0.2]]);
      } else {
        vehicle.fuel = pick(clean ? fleet.nevFuels : fleet.otherFuels);
        vehicle.emission = clean ? "" : registered >= "2021-07-01" ? "国六" : registered >= "2017-01-01" ? "国五" : "国四";
      }
      vehicles.push(vehicle);
      return vehicle;
    };
    // the fleet at the end of 2022, registered over the years before
    for (let index = 0; index < fleet.total[0]; index += 1) make(index < fleet.nev[0], between(index < fleet.nev[0] ? "2016-01-01" : "2012-01-01", "2022-12-31"));
    for (let step = 1; step < checkpoints.length; step += 1) {
      const from = checkpoints[step - 1];
      const to = checkpoints[step];
      const inService = (clean) => vehicles.filter((vehicle) => vehicle.clean === clean && vehicle.registered <= from && !vehicle.retired);
      const cleanChange = fleet.nev[step] - fleet.nev[step - 1];
      const otherChange = fleet.total[step] - fleet.nev[step] - (fleet.total[step - 1] - fleet.nev[step - 1]);
      const [cleanAdded, otherAdded] = fleet.added?.[step] ?? [
        Math.max(cleanChange, 0) + Math.round(inService(true).length * fleet.churn[0] * (step >= 3 ? 0.5 : 1)),
        Math.max(otherChange, 0) + Math.round(inService(false).length * fleet.churn[1] * (step >= 3 ? 0.5 : 1)),
      ];
      for (const [clean, added, change] of [[true, cleanAdded, cleanChange], [false, otherAdded, otherChange]]) {
        const leaving = added - change;
        const candidates = inService(clean).sort((a, b) => (a.registered < b.registered ? -1 : 1));
        if (leaving < 0 || leaving > candidates.length) throw new Error(`${fleet.label} ${to}: cannot retire ${leaving} of ${candidates.length}`);
        // the oldest leave first, with a little shuffle
        const pool = candidates.slice(0, Math.min(candidates.length, Math.ceil(leaving * 1.5)));
        for (let index = 0; index < leaving; index += 1) {
          const [vehicle] = pool.splice(Math.floor(random() * pool.length), 1);
          vehicle.retired = between(from, to);
        }
        for (let index = 0; index < added; index += 1) make(clean, between(from, to));
      }
    }
    for (const vehicle of vehicles) {
      const purchased = fleet.purchase ? iso(Math.max(toTime(`${vehicle.registered.slice(0, 4)}-01-01`), toTime(vehicle.registered) - dayMs * Math.floor(random() * 10))) : "";
      rows.push({
        registered: vehicle.registered,
        fields: [vehicle.area, vehicle.plate, fleet.label, vehicle.fuel, vehicle.registered, purchased, vehicle.emission, pick(fleet.owner.map((owner) => [owner, 1 / fleet.owner.length])), vehicle.retired ? "注销" : "在用", vehicle.retired, "否", asOf],
      });
    }
  }
  // a few emergency buses, left out of every share
  for (let index = 0; index < 6; index += 1) {
    plate += 1;
    rows.push({ registered: `2019-0${index + 1}-15`, fields: [districts[index % districts.length], `豫A${String(90000 + index)}`, "公交车", "柴油", `2019-0${index + 1}-15`, "", "国五", "国有企业", "在用", "", "是", asOf] });
  }
  rows.sort((a, b) => (a.registered < b.registered ? -1 : a.registered > b.registered ? 1 : 0));
  return write(
    "vehicles-register.csv",
    ["区县", "车牌号", "车辆类型", "燃料类型", "登记日期", "购置日期", "排放标准", "所有人类型", "状态", "注销日期", "应急车辆", "统计日期"],
    rows.map((row) => row.fields),
  );
}

// ---------------------------------------------------------------- sewage

const plants = [
  // name, area, mean flow (万m3/d), mean influent BOD5 (mg/L)
  ["王新庄污水处理厂", "管城回族区", 60, 128],
  ["马头岗污水处理厂", "惠济区", 55, 118],
  ["五龙口污水处理厂", "中原区", 20, 132],
  ["南三环污水处理厂", "二七区", 10, 106],
  ["陈三桥污水处理厂", "金水区", 10, 124],
  ["双桥污水处理厂", "惠济区", 20, 96],
  ["航空港区第一污水处理厂", "航空港区", 10, 112],
  ["新郑市第二污水处理厂", "新郑市", 8, 102],
  ["中牟县污水处理厂", "中牟县", 6, 88],
  ["荥阳市污水处理厂", "荥阳市", 5, 115],
];

/** Target collection rates by area, from which the served populations are set. */
const collectionRates = { 管城回族区: 0.87, 惠济区: 0.89, 中原区: 0.93, 二七区: 0.9, 金水区: 0.95, 航空港区: 0.85, 新郑市: 0.86, 中牟县: 0.8, 荥阳市: 0.84 };
const perCapita = 45;

function sewage() {
  const random = prng(20250101);
  const rows = [];
  for (let time = toTime("2025-01-01"); time <= toTime("2025-09-30"); time += dayMs) {
    const date = iso(time);
    const month = Number(date.slice(5, 7));
    // wet-season dilution: more flow and thinner influent in July and August
    const wet = month === 7 || month === 8 ? 1 : 0;
    for (const [name, area, flow, bod] of plants) {
      if (random() < 0.01) continue; // a missed day now and then
      const dayFlow = flow * (1 + 0.12 * wet) * (0.9 + random() * 0.2);
      const dayBod = bod * (1 - 0.12 * wet) * (0.85 + random() * 0.3);
      rows.push([name, area, date, dayFlow.toFixed(2), dayBod.toFixed(1)]);
    }
  }
  const plantFile = write("sewage-plants-2025.csv", ["污水处理厂", "区县", "日期", "处理水量(万m3/d)", "进水BOD5(mg/L)"], rows);

  const loads = new Map();
  for (const [, area, flow, bod] of plants) loads.set(area, (loads.get(area) ?? 0) + flow * 10_000 * bod);
  const population = [];
  for (const [area, load] of loads) {
    const persons2025 = load / (perCapita * collectionRates[area]);
    population.push([area, 2024, (persons2025 / 10_000 / 1.02).toFixed(1)]);
    population.push([area, 2025, (persons2025 / 10_000).toFixed(1)]);
  }
  return [plantFile, write("sewage-population.csv", ["区县", "年份", "服务人口(万人)"], population)];
}

mkdirSync(out, { recursive: true });
const written = [water(), vehicles(), ...sewage()];
let total = 0;
for (const file of written) {
  total += file.bytes;
  console.log(`fixtures/raw/${file.name}: ${file.rows} rows, ${(file.bytes / 1024).toFixed(0)} KB`);
}
console.log(`total ${(total / 1024).toFixed(0)} KB`);
