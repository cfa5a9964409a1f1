/** A Slack text object. */
export interface SlackText {
  type: "plain_text" | "mrkdwn";
  text: string;
  emoji?: boolean;
}

/** The Block Kit blocks adops sends. */
export type SlackBlock =
  | { type: "header"; text: SlackText }
  | { type: "section"; text?: SlackText; fields?: SlackText[] }
  | { type: "context"; elements: SlackText[] }
  | { type: "divider" };

/** An incoming-webhook message. */
export interface SlackMessage {
  /** The notification text (phones show only this). Always set. */
  text: string;
  /** Block Kit blocks. */
  blocks: SlackBlock[];
  /** Channel override (honoured by legacy webhooks only). */
  channel?: string;
}

/** Slack's Block Kit limits (docs.slack.dev reference/block-kit/blocks). */
export const SLACK_LIMITS = {
  blocks: 50,
  headerText: 150,
  sectionText: 3000,
  fields: 10,
  fieldText: 2000,
  contextElements: 10,
  /** Our own cap for the top-level notification text. */
  text: 3000,
} as const;

/**
 * Cuts text to `max` characters, ending with an ellipsis when cut.
 *
 * @param text The text.
 * @param max The limit (at least 1).
 * @returns The text, at most `max` characters long.
 * @example
 * ```ts
 * import { truncate } from "./slack-message.ts";
 * console.assert(truncate("abcdef", 4) === "abc…");
 * ```
 */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, Math.max(0, max - 1)).join("")}…`;
}

/**
 * Escapes text for Slack mrkdwn (`&`, `<`, `>`).
 *
 * @param text Plain text.
 * @returns Escaped text.
 * @example
 * ```ts
 * import { escapeMrkdwn } from "./slack-message.ts";
 * console.assert(escapeMrkdwn("a<b") === "a&lt;b");
 * ```
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function fitText(text: SlackText, max: number): SlackText {
  return { ...text, text: truncate(text.text, max) };
}

/**
 * Makes a message fit Slack's limits, truncating with an ellipsis rather than
 * letting Slack reject the whole payload (`invalid_blocks`): at most 50 blocks
 * (the last one says how many were left out), header 150, section text 3000,
 * 10 fields of 2000, 10 context elements, and a non-empty top-level `text`.
 *
 * @param message The message.
 * @returns A message within the limits.
 * @example
 * ```ts
 * import { fitSlackLimits } from "./slack-message.ts";
 * const fitted = fitSlackLimits({ text: "x", blocks: Array.from({ length: 60 }, () => ({ type: "divider" as const })) });
 * console.assert(fitted.blocks.length === 50);
 * ```
 */
export function fitSlackLimits(message: SlackMessage): SlackMessage {
  const blocks = message.blocks.map((block): SlackBlock => {
    switch (block.type) {
      case "header":
        return { type: "header", text: fitText({ ...block.text, type: "plain_text" }, SLACK_LIMITS.headerText) };
      case "section":
        return {
          type: "section",
          ...(block.text ? { text: fitText(block.text, SLACK_LIMITS.sectionText) } : {}),
          ...(block.fields ? { fields: block.fields.slice(0, SLACK_LIMITS.fields).map((f) => fitText(f, SLACK_LIMITS.fieldText)) } : {}),
        };
      case "context":
        return { type: "context", elements: block.elements.slice(0, SLACK_LIMITS.contextElements).map((e) => fitText(e, SLACK_LIMITS.fieldText)) };
      default:
        return block;
    }
  });
  const kept = blocks.length <= SLACK_LIMITS.blocks
    ? blocks
    : [...blocks.slice(0, SLACK_LIMITS.blocks - 1), { type: "context" as const, elements: [{ type: "mrkdwn" as const, text: `… ${blocks.length - SLACK_LIMITS.blocks + 1} more block(s) left out` }] }];
  const text = truncate(message.text.trim() === "" ? "adops alert" : message.text, SLACK_LIMITS.text);
  return { ...message, text, blocks: kept };
}
