/** How dbt's `postgres` / `prod` targets reach the warehouse (profiles.yml reads the same variables). */
export interface PostgresSettings {
  /** `DBT_PG_HOST`. */
  host: string;
  /** `DBT_PG_PORT`. @default 5432 */
  port: number;
  /** `DBT_PG_USER`. */
  user: string;
  /** `DBT_PG_PASSWORD`: from the environment only, never printed. */
  password: string;
  /** `DBT_PG_DATABASE`. */
  database: string;
}

/** The variables {@link readPostgresSettings} needs, in the order it reports them. */
export const POSTGRES_ENV_NAMES = ["DBT_PG_HOST", "DBT_PG_PORT", "DBT_PG_USER", "DBT_PG_PASSWORD", "DBT_PG_DATABASE"] as const;

/**
 * Reads the `DBT_PG_*` variables (pure). Every one but `DBT_PG_PORT` (default 5432) must be
 * set and non-empty; the port must be an integer from 1 to 65535. Problems name the
 * variable and never quote the password.
 *
 * @param env The environment.
 * @returns The settings, or the problems.
 * @example
 * ```ts
 * import { readPostgresSettings } from "./postgres-settings.ts";
 * const read = readPostgresSettings({ DBT_PG_HOST: "db", DBT_PG_USER: "u", DBT_PG_PASSWORD: "p", DBT_PG_DATABASE: "d" });
 * console.assert(read.ok && read.value.port === 5432);
 * console.assert(!readPostgresSettings({}).ok);
 * ```
 */
export function readPostgresSettings(env: Readonly<Record<string, string | undefined>>): { ok: true; value: PostgresSettings } | { ok: false; issues: string[] } {
  const missing = POSTGRES_ENV_NAMES.filter((name) => name !== "DBT_PG_PORT" && !env[name]);
  const issues = missing.length > 0 ? [`${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} not set`] : [];
  const portText = env.DBT_PG_PORT || "5432";
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65535) issues.push(`DBT_PG_PORT is '${portText}', not a port number (1-65535)`);
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: { host: env.DBT_PG_HOST ?? "", port, user: env.DBT_PG_USER ?? "", password: env.DBT_PG_PASSWORD ?? "", database: env.DBT_PG_DATABASE ?? "" } };
}

/**
 * libpq's environment for a server (`PGHOST`, `PGPORT`, `PGUSER`, `PGPASSWORD`,
 * `PGDATABASE`, a 10 s connect timeout) and the rest of `base` (the PATH, the locale), so
 * a Python script connects with `psycopg2.connect("")` and no secret goes on a command line.
 *
 * @param settings The server.
 * @param base Variables to keep (already-set `PG*` ones are replaced). @default the process's, as given by the caller: {}
 * @returns The variables.
 * @example
 * ```ts
 * import { libpqEnvironment } from "./postgres-settings.ts";
 * const env = libpqEnvironment({ host: "db", port: 5432, user: "u", password: "p", database: "d" });
 * console.assert(env.PGPORT === "5432" && env.PGPASSWORD === "p");
 * ```
 */
export function libpqEnvironment(settings: PostgresSettings, base: Readonly<Record<string, string | undefined>> = {}): Record<string, string> {
  const kept = Object.fromEntries(Object.entries(base).filter((e): e is [string, string] => e[1] !== undefined && !e[0].startsWith("PG")));
  return {
    ...kept,
    PGHOST: settings.host,
    PGPORT: String(settings.port),
    PGUSER: settings.user,
    PGPASSWORD: settings.password,
    PGDATABASE: settings.database,
    PGCONNECT_TIMEOUT: "10",
  };
}
