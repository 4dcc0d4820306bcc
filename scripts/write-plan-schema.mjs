// Regenerates plan/plan.schema.json from the zod schema (npm run schema). A test keeps them in step.
import { writeFileSync } from "node:fs";
import { planJsonSchema } from "../dist/plan/json-schema.js";

writeFileSync(new URL("../plan/plan.schema.json", import.meta.url), planJsonSchema());
