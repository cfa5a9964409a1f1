/**
 * Fakes of the core ports for tests.
 *
 * @module
 */
export { createFakeClock, type FakeClock } from "./fake-clock.ts";
