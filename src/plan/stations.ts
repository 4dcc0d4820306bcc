import { issue } from "../vocabulary/catalogue.js";
import { parse } from "yaml";
import { z } from "zod";
import { PlanError } from "../vocabulary/issues.js";

/**
 * A registry of a city's national air-quality assessment stations as CNEMC publishes them
 * (plan/stations/*.yaml, named by the plan's `stations`): with it, readings that name CNEMC's
 * station codes are placed, and the background (对照点) site left out of the city value, without a
 * station list. Every fact carries where it comes from; see the bundled registry's header.
 */

const districtSchema = z
  .object({
    name: z.string().min(1),
    status: z.enum(["from-name", "verified", "unverified"]).describe("how the district is known; CNEMC does not publish it"),
    basis: z.string().min(1).describe("where the district comes from"),
  })
  .strict();

const registeredStationSchema = z
  .object({
    code: z.string().regex(/^\d{4}A$/, "a CNEMC station code is four digits and A, e.g. 1316A"),
    name: z.string().min(1),
    aliases: z.array(z.string().min(1)).default([]),
    cityValue: z.boolean().describe("counts for the city value (a national assessment station, not a background site)"),
    background: z.boolean().default(false).describe("a background (contrast, 对照点) site"),
    longitude: z.number().optional(),
    latitude: z.number().optional(),
    district: districtSchema.optional(),
  })
  .strict();

const stationRegistrySchema = z
  .object({
    city: z.string().min(1).describe("code of the city the stations are in"),
    source: z.string().min(1),
    stations: z.array(registeredStationSchema).min(1).max(1000),
  })
  .strict();

export type StationRegistry = z.infer<typeof stationRegistrySchema>;

/** Parse and validate a registry; a bad one is a PlanError naming the file. */
export function loadStationRegistry(text: string, file: string): StationRegistry {
  let data: unknown;
  try {
    data = parse(text, { maxAliasCount: 100, uniqueKeys: true });
  } catch (error) {
    throw new PlanError(file, [issue("station-registry-invalid", `not valid YAML: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`, { location: { file } })]);
  }
  const result = stationRegistrySchema.safeParse(data);
  if (!result.success) {
    throw new PlanError(
      file,
      result.error.issues.map((zodIssue) => issue("station-registry-invalid", `${zodIssue.path.join(".") || "(top)"}: ${zodIssue.message}`, { location: { file } })),
    );
  }
  const seen = new Set<string>();
  for (const station of result.data.stations) {
    if (seen.has(station.code)) throw new PlanError(file, [issue("station-registry-invalid", `station ${station.code} is listed twice`, { location: { file } })]);
    seen.add(station.code);
  }
  return result.data;
}
