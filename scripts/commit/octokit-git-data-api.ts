import type { Octokit } from "@octokit/rest";
import { GithubApiError, type GitDataApi } from "./git-data-api.ts";

/** Where and how to reach GitHub. */
export interface OctokitGitDataOptions {
  /** A token with `contents: write`. */
  token: string;
  /** `owner/repo`. */
  repository: string;
  /** REST API base URL. @default "https://api.github.com" */
  apiUrl?: string;
  /** The fetch to use (tests, proxies). @default globalThis.fetch */
  fetch?: typeof fetch;
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown }).status;
  return typeof status === "number" ? status : undefined;
}

function messageOf(error: unknown): string {
  const data = (error as { response?: { data?: { message?: unknown } } }).response?.data;
  if (typeof data?.message === "string") return data.message;
  return error instanceof Error ? error.message : String(error);
}

function decodeBase64(text: string): string {
  const raw = atob(text.replace(/\s/g, ""));
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return new TextDecoder().decode(bytes);
}

/**
 * The git data API through `@octokit/rest` (no retry plugin: the committer
 * retries the whole read-modify-write itself).
 *
 * @param options Token, repository and API URL.
 * @returns The API port.
 * @example
 * ```ts ignore
 * const api = createOctokitGitDataApi({ token, repository: "acme/adops", apiUrl: "http://127.0.0.1:4000" });
 * const head = await api.getBranchHead("main");
 * ```
 */
export function createOctokitGitDataApi(options: OctokitGitDataOptions): GitDataApi {
  const [owner, repo] = options.repository.split("/") as [string, string];
  // Loaded on the first call: commands that may commit (sync, health, ...) do not pay
  // for @octokit/rest at start-up when they never reach GitHub (bench:cli).
  let loading: Promise<Octokit> | undefined;
  const client = (): Promise<Octokit> =>
    loading ??= import("@octokit/rest").then(({ Octokit }) =>
      new Octokit({
        auth: options.token,
        baseUrl: options.apiUrl ?? "https://api.github.com",
        userAgent: "adops-commit-reports",
        request: options.fetch === undefined ? {} : { fetch: options.fetch },
        log: { debug() {}, info() {}, warn() {}, error() {} },
      })
    );

  async function call<T>(operation: string, what: string, fn: (octokit: Octokit) => Promise<T>): Promise<T> {
    const octokit = await client();
    try {
      return await fn(octokit);
    } catch (error) {
      const status = statusOf(error);
      throw new GithubApiError(`Cannot ${what} in '${options.repository}': ${status ?? "no response"} ${messageOf(error)}`, {
        operation,
        cause: error,
        ...(status === undefined ? {} : { status }),
      });
    }
  }

  return {
    getBranchHead: (branch) =>
      call("getRef", `read branch '${branch}'`, async (octokit) => (await octokit.rest.git.getRef({ owner, repo, ref: `heads/${branch}` })).data.object.sha),
    getCommitTree: (sha) =>
      call("getCommit", `read commit '${sha}'`, async (octokit) => (await octokit.rest.git.getCommit({ owner, repo, commit_sha: sha })).data.tree.sha),
    listFiles: (treeSha) =>
      call("getTree", `list tree '${treeSha}'`, async (octokit) => {
        const { data } = await octokit.rest.git.getTree({ owner, repo, tree_sha: treeSha, recursive: "1" });
        if (data.truncated) throw new Error("Tree listing is truncated");
        const files = new Map<string, string>();
        for (const entry of data.tree) if (entry.type === "blob" && entry.path && entry.sha) files.set(entry.path, entry.sha);
        return files;
      }),
    readBlob: (sha) =>
      call("getBlob", `read blob '${sha}'`, async (octokit) => {
        const { data } = await octokit.rest.git.getBlob({ owner, repo, file_sha: sha });
        return data.encoding === "base64" ? decodeBase64(data.content) : data.content;
      }),
    createBlob: (text) =>
      call("createBlob", "create a blob", async (octokit) => (await octokit.rest.git.createBlob({ owner, repo, content: text, encoding: "utf-8" })).data.sha),
    createTree: (baseTree, entries) =>
      call("createTree", "create a tree", async (octokit) =>
        (await octokit.rest.git.createTree({
          owner,
          repo,
          base_tree: baseTree,
          tree: entries.map((e) => ({ path: e.path, mode: "100644" as const, type: "blob" as const, sha: e.sha })),
        })).data.sha),
    createCommit: (commit) =>
      call("createCommit", "create a commit", async (octokit) => (await octokit.rest.git.createCommit({ owner, repo, ...commit })).data.sha),
    async tryUpdateBranch(branch, sha) {
      const octokit = await client();
      try {
        await octokit.rest.git.updateRef({ owner, repo, ref: `heads/${branch}`, sha, force: false });
        return "updated";
      } catch (error) {
        const status = statusOf(error);
        if (status === 422 && /fast.forward/i.test(messageOf(error))) return "not_fast_forward";
        // GitHub also answers 409 when the ref moved during the update.
        if (status === 409) return "not_fast_forward";
        throw new GithubApiError(`Cannot update branch '${branch}' in '${options.repository}': ${status ?? "no response"} ${messageOf(error)}`, {
          operation: "updateRef",
          cause: error,
          ...(status === undefined ? {} : { status }),
        });
      }
    },
  };
}
