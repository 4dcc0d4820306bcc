import { airKind } from "./air/readings.js";
import type { Kind } from "./kind.js";
import { sandDustKind } from "./air/sand-dust.js";
import { observationsKind } from "./observations.js";
import { sewageKind } from "./sewage/index.js";
import { stationListKind } from "./air/stations.js";
import { vehiclesKind } from "./vehicles/index.js";
import { blackOdorousKind, waterKind } from "./water/sections.js";

/**
 * File kinds in the order they are tried: the first whose detect() accepts a file's header reads
 * it. Lists (stations, sand-dust days) come before readings, whose columns they share; the general
 * format comes last and reads any file no other kind recognises.
 */
export const kinds: readonly Kind<unknown>[] = [
  stationListKind,
  sandDustKind,
  airKind,
  blackOdorousKind,
  waterKind,
  vehiclesKind,
  sewageKind,
  observationsKind,
];

export { kindNames } from "./names.js";

export function findKind(id: string): Kind<unknown> | undefined {
  return kinds.find((kind) => kind.id === id);
}
