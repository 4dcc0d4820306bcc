import { z } from "zod";
import { atLeast, rank } from "../engine/status.js";
import { roles, type Status } from "../engine/types.js";
import { UsageError } from "../vocabulary/issues.js";
import { compareText } from "../vocabulary/order.js";
import { formatNumber } from "../vocabulary/units.js";
import type { FailOn } from "./exit-codes.js";
import { changeKinds, diagnosticSchema, envelopeVersion, locationSchema, statusSchema, type ChangeKind, type Changes, type Diagnostic, type ResultChange } from "./json.js";

/*
 * What changed between two check reports (zz-plan diff, check --baseline): pure, over the JSON
 * envelopes, so last month's artifact and this run's report are compared the same way.
 */

/**
 * The part of a check report a comparison reads. Looser than the envelope: a baseline written by
 * an earlier zz-plan of the same envelope version may lack fields added since, and still compares.
 */
const comparableSchema = z.object({
  tool: z.object({ name: z.literal("zz-plan"), version: z.string() }),
  version: z.literal(envelopeVersion),
  command: z.literal("check"),
  plan: z.object({ id: z.string() }),
  asOf: z.iso.date(),
  summary: z.record(z.string(), z.number()),
  results: z.array(
    z.object({
      target: z.string(),
      task: z.string(),
      indicator: z.string(),
      area: z.string(),
      areaName: z.string(),
      role: z.enum(roles),
      status: statusSchema,
      actual: z.number().nullable(),
      projected: z.number().nullable().optional(),
      unit: z.string(),
      period: z.object({ label: z.string() }).nullable().optional(),
      origin: locationSchema.nullable().optional(),
    }),
  ),
  diagnostics: z.array(diagnosticSchema),
});

export type ComparableReport = z.infer<typeof comparableSchema>;
type ComparableResult = ComparableReport["results"][number];

/**
 * A report read from a file, checked to be a zz-plan check report this version can compare. Anything
 * else is a usage error on one line (exit 2): not JSON, another tool's JSON, another envelope
 * version, a validate report, or a damaged one.
 */
export function parseComparableReport(text: string, file: string): ComparableReport {
  const fail = (message: string) => new UsageError("bad-baseline", `${message}; give a report written by zz-plan check --format json`, { location: { file } });
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    throw fail("not a JSON file");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw fail("not a zz-plan JSON report (not an object)");
  const envelope = value as Record<string, unknown>;
  const tool = envelope.tool as Record<string, unknown> | undefined;
  if (typeof tool !== "object" || tool === null || tool.name !== "zz-plan") {
    if (envelope.version === 1 && typeof envelope.command === "string") throw fail(`a zz-plan report of envelope version 1, which this zz-plan cannot compare (it reads version ${envelopeVersion})`);
    throw fail("not a zz-plan JSON report (no tool.name \"zz-plan\")");
  }
  if (envelope.version !== envelopeVersion) throw fail(`a zz-plan report of envelope version ${String(envelope.version)}; this zz-plan reads version ${envelopeVersion}`);
  if (envelope.command !== "check") throw fail(`a zz-plan ${typeof envelope.command === "string" ? envelope.command : "unknown"} report, not a check report`);
  const parsed = comparableSchema.safeParse(value);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw fail(`a damaged zz-plan check report (${first.path.join(".") || "top level"}: ${first.message})`);
  }
  return parsed.data;
}

/** Compare two check reports: result changes worst first, and rejected rows new and gone. */
export function compareReports(previous: ComparableReport, current: ComparableReport): Changes {
  const before = new Map(previous.results.map((result) => [resultKey(result), result]));
  const after = new Map(current.results.map((result) => [resultKey(result), result]));
  const results: ResultChange[] = [];
  for (const [key, now] of after) {
    const then = before.get(key);
    const change = classify(then, now);
    if (change) results.push(resultChange(change, then, now));
  }
  for (const [key, then] of before) if (!after.has(key)) results.push(resultChange("removed", then, undefined));
  results.sort(byChange);
  const counts = Object.fromEntries(changeKinds.map((kind) => [kind, 0])) as Record<ChangeKind, number>;
  // Counted like the summary: binding results only; comparison (对照) changes are listed, not counted.
  for (const change of results) if (change.role === "binding") counts[change.change] += 1;
  return {
    previous: stamp(previous),
    current: stamp(current),
    summary: { previous: summaryOf(previous), current: summaryOf(current) },
    counts,
    results,
    rejected: { added: rejectedOnlyIn(current, previous), removed: rejectedOnlyIn(previous, current) },
  };
}

/** The status and value changes worth a reader's attention first: everything but value-only changes. */
export function statusChanges(changes: Changes): ResultChange[] {
  return changes.results.filter((change) => change.change !== "value");
}

/** Changes that newly put a binding result at or above --fail-on: a CI job fails on these. */
export function newlyReachingFailOn(changes: Changes, failOn: FailOn): ResultChange[] {
  if (failOn === "never") return [];
  const reaches = (status: Status | undefined) => status !== undefined && atLeast(status, failOn);
  return changes.results.filter((change) => change.role === "binding" && reaches(change.after?.status) && !reaches(change.before?.status));
}

/** Changes for the worse (newly failing, newly at risk, no data now, worse): annotated as warnings. */
export function isWorse(change: ResultChange): boolean {
  return changeKinds.indexOf(change.change) < changeKinds.indexOf("added");
}

function resultKey(result: ComparableResult): string {
  return `${result.target}\u0000${result.area}`;
}

function classify(then: ComparableResult | undefined, now: ComparableResult): ChangeKind | undefined {
  if (!then) return "added";
  const [from, to] = [then.status, now.status];
  if (from === to) return shown(then.projected ?? then.actual) !== shown(now.projected ?? now.actual) ? "value" : undefined;
  if (to === "fail") return "newly-failing";
  if (to === "at-risk" && rank(from) < rank("at-risk")) return "newly-at-risk";
  if (to === "no-data") return "now-no-data";
  if ((from === "fail" || from === "at-risk") && (to === "pass" || to === "on-track")) return "recovered";
  return rank(to) > rank(from) ? "worse" : "better";
}

/** Values compare as the reports show them (the projection where there is one), so rounding noise is no change. */
function shown(value: number | null | undefined): string {
  return value === null || value === undefined ? "" : formatNumber(value);
}

function resultChange(change: ChangeKind, then: ComparableResult | undefined, now: ComparableResult | undefined): ResultChange {
  const latest = (now ?? then)!;
  return {
    change,
    target: latest.target,
    task: latest.task,
    indicator: latest.indicator,
    area: latest.area,
    areaName: latest.areaName,
    role: latest.role,
    unit: latest.unit,
    before: then ? state(then) : null,
    after: now ? state(now) : null,
    origin: now?.origin ?? null,
  };
}

function state(result: ComparableResult): NonNullable<ResultChange["before"]> {
  return { status: result.status, actual: result.actual, projected: result.projected ?? null, period: result.period?.label ?? null };
}

function byChange(a: ResultChange, b: ResultChange): number {
  return (
    // Binding results first: comparison (对照) results are context.
    (a.role === b.role ? 0 : a.role === "binding" ? -1 : 1) ||
    changeKinds.indexOf(a.change) - changeKinds.indexOf(b.change) ||
    compareText(a.task, b.task) ||
    compareText(a.target, b.target) ||
    compareText(a.area, b.area)
  );
}

function stamp(report: ComparableReport): Changes["previous"] {
  return { asOf: report.asOf, plan: report.plan.id, toolVersion: report.tool.version };
}

function summaryOf(report: ComparableReport): Changes["summary"]["previous"] {
  const count = (status: Status) => report.summary[status] ?? 0;
  return { pass: count("pass"), "on-track": count("on-track"), "no-data": count("no-data"), "at-risk": count("at-risk"), fail: count("fail") };
}

/**
 * A rejected row is the same problem in both reports when its code and message match (the message
 * quotes the offending cell). The line is left out, and line numbers inside the message, because
 * one row added above it moves every later row; so is the file, because each month's drop comes in
 * a new folder or under a new name. Counted as a multiset, so a problem that now occurs twice is
 * new once.
 */
export function problemKey(diagnostic: Diagnostic): string {
  return `${diagnostic.code}\u0000${diagnostic.message.replace(/\blines? \d+(, column \d+)?/g, "line #")}`;
}

function rejectedOnlyIn(report: ComparableReport, other: ComparableReport): Diagnostic[] {
  const remaining = new Map<string, number>();
  for (const diagnostic of other.diagnostics) {
    if (diagnostic.severity !== "error") continue;
    const key = problemKey(diagnostic);
    remaining.set(key, (remaining.get(key) ?? 0) + 1);
  }
  const only: Diagnostic[] = [];
  for (const diagnostic of report.diagnostics) {
    if (diagnostic.severity !== "error") continue;
    const key = problemKey(diagnostic);
    const left = remaining.get(key) ?? 0;
    if (left > 0) remaining.set(key, left - 1);
    else only.push(diagnostic);
  }
  return only;
}
