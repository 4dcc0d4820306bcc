import type { IssueCode } from "./catalogue.js";
import { compareText } from "./order.js";
/** Where a problem was found. Lines and columns count from 1. */
export interface Location {
  file: string;
  line?: number;
  column?: number;
}

export type Severity = "error" | "warning";

/** One problem in an input: a stable kebab-case code, where, and what a valid value looks like. */
export interface Issue {
  code: IssueCode;
  severity: Severity;
  message: string;
  location?: Location;
  hint?: string;
}

/** An issue as printed: also one read back from an earlier report, whose code an older zz-plan may have emitted. */
export type PrintedIssue = Omit<Issue, "code"> & { code: string };

/** An input the run cannot go on with. Its code is stable: scripts may match on it. */
export class ZzError extends Error {
  readonly code: IssueCode;
  readonly location: Location | undefined;
  readonly hint: string | undefined;

  constructor(code: IssueCode, message: string, options: { location?: Location; hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.location = options.location;
    this.hint = options.hint;
  }

  /**
   * All the issues this error stands for; one unless a subclass collects several. A ZzError stops
   * the run, so its issue is an error (every code thrown is one in the catalogue); the catalogue
   * itself stays out of this module, which --version loads.
   */
  get issues(): Issue[] {
    return [
      {
        code: this.code,
        severity: "error",
        message: this.message,
        ...(this.location ? { location: this.location } : {}),
        ...(this.hint ? { hint: this.hint } : {}),
      },
    ];
  }
}

/** A plan file that is not a valid plan; carries every problem found, not just the first. */
export class PlanError extends ZzError {
  readonly planIssues: Issue[];

  constructor(file: string, issues: Issue[]) {
    const first = issues[0];
    super(first?.code ?? "plan-invalid", `${file}: ${issues.length} problem(s) in the plan`, {
      location: { file },
    });
    this.planIssues = issues;
  }

  override get issues(): Issue[] {
    return this.planIssues;
  }
}

/**
 * A crash (a bug, never bad input) with where it happened put in front, so that the internal-error
 * line names the kind or target: a ZzError passes unchanged.
 */
export function crashIn(where: string, error: unknown): unknown {
  if (error instanceof ZzError) return error;
  return new Error(`${where}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
}

/** Bad arguments. */
export class UsageError extends ZzError {}

export function formatLocation(location: Location | undefined): string {
  if (!location) return "";
  let text = location.file;
  if (location.line !== undefined) text += `:${location.line}`;
  if (location.line !== undefined && location.column !== undefined) text += `:${location.column}`;
  return text;
}

/** The canonical one-line form: `file:line:column  code  message`. */
export function formatIssue(issue: Issue): string {
  const where = formatLocation(issue.location);
  const prefix = issue.severity === "warning" ? "warning " : "";
  return `${where ? `${where}  ` : ""}${prefix}${issue.code}  ${issue.message}`;
}

export function compareIssues(a: Issue, b: Issue): number {
  const fileOrder = compareText(a.location?.file ?? "", b.location?.file ?? "");
  if (fileOrder !== 0) return fileOrder;
  const lineOrder = (a.location?.line ?? 0) - (b.location?.line ?? 0);
  if (lineOrder !== 0) return lineOrder;
  return (a.location?.column ?? 0) - (b.location?.column ?? 0);
}
