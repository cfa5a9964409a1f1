import { IncomingWebhook } from "@slack/webhook";
import { type Clock, isRetryError, parseRetryAfter, retry } from "../core/mod.ts";
import type { SlackMessage } from "./slack-message.ts";

/** How one message's delivery ended. Never throws: a Slack outage is an outcome, not an error. */
export interface DeliveryOutcome {
  /** Whether Slack answered ok. */
  ok: boolean;
  /** HTTP requests made (retries included). */
  attempts: number;
  /** The last HTTP status, when there was a response. */
  status: number | undefined;
  /** What went wrong, without the webhook URL. */
  error: string | undefined;
  /** Time spent waiting (rate limit, Retry-After, backoff), ms. */
  waitedMs: number;
}

/** Posts messages to incoming webhooks. */
export interface SlackSender {
  /** Sends one message; resolves with the outcome, never rejects (except when aborted). */
  send(webhookUrl: string, message: SlackMessage, options?: { signal?: AbortSignal }): Promise<DeliveryOutcome>;
}

/** Options of {@link createSlackSender}. */
export interface SlackSenderOptions {
  /** The clock all waits use (a fake one in tests). */
  clock: Clock;
  /**
   * The fetch function.
   * @default globalThis.fetch
   */
  fetch?: typeof fetch;
  /**
   * Minimum time between two messages to the same webhook (Slack allows 1 per second).
   * @default 1000
   */
  minIntervalMs?: number;
  /**
   * HTTP attempts per message (429, 5xx and network errors are retried).
   * @default 4
   */
  maxAttempts?: number;
  /**
   * Longest Retry-After honoured; a longer one gives up on the message.
   * @default 60
   */
  maxRetryAfterSeconds?: number;
  /**
   * First backoff after a 5xx or network error; doubles each time.
   * @default 1000
   */
  backoffMs?: number;
  /**
   * Per-request timeout.
   * @default 10000
   */
  timeoutMs?: number;
}

/** A 429 or 5xx answer, thrown inside the retry so it can be repeated; the last one goes back to the library. */
class RetriableAnswer extends Error {
  readonly response: Response;
  readonly retryAfter: number | undefined;

  constructor(response: Response, retryAfter: number | undefined) {
    super(`Slack answered HTTP ${response.status}`);
    this.name = "RetriableAnswer";
    this.response = response;
    this.retryAfter = retryAfter;
  }
}

function describe(error: unknown): string {
  const e = error as { statusCode?: unknown; body?: unknown; message?: unknown; original?: { message?: unknown; cause?: { code?: unknown } } };
  if (typeof e.statusCode === "number") return `Slack answered HTTP ${e.statusCode}${typeof e.body === "string" && e.body !== "" ? `: ${e.body.slice(0, 200)}` : ""}`;
  const code = e.original?.cause?.code;
  const message = typeof e.original?.message === "string" ? e.original.message : typeof e.message === "string" ? e.message : String(error);
  return `Cannot reach Slack: ${message}${typeof code === "string" ? ` (${code})` : ""}`;
}

/**
 * A sender over `@slack/webhook`. The library retries only 5xx and never
 * honours 429's Retry-After, so its retries stay off and a `fetch` wrapper
 * does it with the core `retry()`: 429 waits Retry-After (capped), 5xx and
 * network errors back off exponentially, all on the injected clock. Messages to one webhook are at
 * least `minIntervalMs` apart. Failures come back as outcomes with an error
 * that never contains the webhook URL.
 *
 * @param options Clock, fetch, pacing and retry settings.
 * @returns The sender.
 * @example
 * ```ts ignore
 * import { createSlackSender } from "./slack-sender.ts";
 * import { createSystemClock } from "../runtime/clock.ts";
 * const sender = createSlackSender({ clock: createSystemClock() });
 * const outcome = await sender.send(url, { text: "hello", blocks: [] });
 * ```
 */
export function createSlackSender(options: SlackSenderOptions): SlackSender {
  const { clock } = options;
  const baseFetch = options.fetch ?? globalThis.fetch;
  const minInterval = options.minIntervalMs ?? 1000;
  const maxAttempts = Math.max(1, options.maxAttempts ?? 4);
  const maxRetryAfter = (options.maxRetryAfterSeconds ?? 60) * 1000;
  const backoff = options.backoffMs ?? 1000;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const nextSlot = new Map<string, number>();

  return {
    async send(webhookUrl, message, callOptions = {}) {
      const signal = callOptions.signal;
      let attempts = 0;
      let status: number | undefined;
      let waitedMs = 0;
      async function wait(ms: number): Promise<void> {
        if (ms <= 0) return;
        waitedMs += ms;
        await clock.sleep(ms, signal);
      }
      async function attemptOnce(url: string | URL, init: RequestInit | undefined): Promise<Response> {
        await wait((nextSlot.get(webhookUrl) ?? 0) - clock.now());
        attempts += 1;
        nextSlot.set(webhookUrl, clock.now() + minInterval);
        const timeout = AbortSignal.timeout(timeoutMs);
        const response = await baseFetch(url, { ...init, signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
        status = response.status;
        if (response.status === 429) throw new RetriableAnswer(response, parseRetryAfter(response.headers.get("retry-after"), clock.now()) ?? minInterval);
        if (response.status >= 500) throw new RetriableAnswer(response, undefined);
        return response;
      }
      async function pacedFetch(url: string | URL, init?: RequestInit): Promise<Response> {
        try {
          return await retry(() => attemptOnce(url, init), {
            maxAttempts,
            minTimeout: backoff,
            multiplier: 2,
            maxTimeout: Infinity,
            jitter: 0,
            retryAfter: (error) => (error instanceof RetriableAnswer ? error.retryAfter : undefined),
            maxRetryAfter,
            clock,
            signal,
            async onRetry({ delay, error }) {
              if (error instanceof RetriableAnswer) await error.response.body?.cancel();
              if (delay > 0) waitedMs += delay;
            },
          });
        } catch (error) {
          // Out of attempts, or a Retry-After past the cap: the library reports the last answer.
          const last = isRetryError(error) ? error.cause : error;
          if (last instanceof RetriableAnswer) return last.response;
          throw last;
        }
      }
      const webhook = new IncomingWebhook(webhookUrl, { fetch: pacedFetch as never, timeout: 0 });
      try {
        await webhook.send({ ...message });
        return { ok: true, attempts, status, error: undefined, waitedMs };
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        return { ok: false, attempts, status, error: describe(error).split(webhookUrl).join("<webhook>"), waitedMs };
      }
    },
  };
}
