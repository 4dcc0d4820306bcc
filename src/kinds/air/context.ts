/**
 * What the station-list and sand-dust kinds collect for the air-readings kind during one run.
 * The run creates one context and hands it to every kind through KindOptions, so the lists may
 * come before or after the readings: the readings kind looks them up only in finish().
 */
import type { Location } from "../../vocabulary/issues.js";
import type { Area } from "../../plan/schema.js";

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
  /** By ISO date. */
  sandDust: Map<string, SandDustDay>;
}

export function createAirContext(): AirContext {
  return { stations: new Map(), sandDust: new Map() };
}

/** True when sand and dust affected the area on the day (YYYY-MM-DD). */
export function isSandDustDay(context: AirContext, area: Area, iso: string): boolean {
  const entry = context.sandDust.get(iso);
  return entry !== undefined && (entry.areas === undefined || entry.areas.has(area.code));
}
