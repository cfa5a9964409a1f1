import { Ajv, type Options } from "ajv";
import formats from "ajv-formats";

/**
 * An ajv instance for JSON Schemas adops does not own (Airbyte's OpenAPI
 * components, connector specs): draft-07, every error reported, and the
 * standard formats (`uuid`, `date-time`, `uri`, `email`, `int64`, ...).
 * `strict: false` lets vendor keywords through (`x-*`, `example`,
 * `airbyte_secret`, OpenAPI's `discriminator` with a `mapping`, which ajv's
 * own discriminator does not support) so the schemas are used as published;
 * OpenAPI's `nullable` is one of ajv's own keywords.
 *
 * @param options ajv options, over the defaults above.
 * @returns A fresh instance; add schemas to it once and cache compiled validators.
 * @example
 * ```ts
 * import { createAjv } from "./create-ajv.ts";
 * const validate = createAjv().compile({ type: "string", format: "uuid", nullable: true });
 * console.assert(validate(null) && !validate("not-a-uuid"));
 * ```
 */
export function createAjv(options: Options = {}): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true, ...options });
  // ajv-formats is CommonJS; `.default` is the plugin under every interop (Node, Deno, esbuild).
  formats.default(ajv);
  return ajv;
}
