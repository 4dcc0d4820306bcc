import { z } from "zod";
import { planSchema } from "./schema.js";

/** JSON Schema of the plan file as a user writes it (defaults optional), for YAML editors. */
export function planJsonSchema(): string {
  const schema = z.toJSONSchema(planSchema, { io: "input", target: "draft-2020-12" });
  return `${JSON.stringify({ ...schema, $id: "https://zz-plan.local/plan.schema.json", title: "zz-plan plan file" }, null, 2)}\n`;
}
