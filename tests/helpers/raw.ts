import { readFileSync } from "node:fs";
import { readCsvRecords } from "../../src/read/csv.js";
import type { Observation } from "../../src/kinds/observation.js";
import type { FileShape, Kind, KindOptions, RowSink } from "../../src/kinds/kind.js";
import type { AirRuleset } from "../../src/standards/index.js";
import { isProblem, type DataRecord } from "../../src/read/records.js";
import type { Issue } from "../../src/vocabulary/issues.js";
import { buildLookup } from "../../src/plan/lookup.js";
import { loadPlan } from "../../src/plan/load.js";
import { createAirContext } from "../../src/kinds/air/context.js";

const planFile = new URL("../../plan/zhengzhou-2023-2025.yaml", import.meta.url);
export const bundledLookup = buildLookup(loadPlan(readFileSync(planFile, "utf8"), "zhengzhou-2023-2025.yaml"));
/** Options for one run: each run gets its own air context, as a check does. */
export function rawOptions(ruleset: AirRuleset = "2012"): KindOptions {
  return { lookup: bundledLookup, ruleset, air: createAirContext() };
}

/** CSV text as records, fed in small odd-sized chunks so that chunk boundaries fall everywhere. */
export async function* recordsOf(text: string, chunkSize = 37): AsyncGenerator<DataRecord> {
  for await (const item of readCsvRecords(chunksOf(text, chunkSize))) if (!isProblem(item)) yield item;
}

export interface FileCounts {
  read: number;
  used: number;
  skipped: number;
  rejected: number;
}

/** A sink that counts each row's fate into tally and collects issues (a shared rejection once). */
function countingSink(file: string, tally: FileCounts, issues: Issue[]): RowSink {
  return {
    file,
    read: () => (tally.read += 1),
    used: () => (tally.used += 1),
    skip: () => (tally.skipped += 1),
    reject: (issue) => {
      tally.rejected += 1;
      if (!issues.includes(issue)) issues.push(issue);
    },
    warn: (issue) => issues.push(issue),
    use: () => {
      throw new Error("a raw kind gives its values at finish");
    },
    structural: (issue) => issues.push(issue),
  };
}

/** The file shape of a CSV file read through recordsOf. */
export const csvShape: FileShape = { header: () => undefined, columnsPerRecord: false };

/** Run one raw kind over in-memory CSV files; every row's fate is counted per file. */
export async function runRawKind<State>(kind: Kind<State>, files: Record<string, string>, chunkSize?: number) {
  const options = rawOptions();
  const state = kind.createState(options);
  const counts: Record<string, FileCounts> = {};
  const issues: Issue[] = [];
  for (const [file, text] of Object.entries(files)) {
    counts[file] = { read: 0, used: 0, skipped: 0, rejected: 0 };
    await kind.consume(recordsOf(text, chunkSize), countingSink(file, counts[file], issues), state, csvShape);
  }
  const result = kind.finish(state, options);
  return { counts, issues: [...issues, ...result.issues], observations: result.observations };
}

/**
 * Run several raw kinds the way a check does: each file goes, in order, to the kind that detects
 * its header; one options object and one state per kind; all finish at the end. A structural CSV
 * problem fails the test, and so does a file whose rows are not all accounted for.
 */
export async function runRawKinds(kinds: readonly Kind<unknown>[], files: Record<string, string> | readonly (readonly [string, string])[], ruleset: AirRuleset = "2012") {
  const options = rawOptions(ruleset);
  const states = new Map(kinds.map((kind) => [kind, kind.createState(options)] as const));
  const counts: Record<string, FileCounts> = {};
  const issues: Issue[] = [];
  const kindOf: Record<string, string> = {};
  for (const [file, text] of Array.isArray(files) ? files : Object.entries(files)) {
    const records: DataRecord[] = [];
    for await (const item of readCsvRecords(chunksOf(text, 4096))) {
      if (isProblem(item)) throw new Error(`${file}: ${item.code} at line ${item.line}: ${item.message}`);
      records.push(item);
    }
    const headers = [...(records[0]?.cells.keys() ?? [])];
    const kind = kinds.find((candidate) => candidate.detect(headers));
    if (!kind) throw new Error(`no kind detects ${file}: ${headers.join(",")}`);
    kindOf[file] = kind.id;
    counts[file] = { read: 0, used: 0, skipped: 0, rejected: 0 };
    await kind.consume(streamOf(records), countingSink(file, counts[file], issues), states.get(kind), csvShape);
  }
  const observations: Observation[] = [];
  for (const kind of kinds) {
    const result = kind.finish(states.get(kind), options);
    observations.push(...result.observations);
    issues.push(...result.issues);
  }
  for (const [file, tally] of Object.entries(counts)) {
    if (tally.used + tally.rejected + tally.skipped !== tally.read) throw new Error(`row accounting of ${file}: ${JSON.stringify(tally)}`);
  }
  return { observations, issues, counts, kindOf };
}

async function* chunksOf(text: string, size: number): AsyncGenerator<string> {
  for (let index = 0; index < text.length; index += size) yield text.slice(index, index + size);
}

async function* streamOf(records: readonly DataRecord[]): AsyncGenerator<DataRecord> {
  yield* records;
}

export function findObservation(observations: readonly Observation[], indicator: string, period: string, area = "410100"): Observation | undefined {
  return observations.find((observation) => observation.indicator === indicator && observation.period.label === period && observation.area === area);
}

export function valueOf(observations: readonly Observation[], indicator: string, period: string, area = "410100"): number | undefined {
  return findObservation(observations, indicator, period, area)?.value;
}
