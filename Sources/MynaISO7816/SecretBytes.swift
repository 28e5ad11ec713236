/// Bytes that must not outlive their use and must never be printed: PINs and passwords.
///
/// The storage is a private allocation zeroed when the last reference goes away ("as far as Swift allows":
/// an APDU built from it is an ordinary array and is not zeroed). ``description`` never shows the bytes
/// nor their count.
public final class SecretBytes: @unchecked Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    // Written only in init and deinit; read only through `withUnsafeBytes`.
    private let storage: UnsafeMutableBufferPointer<UInt8>
    /// The number of bytes held.
    package let count: Int

    /// Copies `bytes` into private storage.
    public init(_ bytes: some Collection<UInt8>) {
        count = bytes.count
        storage = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(bytes.count, 1))
        storage.initialize(repeating: 0)
        _ = storage.initialize(from: bytes)
    }

    /// Copies the UTF-8 of `text` into private storage.
    public convenience init(utf8 text: String) {
        self.init(Array(text.utf8))
    }

    deinit {
        for i in storage.indices { storage[i] = 0 }
        storage.deallocate()
    }

    /// Calls `body` with the bytes; do not let them escape.
    package func withUnsafeBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(rebasing: storage[0..<count]))
    }

    /// Always `<secret redacted>`.
    public var description: String { "<secret redacted>" }
    /// Always `<secret redacted>`.
    public var debugDescription: String { "<secret redacted>" }
}
