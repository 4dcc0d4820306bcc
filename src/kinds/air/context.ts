/**
 * What the station-list and sand-dust kinds collect for the air-readings kind during one run.
 * The run creates one context and hands it to every kind through KindOptions, so the lists may
 * come before or after the readings: the readings kind looks them up only in finish().
 */
import type { Location } from "../../vocabulary/issues.js";
import type { Area } from "../../plan/schema.js";
import type { PlanLookup } from "../../plan/lookup.js";
import { nameKey } from "../../vocabulary/names.js";

/** One station of a station list. */
export interface ListedStation {
  label: string;
  area: Area;
  /** A national-network assessment station (国控), which counts for the city value. */
  national: boolean;
  location: Location;
  /** Why the list cannot place the station (two rows disagree), if so. */
  conflict?: string;
}

/** A city-day affected by sand and dust; areas undefined means every area. */
export interface SandDustDay {
  areas: Set<string> | undefined;
  location: Location;
}

export interface AirContext {
  /** By nameKey of the station's code and of its name. */
  stations: Map<string, ListedStation>;
  /**
   * The plan's registry of national stations (CNEMC codes), by nameKey of code, name and aliases:
   * used for a station the station lists do not name, so a station list overrides it.
   */
  registry: Map<string, ListedStation>;
  /** By ISO date. */
  sandDust: Map<string, SandDustDay>;
}

export function createAirContext(registry: ReadonlyMap<string, ListedStation> = new Map()): AirContext {
  return { stations: new Map(), registry: new Map(registry), sandDust: new Map() };
}

/**
 * The plan's registered stations as listed stations: each in the city, counting for the city value
 * unless it is a background site. The district a registry records is not used (see the registry).
 */
export function registeredStations(lookup: PlanLookup): Map<string, ListedStation> {
  const byKey = new Map<string, ListedStation>();
  for (const station of lookup.stationRegistry?.stations ?? []) {
    const listed: ListedStation = { label: `${station.code} ${station.name}`, area: lookup.city, national: station.cityValue, location: { file: "the plan's station registry" } };
    for (const name of [station.code, station.name, ...station.aliases]) byKey.set(nameKey(name), listed);
  }
  return byKey;
}

/** The listed station for a code or name: a station list's first, else the plan's registry. */
export function findListedStation(context: AirContext, keys: readonly (string | undefined)[]): ListedStation | undefined {
  for (const key of keys) {
    const listed = key === undefined ? undefined : context.stations.get(key);
    if (listed) return listed;
  }
  for (const key of keys) {
    const registered = key === undefined ? undefined : context.registry.get(key);
    if (registered) return registered;
  }
  return undefined;
}

/** True when sand and dust affected the area on the day (YYYY-MM-DD). */
export function isSandDustDay(context: AirContext, area: Area, iso: string): boolean {
  const entry = context.sandDust.get(iso);
  return entry !== undefined && (entry.areas === undefined || entry.areas.has(area.code));
}
