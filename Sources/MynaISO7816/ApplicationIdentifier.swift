import MynaCodec

/// An application identifier (AID, ISO/IEC 7816-4 §8.2.1.2): the DF name an applet is selected by.
public struct ApplicationIdentifier: Hashable, Sendable, CustomStringConvertible {
    /// The AID bytes (5…16).
    public let bytes: [UInt8]

    /// Creates an AID, validating its length.
    ///
    /// - Throws: ``/MynaCodec/CodecError/Code/invalidLength`` unless 1…16 bytes.
    public init(_ bytes: [UInt8]) throws(CodecError) {
        guard (1...16).contains(bytes.count) else {
            throw CodecError(.invalidLength, "an AID is 1…16 bytes, got \(bytes.count)")
        }
        self.bytes = bytes
    }

    /// Creates an AID from a constant known to be well formed (for `static let` constants).
    package init(constant bytes: [UInt8]) {
        precondition((1...16).contains(bytes.count), "an AID is 1…16 bytes")
        self.bytes = bytes
    }

    /// The identifier in upper-case hex.
    public var description: String { Hex.encode(bytes) }
}

/// A two-byte file identifier (FID) of an elementary or dedicated file.
public struct FileIdentifier: Hashable, Sendable, CustomStringConvertible {
    /// The FID, big-endian (`0x000A` for EF `00 0A`).
    public let rawValue: UInt16

    /// Creates a file identifier.
    public init(_ rawValue: UInt16) { self.rawValue = rawValue }

    /// The two bytes on the wire.
    public var bytes: [UInt8] { [UInt8(rawValue >> 8), UInt8(rawValue & 0xFF)] }

    /// The short EF identifier (SFI, 1…30) by which this file can be read without a SELECT, when the FID is
    /// `0001`…`001E`: the cards this package targets use the FID's low five bits as its SFI.
    package var shortIdentifier: UInt8? {
        rawValue >= 1 && rawValue <= 30 ? UInt8(rawValue) : nil
    }

    /// The identifier in upper-case hex.
    public var description: String { Hex.encode(bytes) }
}
