// Public surface of the local Airbyte stand-in.
export { createAcceleratedClock } from "./accelerated-clock.ts";
export { type ContractChecker, type ContractIssue, createContractChecker } from "./contract/check-contract.ts";
export { createAjv } from "../../../schemas/create-ajv.ts";
export { CONTRACT_PATHS, type ContractPath } from "./contract/contract-paths.ts";
export { createFakeDestinationWriter, type DestinationBatch, type DestinationWriter } from "./destination-writer.ts";
export { type CheckFailure, FAULT_HEADER, type FaultConfig, JOB_FAULT_HEADER, type JobBehaviour, parseFaultHeader, parseJobHeader, type RequestFault } from "./faults.ts";
export { parseFaultFile } from "./fault-file.ts";
export { applySeed, type SeedStream, seedFromConfig, type StandinSeed } from "./seed.ts";
export { type JobTiming, type LocalAirbyte, type LocalAirbyteOptions, type StandinAuth, startLocalAirbyte } from "./start-local-airbyte.ts";
export { validateQuartzCron } from "./validate-quartz-cron.ts";
export type { StandinState } from "./_state.ts";
