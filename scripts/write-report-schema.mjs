// Regenerates report.schema.json (the JSON report contract) from the zod schemas (npm run schema). A test keeps them in step.
import { writeFileSync } from "node:fs";
import { reportJsonSchema } from "../dist/report/json-schema.js";

writeFileSync(new URL("../report.schema.json", import.meta.url), reportJsonSchema());
