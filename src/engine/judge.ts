import type { Observation } from "../kinds/observation.js";
import { daysBetween, periodOfLabel, yearToDateSpan, type PeriodSpan } from "../vocabulary/period.js";
import { formatNumber, unitLabel } from "../vocabulary/units.js";
import type { Indicator, Operator, Target } from "../plan/schema.js";
import { linearPath, projectSamePeriod, projectTrend, type Point } from "./projection.js";
import { combineParts, monthSpan, yearValues, type YearValue } from "./series.js";
import { meets } from "./compare.js";
import { seedOf } from "./random.js";
import { requirement } from "./remaining.js";
import { probabilityText, resample } from "./resample.js";
import type { Method, Probability, Requirement, Status } from "./types.js";
import { compareText } from "../vocabulary/order.js";

export { meets };

/** What a judge gets: one target, one area's observations (sorted by period end), the threshold to apply. */
export interface JudgeInput {
  target: Target;
  indicator: Indicator;
  observations: readonly Observation[];
  /** Earlier years than any judged (sorted likewise): read only by the probability's resampling. */
  history?: readonly Observation[];
  asOf: string;
  /** The threshold in the indicator's unit, after 基本 readings and baselines. */
  threshold: number;
  /** Where the path starts for linear-path: the baseline, else the first value. */
  baseline?: Point;
  tolerance: number;
  milestoneWarningDays: number;
  /** The plan's assessment.atRiskBelow. */
  atRiskBelow: number;
  /** Seeds the resampling, so each (target, area) draws its own deterministic stream. */
  seedKey?: string;
  /** How many years the resampling draws; a backtest, judging every month end, draws fewer. */
  draws?: number;
}

/** What a judge decides; evaluate adds the target, task and area. */
export interface Verdict {
  status: Status;
  method: Method;
  reason: string;
  actual?: number;
  period?: string;
  /** The period as data, where its label is prose (a year to date); else evaluate reads the label. */
  span?: PeriodSpan;
  projected?: number;
  earlierMisses?: string[];
  required?: Requirement;
  probability?: Probability;
  decidedBy?: Observation;
}

function describeTarget(input: JudgeInput): string {
  return `target ${input.target.operator} ${formatNumber(input.threshold)} ${unitLabel(input.indicator.unit)}`;
}

function valueText(value: number, input: JudgeInput): string {
  return `${formatNumber(value)} ${unitLabel(input.indicator.unit)}`;
}

export function judge(input: JudgeInput): Verdict {
  if (input.indicator.period === "milestone") return judgeMilestone(input);
  if (!input.target.deadline) return judgeStanding(input);
  if (input.indicator.period === "annual") return judgeAnnual(input);
  if (input.indicator.period === "monthly") return judgeStanding(input);
  return judgeCumulative(input);
}

/** A milestone is met when the data records it done on or before its deadline. */
function judgeMilestone(input: JudgeInput): Verdict {
  const { observations, target, asOf } = input;
  const done = observations.find((observation) => observation.value >= 1);
  if (done) {
    const when = done.period.end;
    if (target.deadline && when > target.deadline) {
      return { status: "fail", method: "milestone", reason: `done ${done.period.label}, after the deadline ${target.deadline}`, actual: 1, period: done.period.label, decidedBy: done };
    }
    return { status: "pass", method: "milestone", reason: `done ${done.period.label}${target.deadline ? `, deadline ${target.deadline}` : ""}`, actual: 1, period: done.period.label, decidedBy: done };
  }
  const latest = observations.at(-1);
  if (!latest) return { status: "no-data", method: "milestone", reason: "no progress recorded for this milestone" };
  if (!target.deadline) {
    return { status: "at-risk", method: "milestone", reason: `not done as of ${latest.period.label}; no deadline set`, actual: 0, period: latest.period.label, decidedBy: latest };
  }
  if (asOf >= target.deadline) {
    return { status: "fail", method: "milestone", reason: `not done by the deadline ${target.deadline} (last report ${latest.period.label})`, actual: 0, period: latest.period.label, decidedBy: latest };
  }
  const daysLeft = daysBetween(asOf, target.deadline);
  const status: Status = daysLeft <= input.milestoneWarningDays ? "at-risk" : "on-track";
  return {
    status,
    method: "milestone",
    reason: `not done yet (last report ${latest.period.label}); ${daysLeft} days left to ${target.deadline}${status === "at-risk" ? `, under the ${input.milestoneWarningDays}-day warning` : ""}`,
    actual: 0,
    period: latest.period.label,
    decidedBy: latest,
  };
}

/**
 * A standing requirement holds in every period: the latest decides, earlier misses are listed.
 * A rule in force from a date (inForceFrom) is not judged on periods that start before it. For an
 * annual statistic the running year's year-to-date value (a 1-N月 cumulative figure) is the latest
 * word: it cannot pass the year yet, but it shows whether the year is on course.
 */
function judgeStanding(input: JudgeInput): Verdict {
  const { observations, target } = input;
  const periodKind = input.indicator.period === "monthly" ? "month" : input.indicator.period === "annual" ? "year" : undefined;
  const inForce = (period: { start: string }) => !target.inForceFrom || period.start >= target.inForceFrom;
  const years = input.indicator.period === "annual" ? [...yearValues(observations, input.indicator).values()].filter((year) => inForce({ start: `${year.year}-01-01` })).sort((a, b) => a.year - b.year) : [];
  let judged =
    input.indicator.period === "annual"
      ? years.filter((year) => year.complete).map((year) => ({ ...year.origin, value: year.value, period: periodOfLabel(String(year.year)) }))
      : (input.indicator.period === "monthly" ? observations.filter((observation) => observation.period.kind === "month") : [...observations]).filter((observation) => inForce(observation.period));
  if (target.deadline && input.asOf >= target.deadline) judged = judged.filter((observation) => observation.period.start <= target.deadline!);
  const latest = judged.at(-1);
  // Only the as-of date's own year is running; an earlier year with months missing is no year at all.
  const last = years.at(-1);
  const running = last && !last.complete && last.year === Number(input.asOf.slice(0, 4)) && (!latest || last.year > latest.period.year) ? last : undefined;
  const notInForce = target.inForceFrom ? ` (in force from ${target.inForceFrom}; earlier periods are not judged)` : "";
  if (!latest && !running) {
    return { status: "no-data", method: "standing", reason: `${periodKind ? `no ${periodKind === "month" ? "monthly" : "full-year"} value to judge` : "no value to judge"}${notInForce}` };
  }
  const misses = judged.filter((observation) => !meets(observation.value, target.operator, input.threshold)).map((observation) => observation.period.label);
  if (running) return judgeRunningYear(input, running, latest, misses);
  const ok = meets(latest!.value, target.operator, input.threshold);
  const earlier = misses.filter((label) => label !== latest!.period.label);
  const history = earlier.length > 0 ? `; missed earlier in ${earlier.length} period(s): ${summariseLabels(earlier)}` : `; met in all ${judged.length} period(s)`;
  const status: Status = ok ? "pass" : target.deadline && input.asOf < target.deadline ? "at-risk" : "fail";
  return {
    status,
    method: "standing",
    reason: `${latest!.period.label} value ${valueText(latest!.value, input)} ${ok ? "meets" : "misses"} ${describeTarget(input)}${ok ? history : earlier.length > 0 ? history : ""}${notInForce}`,
    actual: latest!.value,
    period: latest!.period.label,
    ...(earlier.length > 0 ? { earlierMisses: earlier } : {}),
    decidedBy: latest!,
  };
}

/**
 * A standing annual requirement while a year is running: a year-to-date value that misses puts the
 * year at risk; one that meets keeps a met record a pass, and after a missed year is on course.
 */
function judgeRunningYear(input: JudgeInput, running: YearValue, lastFull: Observation | undefined, misses: readonly string[]): Verdict {
  const { target } = input;
  const ok = meets(running.value, target.operator, input.threshold);
  const fullOk = lastFull ? meets(lastFull.value, target.operator, input.threshold) : undefined;
  const status: Status = !ok ? "at-risk" : fullOk === true ? "pass" : "on-track";
  const history = misses.length > 0 ? `; missed in ${misses.length} full year(s): ${summariseLabels(misses)}` : lastFull ? `; ${lastFull.period.label} value ${valueText(lastFull.value, input)} met it` : "";
  const label = `${running.year} (${monthSpan(running.months)}, year to date)`;
  return {
    status,
    method: "standing",
    reason: `${label} value ${valueText(running.value, input)} ${ok ? "meets" : "misses"} ${describeTarget(input)}; the full-year value decides${history}`,
    actual: running.value,
    period: label,
    ...(misses.length > 0 ? { earlierMisses: [...misses] } : {}),
    decidedBy: running.origin,
  };
}

function summariseLabels(labels: readonly string[]): string {
  return labels.length <= 4 ? labels.join(", ") : `${labels.slice(0, 3).join(", ")} ... ${labels.at(-1)}`;
}

/** A verdict on a year to date carries the months it covers as data. */
function withSpan(verdict: Verdict, year: YearValue): Verdict {
  return year.complete ? verdict : { ...verdict, span: yearToDateSpan(year.year, year.months) };
}

/** An annual statistic is judged on full calendar years; a partial year feeds a projection. */
function judgeAnnual(input: JudgeInput): Verdict {
  const { target, indicator, asOf } = input;
  const deadline = target.deadline!;
  const deadlineYear = Number(deadline.slice(0, 4));
  const years = yearValues(input.observations, indicator);
  const label = (year: YearValue) => (year.complete ? String(year.year) : `${year.year} (${monthSpan(year.months)}, ${year.months.length} of 12 months)`);

  if (asOf >= deadline) {
    const final = years.get(deadlineYear);
    if (!final) return { status: "no-data", method: "annual-value", reason: `no ${deadlineYear} value, and the deadline ${deadline} has passed` };
    if (!final.complete) {
      return withSpan({ status: "no-data", method: "annual-value", reason: `only ${label(final)} of ${deadlineYear} reported; the full-year value decides`, period: label(final), actual: final.value, decidedBy: final.origin }, final);
    }
    const ok = meets(final.value, target.operator, input.threshold);
    return { status: ok ? "pass" : "fail", method: "annual-value", reason: `${deadlineYear} value ${valueText(final.value, input)} ${ok ? "meets" : "misses"} ${describeTarget(input)}`, actual: final.value, period: String(deadlineYear), decidedBy: final.origin };
  }

  const relevant = [...years.values()].filter((year) => year.year <= deadlineYear).sort((a, b) => a.year - b.year);
  const partial = relevant.at(-1)?.complete === false ? relevant.at(-1) : undefined;
  const verdict = judgeAnnualAhead(input, years, relevant, partial, label);
  return partial?.year === deadlineYear ? withOutlook(verdict, partial, input) : verdict;
}

/** Before the deadline: the latest full year, or the partial year projected. */
function judgeAnnualAhead(input: JudgeInput, years: Map<number, YearValue>, relevant: YearValue[], partial: YearValue | undefined, label: (year: YearValue) => string): Verdict {
  const { target, indicator } = input;
  const deadline = target.deadline!;
  const deadlineYear = Number(deadline.slice(0, 4));
  const latestFull = relevant.filter((year) => year.complete).at(-1);
  if (!latestFull && !partial) return { status: "no-data", method: "annual-value", reason: "no annual or monthly value to judge" };

  if (partial) {
    const projection = projectPartialYear(partial, years, input);
    if (projection) {
      const ok = meets(projection.value, target.operator, input.threshold);
      const fullNote = latestFull && meets(latestFull.value, target.operator, input.threshold) ? `; ${latestFull.year} value ${valueText(latestFull.value, input)} met it` : "";
      if (partial.year === deadlineYear || !ok) {
        const status: Status = ok ? (fullNote ? "pass" : "on-track") : "at-risk";
        return withSpan({
          status,
          method: "same-period",
          reason: `projected ${valueText(projection.value, input)} for ${partial.year} (same-period method: ${monthSpan(partial.months)} ${partial.year} is ${projection.changeText} ${monthSpan(partial.months)} ${partial.year - 1}); ${describeTarget(input)}${fullNote}`,
          actual: partial.value,
          projected: projection.value,
          period: label(partial),
          decidedBy: partial.origin,
        }, partial);
      }
      return withSpan(pathVerdict(input, { date: `${partial.year}-12-31`, value: projection.value }, `projected ${partial.year} value`, partial.origin, label(partial), partial.value, projection.value), partial);
    }
  }

  if (latestFull && meets(latestFull.value, target.operator, input.threshold) && !partial) {
    return { status: "pass", method: "annual-value", reason: `${latestFull.year} value ${valueText(latestFull.value, input)} already meets ${describeTarget(input)} due ${deadline}`, actual: latestFull.value, period: String(latestFull.year), decidedBy: latestFull.origin };
  }
  const latest = partial ?? latestFull!;
  const point = { date: latest.complete ? `${latest.year}-12-31` : latest.origin.period.end, value: latest.value };
  return withSpan(pathVerdict(input, point, latest.complete ? `${latest.year} value` : `${label(latest)} value`, latest.origin, label(latest), latest.value), latest);
}

/**
 * Add what the rest of the deadline year must deliver and how likely the target is. Where the plan
 * projects by resampling and there is the history for it, the probability decides on-track or
 * at-risk; a target already out of reach is at-risk and one already secured on-track, whatever
 * the projection said (both stay within the meaning the methods give those statuses).
 */
function withOutlook(verdict: Verdict, ytd: YearValue, input: JudgeInput): Verdict {
  const { indicator, target } = input;
  const required = requirement({ indicator, operator: target.operator, threshold: input.threshold, ytd, observations: input.observations });
  const probability = resample({
    indicator,
    operator: target.operator,
    threshold: input.threshold,
    ytd,
    observations: input.history ? [...input.history, ...input.observations] : input.observations,
    atRiskBelow: input.atRiskBelow,
    seed: seedOf(input.seedKey ?? target.id),
    ...(input.draws !== undefined ? { draws: input.draws } : {}),
  });
  let { status, method, reason } = verdict;
  if (probability?.value !== undefined && indicator.projection === "resampling" && status !== "no-data") {
    const ok = probability.value >= input.atRiskBelow;
    status = ok ? (status === "pass" ? "pass" : "on-track") : "at-risk";
    method = "resampling";
    reason = `${probabilityText(probability.value)} of ${probability.draws} resampled years meet ${describeTarget(input)} (the rest of ${ytd.year} drawn from ${probability.years.join(", ")}; at-risk below ${probabilityText(input.atRiskBelow)}), median ${valueText(probability.range!.median, input)}; ${reason}`;
  }
  if (required?.bound === "impossible") {
    if (status === "on-track" || status === "pass") status = "at-risk";
    reason = `${reason}; fail-bound: out of reach, ${boundText(required, input, ytd)}`;
  } else if (required?.bound === "secured") {
    if (status === "at-risk") status = "on-track";
    reason = `${reason}; pass-bound: already secured, ${boundText(required, input, ytd)}`;
  }
  return { ...verdict, status, method, reason, ...(required ? { required } : {}), ...(probability ? { probability } : {}) };
}

/** "even 92 good days of the remaining 92 days put 2025 at 65.9%". */
function boundText(required: Requirement, input: JudgeInput, ytd: YearValue): string {
  const year = `${ytd.year} at ${valueText(required.boundValue!, input)}`;
  if (required.unit === "days") return `even ${formatNumber(required.value)} ${input.indicator.id === "heavy-pollution-ratio" ? "heavily polluted" : "good"} days of the remaining ${required.days} put ${year}`;
  const [floor, ceiling] = input.indicator.plausible ?? [required.value, required.value];
  const lower = input.target.operator.startsWith("<");
  const extreme = required.bound === "impossible" ? (lower ? floor : ceiling) : lower ? ceiling : floor;
  return `even ${valueText(extreme, input)} over ${required.period} puts ${year}`;
}

/** Project a partial year to its full-year value by the same-period method, when the data allows. */
function projectPartialYear(partial: YearValue, years: Map<number, YearValue>, input: JudgeInput) {
  // resampling falls back to same-period where there is too little history to resample.
  if (input.indicator.projection !== "same-period" && input.indicator.projection !== "resampling") return undefined;
  const previous = years.get(partial.year - 1);
  if (!previous?.complete) return undefined;
  const lastYearMonths = input.observations.filter((observation) => observation.period.year === partial.year - 1 && observation.period.kind !== "year");
  const sameMonths = combineParts(lastYearMonths, input.indicator, new Set(partial.months));
  if (!sameMonths || sameMonths.months.length !== partial.months.length) return undefined;
  const value = projectSamePeriod(previous.value, partial.value, sameMonths.value);
  if (value === undefined) return undefined;
  const change = (partial.value / sameMonths.value - 1) * 100;
  const changeText = `${formatNumber(Math.abs(change))}% ${change <= 0 ? "below" : "above"}`;
  return { value, changeText };
}

/** A cumulative quantity (or a level) is judged on its latest value. */
function judgeCumulative(input: JudgeInput): Verdict {
  const { target, asOf } = input;
  const deadline = target.deadline!;
  if (asOf >= deadline) {
    const byDeadline = input.observations.filter((observation) => observation.period.start <= deadline);
    const final = byDeadline.at(-1);
    if (!final) return { status: "no-data", method: "latest-value", reason: `no value reported up to the deadline ${deadline}` };
    const ok = meets(final.value, target.operator, input.threshold);
    const later = ok ? undefined : input.observations.find((observation) => observation.period.start > deadline && meets(observation.value, target.operator, input.threshold));
    return {
      status: ok ? "pass" : "fail",
      method: "latest-value",
      reason: `${final.period.label} value ${valueText(final.value, input)} ${ok ? "meets" : "misses"} ${describeTarget(input)} due ${deadline}${later ? `; met later, in ${later.period.label}` : ""}`,
      actual: final.value,
      period: final.period.label,
      decidedBy: final,
    };
  }
  const latest = input.observations.at(-1);
  if (!latest) return { status: "no-data", method: "latest-value", reason: "no value reported" };
  if (meets(latest.value, target.operator, input.threshold)) {
    return { status: "pass", method: "latest-value", reason: `${latest.period.label} value ${valueText(latest.value, input)} already meets ${describeTarget(input)} due ${deadline}`, actual: latest.value, period: latest.period.label, decidedBy: latest };
  }
  return pathVerdict(input, { date: latest.period.end, value: latest.value }, `${latest.period.label} value`, latest, latest.period.label, latest.value);
}

/** On-track or at-risk for a value not yet at target, by the indicator's projection method. */
/** latest is the value compared with the path (projected, when projected is given); actual is the value observed. */
function pathVerdict(input: JudgeInput, latest: Point, what: string, decidedBy: Observation, period: string, actual: number, projected?: number): Verdict {
  const { target, indicator } = input;
  const deadline = target.deadline!;
  const common = { actual, period, decidedBy, ...(projected !== undefined ? { projected } : {}) };
  if (indicator.projection === "trend") {
    const points = seriesPoints(input);
    const value = projectTrend(points, deadline);
    if (value !== undefined) {
      const ok = meets(value, target.operator, input.threshold);
      return { ...common, projected: value, status: ok ? "on-track" : "at-risk", method: "trend", reason: `${what} ${valueText(latest.value, input)}; least-squares trend over ${points.length} values projects ${valueText(value, input)} by ${deadline}; ${describeTarget(input)}` };
    }
  }
  if (indicator.projection !== "none") {
    const start = input.baseline ?? firstPoint(input);
    const path = start && start.date < latest.date ? linearPath(start, latest, { date: deadline, value: input.threshold }, indicator.direction, input.tolerance) : undefined;
    if (path) {
      return {
        ...common,
        status: path.onTrack ? "on-track" : "at-risk",
        method: "linear-path",
        reason: `${what} ${valueText(latest.value, input)} against ${valueText(path.expectedNow, input)} expected on the straight path from ${valueText(start!.value, input)} (${start!.date.slice(0, 7)}) to ${describeTarget(input)} by ${deadline}${path.onTrack ? "" : ` (more than ${formatNumber(input.tolerance * 100)}% of the distance behind)`}`,
      };
    }
    return { ...common, status: "at-risk", method: "linear-path", reason: `${what} ${valueText(latest.value, input)} does not yet meet ${describeTarget(input)} due ${deadline}, and there is too little data to project (one value, no baseline)` };
  }
  return { ...common, status: "at-risk", method: "no-projection", reason: `${what} ${valueText(latest.value, input)} does not yet meet ${describeTarget(input)} due ${deadline}; this indicator has no projection method` };
}

function seriesPoints(input: JudgeInput): Point[] {
  if (input.indicator.period === "annual") {
    return [...yearValues(input.observations, input.indicator).values()].filter((year) => year.complete).map((year) => ({ date: `${year.year}-12-31`, value: year.value })).sort((a, b) => compareText(a.date, b.date));
  }
  return input.observations.map((observation) => ({ date: observation.period.end, value: observation.value }));
}

function firstPoint(input: JudgeInput): Point | undefined {
  return seriesPoints(input)[0];
}
