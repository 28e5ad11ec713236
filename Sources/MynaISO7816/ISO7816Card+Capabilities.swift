import MynaTransport

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
        /// VERIFY naming the reference by short EF identifier (`P2 = 80|SFI`), which needs no SELECT. Learned
        /// only from an empty VERIFY (which spends nothing), never from one that carries a value.
        public var verifyByShortIdentifier: Support
        /// COMPUTE DIGITAL SIGNATURE naming the key by short EF identifier (`P2 = 80|SFI`, e.g. `97`, `9A`),
        /// which needs no SELECT of the key EF.
        public var signByShortIdentifier: Support
        /// The link to the card, as far as the app knows it: the reader uses it to weigh one more APDU
        /// against the bytes it would save (``/MynaTransport/LinkProfile/apduCostInBytes``). `nil`: assume
        /// ``/MynaTransport/LinkProfile/contactlessTypeBAt424k``, the link of reception terminals and phones.
        public var link: LinkProfile?

        /// Creates capabilities.
        public init(
            extendedLength: Support = .unknown, shortFileIdentifiers: Support = .unknown,
            verifyByShortIdentifier: Support = .unknown, signByShortIdentifier: Support = .unknown,
            link: LinkProfile? = nil
        ) {
            self.extendedLength = extendedLength
            self.shortFileIdentifiers = shortFileIdentifiers
            self.verifyByShortIdentifier = verifyByShortIdentifier
            self.signByShortIdentifier = signByShortIdentifier
            self.link = link
        }

        /// The link the reader plans for: ``link``, or contactless type B at 424 kbit/s when unknown.
        package var plannedLink: LinkProfile { link ?? .contactlessTypeBAt424k }
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
