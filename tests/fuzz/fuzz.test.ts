import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readDataFiles, type DataSource } from "../../src/kinds/files.js";
import { PlanError } from "../../src/vocabulary/issues.js";
import { buildLookup } from "../../src/plan/lookup.js";
import { loadPlan } from "../../src/plan/load.js";

const planFile = fileURLToPath(new URL("../../plan/zhengzhou-2023-2025.yaml", import.meta.url));
const lookup = buildLookup(loadPlan(readFileSync(planFile, "utf8"), planFile));
const crasherDir = fileURLToPath(new URL("../fixtures-bad/crashers/", import.meta.url));

/** Runs per property; FUZZ_RUNS raises it for a longer hunt. */
const numRuns = Number(process.env.FUZZ_RUNS ?? 300);
/** Generous: a run takes a few seconds, but CI machines are slow and FUZZ_RUNS may be large. */
const timeout = 120_000 + numRuns * 100;

/**
 * A small plan that uses every part of the schema, to mutate. (The bundled plan takes some 60 ms
 * to parse; mutating it 300 times would make the suite slow.)
 */
const mutationBase = `id: fuzz-plan
title: Fuzz plan
period:
  start: 2023-01-01
  end: 2025-12-31
ruleset: "2012"
assessment:
  tolerance: 0.1
  milestoneWarningDays: 90
city: "410100"
areas:
  - code: "410100"
    name: 郑州市
    pinyin: Zhengzhou
    kind: city
    aliases: [全市]
  - code: "410102"
    name: 中原区
    pinyin: Zhongyuan
    kind: district
indicators:
  - id: pm25-annual-mean
    name: { zh: 细颗粒物年均浓度, en: PM2.5 annual mean }
    unit: &concentration ug/m3
    direction: lower-is-better
    period: annual
    plausible: [0, 500]
  - id: nev-share-bus
    name: { zh: 公交车新能源化比例, en: NEV share of buses }
    unit: "%"
    direction: higher-is-better
    period: cumulative
    aggregation: last
tasks:
  - id: goals
    number: 0
    group: 目标
    groupTitle: 主要目标
    title: 主要目标
    responsibleAreas: all
    targets:
      - id: goals-pm25
        indicator: pm25-annual-mean
        operator: "<="
        value: 40
        unit: *concentration
        deadline: 2025-12-31
        baseline: { period: "2022", value: 47 }
        basically: { value: 41, note: read as 41 }
        appliesTo: ["410100", "410102"]
        source: 到2025年,PM2.5年均浓度达到40微克/立方米
      - id: goals-bus
        indicator: nev-share-bus
        operator: ">="
        value: 100
        unit: "%"
        appliesTo: city+responsible
        interim: true
        source: 公交车基本实现新能源化
`;

function memorySource(file: string, bytes: Uint8Array, chunkSize: number): DataSource {
  return {
    file,
    async *open() {
      for (let start = 0; start < bytes.length; start += chunkSize) yield bytes.slice(start, start + chunkSize);
    },
  };
}

/** readDataFiles must not throw, and every file's rows must add up, whatever the bytes. */
async function readSafely(file: string, bytes: Uint8Array, chunkSize: number): Promise<void> {
  const data = await readDataFiles([memorySource(file, bytes, chunkSize)], lookup);
  for (const summary of data.files) expect(summary.rowsRead).toBe(summary.rowsUsed + summary.rowsRejected + summary.rowsSkipped);
  for (const issue of data.issues) {
    expect(issue.code).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)+$/);
    expect(issue.location?.file).toBe(file);
    if (issue.location?.line !== undefined) expect(issue.location.line).toBeGreaterThanOrEqual(1);
  }
}

/** loadPlan must return a plan or throw a PlanError whose problems all have a place. */
function loadSafely(text: string): void {
  try {
    loadPlan(text, "fuzz.yaml");
  } catch (error) {
    if (!(error instanceof PlanError)) throw error;
    expect(error.issues.length).toBeGreaterThan(0);
    for (const issue of error.issues) {
      expect(issue.location?.file).toBe("fuzz.yaml");
      expect(issue.location?.line).toBeGreaterThanOrEqual(1);
    }
  }
}

const chunkSize = fc.integer({ min: 1, max: 4096 });
const bytesToText = (pieces: string[]) => pieces.join("");

const csvToken = fc.oneof(
  fc.constantFrom(",", ";", "\t", "\n", "\r\n", "\r", '"', '""', " ", "\u3000", "\uFEFF", "sep=;\n", "sep=\t\n"),
  fc.constantFrom("indicator", "area", "period", "value", "unit", "指标", "区县", "时间", "数值", "value,value", "note"),
  fc.constantFrom("pm25-annual-mean", "good-day-ratio", "dust-fall", "nev-incentive-policy", "中原区", "410102", "全市", "鄭州市", "涓師鍖"),
  fc.constantFrom("2024", "2025年6月", "2025-Q2", "45838", "2019", "2025-13", "NA", "—", "完成", "66.5%", "0.665", "1,234.5", "4000", "-5", "１２", "1e400", "ratio", "%", "ug/m3"),
  fc.string({ maxLength: 6 }),
  fc.string({ unit: "grapheme", maxLength: 4 }),
);

const jsonToken = fc.oneof(
  fc.constantFrom("[", "]", "{", "}", ",", ":", " ", "\n", '"', "\\", "\\u00", "null", "true", "NaN", "-Infinity", "1e400", "0.5", "-", "01"),
  fc.constantFrom('"indicator"', '"area"', '"period"', '"value"', '"observations"', '"__proto__"', '"constructor"', '"prototype"', '"指标"'),
  fc.constantFrom('"pm25-annual-mean"', '"dust-fall"', '"中原区"', '"2024"', '"2025-06"', '"40"', "40", "2024.5"),
  fc.string({ maxLength: 5 }),
);

const yamlToken = fc.oneof(
  fc.constantFrom("\n", "  ", "    ", "\t", "- ", ": ", ":", "? ", "---\n", "...\n", "#", "&a ", "*a", "&b ", "*b", "!tag ", "!!str ", "!!map ", "<<: ", "|", ">", "[", "]", "{", "}", ",", "'", '"', "%YAML 1.1\n", "@", "`"),
  fc.constantFrom("id", "title", "period", "start", "end", "city", "areas", "code", "name", "pinyin", "kind", "indicators", "unit", "direction", "tasks", "targets", "deadline", "value", "indicator", "operator", "source", "appliesTo", "baseline", "__proto__", "constructor"),
  fc.constantFrom("2023-01-01", "2025-12-31", "2025-13-01", "410100", '"410100"', "city", "ug/m3", "lower-is-better", "pm25-annual-mean", "<=", "40", "0x10", ".inf", "~", "null", "yes", "中原区"),
  fc.string({ maxLength: 5 }),
);

describe("fuzzing the readers and the plan loader", () => {
  it("readDataFiles never throws on random bytes (as .csv and as .json)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), chunkSize, fc.constantFrom("fuzz.csv", "fuzz.json", "fuzz.tsv"), async (bytes, size, file) => {
        await readSafely(file, bytes, size);
      }),
      { numRuns },
    );
  }, timeout);

  it("readDataFiles never throws on CSV-like text", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(csvToken, { maxLength: 120 }).map(bytesToText), chunkSize, fc.constantFrom<"utf-8" | "utf-16le">("utf-8", "utf-16le"), async (text, size, encoding) => {
        const bytes = encoding === "utf-8" ? new TextEncoder().encode(text) : new Uint8Array([0xff, 0xfe, ...new Uint8Array(Uint16Array.from(text, (char) => char.charCodeAt(0)).buffer)]);
        await readSafely("fuzz.csv", bytes, size);
      }),
      { numRuns },
    );
  }, timeout);

  it("readDataFiles never throws on JSON-like text", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(jsonToken, { maxLength: 120 }).map(bytesToText), chunkSize, async (text, size) => {
        await readSafely("fuzz.json", new TextEncoder().encode(text), size);
      }),
      { numRuns },
    );
  }, timeout);

  it("loadPlan throws nothing but PlanError on YAML-like text", () => {
    fc.assert(
      fc.property(fc.array(yamlToken, { maxLength: 150 }).map(bytesToText), (text) => loadSafely(text)),
      { numRuns },
    );
  }, timeout);

  it("loadPlan throws nothing but PlanError on deep nesting of every kind", () => {
    const opener = fc.constantFrom("[", "{a: ", "- ", "? ", "\n", " ", "&x ", "*x ");
    fc.assert(
      fc.property(fc.array(opener, { maxLength: 50 }), fc.integer({ min: 0, max: 4000 }), fc.constantFrom("", "]", "}", "1"), (pattern, repeat, closer) => {
        const body = pattern.length === 0 ? "" : Array.from({ length: repeat }, (_, index) => pattern[index % pattern.length]).join("");
        loadSafely(`areas:\n  ${body}${closer.repeat(repeat)}\n`);
      }),
      { numRuns: Math.max(50, numRuns / 3) },
    );
  }, timeout);

  it("loadPlan throws nothing but PlanError on a full plan with random edits", () => {
    expect(loadPlan(mutationBase, "fuzz.yaml").tasks[0]?.targets).toHaveLength(2);
    const lines = mutationBase.split("\n");
    const edit = fc.record({ line: fc.nat(lines.length - 1), kind: fc.constantFrom("delete", "insert", "replace", "duplicate"), text: yamlToken });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), (edits) => {
        const edited = [...lines];
        for (const { line, kind, text } of edits) {
          const at = Math.min(line, edited.length - 1);
          const current = edited[at] ?? "";
          if (kind === "delete") edited.splice(at, 1);
          else if (kind === "insert") edited[at] = current.slice(0, current.length >> 1) + text + current.slice(current.length >> 1);
          else if (kind === "replace") edited[at] = current.replace(/:.*$/, `: ${text}`);
          else edited.splice(at, 0, current);
        }
        loadSafely(edited.join("\n"));
      }),
      { numRuns },
    );
  }, timeout);
});

describe("crashers found by fuzzing, replayed", () => {
  const crashers = readdirSync(crasherDir).filter((name) => !name.endsWith(".md"));

  it("has crashers to replay", () => {
    expect(crashers.length).toBeGreaterThan(0);
  });

  for (const name of crashers) {
    it(`replays ${name}`, async () => {
      const bytes = new Uint8Array(readFileSync(crasherDir + name));
      // Some crashes came only on a second or third try, once V8 had optimised the code involved.
      for (let attempt = 0; attempt < 3; attempt += 1) {
        if (name.endsWith(".yaml")) loadSafely(new TextDecoder().decode(bytes));
        else for (const size of [1, 7, 4096]) await readSafely(name, bytes, size);
      }
    }, timeout);
  }
});
