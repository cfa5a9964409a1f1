/** Deno's permission flags for adops (see deno-permissions.mjs), `run` first. */
export declare function denoPermissionFlags(env: Record<string, string | undefined>, options?: { configDir?: string }): string[];
