// dockercloud-rx/emulator: a local emulator of the Docker Cloud / Tutum events stream and
// REST API, for demos, tests and benchmarks. Node only (node:http and ws); nothing else in
// lib/ may import it.

export { startEmulator } from './startEmulator.js';
export type { Emulator } from './Emulator.js';
export type { EmulatorOptions, EmulatorRate, EmulatorTimeouts, ReplayOptions, WorldSize } from './EmulatorOptions.js';
export type { DashboardOptions } from './DashboardOptions.js';
export type { EmulatorCredentials } from './EmulatorCredentials.js';
export type { EmulatorWorld } from './EmulatorWorld.js';
export type { WorldResource } from './WorldResource.js';
export type { EmulatorStats } from './EmulatorStats.js';
export type { ConnectionState, EmulatorConnection } from './EmulatorConnection.js';
export type { EmulatorConnectionChange, EmulatorConnectionSnapshot } from './EmulatorConnectionChange.js';
export type { ConnectionFilter } from './EventFilter.js';
export type { CloseFault, ConnectionFault, DropFault, ErrorFault, MalformedFault, MalformedFrame, StallFault } from './ConnectionFault.js';
export type { DropAllOptions, FaultControls, HandshakeDelay, HandshakeRefusal, RevocationMode } from './FaultControls.js';
export type { RecordingControls, RecordingSummary } from './RecordingControls.js';
export type { RecordedEvent } from './RecordedEvent.js';
export { readRecording } from './readRecording.js';
export { EmulatorError, isEmulatorError } from './EmulatorError.js';
export type { EmulatorErrorKind } from './EmulatorError.js';
