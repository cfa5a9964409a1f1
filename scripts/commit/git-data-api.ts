import { AdopsError } from "../core/mod.ts";

/** One entry of a new tree: a path set to a blob, or deleted (`sha: null`). */
export interface TreeWrite {
  /** Slash-separated path from the repository root. */
  path: string;
  /** The blob id, or null to delete the path. */
  sha: string | null;
}

/**
 * The part of the GitHub git data API the report committer needs. The real one
 * is {@link createOctokitGitDataApi}; tests use the local stand-in through it.
 */
export interface GitDataApi {
  /** The commit a branch points at. */
  getBranchHead(branch: string): Promise<string>;
  /** The tree of a commit. */
  getCommitTree(commitSha: string): Promise<string>;
  /** Every file of a tree, recursively: path → blob id. */
  listFiles(treeSha: string): Promise<Map<string, string>>;
  /** A blob's content as UTF-8 text. */
  readBlob(blobSha: string): Promise<string>;
  /** Stores UTF-8 text as a blob; returns its id. */
  createBlob(text: string): Promise<string>;
  /** Creates a tree on top of `baseTree`; returns its id. */
  createTree(baseTree: string, entries: readonly TreeWrite[]): Promise<string>;
  /** Creates a commit; returns its id. */
  createCommit(commit: { message: string; tree: string; parents: string[] }): Promise<string>;
  /**
   * Moves a branch to `sha` without forcing. Answers `not_fast_forward` when the
   * branch moved meanwhile (GitHub's 422 "Update is not a fast forward").
   */
  tryUpdateBranch(branch: string, sha: string): Promise<"updated" | "not_fast_forward">;
}

/** A GitHub API call failed (other than an expected non-fast-forward). */
export class GithubApiError extends AdopsError {
  /** The HTTP status, when there was a response. */
  readonly status: number | undefined;
  /** The operation, e.g. `createTree`. */
  readonly operation: string;

  /**
   * @param message What failed.
   * @param options Status, operation and cause.
   */
  constructor(message: string, options: { status?: number; operation: string; cause?: unknown }) {
    super(message, { kind: "failed", cause: options.cause, hint: "Check the token's contents: write permission and the repository name" });
    this.name = "GithubApiError";
    this.status = options.status;
    this.operation = options.operation;
  }
}

/**
 * Narrows an unknown caught value to {@link GithubApiError}.
 *
 * @param value Anything caught.
 * @returns Whether it is a GithubApiError.
 * @example
 * ```ts
 * import { GithubApiError, isGithubApiError } from "./git-data-api.ts";
 * console.assert(isGithubApiError(new GithubApiError("Boom", { operation: "getRef" })));
 * ```
 */
export function isGithubApiError(value: unknown): value is GithubApiError {
  return value instanceof Error && value.name === "GithubApiError" && "operation" in value;
}
