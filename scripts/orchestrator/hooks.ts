import type { StepResult } from "./types.ts";

/** State handed to {@link OrchestratorHooks.onStepStart}. */
export interface StepStartState {
  /** The step name. */
  step: string;
  /** 1 for the first attempt. */
  attempt: number;
  /** Steps running now, this one included. */
  running: number;
}

/** State handed to {@link OrchestratorHooks.onStepRetry}. */
export interface StepRetryState {
  /** The step name. */
  step: string;
  /** The attempt that failed. */
  attempt: number;
  /** Seconds until the next attempt. */
  delaySeconds: number;
  /** Why the attempt failed. */
  errorMessage: string;
}

/** State handed to {@link OrchestratorHooks.onStepEnd}. */
export interface StepEndState {
  /** The step's final result. */
  result: StepResult;
}

/** State handed to {@link OrchestratorHooks.onGroupStart}. */
export interface GroupStartState {
  /** 1-based group number. */
  group: number;
  /** How many groups the run has. */
  total: number;
  /** The group's enabled steps. */
  steps: string[];
}

/** Typed hooks into a run: logging, progress, alerts. Each receives one state object. */
export interface OrchestratorHooks {
  /** A parallel group starts (group and sequential-with-groups modes). */
  onGroupStart?: (state: GroupStartState) => void;
  /** A step's attempt starts. */
  onStepStart?: (state: StepStartState) => void;
  /** An attempt failed and will be retried after a delay. */
  onStepRetry?: (state: StepRetryState) => void;
  /** A step reached its final status (skips included). */
  onStepEnd?: (state: StepEndState) => void;
}
