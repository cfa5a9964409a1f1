/**
 * A local stand-in for the GitHub REST git data API, for tests and the demo.
 *
 * @module
 */
export { createGitStore, type GitObject, type GitStore, type TreeChange, type TreeEntry } from "./git-store.ts";
export { type GithubStandin, type GithubStandinOptions, type GithubStandinStats, startGithubStandin } from "./github-standin.ts";
