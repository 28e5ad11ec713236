// The shared test doubles (ScriptedTransport, CountingTransport, SplitMix64, VPCDPortLock, LogStore,
// ChildProcess), visible in every file of this target.
@_exported import MynaTestSupport
// The photo fixtures, the reference PNG decoder, hand-made PNGs and headless Chromium, shared with the
// example reader's report tests.
@_exported import MynaPhotoTestSupport
