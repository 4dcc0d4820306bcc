/** The languages reports are written in. */
export const languages = ["zh", "en"] as const;
export type Language = (typeof languages)[number];
