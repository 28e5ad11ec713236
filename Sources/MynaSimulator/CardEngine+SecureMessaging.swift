import MynaCard
import MynaCodec
import MynaISO7816

extension CardEngine {
    /// The INS of SET SESSION KEY (`80 AE 00 00`).
    static let setSessionKeyINS: UInt8 = 0xAE
    /// The length of the SET SESSION KEY seed; its first 16 bytes are the AES-128 key.
    static let sessionSeedCount = 32
    /// The secure-messaging class (no MAC); `0C` asks for a MAC, which the card does not do.
    static let secureMessagingCLA: UInt8 = 0x08
    static let macSecureMessagingCLA: UInt8 = 0x0C
    /// The cryptogram data object (VERIFY and SELECT data, reply data).
    static let cryptogramTag = BERTag(0x86)
    /// The expected-length data object (READ BINARY).
    static let expectedLengthTag = BERTag(0x96)

    /// SET SESSION KEY `80 AE 00 00` (extended Lc). The common and card face applets answer `66F1`, JPKI and
    /// the resident registry `6982` whatever was verified. The text applet needs its PIN verified in clear
    /// (`6982`, also after PIN-A); the data is a 32-byte seed RSA-OAEP (SHA-256) encrypted to the EF `0006`
    /// key: an integer ≥ the modulus answers `6F00`, one that does not decrypt `6A80`. Success starts a new
    /// session (counter 1); a failure leaves the session as it was.
    mutating func setSessionKey(_ command: CommandAPDU) -> ResponseAPDU {
        guard let current = session.applet else { return ResponseAPDU(statusWord: .instructionNotSupported) }
        switch current {
        case .cardInfoInputSupport: break
        case .commonCard, .cardFaceConfirmation: return ResponseAPDU(statusWord: .sessionKeyNotAvailable)
        default: return ResponseAPDU(statusWord: .securityStatusNotSatisfied)
        }
        guard command.p1 == 0x00, command.p2 == 0x00 else { return ResponseAPDU(statusWord: .incorrectP1P2) }
        guard verifiedInCurrentApplet.contains(.cardInfoPIN) else {
            return ResponseAPDU(statusWord: .securityStatusNotSatisfied)
        }
        guard !command.data.isEmpty else { return ResponseAPDU(statusWord: .wrongLength) }
        let key = image.sessionKeyTransportKey
        let value = Array(command.data.drop { $0 == 0 })
        if value.count > key.modulus.count
            || (value.count == key.modulus.count && !value.lexicographicallyPrecedes(key.modulus))
        {
            return ResponseAPDU(statusWord: .noPreciseDiagnosis)
        }
        let block = [UInt8](repeating: 0, count: key.modulus.count - value.count) + value
        guard let seed = key.decryptOAEPSHA256(block), seed.count == Self.sessionSeedCount else {
            return ResponseAPDU(statusWord: .incorrectData)
        }
        session.secureMessaging = .established(SecureMessagingSession(seed: seed))
        return ResponseAPDU(statusWord: .success)
    }

    /// Answers a secure-messaging command in the text applet, or returns `nil` for a command that is not one
    /// (other classes, other applets: those answer as before, `6882`).
    ///
    /// CLA `0C` → `6987` (no MAC). CLA `08`: without a session `6982`, after a destroyed one `69FC`. Every
    /// CLA `08` command in a session advances the counter, rejected ones included. VERIFY and SELECT carry one
    /// `86` cryptogram, READ BINARY one `96` expected length (1 or 2 bytes, `00` = 256 / `0000` = 65536);
    /// anything else, or a cryptogram that does not decrypt under this counter, answers `6988` and destroys
    /// the session. Reply data travels as an `86` cryptogram under the command's counter; status words in
    /// clear. Other instructions answer `6882`.
    mutating func respondUnderSecureMessaging(_ command: CommandAPDU) -> ResponseAPDU? {
        guard command.cla == Self.secureMessagingCLA || command.cla == Self.macSecureMessagingCLA,
            session.applet == .cardInfoInputSupport
        else { return nil }
        if command.cla == Self.macSecureMessagingCLA {
            return ResponseAPDU(statusWord: .secureMessagingObjectsMissing)
        }
        var secure: SecureMessagingSession
        switch session.secureMessaging {
        case .none: return ResponseAPDU(statusWord: .securityStatusNotSatisfied)
        case .destroyed: return ResponseAPDU(statusWord: .secureMessagingSessionDestroyed)
        case .established(let established): secure = established
        }
        let counter = secure.counter
        secure.counter &+= 1
        session.secureMessaging = .established(secure)

        let inner: CommandAPDU?
        switch command.ins {
        case Instruction.verify.rawValue, Instruction.select.rawValue:
            inner = Self.onlyObject(Self.cryptogramTag, in: command.data)
                .flatMap { secure.decrypt($0, counter: counter) }
                .flatMap { try? CommandAPDU(ins: command.ins, p1: command.p1, p2: command.p2, data: $0) }
        case Instruction.readBinary.rawValue:
            inner = Self.onlyObject(Self.expectedLengthTag, in: command.data)
                .flatMap(Self.expectedLength)
                .flatMap { try? CommandAPDU(ins: command.ins, p1: command.p1, p2: command.p2, ne: $0) }
        default:
            return ResponseAPDU(statusWord: .secureMessagingNotSupported)
        }
        guard let inner else {
            session.secureMessaging = .destroyed
            return ResponseAPDU(statusWord: .secureMessagingObjectsIncorrect)
        }
        let response = dispatch(inner)
        guard !response.data.isEmpty else { return response }
        guard let cryptogram = secure.encrypt(response.data, counter: counter) else {
            return ResponseAPDU(statusWord: .noPreciseDiagnosis)
        }
        return ResponseAPDU(data: BERTLV.encode(tag: Self.cryptogramTag, value: cryptogram), statusWord: response.statusWord)
    }

    /// The value of the one data object with `tag` that `data` consists of, or `nil`.
    static func onlyObject(_ tag: BERTag, in data: [UInt8]) -> ArraySlice<UInt8>? {
        guard let node = try? BERTLV.parseSingle(data[...], maximumDepth: 1), node.tag == tag else { return nil }
        return node.value
    }

    /// The Ne a `96` value asks for: one byte (`00` = 256) or two (`0000` = 65536).
    static func expectedLength(_ value: ArraySlice<UInt8>) -> Int? {
        let bytes = Array(value)
        switch bytes.count {
        case 1: return bytes[0] == 0 ? 256 : Int(bytes[0])
        case 2:
            let length = Int(bytes[0]) << 8 | Int(bytes[1])
            return length == 0 ? 65536 : length
        default: return nil
        }
    }
}

extension StatusWord {
    /// `66F1`: the common and card face applets' answer to SET SESSION KEY (card facts §3).
    static let sessionKeyNotAvailable = StatusWord(0x66F1)
    /// `6987`: expected secure-messaging data objects missing (CLA `0C`: the card does no MAC).
    static let secureMessagingObjectsMissing = StatusWord(0x6987)
    /// `6988`: secure-messaging data objects incorrect (wrong counter or object); the session is destroyed.
    static let secureMessagingObjectsIncorrect = StatusWord(0x6988)
    /// `69FC`: a secure command after the session was destroyed.
    static let secureMessagingSessionDestroyed = StatusWord(0x69FC)
}
