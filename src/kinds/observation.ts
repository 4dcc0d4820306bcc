import type { Issue, Location } from "../vocabulary/issues.js";
import type { Encoding } from "../read/decode.js";
import type { Period } from "../vocabulary/period.js";
import type { OnConflict } from "./names.js";

export type { OnConflict };

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
  /** The row's 报送日期 (ISO date) or revision number, when the file gives one: it decides between revisions. */
  revision?: string;
}

/** How a conflict between rows was settled; see decideRevision in files.ts. */
export type ConflictRule = "later-revision" | "earlier-revision" | "later-file" | "earlier-file" | "reject";

/** One indicator, area and period given different values by several rows. */
export interface InputConflict {
  indicator: string;
  area: string;
  /** Period label. */
  period: string;
  rule: ConflictRule;
  /** The value used; none under the reject rule. */
  used?: Observation;
  /** The values not used. */
  dropped: Observation[];
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
  format: "csv" | "json" | "xlsx" | "unsupported";
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
  /** Rows that gave one indicator, area and period different values, and how each was settled. */
  conflicts?: InputConflict[];
}
