/**
 * One commit per run through GitHub's git data API: blobs, a tree on the
 * branch's tree, a commit and a non-forced ref update, redone after a jittered
 * backoff when another run moved the branch. The `GitDataApi` port and its
 * Octokit adapter; `applyFileChanges` writes the same changes to local files.
 *
 * @module
 */
export { applyFileChanges } from "./apply-file-changes.ts";
export {
  type CommitBase,
  CommitConflictError,
  commitFiles,
  type CommitFilesOptions,
  type CommitFilesResult,
  type CommitRetryState,
  type FileChange,
} from "./commit-files.ts";
export { gitBlobSha } from "./git-blob-sha.ts";
export { type GitDataApi, GithubApiError, isGithubApiError, type TreeWrite } from "./git-data-api.ts";
export { createOctokitGitDataApi, type OctokitGitDataOptions } from "./octokit-git-data-api.ts";
