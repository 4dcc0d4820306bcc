import type { ConflictRule, FileSummary, Provenance } from "../kinds/observation.js";
import type { Issue, Location } from "../vocabulary/issues.js";
import type { Language } from "../vocabulary/language.js";
import type { PeriodSpan } from "../vocabulary/period.js";

export type { ConflictRule, FileSummary, Issue, Location, Provenance };

/** The verdicts, best first. */
export const statuses = ["pass", "on-track", "no-data", "at-risk", "fail"] as const;
/** How a (target, area) pair stands on the as-of date. */
export type Status = (typeof statuses)[number];

/** The method that produced a status; named in every result so a reader can check it. */
export type Method =
  | "annual-value"
  | "same-period"
  | "linear-path"
  | "trend"
  | "resampling"
  | "latest-value"
  | "standing"
  | "milestone"
  | "no-projection"
  | "none";

/**
 * binding: the target binds the area, so the result is a verdict that rolls up and can fail a run.
 * comparison (对照): the area is shown against a target set for another (a district beside the
 * city's 2025 PM2.5 goal); context only, never in a roll-up, a summary count or the exit code.
 */
export const roles = ["binding", "comparison"] as const;
export type Role = (typeof roles)[number];

/** One target judged for one area. */
export interface TargetResult {
  /** Target id. */
  target: string;
  task: string;
  taskNumber: number;
  indicator: string;
  /** Area code and Chinese name. */
  area: string;
  areaName: string;
  /** Whether the target binds this area or shows it for comparison only. */
  role: Role;
  status: Status;
  /** The value judged (a full-year, latest or projected value), in unit. */
  actual?: number;
  /** The threshold applied, in unit (after 基本 readings and baselines). */
  expected: number;
  operator: string;
  unit: string;
  /** The period of the value judged, e.g. 2024, 2025-06, or 2025 (Jan-Sep, projected). */
  period?: string;
  /** The same period as data: start, end and the months covered. */
  span?: PeriodSpan;
  deadline?: string;
  method: Method;
  /** One sentence with numbers, no trailing period. */
  reason: string;
  /** expected - actual where the target is not met; the change still needed. */
  gap?: number;
  projected?: number;
  /** The plan's 基本 reading, shown beside the status. */
  basically?: { value: number; note: string };
  baseline?: { period: string; value: number };
  /** Earlier periods that missed a standing requirement. */
  earlierMisses?: string[];
  /** What the rest of the deadline year must deliver (annual targets judged before their deadline). */
  required?: Requirement;
  /** The estimated probability of meeting the target, or why there is none. */
  probability?: Probability;
  /** The data row that decided the status. */
  origin?: Location;
  /**
   * Input rows for this indicator and area that gave one period different values: the periods,
   * how many rows were not used, and the rule that settled it (--on-conflict).
   */
  inputConflicts?: { rule: ConflictRule; periods: string[]; rowsDropped: number };
  /** Months (YYYY-MM) missing from the series judged, up to the as-of date. */
  missingPeriods?: string[];
  /** The latest data is older than the as-of date by at least one whole period of its kind. */
  stale?: { latest: string };
  provenance?: Provenance;
}

/** What the rest of the deadline year must deliver for an annual target to be met. */
export interface Requirement {
  /** The remaining months: 2025-10/2025-12, or 2025-06,2025-10/2025-12 when not a run. */
  period: string;
  /** Calendar days in them. */
  days: number;
  /** What value is: the mean of the remaining months, their sum, or a number of days (a share of days). */
  kind: "mean" | "sum" | "days";
  operator: string;
  /** The mean (or sum) the remaining months must reach, in unit; for a share of days, the number of days. */
  value: number;
  /** The indicator's unit, or "days" for a share of days. */
  unit: string;
  /** For a number of days: the share of the remaining days it is, in %. */
  share?: number;
  /** The same months of the year before, in the indicator's unit. */
  lastYearSamePeriod?: number;
  /** impossible: even the best possible rest of the year misses (fail-bound); secured: even the worst meets (pass-bound). */
  bound?: "impossible" | "secured";
  /** The year's value with the best (impossible) or worst (secured) rest of the year. */
  boundValue?: number;
  /** For a mean or sum: the best (impossible) or worst (secured) plausible value of the remaining months that boundValue assumes. */
  boundAssumes?: number;
  /** The year-to-date value at each remaining month end if the requirement is delivered exactly: the required path. */
  path: { period: string; value: number }[];
}

/** The probability of meeting a target, estimated by resampling earlier years (or why there is none). */
export interface Probability {
  /** Share of the draws whose year meets the target, 0-1; absent when there is too little history. */
  value?: number;
  method: string;
  /** week: 7-day blocks within each month, from daily values; month: whole months, from monthly values. */
  blocks?: "week" | "month";
  /** The earlier years drawn from. */
  years: number[];
  draws: number;
  seed: number;
  /** The plan's assessment.atRiskBelow. */
  atRiskBelow: number;
  /** 10th, 50th and 90th percentiles of the year's value over the draws. */
  range?: { low: number; median: number; high: number };
  /** 10th and 90th percentiles of the year-to-date value at each remaining month end: the projection's range. */
  band?: { period: string; low: number; high: number }[];
  /** Why there is no number. */
  note?: string;
}

export interface PlanInfo {
  id: string;
  title: string;
  document?: string;
  /** The language the plan declares for itself. */
  language?: Language;
}

/** One value of a series drawn in the brief's charts. */
export interface SeriesPoint {
  /** 2024, 2025-06. */
  period: string;
  kind: "year" | "month";
  end: string;
  value: number;
}

/** Everything a formatter needs; formatters read nothing else. */
export interface Report {
  version: 1;
  plan: PlanInfo;
  asOf: string;
  ruleset: string;
  /** Binding results first by target, each target's comparison results after its binding ones. */
  results: TargetResult[];
  /** Binding results by status; comparison results are not counted. */
  summary: Record<Status, number>;
  /** Worst status of the binding results per task, per area, and per task and area. */
  byTask: Record<string, Status>;
  byArea: Record<string, Status>;
  byTaskArea: Record<string, Record<string, Status>>;
  tasks: { id: string; number: number; title: string; group: string; lead: string[] }[];
  areas: { code: string; name: string; en?: string; kind: string }[];
  /** The indicators the results judge, with the plan's Chinese and English names. */
  indicators: { id: string; name: { zh: string; en: string }; unit: string }[];
  /** Monthly and annual values of the main goals' indicators for the whole city, oldest first. */
  series: { indicator: string; area: string; points: SeriesPoint[] }[];
  inputs: FileSummary[];
  /** Rejected rows and file problems (errors), and warnings. */
  issues: Issue[];
}
