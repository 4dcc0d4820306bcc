/** The air-quality rule sets AQI can be computed by: HJ 633-2012 and HJ 633-2026. */
export const airRulesets = ["2012", "2026"] as const;
export type AirRuleset = (typeof airRulesets)[number];
