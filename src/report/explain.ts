import type { Observation } from "../kinds/observation.js";
import type { Report } from "../engine/types.js";
import { formatLocation } from "../vocabulary/issues.js";
import { terminal } from "./escape.js";
import { comparisonLabel, targetText, valueWithUnit } from "./wording.js";
import { compareText } from "../vocabulary/order.js";

/** One target's report and the observations it was judged on. */
export interface Explanation {
  report: Report;
  observations: readonly Observation[];
}

/**
 * The chain from rows to verdict for one target: for each area, the status and its reason, then
 * every value the engine saw (oldest first) with the row it came from, and for computed values
 * how they were computed (stations, days, samples, what was dropped and why). Each line goes
 * through terminal() (./escape.ts): text from the plan or the data cannot break it.
 */
export function formatExplanation({ report, observations }: Explanation): string {
  const out: string[] = [];
  for (const result of report.results) {
    out.push(`${result.target} for ${result.areaName} (${result.area}): ${result.status}${result.role === "comparison" ? ` — ${comparisonLabel}: the target does not bind this area` : ""}`);
    out.push(`  target   ${targetText(result)}${result.deadline ? ` by ${result.deadline}` : " (standing)"}${result.basically ? ` — 基本 read as ${result.basically.value}: ${result.basically.note}` : ""}`);
    out.push(`  method   ${result.method}`);
    out.push(`  reason   ${result.reason}`);
    if (result.origin) out.push(`  decided  by the value at ${formatLocation(result.origin)}`);
    const used = observations
      .filter((observation) => observation.indicator === result.indicator && observation.area === result.area && observation.period.end <= report.asOf)
      .sort((a, b) => compareText(a.period.end, b.period.end) || compareText(a.period.start, b.period.start));
    out.push(used.length === 0 ? "  values   none" : "  values");
    for (const observation of used) {
      out.push(`    ${observation.period.label.padEnd(10)} ${valueWithUnit(observation.value, observation.unit).padEnd(18)} ${formatLocation(observation.origin)}`);
      if (observation.provenance) {
        out.push(`      computed: ${observation.provenance.method}; ${observation.provenance.inputs}`);
        for (const detail of observation.provenance.details) out.push(`        ${detail}`);
      }
    }
    out.push("");
  }
  if (report.results.length === 0) out.push("no result: the target does not apply to the areas asked for");
  return `${out.map(terminal).join("\n").trimEnd()}\n`;
}
