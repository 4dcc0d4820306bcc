import { airKind } from "./air/readings.js";
import type { RawKind } from "./kind.js";
import { sandDustKind } from "./air/sand-dust.js";
import { sewageKind } from "./sewage/index.js";
import { stationListKind } from "./air/stations.js";
import { vehiclesKind } from "./vehicles/index.js";
import { blackOdorousKind, waterKind } from "./water/sections.js";

/**
 * Raw file kinds in the order they are tried: the first whose detect() accepts a file's header
 * reads it. Lists (stations, sand-dust days) come before readings, whose columns they share.
 */
export const rawKinds: readonly RawKind<unknown>[] = [
  stationListKind,
  sandDustKind,
  airKind,
  blackOdorousKind,
  waterKind,
  vehiclesKind,
  sewageKind,
];

export { kindNames } from "./names.js";

export function findRawKind(id: string): RawKind<unknown> | undefined {
  return rawKinds.find((kind) => kind.id === id);
}
