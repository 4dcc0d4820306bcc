import { isNode, LineCounter, parseDocument, type Document } from "yaml";
import type { z } from "zod";
import { findUnit } from "../data/units.js";
import { suggest } from "../did-you-mean.js";
import { PlanError, type Issue } from "../errors.js";
import { planSchema, type Plan } from "./schema.js";

type Path = readonly (string | number)[];

/** Alias expansions allowed in a plan: enough for real reuse, far too few for a "billion laughs" document. */
const maxAliasCount = 1000;

/**
 * Parse and validate a plan. Returns the plan, or throws one PlanError listing every problem
 * (YAML syntax, schema, cross-references) at file:line:column.
 */
export function loadPlan(text: string, file: string): Plan {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  const issues: Issue[] = [];
  const at = (offset: number | undefined) => {
    if (offset === undefined) return { file };
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };

  for (const error of [...doc.errors, ...doc.warnings]) {
    issues.push({
      code: error.code === "DUPLICATE_KEY" ? "plan-duplicate-key" : "plan-yaml-syntax",
      severity: "error",
      message: firstLine(error.message),
      location: at(error.pos[0]),
    });
  }
  if (issues.length > 0) throw new PlanError(file, issues);

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount });
  } catch (error) {
    throw new PlanError(file, [
      {
        code: "plan-yaml-aliases",
        severity: "error",
        message: `${firstLine(error instanceof Error ? error.message : String(error))} (at most ${maxAliasCount} alias expansions are allowed)`,
        location: { file, line: 1, column: 1 },
      },
    ]);
  }

  const parsed = planSchema.safeParse(data);
  const positionOf = (path: Path) => at(offsetOf(doc, path));
  if (!parsed.success) {
    for (const zodIssue of parsed.error.issues) {
      issues.push({
        code: "plan-invalid",
        severity: "error",
        message: `${formatPath(zodIssue.path)}: ${describeZodIssue(zodIssue)}`,
        location: positionOf(zodIssue.path as Path),
      });
    }
    throw new PlanError(file, sortByPosition(issues));
  }

  for (const problem of crossReferenceProblems(parsed.data)) {
    issues.push({ ...problem, severity: "error", location: positionOf(problem.path) });
  }
  if (issues.length > 0) throw new PlanError(file, sortByPosition(issues));
  return parsed.data;
}

interface CrossReferenceProblem {
  code: string;
  message: string;
  path: Path;
}

/** Checks zod cannot express: references between parts of the plan, and uniqueness. */
function crossReferenceProblems(plan: Plan): CrossReferenceProblem[] {
  const problems: CrossReferenceProblem[] = [];
  const areaCodes = new Set<string>();
  const areaNames = new Map<string, string>();
  plan.areas.forEach((area, index) => {
    if (areaCodes.has(area.code)) {
      problems.push({ code: "plan-duplicate-id", message: `area code "${area.code}" is declared twice`, path: ["areas", index, "code"] });
    }
    areaCodes.add(area.code);
    for (const name of [area.name, ...area.aliases]) {
      const owner = areaNames.get(name);
      if (owner !== undefined && owner !== area.code) {
        problems.push({
          code: "plan-ambiguous-alias",
          message: `area name "${name}" is used by both ${owner} and ${area.code}`,
          path: ["areas", index],
        });
      }
      areaNames.set(name, area.code);
    }
  });
  if (!areaCodes.has(plan.city)) {
    problems.push({ code: "plan-unknown-area", message: `city "${plan.city}" is not among the declared areas`, path: ["city"] });
  }
  if (plan.period.end < plan.period.start) {
    problems.push({ code: "plan-invalid", message: "period.end is before period.start", path: ["period", "end"] });
  }

  const indicators = new Map<string, Plan["indicators"][number]>();
  plan.indicators.forEach((indicator, index) => {
    if (indicators.has(indicator.id)) {
      problems.push({ code: "plan-duplicate-id", message: `indicator "${indicator.id}" is declared twice`, path: ["indicators", index, "id"] });
    }
    indicators.set(indicator.id, indicator);
    if (!findUnit(indicator.unit)) {
      problems.push({ code: "plan-unknown-unit", message: `unknown unit "${indicator.unit}"`, path: ["indicators", index, "unit"] });
    }
  });

  const taskIds = new Set<string>();
  const targetIds = new Set<string>();
  plan.tasks.forEach((task, taskIndex) => {
    if (taskIds.has(task.id)) {
      problems.push({ code: "plan-duplicate-id", message: `task "${task.id}" is declared twice`, path: ["tasks", taskIndex, "id"] });
    }
    taskIds.add(task.id);
    if (Array.isArray(task.responsibleAreas)) {
      task.responsibleAreas.forEach((code, index) => {
        if (!areaCodes.has(code)) {
          problems.push({ code: "plan-unknown-area", message: `area "${code}" is not declared`, path: ["tasks", taskIndex, "responsibleAreas", index] });
        }
      });
    }
    task.targets.forEach((target, targetIndex) => {
      const path = ["tasks", taskIndex, "targets", targetIndex];
      if (targetIds.has(target.id)) {
        problems.push({ code: "plan-duplicate-id", message: `target "${target.id}" is declared twice`, path: [...path, "id"] });
      }
      targetIds.add(target.id);
      const indicator = indicators.get(target.indicator);
      if (!indicator) {
        problems.push({
          code: "plan-unknown-indicator",
          message: `indicator "${target.indicator}" is not declared${suggest(target.indicator, [...indicators.keys()])}`,
          path: [...path, "indicator"],
        });
      } else {
        const expectedDimension = target.baseline ? "share-change" : findUnit(indicator.unit)?.dimension;
        const targetUnit = findUnit(target.unit);
        const relativeOk = target.baseline && targetUnit && targetUnit.dimension === findUnit(indicator.unit)?.dimension;
        if (!targetUnit) {
          problems.push({ code: "plan-unknown-unit", message: `unknown unit "${target.unit}"`, path: [...path, "unit"] });
        } else if (targetUnit.dimension !== expectedDimension && !relativeOk) {
          problems.push({
            code: "plan-unit-mismatch",
            message: `unit "${target.unit}" does not fit indicator "${indicator.id}" (${indicator.unit})`,
            path: [...path, "unit"],
          });
        }
      }
      if (target.deadline && (target.deadline < plan.period.start || target.deadline > plan.period.end)) {
        problems.push({
          code: "plan-deadline-outside-period",
          message: `deadline ${target.deadline} lies outside the plan period ${plan.period.start}..${plan.period.end}`,
          path: [...path, "deadline"],
        });
      }
      const codes =
        target.appliesTo === "city" || target.appliesTo === "responsible" || target.appliesTo === "city+responsible"
          ? []
          : target.appliesTo;
      codes.forEach((code, index) => {
        if (!areaCodes.has(code)) {
          problems.push({ code: "plan-unknown-area", message: `area "${code}" is not declared`, path: [...path, "appliesTo", index] });
        }
      });
    });
  });
  return problems;
}

/** Offset of the node at path, or of its closest existing ancestor when the key is missing. */
function offsetOf(doc: Document, path: Path): number | undefined {
  for (let length = path.length; length >= 0; length -= 1) {
    const node = doc.getIn(path.slice(0, length), true);
    if (isNode(node) && node.range) return node.range[0];
  }
  return undefined;
}

function describeZodIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_type") {
    const received = "input" in issue && issue.input === undefined ? "nothing" : typeof (issue as { input?: unknown }).input;
    return `expected ${issue.expected}, got ${received}`;
  }
  if (issue.code === "invalid_value") {
    return `expected one of ${issue.values.map((value) => JSON.stringify(value)).join(", ")}`;
  }
  if (issue.code === "unrecognized_keys") {
    return `unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((key) => `"${key}"`).join(", ")}`;
  }
  return issue.message;
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(plan)";
  return path
    .map((part, index) => (typeof part === "number" ? `[${part}]` : `${index === 0 ? "" : "."}${String(part)}`))
    .join("");
}

function firstLine(message: string): string {
  return message.split("\n")[0]?.trim() ?? message;
}

function sortByPosition(issues: Issue[]): Issue[] {
  return [...issues].sort(
    (a, b) => (a.location?.line ?? 0) - (b.location?.line ?? 0) || (a.location?.column ?? 0) - (b.location?.column ?? 0),
  );
}
