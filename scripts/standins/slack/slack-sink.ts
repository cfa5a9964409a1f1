import { Buffer } from "node:buffer";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One request the sink received. */
export interface SinkRequest {
  /** Path after the host (`/services/T000/B000/XXXX`). */
  path: string;
  /** The parsed JSON body, or the raw text when it is not JSON. */
  payload: unknown;
  /** The status the sink answered. */
  status: number;
}

/** A fault the sink answers with instead of `ok`. */
export type SinkFault =
  | { kind: "rate_limited"; retryAfterSeconds: number }
  | { kind: "server_error"; status?: number }
  | { kind: "invalid_payload" };

/** A running Slack incoming-webhook sink. */
export interface SlackSink {
  /** Base URL (`http://127.0.0.1:<port>`). */
  url: string;
  /** A webhook URL on this sink (`<url>/services/<path>`). */
  webhookUrl(path?: string): string;
  /** Every request, in order (faulted ones included). */
  requests: SinkRequest[];
  /** Payloads accepted with 200 `ok`, in order. */
  delivered(): unknown[];
  /** Answers the next `count` requests with `fault`. */
  failNext(count: number, fault: SinkFault): void;
  /** While on, the sink refuses connections (a Slack outage); `close` still works. */
  setOutage(on: boolean): void;
  /** Stops the server. */
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of req) chunks.push(chunk as Uint8Array);
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * Starts a local Slack incoming-webhook sink on 127.0.0.1 (port 0 = any free
 * port). It records every payload and answers like Slack: `200 ok`; with
 * faults queued, `429` + `Retry-After`, `500`, or `400 invalid_blocks`; in
 * outage mode it destroys every connection, as an unreachable host would.
 * Payloads that break Slack's hard limits (no `text` and no `blocks`, more
 * than 50 blocks) are answered `400 invalid_blocks` too.
 *
 * @param options The port.
 * @returns The running sink.
 * @example
 * ```ts ignore
 * import { startSlackSink } from "./slack-sink.ts";
 * const sink = await startSlackSink();
 * await fetch(sink.webhookUrl(), { method: "POST", body: JSON.stringify({ text: "hi" }) });
 * console.assert(sink.delivered().length === 1);
 * await sink.close();
 * ```
 */
export async function startSlackSink(options: { port?: number } = {}): Promise<SlackSink> {
  const requests: SinkRequest[] = [];
  const faults: SinkFault[] = [];
  let outage = false;

  function answer(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): number {
    res.writeHead(status, { "content-type": "text/plain", ...headers });
    res.end(body);
    return status;
  }

  const server = createServer((req, res) => {
    if (outage) {
      req.socket.destroy();
      return;
    }
    void readBody(req).then((text) => {
      let payload: unknown = text;
      try {
        payload = JSON.parse(text);
      } catch {
        // Kept as text.
      }
      const fault = faults.shift();
      let status: number;
      const p = payload as { text?: unknown; blocks?: unknown[] } | null;
      if (req.method !== "POST") status = answer(res, 405, "invalid_method");
      else if (fault?.kind === "rate_limited") status = answer(res, 429, "rate_limited", { "retry-after": String(fault.retryAfterSeconds) });
      else if (fault?.kind === "server_error") status = answer(res, fault.status ?? 500, "internal_error");
      else if (fault?.kind === "invalid_payload") status = answer(res, 400, "invalid_blocks");
      else if (p === null || typeof p !== "object" || (p.text === undefined && p.blocks === undefined)) status = answer(res, 400, "no_text");
      else if (Array.isArray(p.blocks) && p.blocks.length > 50) status = answer(res, 400, "invalid_blocks");
      else status = answer(res, 200, "ok");
      requests.push({ path: req.url ?? "/", payload, status });
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    webhookUrl: (path = "T000/B000/sinksecret") => `${url}/services/${path}`,
    requests,
    delivered: () => requests.filter((r) => r.status === 200).map((r) => r.payload),
    failNext(count, fault) {
      for (let i = 0; i < count; i++) faults.push(fault);
    },
    setOutage(on) {
      outage = on;
    },
    close() {
      server.closeAllConnections?.();
      return new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
