import { issue } from "../vocabulary/catalogue.js";
import type { DataSet, InputConflict, Observation } from "../kinds/observation.js";
import { convert, formatNumber } from "../vocabulary/units.js";
import { crashIn, type Issue } from "../vocabulary/issues.js";
import type { PlanLookup, PlannedTarget } from "../plan/lookup.js";
import type { Area } from "../plan/schema.js";
import { judge, meets, type JudgeInput, type Verdict } from "./judge.js";
import { parsePeriod, spanOf, type PeriodSpan } from "../vocabulary/period.js";
import type { Point } from "./projection.js";
import { bindingResults, countByStatus, worst } from "./status.js";
import { byPeriodEnd, yearValues } from "./series.js";
import { defaultAsOf, listPeriods, seriesCompleteness, type SeriesCompleteness } from "./completeness.js";
import type { Report, Role, Status, TargetResult } from "./types.js";

export interface EvaluateOptions {
  /** ISO date; defaults to the end of the latest period in the data. */
  asOf?: string;
  /** Only these task ids (t01, goals) or numbers. */
  tasks?: readonly string[];
  /** Only these target ids. */
  targets?: readonly string[];
  /** Only these area codes. */
  areas?: readonly string[];
  /** Replace the plan's 基本 readings: one number for all, or per target id. */
  basically?: { all?: number; byTarget?: Readonly<Record<string, number>> };
  ruleset?: string;
}

export { defaultAsOf };

/** Judge every target for every area it applies to. Pure: same inputs, same report. */
export function evaluate(lookup: PlanLookup, data: DataSet, options: EvaluateOptions = {}): Report {
  const { plan } = lookup;
  const asOf = options.asOf ?? defaultAsOf(data.observations, plan.period.end);
  const issues: Issue[] = [...data.issues];

  const byKey = new Map<string, Observation[]>();
  // Years before the earliest judged one only feed the probability: a trend or a path never starts there.
  const historyByKey = new Map<string, Observation[]>();
  const future = new Map<string, number>();
  for (const observation of data.observations) {
    if (observation.period.end > asOf) {
      future.set(observation.origin.file, (future.get(observation.origin.file) ?? 0) + 1);
      continue;
    }
    const key = `${observation.indicator}\u0000${observation.area}`;
    const lists = observation.period.end < lookup.earliestJudgedDate ? historyByKey : byKey;
    const list = lists.get(key) ?? [];
    list.push(observation);
    lists.set(key, list);
  }
  for (const list of [...byKey.values(), ...historyByKey.values()]) list.sort(byPeriodEnd);
  for (const [file, count] of future) {
    issues.push(issue("after-as-of", `${count} value(s) from this file cover periods ending after the as-of date ${asOf}; they are not used`, { location: { file } }));
  }

  const conflictsByKey = new Map<string, InputConflict[]>();
  for (const conflict of data.conflicts ?? []) {
    const period = (conflict.used ?? conflict.dropped[0])?.period;
    if (!period || period.end > asOf) continue;
    const key = `${conflict.indicator}\u0000${conflict.area}`;
    conflictsByKey.set(key, [...(conflictsByKey.get(key) ?? []), conflict]);
  }

  const completenessByKey = new Map<string, SeriesCompleteness>();
  // Without --as-of, a series is stale when others have later data for its indicator: an
  // indicator sent twice a year is not stale three months after its last report.
  const freshest = new Map<string, string>();
  for (const [key, list] of byKey) {
    const indicator = key.slice(0, key.indexOf("\u0000"));
    const end = list.at(-1)!.period.end;
    if (end > (freshest.get(indicator) ?? "")) freshest.set(indicator, end);
  }
  const taskFilter = options.tasks?.length ? new Set(options.tasks.map(normaliseTaskId)) : undefined;
  const areaFilter = options.areas?.length ? new Set(options.areas) : undefined;
  const targetFilter = options.targets?.length ? new Set(options.targets) : undefined;
  const results: TargetResult[] = [];
  const judgeOne = (planned: PlannedTarget, area: Area, role: Role, key: string): TargetResult => {
    const observations = byKey.get(key) ?? [];
    const history = historyByKey.get(key) ?? [];
    const result = judgeTarget(planned, area, role, { observations, history }, asOf, lookup, options);
    const conflicts = conflictsByKey.get(key);
    const judged = conflicts ? withConflicts(result, conflicts, (list) => judgeTarget(planned, area, role, { observations: list, history }, asOf, lookup, options), observations) : result;
    let series = completenessByKey.get(key);
    if (!series) {
      series = seriesCompleteness(observations, planned.indicator, asOf, options.asOf ?? freshest.get(planned.indicator.id) ?? asOf);
      completenessByKey.set(key, series);
      if (series.missing.length > 0) {
        const latest = observations.at(-1)!;
        issues.push(issue(
          "gap-in-series",
          `${area.name} ${planned.indicator.name.zh}: 缺 ${listPeriods(series.missing)} (${series.missing.length} month(s) missing before ${asOf}; the ${planned.indicator.id} series judges the months it has)`,
          { location: { file: latest.origin.file }, hint: "send the missing months, or zz-plan completeness <files> shows every area's gaps" },
        ));
      }
    }
    return withCompleteness(judged, series, asOf);
  };
  const judgeNamingCrash = (planned: PlannedTarget, area: Area, role: Role, key: string): TargetResult => {
    try {
      return judgeOne(planned, area, role, key);
    } catch (error) {
      throw crashIn(`target ${planned.target.id} for area ${area.code}`, error);
    }
  };
  for (const planned of lookup.targets) {
    if (taskFilter && !taskFilter.has(planned.task.id)) continue;
    if (targetFilter && !targetFilter.has(planned.target.id)) continue;
    for (const area of planned.areas) {
      if (areaFilter && !areaFilter.has(area.code)) continue;
      const key = `${planned.indicator.id}\u0000${area.code}`;
      results.push(judgeNamingCrash(planned, area, "binding", key));
    }
    for (const area of planned.comparisonAreas) {
      if (areaFilter && !areaFilter.has(area.code)) continue;
      // A comparison is context drawn from the data: an area that reported nothing adds nothing.
      const key = `${planned.indicator.id}\u0000${area.code}`;
      if (byKey.has(key) || conflictsByKey.has(key)) results.push(judgeNamingCrash(planned, area, "comparison", key));
    }
  }
  const binding = bindingResults(results);

  const byTaskArea: Record<string, Record<string, Status>> = {};
  for (const result of binding) {
    const row = (byTaskArea[result.task] ??= {});
    row[result.area] = worst([row[result.area] ?? "pass", result.status]) ?? result.status;
  }
  const byTask: Record<string, Status> = {};
  const byArea: Record<string, Status> = {};
  for (const [task, row] of Object.entries(byTaskArea)) {
    byTask[task] = worst(Object.values(row)) ?? "no-data";
    for (const [area, status] of Object.entries(row)) byArea[area] = worst([byArea[area] ?? status, status]) ?? status;
  }

  const areasUsed = new Set(results.map((result) => result.area));
  const indicatorsUsed = new Set(results.map((result) => result.indicator));
  return {
    version: 1,
    plan: { id: plan.id, title: plan.title, ...(plan.document ? { document: plan.document } : {}), ...(plan.language ? { language: plan.language } : {}) },
    asOf,
    ruleset: options.ruleset ?? plan.ruleset,
    results,
    summary: countByStatus(binding.map((result) => result.status)),
    byTask,
    byArea,
    byTaskArea,
    tasks: plan.tasks.filter((task) => !taskFilter || taskFilter.has(task.id)).map((task) => ({ id: task.id, number: task.number, title: task.title, group: task.group, lead: task.lead })),
    areas: plan.areas.filter((area) => areasUsed.has(area.code)).map((area) => ({ code: area.code, name: area.name, ...(area.en ? { en: area.en } : {}), kind: area.kind })),
    indicators: plan.indicators.filter((indicator) => indicatorsUsed.has(indicator.id)).map((indicator) => ({ id: indicator.id, name: indicator.name, unit: indicator.unit })),
    series: citySeries(lookup, byKey, results),
    inputs: data.files,
    issues,
  };
}

const ruleNote: Record<InputConflict["rule"], string> = {
  "later-revision": "the later 报送日期 is used",
  "earlier-revision": "the earlier 报送日期 is used",
  "later-file": "the later file's value is used",
  "earlier-file": "the earlier file's value is used",
  reject: "neither value is used",
};

/**
 * Say on the result that its inputs lost rows to conflicts. Under the reject rule the disputed
 * periods are simply missing, and a missing period can change the method (same-period needs every
 * month of last year): a verdict reached by another method than either value would give is not
 * made, since it would rest on the data being incomplete rather than on the data.
 */
function withConflicts(result: TargetResult, conflicts: readonly InputConflict[], rejudge: (observations: Observation[]) => TargetResult, observations: readonly Observation[]): TargetResult {
  const periods = [...new Set(conflicts.map((conflict) => conflict.period))].sort();
  const rowsDropped = conflicts.reduce((total, conflict) => total + conflict.dropped.length, 0);
  const rule = conflicts[0]!.rule;
  const note = `inputs for ${summarisePeriods(periods)} conflict (${rowsDropped} row(s) not used; ${ruleNote[rule]})`;
  const marked: TargetResult = { ...result, reason: `${result.reason}; ${note}`, inputConflicts: { rule, periods, rowsDropped } };
  const rejected = conflicts.filter((conflict) => conflict.rule === "reject");
  if (rejected.length === 0) return marked;
  const candidate = (pick: (conflict: InputConflict) => Observation) =>
    rejudge([...observations, ...rejected.map(pick)].sort(byPeriodEnd));
  const withFirst = candidate((conflict) => conflict.dropped[0]!);
  const withLast = candidate((conflict) => conflict.dropped.at(-1)!);
  if (result.method === withFirst.method || result.method === withLast.method) return marked;
  const { actual: _actual, projected: _projected, gap: _gap, period: _period, origin: _origin, provenance: _provenance, ...rest } = marked;
  return {
    ...rest,
    status: "no-data",
    method: withLast.method,
    reason: `not judged: the ${withLast.method} method needs ${summarisePeriods(periods)}, whose rows conflict and are not used under --on-conflict reject (with the first value ${withFirst.status}, with the last ${withLast.status}); without them the ${result.method} method would say ${result.status}`,
  };
}

/** Mark a result whose series has gaps, or whose latest data is older than the as-of date. */
function withCompleteness(result: TargetResult, series: SeriesCompleteness, asOf: string): TargetResult {
  if (result.status === "no-data" && !result.inputConflicts) return result;
  const notes: string[] = [];
  if (series.missing.length > 0) notes.push(`缺 ${listPeriods(series.missing)}`);
  // A target whose deadline has passed is judged on the deadline's value: newer data would not change it.
  const stale = series.stale && series.latest !== undefined && !(result.deadline && asOf >= result.deadline);
  if (stale) notes.push(`stale: latest data ${series.latest}, older than the as-of date ${asOf}`);
  if (notes.length === 0) return result;
  return {
    ...result,
    reason: `${result.reason}; ${notes.join("; ")}`,
    ...(series.missing.length > 0 ? { missingPeriods: series.missing } : {}),
    ...(stale ? { stale: { latest: series.latest! } } : {}),
  };
}

function summarisePeriods(periods: readonly string[]): string {
  return periods.length <= 4 ? periods.join(", ") : `${periods.slice(0, 3).join(", ")} ... ${periods.at(-1)} (${periods.length} periods)`;
}

/** "5", "t5", "T05" and "t05" all name task t05; "0" and "goals" the main goals. */
export function normaliseTaskId(id: string): string {
  const text = id.trim().toLowerCase();
  if (text === "goals" || text === "0" || text === "目标") return "goals";
  const number = Number(text.replace(/^t/, ""));
  return Number.isInteger(number) && number > 0 ? `t${String(number).padStart(2, "0")}` : text;
}

function judgeTarget(planned: PlannedTarget, area: Area, role: Role, { observations, history }: { observations: Observation[]; history: Observation[] }, asOf: string, lookup: PlanLookup, options: EvaluateOptions): TargetResult {
  const { target, task, indicator } = planned;
  const basicallyOverride = options.basically?.byTarget?.[target.id] ?? (target.basically ? options.basically?.all : undefined);
  const basically = target.basically ? { ...target.basically, ...(basicallyOverride !== undefined ? { value: basicallyOverride, note: `${target.basically.note} (overridden to ${basicallyOverride} on the command line)` } : {}) } : basicallyOverride !== undefined ? { value: basicallyOverride, note: "set on the command line" } : undefined;
  const stated = basically ? basically.value : target.value;
  const converted = target.baseline ? { ok: true as const, value: stated } : convert(stated, target.unit, indicator.unit);
  const base = {
    target: target.id,
    task: task.id,
    taskNumber: task.number,
    indicator: indicator.id,
    area: area.code,
    areaName: area.name,
    role,
    operator: target.operator,
    unit: indicator.unit,
    ...(target.deadline ? { deadline: target.deadline } : {}),
    ...(basically ? { basically } : {}),
  };
  if (!converted.ok) {
    return { ...base, expected: stated, status: "no-data", method: "none", reason: converted.reason };
  }

  let threshold = converted.value;
  let baselinePoint: Point | undefined;
  let baselineInfo: { period: string; value: number } | undefined;
  if (target.baseline) {
    const baselineValue = target.baseline.value ?? baselineFromData(observations, target.baseline.period, planned);
    if (baselineValue === undefined) {
      return { ...base, expected: threshold, status: "no-data", method: "none", reason: `the ${target.baseline.period} baseline value is missing; the target is a change of ${formatNumber(target.value)} ${target.unit} against it` };
    }
    baselineInfo = { period: target.baseline.period, value: baselineValue };
    threshold = baselineValue + converted.value;
    baselinePoint = { date: `${target.baseline.period.slice(0, 4)}-12-31`, value: baselineValue };
  }

  const input: JudgeInput = {
    target,
    indicator,
    observations,
    ...(history.length > 0 ? { history } : {}),
    asOf,
    threshold,
    ...(baselinePoint ? { baseline: baselinePoint } : {}),
    tolerance: lookup.plan.assessment.tolerance,
    milestoneWarningDays: lookup.plan.assessment.milestoneWarningDays,
    atRiskBelow: lookup.plan.assessment.atRiskBelow,
    seedKey: `${target.id}@${area.code}`,
  };
  const verdict = judge(input);
  const judgedValue = verdict.projected ?? verdict.actual;
  // A year-to-date value can already meet the target while the year is still open: no gap then.
  const notMet = verdict.status !== "pass" && judgedValue !== undefined && indicator.period !== "milestone" && !meets(judgedValue, target.operator, threshold);
  const reason = baselineInfo ? `${verdict.reason} (${baselineInfo.period} baseline ${formatNumber(baselineInfo.value)} ${target.value >= 0 ? "+" : ""}${formatNumber(target.value)} ${target.unit})` : verdict.reason;
  return {
    ...base,
    status: verdict.status,
    expected: threshold,
    method: verdict.method,
    reason,
    ...(verdict.actual !== undefined ? { actual: verdict.actual } : {}),
    ...(verdict.period ? { period: verdict.period } : {}),
    ...spanOfVerdict(verdict),
    ...(verdict.projected !== undefined ? { projected: verdict.projected } : {}),
    // Rounded so that 7 - 7.4 reads -0.4, not -0.40000000000000036.
    ...(notMet ? { gap: Number((threshold - judgedValue).toPrecision(12)) } : {}),
    ...(baselineInfo ? { baseline: baselineInfo } : {}),
    ...(verdict.earlierMisses ? { earlierMisses: verdict.earlierMisses } : {}),
    ...(verdict.required ? { required: verdict.required } : {}),
    ...(verdict.probability ? { probability: verdict.probability } : {}),
    ...(verdict.decidedBy ? { origin: verdict.decidedBy.origin } : {}),
    ...(verdict.decidedBy?.provenance ? { provenance: verdict.decidedBy.provenance } : {}),
  };
}

/** The city's months and years of each main-goal indicator judged for the city: what the brief charts. */
function citySeries(lookup: PlanLookup, byKey: ReadonlyMap<string, Observation[]>, results: readonly TargetResult[]): Report["series"] {
  const city = lookup.plan.city;
  const indicators = [...new Set(results.filter((result) => result.task === "goals" && result.area === city).map((result) => result.indicator))];
  return indicators.flatMap((indicator) => {
    const points = (byKey.get(`${indicator}\u0000${city}`) ?? [])
      .filter((observation) => observation.period.kind === "month" || observation.period.kind === "year")
      .map((observation) => ({ period: observation.period.label, kind: observation.period.kind as "year" | "month", end: observation.period.end, value: observation.value }));
    return points.length > 0 ? [{ indicator, area: city, points }] : [];
  });
}

function baselineFromData(observations: readonly Observation[], period: string, planned: PlannedTarget): number | undefined {
  const exact = observations.find((observation) => observation.period.label === period);
  if (exact) return exact.value;
  if (/^\d{4}$/.test(period)) {
    const year = yearValues(observations, planned.indicator).get(Number(period));
    if (year?.complete) return year.value;
  }
  return undefined;
}

/** The verdict's period as data; a canonical label (2025, 2025-06) is read back, prose needs the judge's span. */
function spanOfVerdict(verdict: Verdict): { span?: PeriodSpan } {
  if (verdict.span) return { span: verdict.span };
  const parsed = verdict.period === undefined ? undefined : parsePeriod(verdict.period);
  return parsed?.ok ? { span: spanOf(parsed.period) } : {};
}
