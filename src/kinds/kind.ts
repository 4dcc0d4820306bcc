import type { AirRuleset } from "../standards/aqi.js";
import type { Issue } from "../vocabulary/issues.js";
import type { PlanLookup } from "../plan/lookup.js";
import type { Observation } from "./observation.js";
import type { DataRecord } from "../read/records.js";
import type { AirContext } from "./air/context.js";

/** Where a raw reader puts each row's fate; rows read = used + rejected + skipped, per file. */
export interface RawRowSink {
  file: string;
  read(): void;
  /** The row fed a computation. */
  used(): void;
  /** Blank rows and exact repeats. */
  skip(): void;
  reject(issue: Issue): void;
  warn(issue: Issue): void;
}

/** Settings every raw kind sees. */
export interface RawOptions {
  lookup: PlanLookup;
  /** Air rule set to compute AQI by (the plan's, unless --ruleset overrides it). */
  ruleset: AirRuleset;
  /** What the air family's kinds share during the run: one per run, created by startRawRun. */
  air: AirContext;
}

/** What a raw kind computes once every file has been read. */
export interface RawResult {
  observations: Observation[];
  issues: Issue[];
}

/**
 * A kind of raw monitoring file (station readings, section samples, a fleet register, plant
 * records): recognised by its columns, consumed file by file, and turned into the plan's
 * indicators by the national rules once all files are in, since one indicator may need rows
 * from several files (a station list and its readings, twelve monthly drops).
 */
export interface RawKind<State> {
  id: string;
  /** A sentence for --help and the README. */
  description: string;
  /** True when a file's header names (as written) mark it as this kind. */
  detect(headers: readonly string[]): boolean;
  createState(options: RawOptions): State;
  consume(records: AsyncIterable<DataRecord>, sink: RawRowSink, state: State): Promise<void>;
  finish(state: State, options: RawOptions): RawResult;
}

/** An identity function that keeps each kind's State type while the registry holds them all. */
export function defineRawKind<State>(kind: RawKind<State>): RawKind<State> {
  return kind;
}
