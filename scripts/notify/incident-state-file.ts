import { type IncidentState, IncidentStateSchema } from "../../schemas/incident.ts";
import { parseJsonWith } from "../report/mod.ts";
import { emptyIncidentState } from "./plan-alerts.ts";

/** Where the incident state lives inside the report folder. */
export const INCIDENTS_FILE = "state/incidents.json";

/**
 * Reads the incident state file. A missing file is an empty state; an
 * unreadable one is an empty state plus a problem to report (alerting must go
 * on: the worst case is one repeated opening message per incident).
 *
 * @param text The file's text, or undefined when it does not exist.
 * @param now The clock reading (epoch ms), for an empty state.
 * @returns The state, and the problem when the file could not be used.
 * @example
 * ```ts
 * import { parseIncidentState } from "./incident-state-file.ts";
 * console.assert(parseIncidentState(undefined, 0).problem === undefined);
 * console.assert(parseIncidentState("{", 0).problem !== undefined);
 * ```
 */
export function parseIncidentState(text: string | undefined, now: number): { state: IncidentState; problem: string | undefined } {
  if (text === undefined) return { state: emptyIncidentState(now), problem: undefined };
  const parsed = parseJsonWith(IncidentStateSchema, text);
  if (parsed.ok) return { state: parsed.value, problem: undefined };
  return { state: emptyIncidentState(now), problem: `Cannot use the incident state: ${parsed.issues.slice(0, 3).join("; ")}` };
}

/**
 * Serialises the incident state for committing (stable, two-space JSON,
 * incidents sorted by key then opening time).
 *
 * @param state The state.
 * @returns The file text.
 * @example
 * ```ts
 * import { serializeIncidentState } from "./incident-state-file.ts";
 * import { emptyIncidentState } from "./plan-alerts.ts";
 * console.assert(serializeIncidentState(emptyIncidentState(0)).endsWith("\n"));
 * ```
 */
export function serializeIncidentState(state: IncidentState): string {
  const incidents = [...state.incidents].sort((a, b) => a.key.localeCompare(b.key) || a.opened_at.localeCompare(b.opened_at));
  return `${JSON.stringify({ ...state, incidents }, null, 2)}\n`;
}
