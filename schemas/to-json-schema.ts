import { toJsonSchema } from "@valibot/to-json-schema";
import type { PublishedSchema } from "./published.ts";

/**
 * Renders a published schema as draft-07 JSON Schema text (stable key order,
 * trailing newline), as committed under schemas/.
 *
 * @param published The schema and its title.
 * @returns The file text.
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { renderJsonSchema } from "./to-json-schema.ts";
 * const text = renderJsonSchema({ file: "x.schema.json", title: "X", schema: v.strictObject({ a: v.string() }) });
 * console.assert(JSON.parse(text).additionalProperties === false);
 * ```
 */
export function renderJsonSchema(published: PublishedSchema): string {
  const json = toJsonSchema(published.schema, { target: "draft-07", errorMode: "ignore" }) as Record<string, unknown>;
  const { $schema, ...rest } = json;
  return `${JSON.stringify({ $schema, $id: `https://adops.local/schemas/${published.file}`, title: published.title, ...rest }, null, 2)}\n`;
}
