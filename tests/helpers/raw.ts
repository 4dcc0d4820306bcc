import { readFileSync } from "node:fs";
import { readCsvRecords } from "../../src/data/csv-records.js";
import type { Observation } from "../../src/data/observation.js";
import type { RawKind, RawRowSink } from "../../src/data/raw/kind.js";
import { isProblem, type DataRecord } from "../../src/data/records.js";
import type { Issue } from "../../src/errors.js";
import { buildLookup } from "../../src/plan/lookup.js";
import { loadPlan } from "../../src/plan/load.js";

const planFile = new URL("../../plan/zhengzhou-2023-2025.yaml", import.meta.url);
export const bundledLookup = buildLookup(loadPlan(readFileSync(planFile, "utf8"), "zhengzhou-2023-2025.yaml"));
export const rawOptions = { lookup: bundledLookup, ruleset: "2012" as const };

/** CSV text as records, fed in small odd-sized chunks so that chunk boundaries fall everywhere. */
export async function* recordsOf(text: string, chunkSize = 37): AsyncGenerator<DataRecord> {
  async function* chunks(): AsyncGenerator<string> {
    for (let index = 0; index < text.length; index += chunkSize) yield text.slice(index, index + chunkSize);
  }
  for await (const item of readCsvRecords(chunks())) if (!isProblem(item)) yield item;
}

export interface FileCounts {
  read: number;
  used: number;
  skipped: number;
  rejected: number;
}

/** Run one raw kind over in-memory CSV files; every row's fate is counted per file. */
export async function runRawKind<State>(kind: RawKind<State>, files: Record<string, string>, chunkSize?: number) {
  const state = kind.createState(rawOptions);
  const counts: Record<string, FileCounts> = {};
  const issues: Issue[] = [];
  for (const [file, text] of Object.entries(files)) {
    const tally: FileCounts = { read: 0, used: 0, skipped: 0, rejected: 0 };
    counts[file] = tally;
    const sink: RawRowSink = {
      file,
      read: () => (tally.read += 1),
      used: () => (tally.used += 1),
      skip: () => (tally.skipped += 1),
      reject: (issue) => {
        tally.rejected += 1;
        issues.push(issue);
      },
      warn: (issue) => issues.push(issue),
    };
    await kind.consume(recordsOf(text, chunkSize), sink, state);
  }
  const result = kind.finish(state, rawOptions);
  return { counts, issues: [...issues, ...result.issues], observations: result.observations };
}

export function findObservation(observations: readonly Observation[], indicator: string, period: string, area = "410100"): Observation | undefined {
  return observations.find((observation) => observation.indicator === indicator && observation.period.label === period && observation.area === area);
}

export function valueOf(observations: readonly Observation[], indicator: string, period: string, area = "410100"): number | undefined {
  return findObservation(observations, indicator, period, area)?.value;
}
