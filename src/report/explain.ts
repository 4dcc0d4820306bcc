import type { Observation } from "../kinds/observation.js";
import type { Report } from "../engine/types.js";
import { formatLocation } from "../vocabulary/issues.js";
import { terminal } from "./escape.js";
import type { FormatOptions } from "./formatter.js";
import { padEnd } from "./layout.js";
import { targetText, valueWithUnit, wordingFor } from "./wording.js";
import { byPeriodEnd } from "../engine/series.js";

/** One target's report and the observations it was judged on. */
export interface Explanation {
  report: Report;
  observations: readonly Observation[];
}

/**
 * The chain from rows to verdict for one target: for each area, the status and its reason, then
 * every value the engine saw (oldest first) with the row it came from, and for computed values
 * how they were computed (stations, days, samples, what was dropped and why). Each line goes
 * through terminal() (./escape.ts): text from the plan or the data cannot break it. The engine's
 * provenance notes stay as the engine writes them.
 */
export function formatExplanation({ report, observations }: Explanation, options: Partial<FormatOptions> = {}): string {
  const words = wordingFor(report, options.language ?? "en");
  const { messages } = words;
  const { explain } = messages;
  const label = (text: string) => `  ${padEnd(text, 8)} `;
  const out: string[] = [];
  for (const result of report.results) {
    const status = words.status(result.status);
    out.push(`${explain.heading({ target: result.target, area: words.area(result.area), code: result.area, status })}${result.role === "comparison" ? explain.comparison : ""}`);
    const deadline = result.deadline ? explain.by(result.deadline) : explain.standing;
    const basically = result.basically ? explain.basically({ value: result.basically.value, note: result.basically.note }) : "";
    out.push(`${label(explain.target)}${targetText(result, messages)}${deadline}${basically}`);
    out.push(`${label(explain.method)}${words.language === "en" ? result.method : messages.method[result.method]}`);
    out.push(`${label(explain.reason)}${words.reason(result)}`);
    // The Chinese reason is rebuilt from the numbers; the engine's sentence keeps every note (gaps, stale data), so it stays too.
    if (words.language !== "en") out.push(`${label(explain.original)}${result.reason}`);
    if (result.origin) out.push(`${label(explain.decided)}${explain.decidedBy(formatLocation(result.origin))}`);
    const used = observations
      .filter((observation) => observation.indicator === result.indicator && observation.area === result.area && observation.period.end <= report.asOf)
      .sort(byPeriodEnd);
    out.push(used.length === 0 ? `${label(explain.values)}${explain.none}` : `  ${explain.values}`);
    for (const observation of used) {
      out.push(`    ${padEnd(observation.period.label, 10)} ${padEnd(valueWithUnit(observation.value, observation.unit, messages), 18)} ${formatLocation(observation.origin)}`);
      if (observation.provenance) {
        out.push(`      ${explain.computed}${observation.provenance.method}; ${observation.provenance.inputs}`);
        for (const detail of observation.provenance.details) out.push(`        ${detail}`);
      }
    }
    out.push("");
  }
  if (report.results.length === 0) out.push(explain.noResult);
  return `${out.map(terminal).join("\n").trimEnd()}\n`;
}
