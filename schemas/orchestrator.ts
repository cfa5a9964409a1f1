import * as v from "valibot";
import { SchemaRef } from "./_shared.ts";

const Retry = v.pipe(
  v.strictObject({
    max_attempts: v.pipe(v.number(), v.integer(), v.minValue(1), v.description("Attempts including the first")),
    backoff_seconds: v.pipe(v.number(), v.minValue(0), v.description("Delay before the first retry")),
    backoff_multiplier: v.optional(v.pipe(v.number(), v.minValue(1), v.description("Each further delay is multiplied by this (default 2.0)")), 2),
    max_backoff_seconds: v.optional(v.pipe(v.number(), v.minValue(0), v.description("Cap of one delay (default 600)")), 600),
  }),
  v.description("Retry policy: backoff_seconds × backoff_multiplier^n, capped, with jitter"),
);

const Step = v.pipe(
  v.strictObject({
    name: v.pipe(v.string(), v.minLength(1), v.description("A registered pipeline: microsoft, linkedin, facebook, google, tiktok, or a shared step: marts, metrics, health")),
    enabled: v.optional(v.pipe(v.boolean(), v.description("Disabled steps are skipped with reason 'disabled'")), true),
    priority: v.optional(v.pipe(v.number(), v.integer(), v.description("Lower runs first among ready steps")), 100),
    timeout: v.optional(v.pipe(v.number(), v.minValue(1), v.description("Seconds before the step is aborted and marked timed_out")), 1800),
    retry: v.optional(Retry, { max_attempts: 1, backoff_seconds: 60, backoff_multiplier: 2, max_backoff_seconds: 600 }),
    dependencies: v.optional(v.pipe(v.array(v.string()), v.description("Steps that must complete first")), []),
  }),
  v.description("One pipeline step"),
);

/** `config/orchestrator.yml`: the Social Ads Orchestrator's config, in the seed's shape. */
export const OrchestratorConfigSchema = v.pipe(
  v.strictObject({
    $schema: SchemaRef,
    orchestrator: v.pipe(
      v.strictObject({
        parallel_execution: v.optional(v.pipe(v.boolean(), v.description("Run independent steps concurrently")), true),
        max_parallel: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.description("Most steps running at once")), 2),
        continue_on_failure: v.optional(v.pipe(v.boolean(), v.description("Keep starting steps after a failure")), true),
        global_timeout: v.optional(v.pipe(v.number(), v.minValue(1), v.description("Seconds for the whole run")), 7200),
      }),
      v.description("Global orchestrator settings"),
    ),
    platforms: v.pipe(v.array(Step), v.description("Steps with their policies and dependencies")),
    parallel_groups: v.optional(v.pipe(
      v.array(v.array(v.string())),
      v.description("Groups run in order, members concurrently (the seed's mode); omit for the dependency-driven ready queue"),
    )),
  }),
  v.description("Platform orchestrator config (seed 002 shape)"),
);

/** The parsed orchestrator config. */
export type OrchestratorConfig = v.InferOutput<typeof OrchestratorConfigSchema>;
