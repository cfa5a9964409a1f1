// Type-level checks of the valibot artifact readers against the types generated
// from dbt's official JSON Schemas (artifact-schemas/*.generated.ts): every
// artifact the schema allows fits the reader's input, and every field the
// reader names exists in the schema. `npx tsc` fails when either drifts.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type * as v from "valibot";
import type { RunResultsArtifact } from "./artifact-schemas/run-results-v6.generated.ts";
import type { FreshnessExecutionResultArtifact } from "./artifact-schemas/sources-v3.generated.ts";
import type { RunResults, RunResultsSchema, SourcesArtifact, SourcesSchema } from "./artifacts.ts";

type Defined<T> = Exclude<T, null | undefined>;
type Element<T> = T extends readonly (infer E)[] ? E : T;
type AllKeys<T> = T extends unknown ? keyof T : never;
type Field<T, K extends PropertyKey> = T extends unknown ? (K extends keyof T ? T[K] : never) : never;

/** The paths of fields the reader names that the official type does not have (never when none). */
type UnknownFields<Ours, Official, Path extends string = ""> = Element<Defined<Ours>> extends infer O
  ? Element<Defined<Official>> extends infer F
    ? O extends object ? { [K in keyof O & string]-?: K extends AllKeys<F> ? UnknownFields<O[K], Field<F, K>, `${Path}${K}.`> : `${Path}${K}` }[keyof O & string]
    : never
    : never
  : never;

type Accepts<Input, Official> = [Official] extends [Input] ? true : false;
type IsNever<T> = [T] extends [never] ? true : false;

function expectTrue<T extends true>(value: T): T {
  return value;
}

describe("dbt artifact reader types", () => {
  it("accept every run_results.json v6 and sources.json v3 the official schemas allow", () => {
    expectTrue<Accepts<v.InferInput<typeof RunResultsSchema>, RunResultsArtifact>>(true);
    expectTrue<Accepts<v.InferInput<typeof SourcesSchema>, FreshnessExecutionResultArtifact>>(true);
    assert.ok(true);
  });

  it("name only fields the official schemas define", () => {
    expectTrue<IsNever<UnknownFields<RunResults, RunResultsArtifact>>>(true);
    expectTrue<IsNever<UnknownFields<SourcesArtifact, FreshnessExecutionResultArtifact>>>(true);
    // The check does catch a made-up field.
    expectTrue<UnknownFields<{ results: { nope: string }[] }, RunResultsArtifact> extends "results.nope" ? true : false>(true);
    assert.ok(true);
  });
});
