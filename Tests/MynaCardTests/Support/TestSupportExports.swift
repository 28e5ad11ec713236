// The shared test doubles (ScriptedTransport, CountingTransport, SplitMix64, VPCDPortLock, LogStore,
// ChildProcess), visible in every file of this target.
@_exported import MynaTestSupport
