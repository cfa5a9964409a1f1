import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { UsageError } from "../core/mod.ts";
import { makeConfig, makeConnection, makeTenant } from "../config/testing.ts";
import { matchRemoteConnection, selectConnections } from "./select-connections.ts";

const config = makeConfig({
  tenants: [
    makeTenant({ slug: "acme", connections: [makeConnection({ tenant: "acme" }), makeConnection({ tenant: "acme", template: "google_metrics", platform: "google_ads" })] }),
    makeTenant({ slug: "globex", connections: [makeConnection({ tenant: "globex" })] }),
  ],
});

describe("selectConnections()", () => {
  it("selectConnections() narrows by tenant, connection and platform, comma-separated or repeated", () => {
    const pick = (f: Parameters<typeof selectConnections>[1]) => selectConnections(config, f).map((s) => s.connection.managedKey);
    assert.equal(pick({}).length, 3);
    assert.deepEqual(pick({ tenants: ["acme,globex"], platform: "google_ads" }), ["adops:acme:google_metrics"]);
    assert.deepEqual(pick({ connections: ["meta_metrics"] }), ["adops:acme:meta_metrics", "adops:globex:meta_metrics"]);
    assert.deepEqual(pick({ connections: ["adops:globex:meta_metrics"] }), ["adops:globex:meta_metrics"]);
  });

  it("selectConnections() rejects an unknown tenant or a connection that matches nothing", () => {
    assert.throws(() => selectConnections(config, { tenants: ["initech"] }), (e) => e instanceof UsageError && /Unknown tenant 'initech'/.test(e.message));
    assert.throws(() => selectConnections(config, { connections: ["nope"] }), /No configured connection matches 'nope'/);
  });
});

describe("matchRemoteConnection()", () => {
  const remote = (connectionId: string, managedKey: string | undefined, name = "x", status: "active" | "inactive" | "deprecated" = "active") => ({ connectionId, name, status, managedKey });

  it("matchRemoteConnection() uses the configured id first, then the managed key, then the configured name", () => {
    const c = makeConnection({ tenant: "acme" });
    assert.equal(matchRemoteConnection({ ...c, connectionId: "c9" }, [remote("c1", c.managedKey), remote("c9", undefined)])?.connectionId, "c9");
    assert.equal(matchRemoteConnection({ ...c, connectionId: "c8" }, [remote("c1", c.managedKey)]), undefined);
    assert.equal(matchRemoteConnection(c, [remote("c0", undefined, c.name), remote("c1", c.managedKey)])?.connectionId, "c1");
    assert.equal(matchRemoteConnection(c, [remote("c0", undefined, c.name)])?.connectionId, "c0");
  });

  it("matchRemoteConnection() prefers an active connection and ignores deprecated ones", () => {
    const c = makeConnection({ tenant: "acme" });
    assert.equal(matchRemoteConnection(c, [remote("c1", c.managedKey, "x", "inactive"), remote("c2", c.managedKey)])?.connectionId, "c2");
    assert.equal(matchRemoteConnection(c, [remote("c1", c.managedKey, "x", "deprecated")]), undefined);
  });
});
