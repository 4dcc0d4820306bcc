import { issue } from "../vocabulary/catalogue.js";
import { crashIn, type Issue } from "../vocabulary/issues.js";
import type { PlanLookup } from "../plan/lookup.js";
import type { Observation } from "./observation.js";
import type { DataRecord } from "../read/records.js";
import type { AirRuleset } from "../standards/aqi.js";
import { kinds } from "./index.js";
import { createAirContext, registeredStations } from "./air/context.js";
import type { FileShape, Kind, KindOptions, KindResult, RowSink } from "./kind.js";

/** The raw kinds' state for one run: every file of a kind feeds one state, finished once. */
export interface KindRun {
  options: KindOptions;
  states: Map<Kind<unknown>, unknown>;
}

export function startKindRun(lookup: PlanLookup, ruleset: AirRuleset): KindRun {
  // One options object for every kind: kinds that work together (a station list and its
  // readings) share the context it carries.
  return { options: { lookup, ruleset, air: createAirContext(registeredStations(lookup)) }, states: new Map() };
}

/** The raw kind whose columns these are, or undefined for the general observation format. */
export function detectKind(headers: readonly string[]): Kind<unknown> | undefined {
  return kinds.find((kind) => kind.detect(headers));
}

export async function consumeFile(run: KindRun, kind: Kind<unknown>, records: AsyncIterable<DataRecord>, sink: RowSink, shape: FileShape): Promise<void> {
  if (!run.states.has(kind)) run.states.set(kind, kind.createState(run.options));
  // Not wrapped like finish: errors of the file itself (bad bytes, a failed read) pass through here.
  await kind.consume(records, sink, run.states.get(kind), shape);
}

/** Kinds read in this run that compute indicators, none of which any target of the plan is on. */
export function kindsWithoutTargets(run: KindRun): { id: string; produces: readonly string[] }[] {
  const planned = new Set(run.options.lookup.targets.map((target) => target.indicator.id));
  return [...run.states.keys()].flatMap(({ id, produces }) => (produces !== "named in the file" && produces.length > 0 && !produces.some((indicator) => planned.has(indicator)) ? [{ id, produces }] : []));
}

/** Compute every kind's indicators, once all files have been read. */
export function finishKinds(run: KindRun): { observations: Observation[]; issues: Issue[] } {
  const observations: Observation[] = [];
  const issues: Issue[] = [];
  for (const [kind, state] of run.states) {
    let result: KindResult;
    try {
      result = kind.finish(state, run.options);
    } catch (error) {
      throw crashIn(`kind "${kind.id}" computing its indicators`, error);
    }
    observations.push(...result.observations);
    issues.push(...result.issues);
  }
  return { observations, issues };
}

/**
 * Put computed values beside submitted ones. A submitted (official) value wins for the same
 * indicator, area and period; a computed value that disagrees with it at the precision the
 * official value was written with is reported, so the analyst can find out which is wrong.
 */
export function mergeComputed(submitted: readonly Observation[], computed: readonly Observation[]): { observations: Observation[]; issues: Issue[] } {
  if (computed.length === 0) return { observations: [...submitted], issues: [] };
  const key = (observation: Observation) => `${observation.indicator}\u0000${observation.area}\u0000${observation.period.label}`;
  const byKey = new Map(submitted.map((observation) => [key(observation), observation]));
  const observations = [...submitted];
  const issues: Issue[] = [];
  for (const value of computed) {
    const official = byKey.get(key(value));
    if (!official) {
      observations.push(value);
      byKey.set(key(value), value);
      continue;
    }
    if (Math.abs(official.value - value.value) > halfLastDigit(official.value)) {
      issues.push(issue(
        "computed-differs",
        `${value.indicator} for ${value.area} ${value.period.label} is ${official.value} here, but ${value.value} computed from raw data (${value.provenance?.inputs ?? `from ${value.origin.file}`}); the submitted value is used`,
        { location: official.origin },
      ));
    }
  }
  return { observations, issues };
}

/** Half a unit in the last decimal a value was written with: 66.5 agrees with anything in 66.45..66.55. */
function halfLastDigit(value: number): number {
  const decimals = (String(value).split(".")[1] ?? "").length;
  return 0.5 * 10 ** -decimals + 1e-9;
}
