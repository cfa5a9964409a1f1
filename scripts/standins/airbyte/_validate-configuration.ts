// A source configuration against its connector's spec, refused the way
// Airbyte 1.8 refuses it: JsonSchemaValidator.ensure (networknt messages,
// "$.path: text"), wrapped by ApiHelper.execute into a 422
// BadObjectSchemaKnownException.
import type { ErrorObject, ValidateFunction } from "ajv";
import { specOf } from "./_catalogs.ts";
import { ReplyError } from "./_replies.ts";
import { typeOf } from "./contract/check-contract.ts";
import { createAjv } from "../../../schemas/create-ajv.ts";

const compiled = new Map<string, ValidateFunction>();

function pathOf(instancePath: string, extra?: string): string {
  let out = "$";
  for (const part of instancePath.split("/").slice(1)) {
    const key = part.replace(/~1/g, "/").replace(/~0/g, "~");
    out += /^\d+$/.test(key) ? `[${key}]` : `.${key}`;
  }
  return extra === undefined ? out : `${out}.${extra}`;
}

/** One ajv error in networknt's words (json-schema-validator 1.x, as Airbyte 1.8 prints them). */
function networkntMessage(error: ErrorObject): string {
  const p = error.params as Record<string, unknown>;
  const at = pathOf(error.instancePath);
  switch (error.keyword) {
    case "required":
      return `${pathOf(error.instancePath, String(p.missingProperty))}: is missing but it is required`;
    case "type":
      return `${at}: ${typeOf(error.data)} found, ${String(p.type)} expected`;
    case "pattern":
      return `${at}: does not match the regex pattern ${String(p.pattern)}`;
    case "enum":
      return `${at}: does not have a value in the enumeration [${(p.allowedValues as unknown[]).join(", ")}]`;
    case "const":
      return `${at}: must be a constant value ${String(p.allowedValue)}`;
    case "oneOf":
      return `${at}: must be valid to one and only one schema, but ${Array.isArray(p.passingSchemas) ? p.passingSchemas.length : 0} are valid`;
    case "anyOf":
      return `${at}: must be valid to any of the schemas`;
    case "additionalProperties":
      return `${pathOf(error.instancePath, String(p.additionalProperty))}: is not defined in the schema and the schema does not allow additional properties`;
    case "minimum":
      return `${at}: must have a minimum value of ${String(p.limit)}`;
    case "maximum":
      return `${at}: must have a maximum value of ${String(p.limit)}`;
    case "exclusiveMinimum":
      return `${at}: must have an exclusive minimum value of ${String(p.limit)}`;
    case "exclusiveMaximum":
      return `${at}: must have an exclusive maximum value of ${String(p.limit)}`;
    case "minItems":
      return `${at}: expected at least ${String(p.limit)} items but found ${Array.isArray(error.data) ? error.data.length : 0}`;
    case "maxItems":
      return `${at}: expected at most ${String(p.limit)} items but found ${Array.isArray(error.data) ? error.data.length : 0}`;
    case "uniqueItems":
      return `${at}: the items in the array must be unique`;
    case "minLength":
      return `${at}: must be at least ${String(p.limit)} characters long`;
    case "maxLength":
      return `${at}: may only be ${String(p.limit)} characters long`;
    case "format":
      return `${at}: does not match the ${String(p.format)} pattern`;
    default:
      return `${at}: ${error.message ?? error.keyword}`;
  }
}

/**
 * The spec violations of a source configuration, as networknt words them
 * (`$.account_ids[0]: does not match the regex pattern ^[0-9]+$`); empty when
 * it passes. The spec's validator is compiled once per definition.
 *
 * @param definitionName The source's definition name.
 * @param configuration The (merged) configuration.
 * @returns The messages, deduplicated, in ajv's order.
 * @example
 * ```ts
 * import { configurationErrors } from "./_validate-configuration.ts";
 * console.assert(configurationErrors("Facebook Marketing", {}).includes("$.account_ids: is missing but it is required"));
 * ```
 */
export function configurationErrors(definitionName: string, configuration: unknown): string[] {
  let validate = compiled.get(definitionName);
  if (validate === undefined) {
    validate = createAjv({ verbose: true }).compile(specOf(definitionName).connectionSpecification);
    compiled.set(definitionName, validate);
  }
  if (validate(configuration)) return [];
  return [...new Set((validate.errors ?? []).map(networkntMessage))];
}

/**
 * Refuses a configuration that fails its spec with Airbyte 1.8's 422: the
 * `BadObjectSchemaKnownException` whose message wraps JsonSchemaValidator's
 * (`…Errors: <messages> \nSchema: \n<the spec, pretty-printed>`).
 *
 * @param definitionName The source's definition name.
 * @param configuration The (merged) configuration.
 * @throws {ReplyError} The 422 when the configuration fails the spec.
 */
export function ensureConfiguration(definitionName: string, configuration: unknown): void {
  const errors = configurationErrors(definitionName, configuration);
  if (errors.length === 0) return;
  const schema = JSON.stringify(specOf(definitionName).connectionSpecification, null, 2);
  const inner = `json schema validation failed when comparing the data to the json schema. \nErrors: ${errors.join(", ")} \nSchema: \n${schema}`;
  throw new ReplyError({
    status: 422,
    body: {
      message: `The provided configuration does not fulfill the specification. Errors: ${inner}`,
      exceptionClassName: "io.airbyte.commons.server.errors.BadObjectSchemaKnownException",
      exceptionStack: [],
      rootCauseExceptionClassName: "io.airbyte.validation.json.JsonValidationException",
      rootCauseExceptionStack: [],
    },
  });
}
