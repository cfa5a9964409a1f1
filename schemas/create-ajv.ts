import { Ajv, type Options } from "ajv";
import formats from "ajv-formats";

/**
 * An ajv instance for JSON Schemas adops does not own (connector specs,
 * Airbyte's OpenAPI components): draft-07, every error reported, and the
 * standard formats (`date`, `date-time`, `uuid`, `uri`, `email`, ...).
 * `strict: false` lets vendor keywords through (`airbyte_secret`, `order`,
 * `pattern_descriptor`, `x-*`, OpenAPI's `discriminator` with a `mapping`, which
 * ajv's own discriminator does not support) so the schemas are used as
 * published; OpenAPI's `nullable` is one of ajv's own keywords. The one factory:
 * `scripts/config/` checks templates with it, the local Airbyte checks
 * configurations and its API contract with it.
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
