import { AdopsError, type Clock, isRetryError, retry } from "../core/mod.ts";
import type { GitDataApi, TreeWrite } from "./git-data-api.ts";
import { gitBlobSha } from "./git-blob-sha.ts";

/** A file to write (`content`) or delete (`content: null`). */
export interface FileChange {
  /** Slash-separated path from the repository root. */
  path: string;
  /** New UTF-8 content, or null to delete. */
  content: string | null;
}

/** The branch as one attempt read it; what `build` decides from. */
export interface CommitBase {
  /** The commit the branch pointed at. */
  head: string;
  /** Every file at that commit: path → blob id. */
  files: ReadonlyMap<string, string>;
  /** Reads a file at that commit, or `undefined` when absent. */
  read(path: string): Promise<string | undefined>;
}

/** State handed to the `onRetry` hook. */
export interface CommitRetryState {
  /** The attempt that just lost the race (1-based). */
  attempt: number;
  /** How long the committer waits before reading the branch again. */
  delayMs: number;
}

/** Options of {@link commitFiles}. */
export interface CommitFilesOptions {
  /** The branch to commit to. */
  branch: string;
  /** The commit message. */
  message: string;
  /** Decides the changes from the branch as it is now; called again on every attempt. */
  build(base: CommitBase): Promise<FileChange[]>;
  /** Waits between attempts. */
  clock: Clock;
  /** Stops waiting and retrying. */
  signal?: AbortSignal;
  /** Attempts before giving up. @default 20 */
  maxAttempts?: number;
  /** First backoff delay. @default 500 */
  baseDelayMs?: number;
  /** Largest backoff delay. @default 15000 */
  maxDelayMs?: number;
  /** Random source for jitter, in [0, 1). @default Math.random */
  random?: () => number;
  /** Called after a lost race, before waiting. */
  onRetry?: (state: CommitRetryState) => void;
}

/** What {@link commitFiles} did. */
export interface CommitFilesResult {
  /** The new commit, or undefined when nothing changed. */
  sha: string | undefined;
  /** Attempts made (1 when the first one landed). */
  attempts: number;
  /** Paths written or deleted by the commit that landed. */
  changed: string[];
}

/** Every attempt lost the race to another pusher. */
export class CommitConflictError extends AdopsError {
  /** Attempts made. */
  readonly attempts: number;

  /**
   * @param branch The branch.
   * @param attempts Attempts made.
   */
  constructor(branch: string, attempts: number) {
    super(`Cannot commit to branch '${branch}': it moved on each of ${attempts} attempts`, {
      kind: "failed",
      hint: "Serialise committing jobs with a concurrency group or raise the attempt limit",
    });
    this.name = "CommitConflictError";
    this.attempts = attempts;
  }
}

/** The branch moved between reading its head and moving it: the attempt lost the race. */
class LostRace extends Error {
  constructor(branch: string) {
    super(`Branch '${branch}' moved`);
    this.name = "LostRace";
  }
}

/**
 * Commits files to a branch as ONE commit through the git data API: read the
 * head, build the changes from it, create blobs, a tree on the head's tree, a
 * commit, then move the branch without force. When the branch moved meanwhile
 * (422 "Update is not a fast forward") the WHOLE read-modify-write starts again
 * after a jittered exponential backoff, so concurrent runs lose nothing.
 * Changes that leave a file as it is are dropped; no change means no commit.
 *
 * @param api The git data API.
 * @param options Branch, message, change builder, clock and retry settings.
 * @returns The commit, the attempts and the changed paths.
 * @throws {CommitConflictError} When every attempt lost the race.
 * @example
 * ```ts ignore
 * const { sha, attempts } = await commitFiles(api, {
 *   branch: "main", message: "Add report", clock,
 *   build: async () => [{ path: "reports/a.json", content: "{}\n" }],
 * });
 * ```
 */
export async function commitFiles(api: GitDataApi, options: CommitFilesOptions): Promise<CommitFilesResult> {
  const uploaded = new Map<string, string>();
  // Blobs are content-addressed, so what one attempt read stays true for the next.
  const blobs = new Map<string, Promise<string>>();
  async function attemptOnce(attempt: number): Promise<CommitFilesResult> {
    const head = await api.getBranchHead(options.branch);
    const tree = await api.getCommitTree(head);
    const files = await api.listFiles(tree);
    const base: CommitBase = {
      head,
      files,
      async read(path) {
        const sha = files.get(path);
        if (sha === undefined) return undefined;
        if (!blobs.has(sha)) blobs.set(sha, api.readBlob(sha));
        return await (blobs.get(sha) as Promise<string>);
      },
    };
    const changes = await options.build(base);
    const writes: TreeWrite[] = [];
    for (const change of changes) {
      if (change.content === null) {
        if (files.has(change.path)) writes.push({ path: change.path, sha: null });
        continue;
      }
      const sha = gitBlobSha(change.content);
      if (files.get(change.path) === sha) continue;
      if (!uploaded.has(sha)) uploaded.set(sha, await api.createBlob(change.content));
      writes.push({ path: change.path, sha: uploaded.get(sha) as string });
    }
    if (writes.length === 0) return { sha: undefined, attempts: attempt, changed: [] };
    const newTree = await api.createTree(tree, writes);
    const commit = await api.createCommit({ message: options.message, tree: newTree, parents: [head] });
    if ((await api.tryUpdateBranch(options.branch, commit)) === "updated") {
      return { sha: commit, attempts: attempt, changed: writes.map((w) => w.path).sort() };
    }
    throw new LostRace(options.branch);
  }
  try {
    return await retry(attemptOnce, {
      maxAttempts: options.maxAttempts ?? 20,
      minTimeout: options.baseDelayMs ?? 500,
      maxTimeout: options.maxDelayMs ?? 15_000,
      // Full jitter in whole ms: spreads racing runs apart instead of colliding again in lockstep.
      jitter: (delay, draw) => Math.round(delay * draw),
      ...(options.random === undefined ? {} : { random: options.random }),
      isRetriable: (error) => error instanceof LostRace,
      clock: options.clock,
      signal: options.signal,
      onRetry: ({ attempt, delay }) => options.onRetry?.({ attempt, delayMs: delay }),
    });
  } catch (error) {
    if (isRetryError(error)) throw new CommitConflictError(options.branch, error.attempts);
    throw error;
  }
}
