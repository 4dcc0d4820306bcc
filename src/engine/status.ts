import { statuses, type Status, type TargetResult } from "./types.js";

/** Severity order for roll-ups: fail > at-risk > no-data > on-track > pass. */
export function rank(status: Status): number {
  return statuses.indexOf(status);
}

/** The worst of some statuses; pass only when every part passes (open-sdg's rule). */
export function worst(list: Iterable<Status>): Status | undefined {
  let result: Status | undefined;
  for (const status of list) if (result === undefined || rank(status) > rank(result)) result = status;
  return result;
}

export function atLeast(status: Status, threshold: Status): boolean {
  return rank(status) >= rank(threshold);
}

export function countByStatus(list: Iterable<Status>): Record<Status, number> {
  const counts = Object.fromEntries(statuses.map((status) => [status, 0])) as Record<Status, number>;
  for (const status of list) counts[status] += 1;
  return counts;
}

/** The results that are verdicts: comparison (对照) results are context and never count. */
export function bindingResults(results: readonly TargetResult[]): TargetResult[] {
  return results.filter((result) => result.role === "binding");
}
