// A real PostgreSQL server for tests and the demo: the machine's own server
// binaries (Debian's postgresql package), a temporary data directory, a free
// loopback port, password authentication, stopped and removed at the end.
// `initdb` refuses to run as root, so under root the server runs as the
// unprivileged `postgres` user (else `nobody`) through util-linux `runuser`.
import { execFile, execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";

/** A running server and how to reach it. */
export interface PostgresServer {
  host: "127.0.0.1";
  port: number;
  /** The superuser dbt and the tests connect as. */
  user: string;
  /** Its password (random per server; pass it through the environment only). */
  password: string;
  /** The database created for the run. */
  database: string;
  /** The binaries used (`initdb`, `pg_ctl`, `psql`). */
  binDir: string;
  /** The `DBT_PG_*` variables that point dbt's `postgres` target at this server. */
  env: Record<string, string>;
  /**
   * Runs SQL with `psql` and returns the rows (tab-separated fields, no header).
   *
   * @param sql One or more statements.
   * @returns One array of field values per row of the last statement's output.
   */
  query(sql: string): Promise<string[][]>;
  /** Stops the server and removes its data directory. Safe to call twice. */
  stop(): Promise<void>;
}

/** A server someone else runs (CI's `postgres` service container): a superuser and where it listens. */
export interface ExternalPostgres {
  host: "127.0.0.1";
  port: number;
  user: string;
  password: string;
}

/**
 * The server named by `ADOPS_TEST_PG_HOST`, `ADOPS_TEST_PG_PORT`, `ADOPS_TEST_PG_USER` and
 * `ADOPS_TEST_PG_PASSWORD` (ci.yml sets them for its `postgres` service container), or
 * undefined when `ADOPS_TEST_PG_HOST` is unset. Only loopback is accepted: the tests drop
 * the databases they create.
 *
 * @param env The environment.
 * @returns The server, or undefined.
 * @throws {PostgresUnavailableError} When the host is not loopback or the port is not a number.
 * @example
 * ```ts
 * import { externalPostgres } from "./start-postgres.ts";
 * console.assert(externalPostgres({})?.port === undefined);
 * console.assert(externalPostgres({ ADOPS_TEST_PG_HOST: "127.0.0.1", ADOPS_TEST_PG_PASSWORD: "x" })?.port === 5432);
 * ```
 */
export function externalPostgres(env: Readonly<Record<string, string | undefined>> = process.env): ExternalPostgres | undefined {
  const host = env.ADOPS_TEST_PG_HOST;
  if (!host) return undefined;
  if (host !== "127.0.0.1" && host !== "localhost") throw new PostgresUnavailableError(`ADOPS_TEST_PG_HOST '${host}' is not loopback: the tests create and drop databases, so only 127.0.0.1 or localhost is accepted`);
  const port = Number(env.ADOPS_TEST_PG_PORT || "5432");
  if (!Number.isInteger(port) || port <= 0 || port > 65_535) throw new PostgresUnavailableError(`ADOPS_TEST_PG_PORT '${env.ADOPS_TEST_PG_PORT}' is not a port number`);
  return { host: "127.0.0.1", port, user: env.ADOPS_TEST_PG_USER || "postgres", password: env.ADOPS_TEST_PG_PASSWORD ?? "" };
}

/**
 * Whether {@link startPostgres} can give a server here: an external one named by the
 * environment, or the machine's server binaries.
 *
 * @param env The environment.
 * @returns True when a server can be had.
 * @example
 * ```ts
 * import { postgresAvailable } from "./start-postgres.ts";
 * console.assert(postgresAvailable({ ADOPS_TEST_PG_HOST: "127.0.0.1" }));
 * ```
 */
export function postgresAvailable(env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  return externalPostgres(env) !== undefined || findPostgresBinaries(env) !== undefined;
}

/** `psql` against one server: `(database, sql)` → its rows (tab-separated fields, no header). `psql` is beside the server binaries, else on PATH. */
function psqlOn(binDir: string | undefined, server: ExternalPostgres): (database: string, sql: string) => Promise<string[][]> {
  const psql = binDir === undefined ? "psql" : join(binDir, "psql");
  return async (database, sql) => {
    const out = await run({ prefix: [], uid: undefined, gid: undefined }, psql, ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-At", "-F", "\t", "-h", server.host, "-p", String(server.port), "-U", server.user, "-d", database, "-c", sql], { PGPASSWORD: server.password });
    return out.split("\n").filter((line) => line !== "").map((line) => line.split("\t"));
  };
}

/** Options of {@link startPostgres}. */
export interface StartPostgresOptions {
  /** A server to use instead of starting one: a fresh database is created on it and dropped by `stop()`; `false` always starts a server of its own. @default {@link externalPostgres} of the environment */
  external?: ExternalPostgres | false;
  /** Directory with `initdb`, `pg_ctl`, `postgres` and `psql`. @default {@link findPostgresBinaries} */
  binDir?: string;
  /** Database to create. @default "analytics" */
  database?: string;
  /** Superuser name. @default "adops" */
  user?: string;
  /** Seconds to wait for the server to accept connections. @default 30 */
  startTimeoutSeconds?: number;
}

/** Why no server could be started (binaries missing, or it did not come up). */
export class PostgresUnavailableError extends Error {
  override name = "PostgresUnavailableError";
}

function versionOf(dir: string): number {
  return Number.parseFloat(dir) || 0;
}

/**
 * Where the PostgreSQL server binaries are: `$PG_BIN`, else the newest
 * `/usr/lib/postgresql/<version>/bin` (Debian), else `pg_config --bindir`.
 *
 * @param env The environment to read `PG_BIN` from.
 * @returns The directory, or undefined when there is no server on the machine.
 */
export function findPostgresBinaries(env: Readonly<Record<string, string | undefined>> = process.env): string | undefined {
  const hasServer = (dir: string) => existsSync(join(dir, "initdb")) && existsSync(join(dir, "pg_ctl"));
  if (env.PG_BIN) return hasServer(env.PG_BIN) ? env.PG_BIN : undefined;
  const debian = "/usr/lib/postgresql";
  if (existsSync(debian)) {
    const versions = readdirSync(debian).sort((a, b) => versionOf(b) - versionOf(a));
    for (const v of versions) if (hasServer(join(debian, v, "bin"))) return join(debian, v, "bin");
  }
  try {
    const dir = execFileSync("pg_config", ["--bindir"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    return hasServer(dir) ? dir : undefined;
  } catch {
    return undefined;
  }
}

/** A port the kernel says is free on 127.0.0.1 (bound, read, released). */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

interface RunAs {
  /** Prefix to run a binary as the server's OS user (`runuser -u postgres --`), empty when not root. */
  prefix: string[];
  uid: number | undefined;
  gid: number | undefined;
}

function idOf(user: string, flag: "-u" | "-g"): number | undefined {
  try {
    return Number(execFileSync("id", [flag, user], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
  } catch {
    return undefined;
  }
}

function runAs(): RunAs {
  if (typeof process.getuid !== "function" || process.getuid() !== 0) return { prefix: [], uid: undefined, gid: undefined };
  for (const user of ["postgres", "nobody"]) {
    const uid = idOf(user, "-u");
    if (uid !== undefined) return { prefix: ["runuser", "-u", user, "--"], uid, gid: idOf(user, "-g") };
  }
  throw new PostgresUnavailableError("Running as root and no unprivileged user (postgres, nobody) to run PostgreSQL as");
}

function run(as: RunAs, binary: string, args: string[], env: Record<string, string> = {}): Promise<string> {
  const [command, ...rest] = [...as.prefix, binary, ...args] as [string, ...string[]];
  return new Promise((resolve, reject) => {
    execFile(command, rest, { encoding: "utf8", env: { ...process.env, ...env, LC_ALL: "C" }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new PostgresUnavailableError(`${binary.split("/").pop()} failed: ${(stderr || error.message).trim().split("\n").slice(-3).join(" | ")}`));
      else resolve(stdout);
    });
  });
}

/**
 * Starts a PostgreSQL server of its own: `initdb` into a new temporary
 * directory (owned by the unprivileged user when run as root), then `pg_ctl
 * start` on a free 127.0.0.1 port with its socket in that directory, password
 * (SCRAM) authentication on TCP, and durability off (a test server). The
 * database is created. Call `stop()` when done; an exit hook stops it too.
 *
 * @param options Binaries, database and user names.
 * @returns The running server.
 * @throws {PostgresUnavailableError} When the binaries are missing or the server does not start.
 * @example
 * ```ts ignore
 * import { startPostgres } from "./start-postgres.ts";
 * const pg = await startPostgres();
 * console.log(await pg.query("select version()"));
 * await pg.stop();
 * ```
 */
export async function startPostgres(options: StartPostgresOptions = {}): Promise<PostgresServer> {
  const external = options.external === false ? undefined : options.external ?? externalPostgres();
  if (external !== undefined) return useExternal(external, options);
  const binDir = options.binDir ?? findPostgresBinaries();
  if (binDir === undefined) {
    throw new PostgresUnavailableError("No PostgreSQL server binaries (initdb, pg_ctl): install the Debian package 'postgresql' or set PG_BIN");
  }
  const as = runAs();
  const user = options.user ?? "adops";
  const database = options.database ?? "analytics";
  const password = randomBytes(18).toString("hex");
  const root = mkdtempSync(join(tmpdir(), "adops-pg-"));
  const dataDir = join(root, "data");
  const pwfile = join(root, "pwfile");
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (as.uid !== undefined) {
    chownSync(root, as.uid, as.gid ?? as.uid);
    chownSync(pwfile, as.uid, as.gid ?? as.uid);
  }
  chmodSync(root, 0o700);
  let stopped = false;
  const cleanupSync = () => {
    if (stopped) return;
    stopped = true;
    try {
      if (existsSync(join(dataDir, "postmaster.pid"))) {
        execFileSync(as.prefix[0] ?? join(binDir, "pg_ctl"), [...as.prefix.slice(1), ...(as.prefix.length ? [join(binDir, "pg_ctl")] : []), "-D", dataDir, "-m", "immediate", "-w", "stop"], { stdio: "ignore" });
      }
    } catch {
      // already gone
    }
    rmSync(root, { recursive: true, force: true });
  };
  process.once("exit", cleanupSync);
  try {
    await run(as, join(binDir, "initdb"), ["-D", dataDir, "-U", user, `--pwfile=${pwfile}`, "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync"]);
    rmSync(pwfile, { force: true });
    const port = await freeLoopbackPort();
    const serverOptions = `-c listen_addresses=127.0.0.1 -p ${port} -k ${root} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=40`;
    await run(as, join(binDir, "pg_ctl"), ["-D", dataDir, "-l", join(root, "server.log"), "-w", "-t", String(options.startTimeoutSeconds ?? 30), "-o", serverOptions, "start"]).catch((error: Error) => {
      const log = existsSync(join(root, "server.log")) ? readFileSync(join(root, "server.log"), "utf8").trim().split("\n").slice(-3).join(" | ") : "";
      throw new PostgresUnavailableError(`${error.message}${log ? ` (server log: ${log})` : ""}`);
    });
    const psql = psqlOn(binDir, { host: "127.0.0.1", port, user, password });
    await psql("postgres", `create database "${database}"`);
    return {
      host: "127.0.0.1",
      port,
      user,
      password,
      database,
      binDir,
      env: { DBT_PG_HOST: "127.0.0.1", DBT_PG_PORT: String(port), DBT_PG_USER: user, DBT_PG_PASSWORD: password, DBT_PG_DATABASE: database },
      query: (sql) => psql(database, sql),
      async stop() {
        if (stopped) return;
        process.removeListener("exit", cleanupSync);
        try {
          await run(as, join(binDir, "pg_ctl"), ["-D", dataDir, "-m", "fast", "-w", "stop"]);
        } finally {
          stopped = true;
          rmSync(root, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    process.removeListener("exit", cleanupSync);
    cleanupSync();
    throw error;
  }
}

/** A fresh database on a server someone else runs; `stop()` drops it (the server stays). */
async function useExternal(server: ExternalPostgres, options: StartPostgresOptions): Promise<PostgresServer> {
  const binDir = options.binDir ?? findPostgresBinaries();
  const database = `${options.database ?? "analytics"}_${randomBytes(4).toString("hex")}`;
  const psql = psqlOn(binDir, server);
  await psql("postgres", `create database "${database}"`);
  let stopped = false;
  return {
    host: server.host,
    port: server.port,
    user: server.user,
    password: server.password,
    database,
    binDir: binDir ?? "",
    env: { DBT_PG_HOST: server.host, DBT_PG_PORT: String(server.port), DBT_PG_USER: server.user, DBT_PG_PASSWORD: server.password, DBT_PG_DATABASE: database },
    query: (sql) => psql(database, sql),
    async stop() {
      if (stopped) return;
      stopped = true;
      await psql("postgres", `drop database if exists "${database}" with (force)`);
    },
  };
}
