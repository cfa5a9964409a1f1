/**
 * A real PostgreSQL server for tests and the demo (the machine's server
 * binaries, a temporary data directory, a free loopback port, never as root).
 *
 * @module
 */
export { type ExternalPostgres, externalPostgres, findPostgresBinaries, freeLoopbackPort, postgresAvailable, type PostgresServer, PostgresUnavailableError, startPostgres, type StartPostgresOptions } from "./start-postgres.ts";
