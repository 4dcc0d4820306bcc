import { z } from "zod";
import { roles, statuses, type Issue, type Report, type TargetResult } from "../engine/types.js";
import type { DataSet } from "../kinds/observation.js";
import { formatNumber } from "../vocabulary/units.js";
import { compareIssues } from "../vocabulary/issues.js";
import { jsonText } from "./escape.js";
import type { FormatOptions } from "./formatter.js";
import { reportSchemaId, tool } from "./tool.js";

/**
 * The machine-readable contract. The shapes are zod schemas; the TypeScript types are inferred from
 * them and report.schema.json is generated from them (npm run schema), so the three cannot drift.
 * Version 2: periods as data, one diagnostic shape, the tool named. Fields are added, never renamed.
 */
export { reportSchemaId } from "./tool.js";
export const envelopeVersion = 2;

export const statusSchema = z.enum(statuses);
export const locationSchema = z.object({
  file: z.string(),
  line: z.number().int().min(1).optional(),
  column: z.number().int().min(1).optional(),
});

/** One problem, the same shape for validate, check and diff. */
export const diagnosticSchema = z.object({
  code: z.string().describe("stable kebab-case code; zz-plan errors lists them"),
  severity: z.enum(["error", "warning"]).describe("error: the row or file was rejected; warning: used, with a remark"),
  message: z.string(),
  location: locationSchema.nullable(),
  hint: z.string().nullable(),
});

const periodSchema = z
  .object({
    label: z.string().describe("canonical label: 2025, 2025-Q2, 2025-06, 2025-06-30 (a year to date has its year's label)"),
    start: z.iso.date(),
    end: z.iso.date(),
    months: z.array(z.string().regex(/^\d{4}-\d{2}$/)).describe("every month the value covers, in order; a gap is a month not reported"),
  })
  .describe("the period of the value judged");

const displaySchema = z
  .object({ actual: z.string(), projected: z.string(), gap: z.string(), expected: z.string() })
  .partial()
  .describe("numbers as the human-readable reports round them, present only where they differ from the computed value");

const requirementSchema = z.object({
  period: z.string(),
  days: z.number(),
  kind: z.enum(["mean", "sum", "days"]).describe("what value is: the mean of the remaining months, their sum, or a number of days"),
  operator: z.string(),
  value: z.number(),
  unit: z.string(),
  share: z.number().optional(),
  lastYearSamePeriod: z.number().optional(),
  bound: z.enum(["impossible", "secured"]).optional(),
  boundValue: z.number().optional(),
  boundAssumes: z.number().optional(),
  path: z.array(z.object({ period: z.string(), value: z.number() })),
});

const probabilitySchema = z.object({
  value: z.number().optional(),
  method: z.string(),
  blocks: z.enum(["week", "month"]).optional(),
  years: z.array(z.number()),
  draws: z.number(),
  seed: z.number(),
  atRiskBelow: z.number(),
  range: z.object({ low: z.number(), median: z.number(), high: z.number() }).optional(),
  band: z.array(z.object({ period: z.string(), low: z.number(), high: z.number() })).optional(),
  note: z.string().optional(),
});

export const resultSchema = z.object({
  target: z.string(),
  task: z.string(),
  indicator: z.string(),
  area: z.string().describe("area code"),
  areaName: z.string(),
  role: z.enum(roles).describe("binding: the target binds this area and can fail a run; comparison (对照): shown for context"),
  status: statusSchema,
  actual: z.number().nullable().describe("the value judged, as computed (not rounded)"),
  expected: z.number().describe("the threshold applied, after 基本 readings and baselines"),
  operator: z.string(),
  unit: z.string(),
  period: periodSchema.nullable(),
  periodText: z.string().nullable().describe("the period in words, e.g. 2025 (Jan-Mar, 3 of 12 months)"),
  deadline: z.iso.date().nullable(),
  method: z.string(),
  reason: z.string(),
  gap: z.number().nullable().describe("expected - actual where the target is not met"),
  projected: z.number().nullable(),
  required: requirementSchema.nullable().describe("what the rest of the deadline year must deliver for the target to be met"),
  probability: probabilitySchema.nullable().describe("the estimated probability of meeting the target, or why there is none"),
  display: displaySchema,
  basically: z.object({ value: z.number(), note: z.string() }).nullable(),
  baseline: z.object({ period: z.string(), value: z.number() }).nullable(),
  earlierMisses: z.array(z.string()),
  origin: locationSchema.nullable().describe("the data row that decided the status"),
  provenance: z.object({ method: z.string(), inputs: z.string(), details: z.array(z.string()) }).nullable(),
  inputConflicts: z
    .object({ rule: z.string(), periods: z.array(z.string()), rowsDropped: z.number() })
    .nullable()
    .describe("set when rows for this indicator and area conflicted: the rule that decided and what was dropped"),
  missingPeriods: z.array(z.string()).describe("months missing from the series judged"),
  stale: z.object({ latest: z.string() }).nullable().describe("set when the latest data is older than the as-of date"),
});

export const inputSchema = z.object({
  file: z.string(),
  format: z.string(),
  kind: z.string(),
  encoding: z.string(),
  rowsRead: z.number().int(),
  rowsUsed: z.number().int(),
  rowsRejected: z.number().int(),
  rowsSkipped: z.number().int(),
  warnings: z.number().int(),
});

const common = {
  $schema: z.literal(reportSchemaId),
  tool: z.object({ name: z.literal("zz-plan"), version: z.string() }),
  version: z.literal(envelopeVersion),
};

const summarySchema = z.object(Object.fromEntries(statuses.map((status) => [status, z.number().int()])) as Record<(typeof statuses)[number], z.ZodNumber>);

/** How a target x area changed between two reports, worst first (report/diff.ts decides). */
export const changeKinds = ["newly-failing", "newly-at-risk", "now-no-data", "worse", "added", "recovered", "better", "removed", "value"] as const;

const resultStateSchema = z.object({
  status: statusSchema,
  actual: z.number().nullable(),
  projected: z.number().nullable(),
  period: z.string().nullable().describe("the label of the period judged"),
});

export const resultChangeSchema = z.object({
  change: z
    .enum(changeKinds)
    .describe(
      "newly-failing: now fail; newly-at-risk: now at-risk, was better; now-no-data: had data, has none; worse/better: another status change; recovered: was fail or at-risk, now pass or on-track; added/removed: in one report only; value: same status, another value",
    ),
  target: z.string(),
  task: z.string(),
  indicator: z.string(),
  area: z.string(),
  areaName: z.string(),
  role: z.enum(roles),
  unit: z.string(),
  before: resultStateSchema.nullable().describe("in the previous report; null when added"),
  after: resultStateSchema.nullable().describe("in the current report; null when removed"),
  origin: locationSchema.nullable().describe("the data row that decided the current status"),
}).describe("value changes compare the value the reports show: the projection where there is one, else the value judged, at display rounding");

const reportStampSchema = z.object({ asOf: z.iso.date(), plan: z.string(), toolVersion: z.string() });

export const changesSchema = z
  .object({
    previous: reportStampSchema,
    current: reportStampSchema,
    summary: z.object({ previous: summarySchema, current: summarySchema }),
    counts: z
      .object(Object.fromEntries(changeKinds.map((kind) => [kind, z.number().int()])) as Record<(typeof changeKinds)[number], z.ZodNumber>)
      .describe("binding results per kind of change; comparison (对照) changes are listed in results but not counted"),
    results: z.array(resultChangeSchema).describe("every target x area whose status or value changed, or that is in one report only"),
    rejected: z
      .object({ added: z.array(diagnosticSchema), removed: z.array(diagnosticSchema) })
      .describe("rejected rows and file problems new in the current report, and those gone; matched by code and message, not by file or line (a new month's folder, a row added above)"),
  })
  .describe("what changed since the previous report (zz-plan diff, check --baseline)");

const planSchema = z.object({ id: z.string(), title: z.string(), document: z.string().optional(), language: z.enum(["zh", "en"]).optional() });

export const checkEnvelopeSchema = z.object({
  ...common,
  command: z.literal("check"),
  plan: planSchema,
  asOf: z.iso.date(),
  ruleset: z.string(),
  summary: summarySchema,
  byTask: z.record(z.string(), statusSchema),
  byArea: z.record(z.string(), statusSchema),
  results: z.array(resultSchema),
  inputs: z.array(inputSchema),
  diagnostics: z.array(diagnosticSchema),
  changes: changesSchema.optional().describe("present with --baseline: what changed since that report"),
});

export const diffEnvelopeSchema = z.object({
  ...common,
  command: z.literal("diff"),
  changes: changesSchema,
});

export const validateEnvelopeSchema = z.object({
  ...common,
  command: z.literal("validate"),
  inputs: z.array(inputSchema),
  observations: z.number().int().describe("values read and used"),
  diagnostics: z.array(diagnosticSchema),
});

export type Diagnostic = z.infer<typeof diagnosticSchema>;
export type ResultRecord = z.infer<typeof resultSchema>;
export type CheckEnvelope = z.infer<typeof checkEnvelopeSchema>;
export type ValidateEnvelope = z.infer<typeof validateEnvelopeSchema>;
export type DiffEnvelope = z.infer<typeof diffEnvelopeSchema>;
export type Changes = z.infer<typeof changesSchema>;
export type ResultChange = z.infer<typeof resultChangeSchema>;
export type ChangeKind = (typeof changeKinds)[number];

function header() {
  return { $schema: reportSchemaId, tool: { name: tool.name, version: tool.version }, version: envelopeVersion } as const;
}

export function diagnosticOf(issue: Issue): Diagnostic {
  const location = issue.location
    ? { file: issue.location.file, ...(issue.location.line !== undefined ? { line: issue.location.line } : {}), ...(issue.location.column !== undefined ? { column: issue.location.column } : {}) }
    : null;
  return { code: issue.code, severity: issue.severity, message: issue.message, location, hint: issue.hint ?? null };
}

function displayOf(result: TargetResult): ResultRecord["display"] {
  const display: ResultRecord["display"] = {};
  for (const key of ["actual", "projected", "gap", "expected"] as const) {
    const value = result[key];
    if (value !== undefined && formatNumber(value) !== String(value)) display[key] = formatNumber(value);
  }
  return display;
}

export function resultRecord(result: TargetResult): ResultRecord {
  return {
    target: result.target,
    task: result.task,
    indicator: result.indicator,
    area: result.area,
    areaName: result.areaName,
    role: result.role,
    status: result.status,
    actual: result.actual ?? null,
    expected: result.expected,
    operator: result.operator,
    unit: result.unit,
    period: result.span ?? null,
    periodText: result.period ?? null,
    deadline: result.deadline ?? null,
    method: result.method,
    reason: result.reason,
    gap: result.gap ?? null,
    projected: result.projected ?? null,
    required: result.required ?? null,
    probability: result.probability ?? null,
    display: displayOf(result),
    basically: result.basically ?? null,
    baseline: result.baseline ?? null,
    earlierMisses: result.earlierMisses ?? [],
    origin: result.origin ?? null,
    provenance: result.provenance ?? null,
    inputConflicts: result.inputConflicts ?? null,
    missingPeriods: result.missingPeriods ?? [],
    stale: result.stale ?? null,
  };
}

export function checkEnvelope(report: Report, changes?: Changes): CheckEnvelope {
  return {
    ...header(),
    command: "check",
    plan: report.plan,
    asOf: report.asOf,
    ruleset: report.ruleset,
    summary: report.summary,
    byTask: report.byTask,
    byArea: report.byArea,
    results: report.results.map(resultRecord),
    inputs: report.inputs,
    diagnostics: [...report.issues].sort(compareIssues).map(diagnosticOf),
    ...(changes ? { changes } : {}),
  };
}

/** The check report as JSON, with what changed since --baseline when given. */
export function formatJson(report: Report, options: Partial<FormatOptions> = {}): string {
  return `${jsonText(checkEnvelope(report, options.changes))}\n`;
}

/** zz-plan diff as JSON: the same header, and the changes. */
export function formatChangesJson(changes: Changes): string {
  const envelope: DiffEnvelope = { ...header(), command: "diff", changes };
  return `${jsonText(envelope)}\n`;
}

/** validate's report as JSON: the same header, inputs and diagnostic shape as check's. */
export function formatValidationJson(data: DataSet): string {
  const envelope: ValidateEnvelope = { ...header(), command: "validate", inputs: data.files, observations: data.observations.length, diagnostics: [...data.issues].sort(compareIssues).map(diagnosticOf) };
  return `${jsonText(envelope)}\n`;
}
