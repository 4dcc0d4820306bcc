import { z } from "zod";
import { languages } from "../vocabulary/language.js";

/** Calendar date as written in the plan: YYYY-MM-DD, checked to be a real day. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date written YYYY-MM-DD")
  .refine((text) => {
    const date = new Date(`${text}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
  }, "not a real calendar date")
  .describe("A calendar date, YYYY-MM-DD");

const kebabId = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "expected a kebab-case id such as pm25-annual-mean")
  .describe("A stable kebab-case identifier");

/** Bilingual text: the plan's Chinese and an English rendering. */
export const bilingual = z.object({
  zh: z.string().min(1).describe("Chinese"),
  en: z.string().min(1).describe("English"),
});

export const areaKinds = ["city", "district", "county", "county-city", "zone"] as const;

/** A place a target can be judged for. */
export const areaSchema = z
  .object({
    code: z
      .string()
      .regex(/^(\d{6}|[a-z][a-z0-9-]*)$/, "expected a 6-digit division code or a project-local id")
      .describe("GB/T 2260 or NBS statistical code; a project-local id where none exists"),
    name: z.string().min(1).describe("Chinese name as reports show it (for zones the short form the plan writes, e.g. 经开区); official full names go in aliases"),
    pinyin: z.string().min(1).describe("Pinyin, e.g. Zhongyuan"),
    en: z.string().min(1).optional().describe("Conventional English name"),
    kind: z.enum(areaKinds).describe("city, urban district, county, county-level city or functional zone"),
    aliases: z.array(z.string().min(1)).default([]).describe("Other spellings accepted in data files"),
  })
  .strict();

export const directions = ["lower-is-better", "higher-is-better"] as const;
export const periodKinds = ["annual", "monthly", "cumulative", "milestone"] as const;
export const projectionMethods = ["same-period", "linear-path", "trend", "resampling", "none"] as const;
export const aggregations = ["mean", "sum", "max", "last"] as const;

/** Something that is measured; declared once and referenced by targets. */
export const indicatorSchema = z
  .object({
    id: kebabId,
    name: bilingual,
    unit: z.string().min(1).describe("Canonical unit of the indicator, e.g. ug/m3, %, 10k-kW, done"),
    direction: z.enum(directions),
    period: z
      .enum(periodKinds)
      .describe(
        "annual: a calendar-year statistic; monthly: judged month by month; cumulative: the latest value counts (a running total or a level); milestone: done or not done",
      ),
    aggregation: z
      .enum(aggregations)
      .default("mean")
      .describe("How monthly values combine into a year-to-date value (mean is day-weighted)"),
    projection: z
      .enum(projectionMethods)
      .default("linear-path")
      .describe(
        "How a value not yet final is projected; resampling draws the rest of the year from the same weeks or months of earlier years and falls back to same-period when there are fewer than three such years",
      ),
    plausible: z
      .tuple([z.number(), z.number()])
      .optional()
      .describe("Range outside which a submitted value is rejected as implausible, in the indicator's unit"),
    aliases: z
      .array(z.string().min(1))
      .default([])
      .describe("Other names accepted in data files (a former name, a short form such as PM2.5)"),
    description: z.string().optional(),
  })
  .strict();

export const operators = ["<=", "<", ">=", ">", "=="] as const;

/** Where the plan says 基本 (basically), the numeric reading used instead of the literal value. */
export const basicallySchema = z
  .object({
    value: z.number().describe("Threshold actually applied"),
    note: z.string().min(1).describe("Why this reading, shown in reports"),
  })
  .strict();

/** Which areas a target binds: their results are verdicts and roll up. */
export const appliesToSchema = z
  .union([
    z.literal("city"),
    z.literal("responsible"),
    z.literal("city+responsible"),
    z.array(z.string().min(1)).min(1),
  ])
  .default("city")
  .describe('Areas the target binds: "city", "responsible" (each responsible area of the task), "city+responsible", or a list of area codes');

/**
 * Areas shown against a target for context (对照) without being bound by it: a district beside
 * the city's 2025 PM2.5 goal. Their results are labelled as comparison and never enter a roll-up.
 */
export const comparisonSchema = z
  .union([z.literal("all"), z.literal("responsible"), z.array(z.string().min(1)).min(1)])
  .optional()
  .describe(
    'Areas shown for comparison only (对照), never rolled up: "all" (every area but the city), "responsible" (the task\'s responsible areas), or a list of area codes. Areas the target binds are left out',
  );

export const targetSchema = z
  .object({
    id: kebabId,
    indicator: kebabId.describe("Id of a declared indicator"),
    operator: z.enum(operators),
    value: z.number().describe("Threshold as the plan states it, in the target's unit"),
    unit: z.string().min(1).describe("Unit of value; must be convertible to the indicator's unit"),
    deadline: isoDate.optional().describe("Omitted for a standing requirement"),
    baseline: z
      .object({
        period: z.string().min(4).describe('Base period, e.g. "2022"'),
        value: z.number().optional().describe("Base value if the plan fixes it; otherwise taken from the data"),
      })
      .strict()
      .optional()
      .describe("Present for relative targets: value is then a change against the baseline"),
    basically: basicallySchema.optional(),
    appliesTo: appliesToSchema,
    comparison: comparisonSchema,
    inForceFrom: isoDate
      .optional()
      .describe("A standing rule in force from this date (e.g. the plan's issue): periods that start earlier are not judged"),
    interim: z.boolean().default(false).describe("An interim (2023/2024) milestone on the way to a later target"),
    source: z.string().min(1).describe("The plan's original sentence"),
    note: z.string().optional(),
  })
  .strict();

export const groupNumerals = ["目标", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"] as const;

export const taskSchema = z
  .object({
    id: z.string().regex(/^(goals|t\d{2})$/, 'expected "goals" or t01..t26'),
    number: z.number().int().min(0).describe("0 for the main goals, else the task number"),
    group: z.enum(groupNumerals).describe("Action group 一 to 十 (目标 for the main goals)"),
    groupTitle: z.string().min(1),
    title: z.string().min(1),
    lead: z.array(z.string().min(1)).default([]),
    support: z.array(z.string().min(1)).default([]),
    responsible: z.array(z.string().min(1)).default([]).describe("Responsible units as the plan lists them"),
    responsibleAreas: z
      .union([z.literal("all"), z.array(z.string().min(1))])
      .default([])
      .describe('"all" for 各开发区管委会，区县(市)人民政府, else the named area codes'),
    targets: z.array(targetSchema).default([]),
    note: z.string().optional().describe("Readings of the task as a whole, e.g. steps of the text deliberately not encoded, and why"),
  })
  .strict();

export const assessmentSchema = z
  .object({
    tolerance: z.number().min(0).max(1).default(0.1).describe("linear-path buffer as a share of |target - baseline|"),
    milestoneWarningDays: z
      .number()
      .int()
      .min(0)
      .default(90)
      .describe("A milestone not yet done this close to its deadline is at-risk"),
    // 0.5: below it the target is more likely missed than met, the same line at which a point
    // projection (a median) turns at-risk, so switching to resampling does not move what at-risk
    // means. A plan that wants earlier warnings raises it (0.66 is the IPCC's "likely").
    atRiskBelow: z
      .number()
      .min(0)
      .max(1)
      .default(0.5)
      .describe("A target whose estimated probability of being met (resampling) is below this is at-risk"),
  })
  .strict();

export const planSchema = z
  .object({
    id: kebabId,
    title: z.string().min(1),
    document: z.string().optional().describe("Document number, e.g. 郑政办〔2023〕39号"),
    issued: isoDate.optional(),
    language: z.enum(languages).optional().describe("The plan's own language; reports default to it when the locale does not say"),
    period: z.object({ start: isoDate, end: isoDate }).strict(),
    ruleset: z.enum(["2012", "2026"]).default("2012").describe("Air-quality rule set the targets were set under"),
    assessment: assessmentSchema.default({ tolerance: 0.1, milestoneWarningDays: 90, atRiskBelow: 0.5 }),
    city: z.string().min(1).describe("Code of the area that stands for the whole city"),
    stations: z.string().min(1).optional().describe("Registry of the city's national air-quality stations (YAML), relative to the plan file"),
    areas: z.array(areaSchema).min(1),
    indicators: z.array(indicatorSchema).min(1),
    tasks: z.array(taskSchema).min(1),
  })
  .strict();

export type Plan = z.infer<typeof planSchema>;
export type Area = z.infer<typeof areaSchema>;
export type Indicator = z.infer<typeof indicatorSchema>;
export type Task = z.infer<typeof taskSchema>;
export type Target = z.infer<typeof targetSchema>;
export type Operator = (typeof operators)[number];
export type Direction = (typeof directions)[number];
export type PeriodKind = (typeof periodKinds)[number];
export type ProjectionMethod = (typeof projectionMethods)[number];
