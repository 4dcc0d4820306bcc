import { readFileSync, createReadStream } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readDataFiles, type DataSource, type ReadOptions } from "../../src/kinds/files.js";
import type { DataSet } from "../../src/kinds/observation.js";
import { buildLookup, type PlanLookup } from "../../src/plan/lookup.js";
import { loadPlan } from "../../src/plan/load.js";

const planFile = fileURLToPath(new URL("../../plan/zhengzhou-2023-2025.yaml", import.meta.url));
const lookup = buildLookup(loadPlan(readFileSync(planFile, "utf8"), planFile));
const gb18030Fixture = new Uint8Array(readFileSync(fileURLToPath(new URL("../fixtures-bad/gb18030.csv", import.meta.url))));

const utf8 = (text: string) => new TextEncoder().encode(text);

/** A source over bytes in memory, counting how often it is opened and how often closed. */
function source(file: string, content: string | Uint8Array, chunkSize = 1 << 16) {
  const bytes = typeof content === "string" ? utf8(content) : content;
  const stats = { opened: 0, closed: 0 };
  const dataSource: DataSource = {
    file,
    open() {
      stats.opened += 1;
      return (async function* () {
        try {
          for (let start = 0; start < bytes.length; start += chunkSize) yield bytes.slice(start, start + chunkSize);
        } finally {
          stats.closed += 1;
        }
      })();
    },
  };
  return Object.assign(dataSource, { stats });
}

function failing(file: string, error: unknown, when: "open" | "read" = "read"): DataSource {
  return {
    file,
    open() {
      if (when === "open") throw error;
      return (async function* (): AsyncGenerator<Uint8Array> {
        yield utf8("indicator,area,period,value\n");
        throw error;
      })();
    },
  };
}

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: failed`), { code });
}

async function read(sources: DataSource[], options: ReadOptions = {}, plan: PlanLookup = lookup): Promise<DataSet> {
  const data = await readDataFiles(sources, plan, options);
  for (const summary of data.files) expect(summary.rowsRead).toBe(summary.rowsUsed + summary.rowsRejected + summary.rowsSkipped);
  return data;
}

const codes = (data: DataSet) => data.issues.map((issue) => `${issue.code}@${issue.location?.line ?? ""}:${issue.location?.column ?? ""}`);
const values = (data: DataSet) => data.observations.map((o) => `${o.indicator} ${o.area} ${o.period.label} ${o.value}`);

describe("encodings", () => {
  it("reads the file again as GB18030 when bytes that are not UTF-8 come after the first sniffed block", async () => {
    const asciiRows = "dust-fall,410102,2023-01,5\n".repeat(400);
    const gbTail = gb18030Fixture.slice(gb18030Fixture.indexOf(0x0a) + 1);
    const bytes = new Uint8Array([...utf8(`indicator,area,period,value\n${asciiRows}`), ...gbTail]);
    expect(bytes.length).toBeGreaterThan(8192);
    const file = source("late.csv", bytes, 1000);
    const data = await read([file]);
    expect(data.files[0]).toMatchObject({ encoding: "gb18030", rowsRead: 403, rowsUsed: 4, rowsSkipped: 399 });
    expect(values(data)).toEqual(expect.arrayContaining(["pm25-annual-mean 410102 2024 41.5", "dust-fall 410104 2025-06 5.1"]));
    expect(file.stats).toEqual({ opened: 2, closed: 2 });
    // The duplicates of the first try are not reported twice.
    expect(data.issues.filter((issue) => issue.code === "duplicate-row")).toHaveLength(399);
  });

  it("says where a file named as UTF-8 stops being UTF-8", async () => {
    // 指 is D6 B8 in GB18030, which happens to be well-formed UTF-8; 标 (B1 EA) is not.
    const data = await read([source("gb.csv", gb18030Fixture)], { encoding: "utf-8" });
    expect(data.issues).toEqual([
      expect.objectContaining({ code: "bad-encoding", message: "the file is not valid UTF-8 (byte 0xB1 on line 1 cannot be decoded)", location: { file: "gb.csv" } }),
    ]);
    expect(data.files[0]).toMatchObject({ encoding: "utf-8", rowsRead: 0 });
  });

  it("hints at the encoding when UTF-8 is read as GB18030 and the names come out garbled", async () => {
    const data = await read([source("u.csv", "indicator,area,period,value\npm25-annual-mean,中原区,2024,40\n")], { encoding: "gb18030" });
    expect(codes(data)).toEqual(["unknown-area@2:2", "undecodable-characters@:"]);
    expect(data.issues[0]?.message).toMatch(/unknown area ".*" \(the text looks garbled\)/);
    expect(data.issues[0]?.hint).toMatch(/encoding may be wrong/);
  });

  it("hints at the encoding when the header itself is garbled", async () => {
    const data = await read([source("h.csv", "指标,区县,时间,数值\npm25-annual-mean,中原区,2024,40\n")], { encoding: "gb18030" });
    expect(codes(data)).toContain("missing-column@1:1");
    expect(data.issues.find((issue) => issue.code === "missing-column")?.hint).toMatch(/header looks garbled/);
  });

  it("reads UTF-16 with its BOM cut across one-byte chunks", async () => {
    const text = "indicator,area,period,value\r\npm25-annual-mean,中原区,2024,40\r\n";
    const le = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Uint16Array.from(text, (char) => char.charCodeAt(0)).buffer)]);
    const data = await read([source("le.csv", le, 1)]);
    expect(data.files[0]?.encoding).toBe("utf-16le");
    expect(values(data)).toEqual(["pm25-annual-mean 410102 2024 40"]);
  });

  it("reads a file named as UTF-16 that has no BOM and binary-looking NULs", async () => {
    const text = "indicator,area,period,value\npm25-annual-mean,中原区,2024,40\n";
    const le = new Uint8Array(Uint16Array.from(text, (char) => char.charCodeAt(0)).buffer);
    const data = await read([source("le.csv", le)], { encoding: "utf-16le" });
    expect(values(data)).toEqual(["pm25-annual-mean 410102 2024 40"]);
  });
});

describe("values against the plan", () => {
  const ratioPlan = buildLookup(
    loadPlan(
      `id: ratio-test
title: T
period: { start: 2023-01-01, end: 2025-12-31 }
city: "410100"
areas:
  - { code: "410100", name: 郑州市, pinyin: Zhengzhou, kind: city, aliases: [全市] }
indicators:
  - { id: good-day-ratio, name: { zh: 优良天数比例, en: Good days }, unit: "%", direction: higher-is-better, period: annual, plausible: [10, 100] }
  - { id: heavy-pollution-ratio, name: { zh: 重污染天数比例, en: Heavy days }, unit: "%", direction: lower-is-better, period: annual, plausible: [0, 100] }
  - { id: pm25-annual-mean, name: { zh: PM2.5, en: PM2.5 }, unit: ug/m3, direction: lower-is-better, period: annual, plausible: [0, 500] }
tasks:
  - { id: goals, number: 0, group: 目标, groupTitle: 目标, title: 目标 }
`,
      "ratio-plan.yaml",
    ),
  );

  it("reads a ratio as a percentage only where a small percentage is implausible, with a warning", async () => {
    const csv = [
      "indicator,area,period,value,unit",
      "good-day-ratio,全市,2023,0.665,",
      "good-day-ratio,全市,2024,66.5%,",
      "good-day-ratio,全市,2025,0.665,%",
      "heavy-pollution-ratio,全市,2023,0.8,",
      "heavy-pollution-ratio,全市,2024,0.5,ratio",
      "pm25-annual-mean,全市,2023,0.9,",
    ].join("\n");
    const data = await read([source("r.csv", csv)], {}, ratioPlan);
    expect(values(data)).toEqual([
      "good-day-ratio 410100 2023 66.5",
      "good-day-ratio 410100 2024 66.5",
      "heavy-pollution-ratio 410100 2023 0.8",
      "heavy-pollution-ratio 410100 2024 50",
      "pm25-annual-mean 410100 2023 0.9",
    ]);
    expect(codes(data)).toEqual(["ratio-read-as-percent@2:4", "implausible-value@4:4"]);
    expect(data.issues[0]).toMatchObject({ severity: "warning", message: "0.665 read as a ratio, 66.5 %: good-day-ratio cannot be below 10 %" });
    expect(data.files[0]).toMatchObject({ rowsUsed: 5, rowsRejected: 1, warnings: 1 });
  });

  it("takes yes/no words only for a milestone", async () => {
    const csv = "indicator,area,period,value\nnev-incentive-policy,全市,2024,已完成\npm25-annual-mean,全市,2024,是\n";
    const data = await read([source("m.csv", csv)]);
    expect(values(data)).toEqual(["nev-incentive-policy 410100 2024 1"]);
    expect(codes(data)).toEqual(["not-a-number@3:4"]);
  });

  it("rejects a PM2.5 annual mean of 4000 as implausible, naming the range", async () => {
    const data = await read([source("p.csv", "indicator,area,period,value\npm25-annual-mean,中原区,2024,4000\n")]);
    expect(data.issues[0]).toMatchObject({
      code: "implausible-value",
      message: "4000 ug/m3 is outside the plausible range 0..500 ug/m3 for pm25-annual-mean",
      location: { file: "p.csv", line: 2, column: 4 },
    });
  });
});

describe("duplicates and conflicts", () => {
  const header = "indicator,area,period,value\n";

  it("counts a repeat in another file once, as a skipped row of that file", async () => {
    const data = await read([source("a.csv", `${header}dust-fall,中原区,2025-06,5\n`), source("b.csv", `${header}dust-fall,410102,2025年6月,5.0\n`)]);
    expect(values(data)).toEqual(["dust-fall 410102 2025-06 5"]);
    expect(data.issues).toEqual([expect.objectContaining({ code: "duplicate-row", severity: "warning", location: { file: "b.csv", line: 2, column: 4 } })]);
    expect(data.issues[0]?.message).toContain("a.csv line 2");
    expect(data.files.map((file) => [file.rowsUsed, file.rowsSkipped])).toEqual([[1, 0], [0, 1]]);
  });

  it("by default uses the later of two different values, and moves the earlier row from used to skipped", async () => {
    const data = await read([
      source("a.csv", `${header}dust-fall,中原区,2025-06,5\ndust-fall,二七区,2025-06,6\n`),
      source("b.csv", `${header}dust-fall,中原区,2025-06,7\ndust-fall,中原区,2025-06,7\n`),
    ]);
    expect(values(data)).toEqual(["dust-fall 410102 2025-06 7", "dust-fall 410103 2025-06 6"]);
    expect(codes(data).sort()).toEqual(["duplicate-row@3:4", "revised-value@2:4"]);
    expect(data.files.map((file) => [file.rowsUsed, file.rowsSkipped])).toEqual([[1, 1], [1, 1]]);
    expect(data.conflicts).toEqual([expect.objectContaining({ indicator: "dust-fall", area: "410102", period: "2025-06", rule: "later-file" })]);
  });

  it("under --on-conflict reject uses neither value of a conflict, reports it at both rows, and moves the first row to rejected", async () => {
    const data = await read([
      source("a.csv", `${header}dust-fall,中原区,2025-06,5\ndust-fall,二七区,2025-06,6\n`),
      source("b.csv", `${header}dust-fall,中原区,2025-06,7\ndust-fall,中原区,2025-06,5\n`),
    ], { onConflict: "reject" });
    expect(values(data)).toEqual(["dust-fall 410103 2025-06 6"]);
    expect(codes(data).sort()).toEqual(["conflicting-rows@2:4", "conflicting-rows@2:4", "conflicting-rows@3:4"]);
    const [first, second] = data.files;
    expect(first).toMatchObject({ rowsRead: 2, rowsUsed: 1, rowsRejected: 1 });
    expect(second).toMatchObject({ rowsRead: 2, rowsUsed: 0, rowsRejected: 2 });
    expect(data.issues.find((issue) => issue.location?.file === "a.csv")?.message).toBe(
      "dust-fall for 410102 2025-06 is 5 here but 7 at b.csv line 2; neither value is used",
    );
  });

  it("names the column as well as the line when both rows are on one line of JSON", async () => {
    const row = (value: number) => `{"indicator":"dust-fall","area":"中原区","period":"2025-06","value":${value}}`;
    const data = await read([source("one.json", `[${row(5)},${row(6)}]`)], { onConflict: "reject" });
    expect(data.issues.map((issue) => issue.message)).toContain("dust-fall for 410102 2025-06 is 6 here but 5 at line 1, column 67; neither value is used");
  });
});

describe("files that cannot be read", () => {
  it("reports a missing file on disk", async () => {
    const missing = "/nonexistent/zz-plan/data.csv";
    const data = await read([{ file: missing, open: () => createReadStream(missing) }]);
    expect(data.issues).toEqual([expect.objectContaining({ code: "file-not-found", message: "no such file", location: { file: missing } })]);
  });

  it.each([
    ["EACCES while reading", failing("a.csv", errno("EACCES")), "file-unreadable", "permission denied: the file cannot be read"],
    ["EISDIR when opening", failing("b.csv", errno("EISDIR"), "open"), "file-unreadable", "this is a folder, not a file"],
    ["ENOENT when opening", failing("c.csv", errno("ENOENT"), "open"), "file-not-found", "no such file"],
    ["a stream that fails some other way", failing("d.csv", new Error("socket hang up")), "file-unreadable", "cannot read the file: socket hang up"],
    ["a stream that throws a string", failing("e.csv", "boom"), "file-unreadable", "cannot read the file: boom"],
  ])("%s", async (_, dataSource, code, message) => {
    const data = await read([dataSource]);
    expect(data.issues).toEqual([expect.objectContaining({ code, message })]);
  });

  it("reads a file named twice once", async () => {
    const data = await read([source("a.csv", "indicator,area,period,value\ndust-fall,中原区,2025-06,5\n"), source("a.csv", "")]);
    expect(codes(data)).toEqual(["file-given-twice@:"]);
    expect(data.files).toHaveLength(1);
  });

  it("checks the columns of a file that has a header and no rows", async () => {
    const data = await read([source("t.csv", "\nindicator,area,when,value\n")]);
    expect(codes(data)).toEqual(["missing-column@2:1"]);
    expect(data.issues[0]?.message).toMatch(/required column missing: period .*; the file has no data rows/);
  });
});

describe("limits", () => {
  it("lists at most maxIssuesPerCode issues of one code per file, and counts the rest", async () => {
    const rows = Array.from({ length: 10 }, (_, index) => `dust-fall,中原区,2025-06,x${index}`).join("\n");
    const data = await read([source("many.csv", `indicator,area,period,value\n${rows}\n`)], { maxIssuesPerCode: 3 });
    expect(codes(data)).toEqual(["not-a-number@2:4", "not-a-number@3:4", "not-a-number@4:4", "not-a-number@:"]);
    expect(data.issues[3]?.message).toBe("and 7 more not-a-number problems in this file, not listed one by one (the first 3 are)");
    expect(data.files[0]).toMatchObject({ rowsRead: 10, rowsRejected: 10 });
  });

  it("reads a JSON file that is one huge line", async () => {
    const areas = lookup.plan.areas.map((area) => area.code);
    const records = Array.from({ length: 20_000 }, (_, index) => {
      const month = String((Math.floor(index / areas.length) % 12) + 1).padStart(2, "0");
      const year = 2023 + (Math.floor(index / (areas.length * 12)) % 3);
      return `{"indicator":"dust-fall","area":"${areas[index % areas.length]}","period":"${year}-${month}","value":5}`;
    });
    const text = `[${records.join(",")}]`;
    const data = await read([source("huge.json", text, 4096)]);
    const summary = data.files[0]!;
    expect(summary.rowsRead).toBe(20_000);
    // Each area's 36 months are distinct; every later row repeats one of them with the same value.
    expect(summary.rowsUsed).toBe(areas.length * 36);
    expect(summary.rowsSkipped).toBe(20_000 - areas.length * 36);
    expect(new Set(data.issues.map((issue) => issue.code))).toEqual(new Set(["duplicate-row"]));
    expect(data.issues.every((issue) => issue.location?.line === 1 || issue.location?.line === undefined)).toBe(true);
  });

  it("stops at a JSON string longer than the limit", async () => {
    const data = await read([source("long.json", `[{"indicator":"${"x".repeat(1_100_000)}"}]`, 65536)]);
    expect(codes(data)).toEqual(["json-too-long@1:15"]);
  });

  it("stops at a CSV row longer than the limit, with the row counted as rejected", async () => {
    const data = await read([source("long.csv", `indicator,area,period,value\ndust-fall,中原区,2025-06,5\n${"x".repeat(300)}\n`)], { csv: { maxRecordLength: 100 } });
    expect(codes(data)).toEqual(["csv-record-too-long@3:1"]);
    expect(data.files[0]).toMatchObject({ rowsRead: 2, rowsUsed: 1, rowsRejected: 1 });
  });

  it("rejects a row with more columns than any format has", async () => {
    const data = await read([source("wide.csv", `indicator,area,period,value\n${"1,".repeat(5000)}1\ndust-fall,中原区,2025-06,5\n`)]);
    expect(codes(data)).toEqual(["csv-too-many-fields@2:4001"]);
    expect(data.files[0]).toMatchObject({ rowsRead: 2, rowsUsed: 1, rowsRejected: 1 });
  });
});

describe("a named encoding that fails part-way", () => {
  it("keeps the rows before the bad byte and says so", async () => {
    const bytes = new Uint8Array([...utf8("indicator,area,period,value\ndust-fall,中原区,2025-06,5\n"), ...gb18030Fixture.slice(gb18030Fixture.indexOf(0x0a) + 1)]);
    const data = await read([source("part.csv", bytes)], { encoding: "utf-8" });
    expect(values(data)).toEqual(["dust-fall 410102 2025-06 5"]);
    expect(data.issues.map((issue) => issue.message)).toEqual([
      "the file is not valid UTF-8 (byte 0xD6 on line 3 cannot be decoded); the 1 row(s) before it are read, the rest is not",
    ]);
  });
});
