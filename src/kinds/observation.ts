import type { Issue, Location } from "../vocabulary/issues.js";
import type { Encoding } from "../read/decode.js";
import type { Period } from "../vocabulary/period.js";

/** One value of one indicator for one area and period, in the indicator's canonical unit. */
export interface Observation {
  indicator: string;
  /** Area code. */
  area: string;
  period: Period;
  value: number;
  unit: string;
  source?: string;
  note?: string;
  /** The row it came from; for a computed value, the first row that fed it. */
  origin: Location;
  /** For a value computed from raw records: how it was computed and from what. */
  provenance?: Provenance;
}

/** How a computed indicator value came about, so an analyst can defend it. */
export interface Provenance {
  method: string;
  inputs: string;
  details: string[];
}

/** Row accounting for one input file: read = used + rejected + skipped. */
export interface FileSummary {
  file: string;
  format: "csv" | "json" | "unsupported";
  kind: string;
  encoding: Encoding | "n/a";
  rowsRead: number;
  rowsUsed: number;
  rowsRejected: number;
  /** Blank rows, and exact repeats of an earlier row. */
  rowsSkipped: number;
  warnings: number;
}

/** Everything read from the data files: the observations, the problems, and the accounting. */
export interface DataSet {
  observations: Observation[];
  issues: Issue[];
  files: FileSummary[];
}
