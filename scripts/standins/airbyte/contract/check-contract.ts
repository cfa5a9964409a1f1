import spec from "./config-subset.json" with { type: "json" };

/** A JSON Schema node of the OpenAPI 3.0 dialect config.yaml uses. */
type SchemaNode = {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  nullable?: boolean;
  properties?: Record<string, SchemaNode>;
  required?: string[];
  additionalProperties?: boolean | SchemaNode;
  items?: SchemaNode;
  oneOf?: SchemaNode[];
  anyOf?: SchemaNode[];
  allOf?: SchemaNode[];
  minItems?: number;
};

/** One place where a request or response breaks the Config API contract. */
export interface ContractIssue {
  /** Whether the client's request or the stand-in's response is wrong. */
  direction: "request" | "response";
  /** The operation path, e.g. `connections/create`. */
  path: string;
  /** The HTTP status (responses only). */
  status?: number;
  /** JSON pointer of the offending value. */
  pointer: string;
  /** What is wrong. */
  message: string;
}

/** Validates Config API traffic against Airbyte 1.8's `config.yaml`. */
export interface ContractChecker {
  /** Issues of a request body sent to `path` (e.g. `sources/create`). */
  checkRequest(path: string, body: unknown): ContractIssue[];
  /** Issues of a response body sent from `path` with `status`. */
  checkResponse(path: string, status: number, body: unknown): ContractIssue[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

// Spec defects the checker patches (NOTES.md §3 and §9), never the spec copy:
// 1. AirbyteStream.required says `json_schema`, the property is `jsonSchema`.
const REQUIRED_RENAMES: Record<string, Record<string, string>> = { AirbyteStream: { json_schema: "jsonSchema" } };
// 2. Error bodies the server really sends. 404 is KnownExceptionInfo-shaped,
//    422 is KnownExceptionInfo (no validationErrors), and 400/409/500 are not
//    declared at all: 400 is bean validation, a Micronaut error or a problem.
const KNOWN: SchemaNode = { $ref: "#/components/schemas/KnownExceptionInfo" };
const PROBLEM: SchemaNode = {
  type: "object",
  required: ["status", "type"],
  properties: { status: { type: "integer" }, type: { type: "string" }, title: { type: "string" }, detail: { type: "string" }, data: { type: "object" } },
};
const MICRONAUT: SchemaNode = { type: "object", required: ["message"], properties: { message: { type: "string" }, _embedded: { type: "object" }, _links: { type: "object" } } };
const REAL_ERRORS: Record<number, SchemaNode> = {
  400: { oneOf: [{ $ref: "#/components/schemas/InvalidInputExceptionInfo" }, PROBLEM, MICRONAUT] },
  404: KNOWN,
  409: KNOWN,
  422: KNOWN,
  500: KNOWN,
};
// 3. Statuses only fault injection or auth produce; their bodies are not Airbyte's to define.
const UNCHECKED = new Set([401, 403, 429, 502, 503, 504]);

const components = (spec as unknown as { components: { schemas: Record<string, SchemaNode> } }).components.schemas;
const paths = (spec as unknown as { paths: Record<string, { post: Operation }> }).paths;
interface Operation {
  requestBody?: { content: { "application/json": { schema: SchemaNode } } };
  responses: Record<string, { $ref?: string; content?: { "application/json"?: { schema: SchemaNode } } }>;
}

function resolve(node: SchemaNode): { node: SchemaNode; name: string | undefined } {
  let name: string | undefined;
  let current = node;
  for (let guard = 0; current.$ref !== undefined && guard < 20; guard++) {
    name = current.$ref.replace("#/components/schemas/", "");
    const next = components[name];
    if (next === undefined) throw new Error(`Unresolved ref '${current.$ref}'`);
    current = next;
  }
  return { node: current, name };
}

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function validate(schemaIn: SchemaNode, value: unknown, pointer: string, out: { pointer: string; message: string }[], strict: boolean): void {
  const { node: schema, name } = resolve(schemaIn);
  if (value === null) {
    if (!schema.nullable) out.push({ pointer, message: `null is not allowed${name ? ` for ${name}` : ""}` });
    return;
  }
  if (schema.allOf) for (const part of schema.allOf) validate(part, value, pointer, out, strict);
  for (const key of ["oneOf", "anyOf"] as const) {
    const options = schema[key];
    if (options === undefined) continue;
    const ok = options.some((option) => {
      const issues: { pointer: string; message: string }[] = [];
      validate(option, value, pointer, issues, strict);
      return issues.length === 0;
    });
    if (!ok) out.push({ pointer, message: `Value matches none of the ${key} alternatives${name ? ` of ${name}` : ""}` });
  }
  const actual = typeOf(value);
  if (schema.type !== undefined) {
    const fits = schema.type === actual || (schema.type === "number" && actual === "integer");
    if (!fits) {
      out.push({ pointer, message: `Expected ${schema.type}${name ? ` (${name})` : ""}, got ${actual}` });
      return;
    }
  }
  if (schema.enum !== undefined && !schema.enum.includes(value)) {
    out.push({ pointer, message: `'${String(value)}' is not one of ${schema.enum.join("|")}${name ? ` (${name})` : ""}` });
  }
  if (typeof value === "string" && schema.format === "uuid" && !UUID.test(value)) out.push({ pointer, message: `'${value}' is not a uuid` });
  if (typeof value === "string" && schema.format === "date-time" && !DATE_TIME.test(value)) out.push({ pointer, message: `'${value}' is not a date-time` });
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) out.push({ pointer, message: `Fewer than ${schema.minItems} items` });
    if (schema.items) value.forEach((item, i) => validate(schema.items as SchemaNode, item, `${pointer}/${i}`, out, strict));
    return;
  }
  if (actual !== "object") return;
  const record = value as Record<string, unknown>;
  const renames = name ? REQUIRED_RENAMES[name] ?? {} : {};
  for (const required of schema.required ?? []) {
    const key = renames[required] ?? required;
    if (!(key in record) || record[key] === undefined) out.push({ pointer, message: `Missing required property '${key}'${name ? ` of ${name}` : ""}` });
  }
  for (const [key, child] of Object.entries(record)) {
    if (child === undefined) continue;
    const property = schema.properties?.[key];
    if (property !== undefined) {
      validate(property, child, `${pointer}/${key}`, out, strict);
    } else if (schema.additionalProperties === false || (strict && schema.properties !== undefined && schema.additionalProperties === undefined)) {
      out.push({ pointer, message: `Unknown property '${key}'${name ? ` of ${name}` : ""}` });
    } else if (typeof schema.additionalProperties === "object") {
      validate(schema.additionalProperties, child, `${pointer}/${key}`, out, strict);
    }
  }
}

/**
 * Builds a checker over the trimmed copy of Airbyte 1.8's `config.yaml`
 * (`config-subset.json`). Known spec defects are patched here: the
 * `json_schema`/`jsonSchema` mismatch, and the error bodies the server really
 * sends (404/422/409/500 as KnownExceptionInfo, 400 as bean validation, a
 * problem or a Micronaut error). Requests are checked strictly: a property the
 * spec does not declare is an issue, so client typos fail tests.
 *
 * @returns The checker.
 * @example
 * ```ts
 * import { createContractChecker } from "./check-contract.ts";
 * const checker = createContractChecker();
 * console.assert(checker.checkRequest("connections/get", {}).length === 1);
 * ```
 */
export function createContractChecker(): ContractChecker {
  function operation(path: string): Operation | undefined {
    return paths[`/v1/${path}`]?.post;
  }
  return {
    checkRequest(path, body) {
      const op = operation(path);
      if (op === undefined) return [{ direction: "request", path, pointer: "", message: `Operation '${path}' is not in the contract` }];
      const schema = op.requestBody?.content["application/json"].schema;
      const out: { pointer: string; message: string }[] = [];
      if (schema === undefined) {
        if (body !== undefined && !(typeOf(body) === "object" && Object.keys(body as object).length === 0)) {
          out.push({ pointer: "", message: "The operation takes no request body" });
        }
      } else validate(schema, body, "", out, true);
      return out.map((issue) => ({ direction: "request" as const, path, ...issue }));
    },
    checkResponse(path, status, body) {
      const op = operation(path);
      if (op === undefined || UNCHECKED.has(status)) return [];
      let schema: SchemaNode | undefined;
      if (status === 204) return op.responses["204"] !== undefined || body === undefined ? [] : [{ direction: "response", path, status, pointer: "", message: "Status 204 is not declared" }];
      if (status === 200) schema = op.responses["200"]?.content?.["application/json"]?.schema;
      else schema = REAL_ERRORS[status];
      const out: { pointer: string; message: string }[] = [];
      if (schema === undefined) out.push({ pointer: "", message: `Status ${status} is neither declared nor a known real status` });
      else validate(schema, body, "", out, false);
      return out.map((issue) => ({ direction: "response" as const, path, status, ...issue }));
    },
  };
}
