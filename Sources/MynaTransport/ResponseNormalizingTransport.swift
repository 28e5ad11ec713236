import MynaCodec

/// A layer that hides the T=0-style response protocol: `61xx` is followed by GET RESPONSE until the data
/// is complete, and `6Cxx` is answered by resending the command with the exact Le the card asked for —
/// but only a command that expects data and neither carries a secret
/// (``/MynaCodec/CommandAPDU/carriesSecret``) nor changes the card's state: a VERIFY, CHANGE REFERENCE DATA, signature or
/// write answered `6Cxx` is returned as is, never sent twice.
///
/// Both behaviours can be turned off (to see the card's raw answers). Status words other than `61xx` and
/// `6Cxx` pass through unchanged.
public struct ResponseNormalizingTransport<Base: CardTransport>: CardTransportLayer {
    /// What to normalise.
    public struct Options: Hashable, Sendable {
        /// Follow `61xx` with GET RESPONSE (`00 C0 00 00 xx`) and concatenate the data.
        public var followsBytesAvailable: Bool
        /// Resend the command with Le = `xx` after `6Cxx` (only a command that expects data and neither
        /// carries a secret nor changes the card's state).
        public var resendsWithExactLength: Bool
        /// The most GET RESPONSE commands one exchange may take before it is an error.
        public var maximumGetResponses: Int

        /// Creates options; by default both normalisations are on.
        public init(followsBytesAvailable: Bool = true, resendsWithExactLength: Bool = true, maximumGetResponses: Int = 300) {
            self.followsBytesAvailable = followsBytesAvailable
            self.resendsWithExactLength = resendsWithExactLength
            self.maximumGetResponses = maximumGetResponses
        }
    }

    /// The transport underneath.
    package let base: Base
    /// The transport underneath, for the forwarding that ``CardTransportLayer`` does.
    public var wrappedTransport: any CardTransport { base }
    /// What this layer normalises.
    package let options: Options

    /// Wraps `base`; apps write `base.normalizingResponses(options)`.
    package init(_ base: Base, options: Options = Options()) {
        self.base = base
        self.options = options
    }

    /// Sends `command`, then follows `61xx` with GET RESPONSE and answers `6Cxx` by resending with the exact Le,
    /// as its options allow; returns the whole response with the last status word.
    public func transmit(_ command: CommandAPDU) async throws -> ResponseAPDU {
        var response = try await base.transmit(command)
        // Never resend a command that carriesSecret or changesCardState (a VERIFY the card counted would
        // spend a second try), nor one without Le: its 6Cxx is returned exactly as the card sent it.
        if options.resendsWithExactLength, command.mayResendWithExactLength,
            case .wrongLe(let exact) = response.statusWord.category
        {
            response = try await base.transmit(try command.withExpectedLength(exact))
        }
        guard options.followsBytesAvailable, case .bytesAvailable = response.statusWord.category else {
            return response
        }
        var data = response.data
        var getResponses = 0
        while case .bytesAvailable(let available) = response.statusWord.category {
            getResponses += 1
            guard getResponses <= options.maximumGetResponses else {
                throw TransportError(.malformedResponse, "the card kept answering 61xx after \(options.maximumGetResponses) GET RESPONSE commands")
            }
            let cla = Self.getResponseClass(for: command.cla)
            let getResponse = try CommandAPDU(cla: cla, ins: Instruction.getResponse.rawValue, p1: 0x00, p2: 0x00, ne: available)
            response = try await base.transmit(getResponse)
            if options.resendsWithExactLength, case .wrongLe(let exact) = response.statusWord.category {
                response = try await base.transmit(try getResponse.withExpectedLength(exact))
            }
            data.append(contentsOf: response.data)
            guard data.count <= 65536 + 256 else {
                throw TransportError(.malformedResponse, "GET RESPONSE returned more than 65536 bytes in all")
            }
        }
        return ResponseAPDU(data: data, statusWord: response.statusWord)
    }

    /// The class byte of a GET RESPONSE that follows a command with class `cla`: the same logical channel,
    /// without chaining or secure messaging (ISO/IEC 7816-4 §5.4.1). A first interindustry class
    /// (`000x xxxx`) keeps channel bits 2–1; a further interindustry class (`01xx xxxx`) keeps `0x40` and
    /// channel bits 4–1 (channels 4…19); a proprietary class gets `00`.
    static func getResponseClass(for cla: UInt8) -> UInt8 {
        switch cla & 0xC0 {
        case 0x00: cla & 0x03
        case 0x40: cla & 0x4F
        default: 0x00
        }
    }
}
