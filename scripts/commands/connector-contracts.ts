// Where the vendored connector contracts are, for the commands that check config against them.
import { fileURLToPath } from "node:url";
import type { CommandContext } from "../cli/command.ts";
import { type ConfigProblem, type ConnectorContracts, DEFAULT_CONNECTORS_DIR, loadConnectorContracts } from "../config/mod.ts";

/** The package's own copy (an unbundled run from anywhere); bundles fall back to the working directory's. */
const PACKAGE_CONNECTORS_DIR = fileURLToPath(new URL("../../schemas/connectors", import.meta.url));

/**
 * Loads the vendored connector contracts: `schemas/connectors/` in the working
 * directory (the repository root), else the copy beside this package's code.
 * When neither exists the check cannot run: a warning, an error in production.
 *
 * @param ctx The command context.
 * @param options Production mode.
 * @returns The contracts (undefined when absent) and the problems of reading them.
 */
export async function loadContractsFor(ctx: CommandContext, options: { production?: boolean } = {}): Promise<{ contracts: ConnectorContracts | undefined; problems: ConfigProblem[] }> {
  for (const dir of [DEFAULT_CONNECTORS_DIR, PACKAGE_CONNECTORS_DIR]) {
    const loaded = await loadConnectorContracts(ctx.files, dir);
    if (loaded.contracts !== undefined) return loaded;
  }
  return {
    contracts: undefined,
    problems: [{
      level: options.production ? "error" : "warning",
      code: "connector-contracts-missing",
      message: `No connector contracts in '${DEFAULT_CONNECTORS_DIR}': templates were not checked against the connectors' specs and catalogs`,
      hint: "Run from the repository root (schemas/connectors/ holds the vendored specs)",
    }],
  };
}
