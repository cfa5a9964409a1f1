import assert from "node:assert/strict";
import { existsSync, statSync } from "node:fs";
import { connect } from "node:net";
import process from "node:process";
import { after, before, describe, it } from "node:test";
import { externalPostgres, findPostgresBinaries, type PostgresServer, postgresAvailable, startPostgres } from "./mod.ts";

const binDir = findPostgresBinaries();
// Locally a machine without the server skips with a reason; in CI it must be there.
const skip = binDir === undefined && process.env.CI !== "true" ? "no PostgreSQL server binaries (Debian package 'postgresql', or PG_BIN)" : false;

function portAccepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

describe("startPostgres", { skip }, () => {
  let pg: PostgresServer;
  before(async () => {
    pg = await startPostgres({ external: false });
  });
  after(async () => {
    await pg?.stop();
  });

  it("starts a server on a loopback port that answers SQL in the database it created", async () => {
    assert.equal(pg.host, "127.0.0.1");
    assert.ok(pg.port > 0);
    assert.deepEqual(await pg.query("select current_database(), 40 + 2"), [["analytics", "42"]]);
    assert.equal(pg.env.DBT_PG_PORT, String(pg.port));
  });

  it("refuses a connection with the wrong password (password auth on TCP, not trust)", async () => {
    const { execFile } = await import("node:child_process");
    const code = await new Promise<number>((resolve) => {
      execFile(`${pg.binDir}/psql`, ["-X", "-h", "127.0.0.1", "-p", String(pg.port), "-U", pg.user, "-d", pg.database, "-c", "select 1"], { env: { ...process.env, PGPASSWORD: "wrong" } }, (error) => resolve(error ? 1 : 0));
    });
    assert.equal(code, 1);
  });

  it("never runs the server as root", async () => {
    const [[dataDir]] = await pg.query("select current_setting('data_directory')") as [[string]];
    // The server writes its pid file itself, so the file's owner is the server's user.
    assert.notEqual(statSync(`${dataDir}/postmaster.pid`).uid, 0);
  });

  it("stops, removes its data directory and frees the port", async () => {
    const other = await startPostgres({ database: "scratch", external: false });
    const [[dataDir]] = await other.query("select current_setting('data_directory')") as [[string]];
    assert.ok(existsSync(dataDir));
    await other.stop();
    assert.equal(existsSync(dataDir), false);
    assert.equal(await portAccepts(other.port), false);
    await other.stop(); // twice is fine
  });
});

describe("startPostgres on a server someone else runs (ci.yml's postgres service container)", { skip }, () => {
  let host: PostgresServer;
  before(async () => {
    host = await startPostgres({ external: false, database: "host" });
  });
  after(async () => {
    await host?.stop();
  });

  it("creates a database of its own on it, answers SQL there and drops it on stop, leaving the server running", async () => {
    const pg = await startPostgres({ external: { host: "127.0.0.1", port: host.port, user: host.user, password: host.password } });
    assert.match(pg.database, /^analytics_[0-9a-f]{8}$/);
    assert.equal(pg.port, host.port);
    assert.deepEqual(await pg.query("select current_database()"), [[pg.database]]);
    assert.equal(pg.env.DBT_PG_DATABASE, pg.database);
    await pg.stop();
    assert.deepEqual(await host.query(`select count(*) from pg_database where datname = '${pg.database}'`), [["0"]]);
    assert.ok(await portAccepts(host.port), "the server still runs");
  });

  it("is named by ADOPS_TEST_PG_* and only on loopback", () => {
    assert.deepEqual(externalPostgres({ ADOPS_TEST_PG_HOST: "localhost", ADOPS_TEST_PG_PORT: "55432", ADOPS_TEST_PG_USER: "ci", ADOPS_TEST_PG_PASSWORD: "pw" }), { host: "127.0.0.1", port: 55432, user: "ci", password: "pw" });
    assert.equal(externalPostgres({}), undefined);
    assert.throws(() => externalPostgres({ ADOPS_TEST_PG_HOST: "db.example.com" }), /not loopback/);
    assert.throws(() => externalPostgres({ ADOPS_TEST_PG_HOST: "127.0.0.1", ADOPS_TEST_PG_PORT: "x" }), /not a port number/);
    assert.equal(postgresAvailable({ ADOPS_TEST_PG_HOST: "127.0.0.1", PG_BIN: "/nonexistent" }), true);
  });
});
