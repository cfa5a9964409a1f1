import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readPostgresSettings } from "./postgres-settings.ts";

const full = { DBT_PG_HOST: "db.internal", DBT_PG_PORT: "6543", DBT_PG_USER: "dbt", DBT_PG_PASSWORD: "s3cret-value", DBT_PG_DATABASE: "analytics" };

describe("readPostgresSettings", () => {
  it("readPostgresSettings() returns the connection when every variable is set", () => {
    assert.deepEqual(readPostgresSettings(full), { ok: true, value: { host: "db.internal", port: 6543, user: "dbt", password: "s3cret-value", database: "analytics" } });
  });

  it("readPostgresSettings() defaults the port to 5432 when DBT_PG_PORT is unset", () => {
    const read = readPostgresSettings({ ...full, DBT_PG_PORT: undefined });
    assert.ok(read.ok && read.value.port === 5432);
  });

  it("readPostgresSettings() names every missing variable and a bad port, never the password", () => {
    const read = readPostgresSettings({ DBT_PG_HOST: "db", DBT_PG_PORT: "54x2", DBT_PG_PASSWORD: "s3cret-value" });
    assert.deepEqual(read, { ok: false, issues: ["DBT_PG_USER, DBT_PG_DATABASE are not set", "DBT_PG_PORT is '54x2', not a port number (1-65535)"] });
    assert.doesNotMatch(JSON.stringify(read), /s3cret/);
  });
});
