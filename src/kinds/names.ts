/**
 * The kind names --kind accepts: the general observation format, then each raw kind in the order
 * kinds/index.ts tries them. Written out here so the command line can offer them without loading
 * any kind; a test keeps the list equal to the registry.
 */
export const kindNames = ["observations", "station-list", "sand-dust-days", "air-readings", "black-odorous", "water", "vehicles", "sewage"] as const;
export type KindName = (typeof kindNames)[number];

/** --on-conflict: which of two different values for one indicator, area and period is used (see decideRevision). */
export const onConflictChoices = ["later", "earlier", "reject"] as const;
export type OnConflict = (typeof onConflictChoices)[number];
