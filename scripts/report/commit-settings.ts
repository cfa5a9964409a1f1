import { ConfigError } from "../core/mod.ts";

/** Everything the committer needs to reach GitHub, validated. */
export interface CommitSettings {
  /** Token with `contents: write` (the action's `token` input, else `GITHUB_TOKEN`). Never logged. */
  token: string;
  /** `owner/repo` (`GITHUB_REPOSITORY`). */
  repository: string;
  /** REST API base URL (`GITHUB_API_URL`, default `https://api.github.com`; a stand-in's URL in tests). */
  apiUrl: string;
  /** The branch to commit to: `--branch`, else the pushed branch (`GITHUB_REF_NAME` on `refs/heads/*`), else `main`. */
  branch: string;
}

/**
 * The one place that reads the committer's environment: the action's `token`
 * input (`INPUT_TOKEN`) else `GITHUB_TOKEN`, `GITHUB_REPOSITORY`, `GITHUB_API_URL`,
 * `GITHUB_REF`/`GITHUB_REF_NAME`.
 *
 * @param env The environment.
 * @param flags Values from the command line, which win.
 * @returns The settings.
 * @throws {ConfigError} When the token or repository is missing or malformed.
 * @example
 * ```ts
 * import { readCommitSettings } from "./commit-settings.ts";
 * const s = readCommitSettings({ GITHUB_TOKEN: "t0ken", GITHUB_REPOSITORY: "acme/adops" });
 * console.assert(s.apiUrl === "https://api.github.com" && s.branch === "main");
 * ```
 */
export function readCommitSettings(
  env: Readonly<Record<string, string | undefined>>,
  flags: { branch?: string | undefined; repository?: string | undefined } = {},
): CommitSettings {
  const token = env.INPUT_TOKEN || env.GITHUB_TOKEN || "";
  if (token === "") {
    throw new ConfigError("Cannot commit reports: GITHUB_TOKEN is not set", {
      hint: "Pass `token: ${{ github.token }}` to the action (with `permissions: contents: write`) or export GITHUB_TOKEN",
    });
  }
  const repository = flags.repository || env.GITHUB_REPOSITORY || "";
  if (!/^[\w.-]+\/[\w.-]+$/.test(repository)) {
    throw new ConfigError(`Cannot commit reports: repository '${repository}' is not 'owner/repo'`, { hint: "Set GITHUB_REPOSITORY" });
  }
  const apiUrl = (env.GITHUB_API_URL || "https://api.github.com").replace(/\/+$/, "");
  try {
    new URL(apiUrl);
  } catch {
    throw new ConfigError(`Cannot commit reports: GITHUB_API_URL '${apiUrl}' is not a URL`);
  }
  const pushed = env.GITHUB_REF?.startsWith("refs/heads/") ? env.GITHUB_REF_NAME || env.GITHUB_REF.slice(11) : undefined;
  const branch = flags.branch || pushed || "main";
  return { token, repository, apiUrl, branch };
}
