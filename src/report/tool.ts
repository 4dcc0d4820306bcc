/** The tool as reports name it; a test keeps the version equal to package.json's. */
export const tool = { name: "zz-plan", version: "0.1.0" } as const;

/** The $schema every JSON report envelope names first. */
export const reportSchemaId = "https://zz-plan.local/report.schema.json";
