/**
 * A local Slack incoming-webhook sink for tests and the demo: records
 * payloads, answers 429 with Retry-After, 5xx, or refuses connections on demand.
 *
 * @module
 */
export { type SinkFault, type SinkRequest, type SlackSink, startSlackSink } from "./slack-sink.ts";
