import type { AirRuleset } from "../standards/aqi.js";
import type { Issue } from "../vocabulary/issues.js";
import type { PlanLookup } from "../plan/lookup.js";
import type { Observation } from "./observation.js";
import type { DataRecord } from "../read/records.js";
import type { LineTap } from "../read/csv.js";
import type { AirContext } from "./air/context.js";

/** Where a kind puts each row's fate; rows read = used + rejected + skipped, per file. */
export interface RowSink {
  file: string;
  read(): void;
  /** The row fed a computation whose values come at finish. */
  used(): void;
  /** The row gives this value as it stands: the run counts it used, or skipped as a repeat. */
  use(observation: Observation): void;
  /** Blank rows and exact repeats. */
  skip(): void;
  /** Reject rows (one unless said) for the reason the issue gives; an issue shared by many rows is listed once. */
  reject(issue: Issue, rows?: number): void;
  warn(issue: Issue): void;
  /** A problem with the file rather than with one row. */
  structural(issue: Issue): void;
}

/** What a kind may need to know of the file beyond its records. */
export interface FileShape {
  /** The header row once read (CSV), so that a file without data rows is still checked for its columns. */
  header(): { names: readonly string[]; line: number } | undefined;
  /** Each record names its own keys (JSON objects), rather than a header naming them for every row (CSV). */
  columnsPerRecord: boolean;
  /** A CSV file's data lines, for a kind that reads simple lines faster than records (see LineTap). */
  lines?: LineTap;
}

/** Settings every kind sees. */
export interface KindOptions {
  lookup: PlanLookup;
  /** Air rule set to compute AQI by (the plan's, unless --ruleset overrides it). */
  ruleset: AirRuleset;
  /** What the air family's kinds share during the run: one per run, created by startKindRun. */
  air: AirContext;
}

/** What a kind computes once every file has been read. */
export interface KindResult {
  observations: Observation[];
  issues: Issue[];
}

/**
 * A kind of data file: the general observation format (one value per row, as the plan names it),
 * or raw monitoring data (station readings, section samples, a fleet register, plant records)
 * turned into the plan's indicators by the national rules once all files are in, since one
 * indicator may need rows from several files (a station list and its readings, twelve monthly
 * drops). Recognised by its columns, consumed file by file.
 */
export interface Kind<State> {
  id: string;
  /** A sentence for --help and the README. */
  description: string;
  /** True when a file's header names (as written) mark it as this kind. */
  detect(headers: readonly string[]): boolean;
  /**
   * The plan indicators this kind can compute, so that a run can say when the plan uses none of
   * them; "named in the file" for the general format, whose rows name their indicator; empty for
   * a kind that only informs another (a station list).
   */
  produces: readonly string[] | "named in the file";
  createState(options: KindOptions): State;
  consume(records: AsyncIterable<DataRecord>, sink: RowSink, state: State, shape: FileShape): Promise<void>;
  finish(state: State, options: KindOptions): KindResult;
}

/** An identity function that keeps each kind's State type while the registry holds them all. */
export function defineKind<State>(kind: Kind<State>): Kind<State> {
  return kind;
}
