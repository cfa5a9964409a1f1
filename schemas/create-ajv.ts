import { Ajv, type Options } from "ajv";
import formats from "ajv-formats";

/**
 * An ajv instance for JSON Schemas adops does not own (connector specs,
 * Airbyte's OpenAPI components): draft-07, every error reported, and the
 * standard formats (`date`, `date-time`, `uuid`, `uri`, `email`, ...).
 * `strict: false` lets vendor keywords through (`airbyte_secret`, `order`,
 * `pattern_descriptor`, `x-*`) so the schemas are used as published.
 * `scripts/config/` checks templates with it; the local Airbyte's own
 * `scripts/standins/airbyte/create-ajv.ts` has the same defaults.
 *
 * @param options ajv options, over the defaults above.
 * @returns A fresh instance; compile each schema once and reuse the validator.
 * @example
 * ```ts
 * import { createAjv } from "./create-ajv.ts";
 * const validate = createAjv().compile({ type: "string", format: "date", airbyte_secret: false });
 * console.assert(validate("2024-01-31") && !validate("31/01/2024"));
 * ```
 */
export function createAjv(options: Options = {}): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true, ...options });
  // ajv-formats is CommonJS; `.default` is the plugin under every interop (Node, Deno, esbuild).
  formats.default(ajv);
  return ajv;
}
