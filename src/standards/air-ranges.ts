/**
 * How high an hourly (or daily) concentration can be and still be air. Above these, a reading is
 * an instrument error or flag code (9999, 99999) or a unit mix-up, never a measurement.
 *
 * No standard in reference.md states a measuring range, so each ceiling is this project's choice:
 * ten times the top of the HJ 633-2012 Table 1 scale (IAQI 500, reference.md section 1.2) of the
 * pollutant, in the unit the AQI uses (ug/m3, CO mg/m3). The 1-hour column is used where Table 1
 * has one up to IAQI 500; SO2 1h stops at 800, so its 24-hour top (2620) is used. PM10 is given
 * 10,000 ug/m3, above its 6,000, because dust storms put hourly PM10 in the thousands and 10,000
 * is the top of the range of the beta-attenuation monitors networks use (an instrument figure, not
 * from reference.md).
 */
export const concentrationCeilings = {
  pm25: 5000, // 10 × 500 (PM2.5 24h, IAQI 500)
  pm10: 10_000, // beta-attenuation monitor range; 10 × 600 would cut real dust-storm hours
  so2: 26_200, // 10 × 2620 (SO2 24h, IAQI 500)
  no2: 38_400, // 10 × 3840 (NO2 1h, IAQI 500)
  co: 1500, // mg/m3: 10 × 150 (CO 1h, IAQI 500)
  o3: 12_000, // 10 × 1200 (O3 1h, IAQI 500); also the ceiling of the O3 8-h and 1-h daily values
} as const;

export type CeilingPollutant = keyof typeof concentrationCeilings;

/**
 * Instrument and export flag codes written where a value failed: -99, -999, 9999, 99999 and the
 * like (all nines). A real concentration is never negative, and a run of four or more nines is
 * the code, not a reading, whatever the pollutant.
 */
export function isFlagCode(text: string): boolean {
  return /^-9{2,}(?:\.0+|\.9+)?$|^9{4,}(?:\.0+|\.9+)?$/.test(text);
}
