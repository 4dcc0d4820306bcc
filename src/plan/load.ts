import { issue, type IssueCode } from "../vocabulary/catalogue.js";
import { Composer, isAlias, isMap, isNode, isPair, isScalar, isSeq, LineCounter, Parser, YAMLParseError, type CST, type Document, type YAMLError } from "yaml";
import { z } from "zod";
import { convert, findUnit } from "../vocabulary/units.js";
import { suggest } from "../vocabulary/did-you-mean.js";
import { PlanError, type Issue, type Location } from "../vocabulary/issues.js";
import { planSchema, type Plan } from "./schema.js";

type Path = readonly (string | number)[];

/** Alias expansions allowed in a plan: enough for real reuse, far too few for a "billion laughs" document. */
const maxAliasCount = 1000;

/** Nesting a plan can need (the bundled one goes 6 deep); deeper is an attack or an accident. */
const maxNesting = 64;

const dateKeys = new Set(["deadline", "start", "end", "issued"]);

/**
 * Targets a plan may hold: the bundled plan has 80, so ten thousand is beyond any real plan. A plan
 * with more is refused before it is parsed, so loading stays bounded in time and memory.
 */
export const maxTargets = 10_000;

/** What a threshold can be when the indicator states no plausible range, by its unit's dimension (in the dimension's base unit). */
const dimensionRanges: Record<string, readonly [number, number]> = {
  share: [0, 100],
  milestone: [0, 1],
  "water-class": [1, 6],
  rank: [1, Infinity],
  count: [0, Infinity],
  "vehicle-count": [0, Infinity],
  area: [0, Infinity],
  power: [0, Infinity],
  money: [0, Infinity],
  "dust-fall": [0, Infinity],
  "concentration-air": [0, Infinity],
  "concentration-water": [0, Infinity],
};

/**
 * Parse and validate a plan. Returns the plan, or throws one PlanError listing every problem
 * (YAML syntax, schema, cross-references) at file:line:column.
 */
export function loadPlan(text: string, file: string): Plan {
  try {
    return loadPlanText(text, file);
  } catch (error) {
    // The CST parser itself recurses when it closes many block levels at once (`- - - …` then `]`);
    // that overflow is an ordinary RangeError, and a plan that deep is only too deep.
    if (error instanceof RangeError && /call stack/i.test(error.message)) {
      throw new PlanError(file, [issue("plan-too-deep", tooDeepMessage, { location: { file, line: 1, column: 1 } })]);
    }
    throw error;
  }
}

const tooDeepMessage = `lists and mappings are nested more than ${maxNesting} levels deep; a plan needs far fewer`;

/**
 * Parse YAML text into one document. Composing the document recurses once per nesting level, and
 * when the stack runs out there Node 20's V8 can abort the whole process (not throw) inside its
 * regular-expression compiler. The CST parser, which runs no regular expressions, comes first:
 * nesting is measured on its tokens, and a document nested deeper than any plan needs is never
 * composed.
 */
function parsePlanDocument(text: string, lineCounter: LineCounter): { doc: Document } | { tooDeepAt: number } {
  const tokens = [...new Parser(lineCounter.addNewLine).parse(text)];
  const tooDeepAt = deepestNesting(tokens);
  if (tooDeepAt !== undefined) return { tooDeepAt };
  const composer = new Composer({ uniqueKeys: true, prettyErrors: false, strict: true });
  let doc: Document | undefined;
  for (const composed of composer.compose(tokens, true, text.length)) {
    if (!doc) doc = composed;
    else {
      doc.errors.push(new YAMLParseError([composed.range[0], composed.range[1]], "MULTIPLE_DOCS", "Source contains multiple documents"));
      break;
    }
  }
  // compose(…, forceDoc = true) always yields a document, if only an empty one.
  return { doc: doc! };
}

/** The offset of the first collection nested more than maxNesting deep in the CST, if any. */
function deepestNesting(tokens: readonly CST.Token[]): number | undefined {
  const stack: { token: CST.Token | undefined; depth: number }[] = tokens.map((token) => ({ token, depth: 0 }));
  while (stack.length > 0) {
    const { token, depth } = stack.pop()!;
    if (!token) continue;
    if (token.type === "document") {
      stack.push({ token: token.value, depth });
    } else if (token.type === "block-map" || token.type === "block-seq" || token.type === "flow-collection") {
      if (depth + 1 > maxNesting) return token.offset;
      for (const item of token.items) {
        if ("key" in item) stack.push({ token: item.key ?? undefined, depth: depth + 1 });
        stack.push({ token: item.value, depth: depth + 1 });
      }
    }
  }
  return undefined;
}

function loadPlanText(text: string, file: string): Plan {
  // Counted on the text, before any parsing: each target has exactly one operator key.
  const operators = text.match(/(?:^|[\s{,])["']?operator["']?\s*:/gm)?.length ?? 0;
  if (operators > maxTargets) throw tooManyTargets(file, operators);
  const lineCounter = new LineCounter();
  const at = (offset: number | undefined): Location => {
    if (offset === undefined) return { file, line: 1, column: 1 };
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  const parsedDocument = parsePlanDocument(text, lineCounter);
  if ("tooDeepAt" in parsedDocument) {
    throw new PlanError(file, [issue("plan-too-deep", tooDeepMessage, { location: at(parsedDocument.tooDeepAt) })]);
  }
  const { doc } = parsedDocument;
  const issues: Issue[] = [];

  const linesWithErrors = new Set<number>();
  for (const error of [...doc.errors, ...doc.warnings]) {
    const location = at(error.pos[0]);
    // After the first error on a line the parser's further complaints there are its own confusion.
    if (location.line !== undefined && linesWithErrors.has(location.line)) continue;
    if (location.line !== undefined) linesWithErrors.add(location.line);
    issues.push(describeYamlError(error, text, location));
  }
  if (issues.length > 0) throw new PlanError(file, issues);

  const shape = shapeProblems(doc);
  if (shape.length > 0) {
    throw new PlanError(file, shape.map((problem) => issue(problem.code, problem.message, { location: at(problem.offset), hint: problem.hint })));
  }

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof RangeError) throw error;
    const firstAlias = findFirstAlias(doc);
    if (/unresolved alias/i.test(message)) {
      throw new PlanError(file, [issue("plan-yaml-syntax", firstLine(message), { location: at(firstAlias) })]);
    }
    throw new PlanError(file, [
      issue(
        "plan-yaml-aliases",
        `the anchors and aliases (&name, *name) expand too much: at most ${maxAliasCount} alias expansions are allowed, a guard against "billion laughs" documents`,
        { location: at(firstAlias), hint: "write the repeated parts out, or reuse fewer of them" },
      ),
    ]);
  }

  // Aliases can repeat a list of targets without repeating its text.
  const targetCount = countTargets(data);
  if (targetCount > maxTargets) throw tooManyTargets(file, targetCount);

  const parsed = planSchema.safeParse(data);
  const positionOf = (path: Path) => at(offsetOf(doc, path));
  if (!parsed.success) {
    const seenPaths = new Set<string>();
    for (const zodIssue of parsed.error.issues) {
      const path = zodIssue.path.filter((part): part is string | number => typeof part !== "symbol");
      if (zodIssue.code === "unrecognized_keys") {
        for (const key of zodIssue.keys) {
          issues.push(
            issue(
              "plan-unknown-key",
              // A one- or two-letter key is close to every short key; a suggestion would be noise.
              `${formatPath(path)}: unknown key "${key}"${key.length >= 3 ? suggest(key, knownKeys(path)) : ""}`,
              { location: at(keyOffset(doc, path, key) ?? offsetOf(doc, path)) },
            ),
          );
        }
        continue;
      }
      // One problem per place: zod may report a value twice (a date that is neither well-formed nor real).
      const pathKey = JSON.stringify(path);
      if (seenPaths.has(pathKey)) continue;
      seenPaths.add(pathKey);
      const value = valueAt(data, path);
      issues.push(issue(
        "plan-invalid",
        `${formatPath(path)}: ${describeZodIssue(zodIssue, path, value)}`,
        { location: positionOf(value === undefined ? path.slice(0, -1) : path) },
      ));
    }
    throw new PlanError(file, sortByPosition(issues));
  }

  for (const problem of crossReferenceProblems(parsed.data)) {
    issues.push(issue(problem.code, problem.message, { location: positionOf(problem.path) }));
  }
  if (issues.length > 0) throw new PlanError(file, sortByPosition(issues));
  return parsed.data;
}

function tooManyTargets(file: string, count: number): PlanError {
  return new PlanError(file, [
    issue("plan-too-many-targets", `the plan holds ${count} targets, more than the ${maxTargets} a plan may hold`, { location: { file, line: 1, column: 1 } }),
  ]);
}

function countTargets(data: unknown): number {
  const tasks = (data as { tasks?: unknown } | null)?.tasks;
  if (!Array.isArray(tasks)) return 0;
  return tasks.reduce((sum: number, task: unknown) => {
    const targets = (task as { targets?: unknown } | null)?.targets;
    return sum + (Array.isArray(targets) ? targets.length : 0);
  }, 0);
}

/**
 * A threshold no value of the indicator can take (PM2.5 at 4000 ug/m3, a share of 250 %, a negative
 * count) is a typing error in the plan: judged, it would pass or fail every area for nothing. The
 * indicator's plausible range decides, else what its unit's dimension allows.
 */
function implausibleThreshold(value: number, unit: string, indicator: Plan["indicators"][number]): string | undefined {
  const targetUnit = findUnit(unit);
  if (!targetUnit) return undefined;
  if (indicator.plausible) {
    const converted = convert(value, unit, indicator.unit);
    if (!converted.ok) return undefined;
    const [low, high] = indicator.plausible;
    if (converted.value >= low && converted.value <= high) return undefined;
    return `${value} ${unit} lies outside what ${indicator.id} can be (${low} to ${high} ${indicator.unit}); check the number and its unit`;
  }
  const range = dimensionRanges[targetUnit.dimension];
  if (!range) return undefined;
  const base = value * targetUnit.factor;
  if (base >= range[0] && base <= range[1]) return undefined;
  const low = range[0] / targetUnit.factor;
  const high = range[1] / targetUnit.factor;
  return `${value} ${unit} lies outside what ${indicator.id} can be (${high === Infinity ? `at least ${low}` : `${low} to ${high}`} ${unit}); check the number and its unit`;
}

function describeYamlError(error: YAMLError, text: string, location: Location): Issue {
  const yamlIssue = (code: IssueCode, message: string, hint?: string): Issue => issue(code, message, { location, hint });
  if (/call stack/i.test(error.message)) return yamlIssue("plan-too-deep", tooDeepMessage);
  switch (error.code) {
    case "DUPLICATE_KEY": {
      const key = keyTextAt(text, error.pos[0]);
      return yamlIssue("plan-duplicate-key", `duplicate key${key ? ` "${key}"` : ""}: a key may appear only once in a mapping`, "delete one of the two, or merge them");
    }
    case "TAB_AS_INDENT":
      return yamlIssue("plan-yaml-syntax", "a tab is used for indentation; YAML indents with spaces only", "replace the tabs at the start of the line with spaces");
    case "MULTIPLE_DOCS":
      return yamlIssue("plan-yaml-syntax", "the file holds more than one YAML document (a second ---); a plan is one document");
    case "TAG_RESOLVE_FAILED":
      return yamlIssue("plan-yaml-syntax", `${firstLine(error.message)}: a plan uses no YAML tags (!name)`);
    default:
      return yamlIssue("plan-yaml-syntax", firstLine(error.message));
  }
}

/** The key written at offset (a duplicate key's position), as the reader wrote it. */
function keyTextAt(text: string, offset: number): string {
  const rest = text.slice(offset, offset + 200);
  const quoted = rest.match(/^"((?:[^"\\\n]|\\.)*)"|^'((?:[^'\n]|'')*)'/);
  if (quoted) return quoted[1] ?? quoted[2]?.replace(/''/g, "'") ?? "";
  return (rest.match(/^[^:\n#]*/)?.[0] ?? "").trim();
}

interface ShapeProblem {
  code: IssueCode;
  message: string;
  offset: number | undefined;
  hint?: string;
}

/**
 * What the schema cannot see because toJS would hide it: keys that are lists or maps (JavaScript
 * would turn them into text, with a warning on the console).
 */
function shapeProblems(doc: Document): ShapeProblem[] {
  const problems: ShapeProblem[] = [];
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!isMap(node) && !isSeq(node)) continue;
    for (const item of node.items) {
      if (isPair(item)) {
        if (isMap(item.key) || isSeq(item.key)) {
          problems.push({ code: "plan-yaml-syntax", message: "a key is a list or a mapping; keys in a plan are plain names", offset: item.key.range?.[0], hint: "remove the ? before the key" });
        }
        stack.push(item.value);
      } else {
        stack.push(item);
      }
    }
  }
  return problems;
}

function findFirstAlias(doc: Document): number | undefined {
  const stack: unknown[] = [doc.contents];
  let first: number | undefined;
  while (stack.length > 0) {
    const node = stack.pop();
    if (isAlias(node)) {
      const offset = node.range?.[0];
      if (offset !== undefined && (first === undefined || offset < first)) first = offset;
    } else if (isMap(node) || isSeq(node)) {
      for (const item of node.items) {
        if (isPair(item)) stack.push(item.key, item.value);
        else stack.push(item);
      }
    }
  }
  return first;
}

/** The offset of key in the mapping at path. */
function keyOffset(doc: Document, path: Path, key: string): number | undefined {
  const node = path.length === 0 ? doc.contents : doc.getIn(path, true);
  if (!isMap(node)) return undefined;
  for (const item of node.items) {
    if (isScalar(item.key) && String(item.key.value) === key) return item.key.range?.[0];
  }
  return undefined;
}

/** The value at path in plain data, or undefined. */
function valueAt(data: unknown, path: Path): unknown {
  let current = data;
  for (const part of path) {
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, part)) return undefined;
    current = (current as Record<string | number, unknown>)[part];
  }
  return current;
}

/** The keys the schema accepts for the object at path, for did-you-mean. */
function knownKeys(path: Path): string[] {
  let schema: z.ZodType | undefined = planSchema;
  for (const part of [...path, undefined]) {
    for (let unwrap = 0; unwrap < 8 && schema; unwrap += 1) {
      const inner: z.ZodType | undefined = (schema as { _zod?: { def?: { innerType?: z.ZodType } } })._zod?.def?.innerType;
      if (!inner) break;
      schema = inner;
    }
    if (!schema || part === undefined) break;
    if (schema instanceof z.ZodObject) schema = (schema.shape as Record<string, z.ZodType>)[String(part)];
    else if (schema instanceof z.ZodArray) schema = schema.element as z.ZodType;
    else return [];
  }
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

interface CrossReferenceProblem {
  code: IssueCode;
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
  const indicatorNames = new Map<string, string>();
  plan.indicators.forEach((indicator, index) => {
    if (indicators.has(indicator.id)) {
      problems.push({ code: "plan-duplicate-id", message: `indicator "${indicator.id}" is declared twice`, path: ["indicators", index, "id"] });
    }
    indicators.set(indicator.id, indicator);
    for (const name of [indicator.id, indicator.name.zh, indicator.name.en, ...indicator.aliases]) {
      const owner = indicatorNames.get(name);
      if (owner !== undefined && owner !== indicator.id) {
        problems.push({ code: "plan-ambiguous-alias", message: `indicator name "${name}" is used by both ${owner} and ${indicator.id}`, path: ["indicators", index] });
      }
      indicatorNames.set(name, indicator.id);
    }
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
        } else if (findUnit(indicator.unit) && targetUnit.dimension !== expectedDimension && !relativeOk) {
          // An indicator whose own unit is unknown is reported above; its targets cannot be checked against it.
          problems.push({
            code: "plan-unit-mismatch",
            message: `unit "${target.unit}" does not fit indicator "${indicator.id}" (${indicator.unit})`,
            path: [...path, "unit"],
          });
        }
      }
      if (indicator && !target.baseline) {
        const thresholds: [Path, number][] = [[[...path, "value"], target.value]];
        if (target.basically) thresholds.push([[...path, "basically", "value"], target.basically.value]);
        for (const [at, value] of thresholds) {
          const problem = implausibleThreshold(value, target.unit, indicator);
          if (problem) problems.push({ code: "plan-implausible-threshold", message: `${formatPath(at)}: ${problem}`, path: at });
        }
      }
      if (target.deadline && (target.deadline < plan.period.start || target.deadline > plan.period.end)) {
        problems.push({
          code: "plan-deadline-outside-period",
          message: `deadline ${target.deadline} lies outside the plan period ${plan.period.start}..${plan.period.end}`,
          path: [...path, "deadline"],
        });
      }
      for (const key of ["appliesTo", "comparison"] as const) {
        const areas = target[key];
        if (!Array.isArray(areas)) continue;
        areas.forEach((code, index) => {
          if (!areaCodes.has(code)) {
            problems.push({ code: "plan-unknown-area", message: `area "${code}" is not declared`, path: [...path, key, index] });
          }
        });
      }
      if (target.inForceFrom && target.deadline) {
        problems.push({ code: "plan-invalid", message: "inForceFrom is for standing requirements; a target with a deadline is judged on its deadline", path: [...path, "inForceFrom"] });
      }
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

function describeZodIssue(issue: z.core.$ZodIssue, path: Path, value: unknown): string {
  const last = path[path.length - 1];
  if (issue.code === "invalid_type") {
    if (value === undefined || (value === null && path.length === 0)) return path.length === 0 ? "the plan is empty: expected a mapping with id, title, period, areas, indicators and tasks" : "missing";
    const expected = typeof last === "string" && dateKeys.has(last) && issue.expected === "string" ? "a date written YYYY-MM-DD" : issue.expected;
    return `expected ${expected}, got ${describeValue(value)}`;
  }
  if (issue.code === "invalid_value") {
    const values = issue.values.map((option) => JSON.stringify(option));
    const hint = typeof value === "string" ? suggest(value, issue.values.map(String)) : "";
    return `expected one of ${values.join(", ")}, got ${describeValue(value)}${hint}`;
  }
  if (issue.code === "invalid_union" && value !== undefined) {
    return `${issue.message} (got ${describeValue(value)})`;
  }
  return issue.message;
}

function describeValue(value: unknown): string {
  if (value === null) return "nothing (null)";
  if (value instanceof Date) return "a YAML timestamp (quote dates: \"2025-12-31\")";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `the ${typeof value} ${String(value)}`;
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
