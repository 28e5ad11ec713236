extension ISO7816Card {
    /// Whether the card supports a feature, as far as is known.
    public enum Support: Hashable, Sendable {
        /// Not yet learned: try it once and remember the answer.
        case unknown
        /// Known to work.
        case supported
        /// Known not to work (the card answered `6700` or `6A86`).
        case unsupported
    }

    /// What the card accepts.
    public struct Capabilities: Hashable, Sendable {
        /// Extended-length APDUs (Ne up to 65536 in one READ BINARY).
        public var extendedLength: Support
        /// READ BINARY with a short EF identifier in P1 (`80|SFI`), which needs no SELECT.
        public var shortFileIdentifiers: Support

        /// Creates capabilities.
        public init(extendedLength: Support = .unknown, shortFileIdentifiers: Support = .unknown) {
            self.extendedLength = extendedLength
            self.shortFileIdentifiers = shortFileIdentifiers
        }
    }

    /// How to know where a file's content ends.
    public enum FileLayout: Hashable, Sendable {
        /// The file starts with one BER-TLV data object (a certificate, a card data file); its header gives
        /// the length. The result is that data object, without the filler after it.
        case berTLV
        /// The file has this many bytes (token info: 160). The result is exactly that many bytes.
        case fixedLength(Int)
        /// Read until the card returns fewer bytes than asked or says the end is reached. The result is the
        /// whole file, filler included.
        case wholeFile
    }
}
