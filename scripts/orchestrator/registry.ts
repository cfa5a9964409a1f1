import type { PlatformId } from "../config/mod.ts";
import type { Pipeline } from "./types.ts";

/** The seed's platform names and the canonical platform id each maps to. */
export const PLATFORM_STEPS: Readonly<Record<string, PlatformId>> = {
  microsoft: "microsoft_ads",
  linkedin: "linkedin",
  facebook: "meta",
  google: "google_ads",
  tiktok: "tiktok",
};

/** Shared steps that run after the platforms (seed 003's flow, then health). */
export const SHARED_STEPS = ["marts", "metrics", "health"] as const;

/** Every step name the default registry knows. */
export const STEP_NAMES: readonly string[] = [...Object.keys(PLATFORM_STEPS), ...SHARED_STEPS];

/**
 * The canonical platform id of a seed step name.
 *
 * @param name A step name (`facebook`, `marts`, ...).
 * @returns The platform id, or undefined for shared steps and unknown names.
 * @example
 * ```ts
 * import { platformIdFor } from "./registry.ts";
 * console.assert(platformIdFor("facebook") === "meta");
 * console.assert(platformIdFor("marts") === undefined);
 * ```
 */
export function platformIdFor(name: string): PlatformId | undefined {
  return Object.hasOwn(PLATFORM_STEPS, name) ? PLATFORM_STEPS[name] : undefined;
}

/** Pipelines by step name. */
export interface PipelineRegistry {
  /** The pipeline registered under `name`, if any. */
  get(name: string): Pipeline | undefined;
  /** Whether `name` is registered. */
  has(name: string): boolean;
  /** Registered names, in registration order. */
  names(): string[];
}

/**
 * A registry over a fixed set of pipelines.
 *
 * @param pipelines Pipelines by step name.
 * @returns The registry.
 * @example
 * ```ts
 * import { createRegistry } from "./registry.ts";
 * const registry = createRegistry({ marts: { run: () => Promise.resolve({ rows_processed: 0, tables_processed: 0 }) } });
 * console.assert(registry.has("marts") && !registry.has("google"));
 * ```
 */
export function createRegistry(pipelines: Readonly<Record<string, Pipeline>>): PipelineRegistry {
  const map = new Map(Object.entries(pipelines));
  return {
    get: (name) => map.get(name),
    has: (name) => map.has(name),
    names: () => [...map.keys()],
  };
}
