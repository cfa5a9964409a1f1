/** One health run's verdict on an SLA: met, missed, or not judged (undefined). */
export interface SlaSample {
  /** When the health run judged it (epoch ms). */
  at: number;
  /** Whether the SLA was met; undefined when the run could not judge it (e.g. Airbyte unreadable). */
  met: boolean | undefined;
}

/** Options of {@link slaAttainment}. */
export interface SlaAttainmentOptions {
  /** Start of the window (epoch ms). */
  from: number;
  /** End of the window (epoch ms), usually now. */
  to: number;
  /**
   * How long one verdict holds when no later run replaced it: health runs
   * every 30 minutes, so by default a verdict covers up to two missed runs.
   * @default 3_600_000 (60 minutes)
   */
  holdMs?: number;
}

/** The share of a window an SLA was met. */
export interface SlaAttainment {
  /** Met time ÷ judged time, 0..1; null when nothing in the window was judged. */
  ratio: number | null;
  /** Milliseconds the SLA was judged met. */
  metMs: number;
  /** Milliseconds judged at all (met or missed). */
  judgedMs: number;
  /** Judged time ÷ window length, 0..1: how much of the window the health runs saw. */
  coverage: number;
}

/**
 * SLA attainment, defined once for the site (Airbyte freshness and dbt alike):
 * the share of the window's time during which the health checks found the SLA
 * met. The verdicts are health's own (`airbyte_sync` ok means the newest
 * success is fresher than the group's SLA, 60 minutes by default; `dbt_run`
 * ok means the last run ended under 24 hours ago with every node green), so
 * the site never judges freshness a second way. Each verdict holds from its
 * health run until the next one, for at most `holdMs`; time no run covers,
 * and runs that could not judge, count neither way and show as lower coverage.
 *
 * @param samples Health verdicts, in any order.
 * @param options The window and how long a verdict holds.
 * @returns Met share, met and judged time, and coverage.
 * @example
 * ```ts
 * import { slaAttainment } from "./sla-attainment.ts";
 * const h = 3_600_000;
 * const a = slaAttainment([{ at: 0, met: true }, { at: h, met: false }, { at: 2 * h, met: true }], { from: 0, to: 4 * h });
 * console.assert(a.ratio === 0.75 && a.coverage === 1);
 * ```
 */
export function slaAttainment(samples: readonly SlaSample[], options: SlaAttainmentOptions): SlaAttainment {
  const hold = options.holdMs ?? 3_600_000;
  const { from, to } = options;
  const sorted = [...samples].sort((a, b) => a.at - b.at);
  let metMs = 0;
  let judgedMs = 0;
  for (let i = 0; i < sorted.length; i += 1) {
    const sample = sorted[i] as SlaSample;
    const next = sorted[i + 1]?.at ?? Infinity;
    const start = Math.max(sample.at, from);
    const end = Math.min(next, sample.at + hold, to);
    if (end <= start || sample.met === undefined) continue;
    judgedMs += end - start;
    if (sample.met) metMs += end - start;
  }
  const span = Math.max(0, to - from);
  return {
    ratio: judgedMs === 0 ? null : metMs / judgedMs,
    metMs,
    judgedMs,
    coverage: span === 0 ? 0 : judgedMs / span,
  };
}
