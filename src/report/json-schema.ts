import { z } from "zod";
import { checkEnvelopeSchema, diffEnvelopeSchema, reportSchemaId, validateEnvelopeSchema } from "./json.js";

/** JSON Schema of every JSON report zz-plan writes (check, validate, diff), told apart by `command`. */
export function reportJsonSchema(): string {
  const envelope = z.discriminatedUnion("command", [checkEnvelopeSchema, validateEnvelopeSchema, diffEnvelopeSchema]);
  const schema = z.toJSONSchema(envelope, { target: "draft-2020-12" });
  return `${JSON.stringify({ ...schema, $id: reportSchemaId, title: "zz-plan JSON report" }, null, 2)}\n`;
}
