import type { ErrorObject, ValidateFunction } from "ajv";
import { createAjv } from "../../../../schemas/create-ajv.ts";
import spec from "./config-subset.json" with { type: "json" };

/** A JSON Schema node of the OpenAPI 3.0 dialect config.yaml uses (only what the checker touches). */
type SchemaNode = {
  properties?: Record<string, SchemaNode>;
  required?: string[];
  additionalProperties?: boolean | SchemaNode;
  items?: SchemaNode;
  oneOf?: SchemaNode[];
  anyOf?: SchemaNode[];
  allOf?: SchemaNode[];
  [keyword: string]: unknown;
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

// Spec defects the checker patches (NOTES.md §3 and §9), in memory, never the spec copy:
// 1. AirbyteStream.required says `json_schema`, the property is `jsonSchema`.
const REQUIRED_RENAMES: Record<string, Record<string, string>> = { AirbyteStream: { json_schema: "jsonSchema" } };
// 2. Error bodies the server really sends. 404 is KnownExceptionInfo-shaped,
//    422 is KnownExceptionInfo (no validationErrors), and 400/409/500 are not
//    declared at all: 400 is bean validation, a Micronaut error or a problem.
const LOOSE = "airbyte-config";
const STRICT = "airbyte-config-strict";
const KNOWN: SchemaNode = { $ref: `${LOOSE}#/components/schemas/KnownExceptionInfo` };
const PROBLEM: SchemaNode = {
  type: "object",
  required: ["status", "type"],
  properties: { status: { type: "integer" }, type: { type: "string" }, title: { type: "string" }, detail: { type: "string" }, data: { type: "object" } },
};
const MICRONAUT: SchemaNode = { type: "object", required: ["message"], properties: { message: { type: "string" }, _embedded: { type: "object" }, _links: { type: "object" } } };
const REAL_ERRORS: Record<number, SchemaNode> = {
  400: { anyOf: [{ $ref: `${LOOSE}#/components/schemas/InvalidInputExceptionInfo` }, PROBLEM, MICRONAUT] },
  404: KNOWN,
  409: KNOWN,
  422: KNOWN,
  500: KNOWN,
};
// 3. Statuses only fault injection or auth produce; their bodies are not Airbyte's to define.
const UNCHECKED = new Set([401, 403, 429, 502, 503, 504]);

type Spec = { paths: Record<string, { post: Operation }>; components: { schemas: Record<string, SchemaNode> } };
interface Operation {
  requestBody?: { content: { "application/json": { schema: SchemaNode } } };
  responses: Record<string, { $ref?: string; content?: { "application/json"?: { schema: SchemaNode } } }>;
}
const paths = (spec as unknown as Spec).paths;

function mapValues<T>(record: Record<string, T>, fn: (value: T, key: string) => T): Record<string, T> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, fn(value, key)]));
}

/** Requests are strict: an object schema that lists properties and says nothing else allows no others. */
function closeObjects(node: SchemaNode): SchemaNode {
  const out: SchemaNode = { ...node };
  if (node.properties !== undefined) {
    out.properties = mapValues(node.properties, closeObjects);
    out.additionalProperties ??= false;
  }
  if (typeof node.additionalProperties === "object") out.additionalProperties = closeObjects(node.additionalProperties);
  if (node.items !== undefined) out.items = closeObjects(node.items);
  for (const key of ["oneOf", "anyOf", "allOf"] as const) {
    const options = node[key];
    if (options !== undefined) out[key] = options.map(closeObjects);
  }
  return out;
}

/** The spec as two ajv schemas (loose for responses, strict for requests), compiled lazily, once per operation. */
function createValidators(): (id: string, schema: SchemaNode) => ValidateFunction {
  const ajv = createAjv({ verbose: true });
  const { components } = spec as unknown as Spec;
  const schemas = mapValues(components.schemas, (schema, name) => {
    const renames = REQUIRED_RENAMES[name];
    return renames === undefined || schema.required === undefined ? schema : { ...schema, required: schema.required.map((key) => renames[key] ?? key) };
  });
  ajv.addSchema({ ...spec, $id: LOOSE, components: { ...components, schemas } });
  ajv.addSchema({ ...spec, $id: STRICT, components: { ...components, schemas: mapValues(schemas, closeObjects) } });
  const cache = new Map<string, ValidateFunction>();
  return (id, schema) => {
    let validate = cache.get(id);
    if (validate === undefined) {
      validate = ajv.compile(schema);
      cache.set(id, validate);
    }
    return validate;
  };
}
let validators: ReturnType<typeof createValidators> | undefined;

function pointerTo(...parts: string[]): string {
  return parts.map((p) => p.replace(/~/g, "~0").replace(/\//g, "~1")).join("/");
}

/**
 * A value's JSON Schema type name (`integer` for whole numbers, `array`, `null`, ...).
 *
 * @param value Any JSON value.
 * @returns The type name a validator's message uses.
 */
export function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function describe(error: ErrorObject): string {
  const { params, data } = error;
  switch (error.keyword) {
    case "required":
      return `Missing required property '${params.missingProperty}'`;
    case "additionalProperties":
      return `Unknown property '${params.additionalProperty}'`;
    case "type":
      return `Expected ${params.type}, got ${typeOf(data)}`;
    case "enum":
      return `'${String(data)}' is not one of ${(params.allowedValues as unknown[]).join("|")}`;
    case "format":
      return `'${String(data)}' is not a ${params.format}`;
  }
  const text = error.message ?? error.keyword;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function isWithin(pointer: string, parent: string): boolean {
  return pointer === parent || pointer.startsWith(`${parent}/`);
}

/** ajv's errors as issues; a failed oneOf/anyOf replaces its alternatives' errors, which ajv lists just before it. */
function issuesOf(validate: ValidateFunction, body: unknown): { pointer: string; message: string }[] {
  if (validate(body)) return [];
  const kept: ErrorObject[] = [];
  for (const error of validate.errors ?? []) {
    if (error.keyword === "oneOf" || error.keyword === "anyOf") {
      while (kept.length > 0 && isWithin((kept.at(-1) as ErrorObject).instancePath, error.instancePath)) kept.pop();
    }
    kept.push(error);
  }
  return kept.map((error) => ({ pointer: error.instancePath, message: describe(error) }));
}

/**
 * Builds a checker over the trimmed copy of Airbyte 1.8's `config.yaml`
 * (`config-subset.json`), validated with ajv (see {@link createAjv}). Known spec
 * defects are patched here: the `json_schema`/`jsonSchema` mismatch, and the
 * error bodies the server really sends (404/422/409/500 as KnownExceptionInfo,
 * 400 as bean validation, a problem or a Micronaut error). Requests are checked
 * strictly: a property the spec does not declare is an issue, so client typos
 * fail tests. Validators are compiled on first use and shared by all checkers.
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
  const validator = validators ??= createValidators();
  function operation(path: string): Operation | undefined {
    return paths[`/v1/${path}`]?.post;
  }
  function specSchema(id: string, path: string, ...rest: string[]): ValidateFunction {
    return validator(`${id} ${path} ${rest.join(" ")}`, { $ref: `${id}#/${pointerTo("paths", `/v1/${path}`, "post", ...rest)}` });
  }
  return {
    checkRequest(path, body) {
      const op = operation(path);
      if (op === undefined) return [{ direction: "request", path, pointer: "", message: `Operation '${path}' is not in the contract` }];
      let out: { pointer: string; message: string }[];
      if (op.requestBody === undefined) {
        const empty = body === undefined || (typeOf(body) === "object" && Object.keys(body as object).length === 0);
        out = empty ? [] : [{ pointer: "", message: "The operation takes no request body" }];
      } else out = issuesOf(specSchema(STRICT, path, "requestBody", "content", "application/json", "schema"), body);
      return out.map((issue) => ({ direction: "request" as const, path, ...issue }));
    },
    checkResponse(path, status, body) {
      const op = operation(path);
      if (op === undefined || UNCHECKED.has(status)) return [];
      if (status === 204) return op.responses["204"] !== undefined || body === undefined ? [] : [{ direction: "response", path, status, pointer: "", message: "Status 204 is not declared" }];
      let validate: ValidateFunction | undefined;
      if (status === 200) {
        if (op.responses["200"]?.content?.["application/json"]?.schema !== undefined) validate = specSchema(LOOSE, path, "responses", "200", "content", "application/json", "schema");
      } else if (REAL_ERRORS[status] !== undefined) validate = validator(`real ${status}`, REAL_ERRORS[status]);
      const out = validate === undefined ? [{ pointer: "", message: `Status ${status} is neither declared nor a known real status` }] : issuesOf(validate, body);
      return out.map((issue) => ({ direction: "response" as const, path, status, ...issue }));
    },
  };
}
