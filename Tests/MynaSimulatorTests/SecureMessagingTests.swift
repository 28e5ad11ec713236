import Crypto
import CryptoExtras
import Foundation
import MynaCard
import MynaCodec
import MynaISO7816
import MynaSimulator
import Testing

// Fidelity checklist item 11 (card facts §3 "Secure messaging"): SET SESSION KEY and CLA 08 on the text
// applet, 66F1 / 6982 elsewhere. The cipher below is the terminal side of the simulator's documented choice
// (Documentation/card-formats.md): AES-128-CBC, IV = the counter as a 16-byte big-endian block, ISO/IEC
// 7816-4 padding.

/// The terminal's half of a session.
fileprivate struct TerminalSession {
    let key: SymmetricKey
    /// The counter of the next secure command.
    var counter: UInt64 = 1

    init(seed: [UInt8]) { key = SymmetricKey(data: Array(seed.prefix(16))) }

    static func iv(_ counter: UInt64) throws -> AES._CBC.IV {
        try AES._CBC.IV(ivBytes: [UInt8](repeating: 0, count: 8) + (0..<8).reversed().map { UInt8(truncatingIfNeeded: counter >> ($0 * 8)) })
    }

    func encrypt(_ plaintext: [UInt8], counter: UInt64) throws -> [UInt8] {
        var padded = plaintext + [0x80]
        while padded.count % 16 != 0 { padded.append(0) }
        return Array(try AES._CBC.encrypt(padded, using: key, iv: Self.iv(counter), noPadding: true))
    }

    func decrypt(_ cryptogram: [UInt8], counter: UInt64) throws -> [UInt8] {
        let padded = Array(try AES._CBC.decrypt(cryptogram, using: key, iv: Self.iv(counter), noPadding: true))
        let marker = try #require(padded.lastIndex { $0 != 0 })
        #expect(padded[marker] == 0x80, "ISO/IEC 7816-4 padding")
        return Array(padded[..<marker])
    }

    /// `08 A4 02 0C` with the FID as an `86` cryptogram under `counter` (default: the next one).
    mutating func select(_ fid: FileIdentifier, counter: UInt64? = nil) throws -> [UInt8] {
        try command(ins: 0xA4, p1: 0x02, p2: 0x0C, plaintext: fid.bytes, counter: counter)
    }

    /// `08 20 00 <p2>` with the value as an `86` cryptogram.
    mutating func verify(_ value: String, p2: UInt8, counter: UInt64? = nil) throws -> [UInt8] {
        try command(ins: 0x20, p1: 0x00, p2: p2, plaintext: Array(value.utf8), counter: counter)
    }

    /// `08 B0 00 00` with `96 01 00` (256 bytes expected).
    mutating func readBinary() -> [UInt8] {
        counter += 1
        return [0x08, 0xB0, 0x00, 0x00, 0x03, 0x96, 0x01, 0x00, 0x00]
    }

    mutating func command(ins: UInt8, p1: UInt8, p2: UInt8, plaintext: [UInt8], counter chosen: UInt64?) throws -> [UInt8] {
        let cryptogram = try encrypt(plaintext, counter: chosen ?? counter)
        counter += 1
        let object = BERTLV.encode(tag: BERTag(0x86), value: cryptogram)
        return [0x08, ins, p1, p2, UInt8(object.count)] + object
    }
}

/// SET SESSION KEY with extended Lc.
private func setSessionKey(_ data: [UInt8]) -> [UInt8] {
    [0x80, 0xAE, 0x00, 0x00, 0x00, UInt8(data.count >> 8), UInt8(data.count & 0xFF)] + data
}

/// A fixed seed (tests stay deterministic).
private let seed: [UInt8] = (0..<32).map { UInt8($0 &* 7 &+ 3) }

@Suite("Secure messaging (card facts §3, fidelity item 11)")
struct SecureMessagingTests {
    /// Selects the text applet, verifies its PIN in clear and reads the EF 0006 key through the card.
    static func transportKey(_ card: SimulatedCard) throws -> _RSA.Encryption.PublicKey {
        try card.open(.cardInfoInputSupport, CardInfoInputSupportFile.pin)
        #expect(try card.send(APDU.verify("1234")).sw == 0x9000)
        let file = try card.readWhole(ElementaryFile.textSessionKey.identifier)
        #expect(file.sw == 0x9000)
        let outer = try BERTLV.parseFile(file.data)
        let key = try #require(outer.nodes.first { $0.tag == BERTag(0xA1) })
        let parts = try BERTLV.parse(Array(key.value))
        let exponent = try #require(parts.first { $0.tag == BERTag(0x90) })
        let modulus = try #require(parts.first { $0.tag == BERTag(0x91) })
        return try _RSA.Encryption.PublicKey(n: Array(modulus.value), e: Array(exponent.value))
    }

    /// The seed sealed to the card's EF 0006 key.
    static func sealedSeed(_ card: SimulatedCard) throws -> [UInt8] {
        Array(try transportKey(card).encrypt(seed, padding: .PKCS1_OAEP_SHA256))
    }

    /// A card with a session set on the text applet (its PIN verified in clear).
    fileprivate static func cardInSession() throws -> (SimulatedCard, TerminalSession) {
        let card = try SimulatedCard(persona: .standard)
        let sealed = try sealedSeed(card)
        #expect(try card.send(setSessionKey(sealed)).sw == 0x9000)
        return (card, TerminalSession(seed: seed))
    }

    @Test("common and card face applets answer 66F1; JPKI and the resident registry 6982, whatever was verified")
    func otherApplets() throws {
        let card = try SimulatedCard(persona: .standard)
        let sealed = try Self.sealedSeed(card)
        for aid in [ApplicationIdentifier.commonCard, .cardFaceConfirmation] {
            try card.open(aid)
            #expect(try card.send(setSessionKey(sealed)).sw == 0x66F1)
        }
        try card.open(.jpki)
        #expect(try card.send(setSessionKey(sealed)).sw == 0x6982)
        try card.open(.jpki, JPKIFile.authenticationPIN)
        #expect(try card.send(APDU.verify("1234")).sw == 0x9000)
        #expect(try card.send(setSessionKey(sealed)).sw == 0x6982)
        try card.open(.residentRegistry)
        #expect(try card.send(setSessionKey(sealed)).sw == 0x6982)
        try card.open(.residentRegistry, ResidentRegistryFile.pin)
        #expect(try card.send(APDU.verify("1234")).sw == 0x9000)
        #expect(try card.send(setSessionKey(sealed)).sw == 0x6982)
        // CLA 08 stays unsupported outside the text applet.
        #expect(try card.send([0x08, 0xB0, 0x00, 0x00, 0x03, 0x96, 0x01, 0x00, 0x00]).sw == 0x6882)
    }

    @Test("the text applet needs its PIN verified in clear first: 6982 before, and after PIN-A only")
    func textPINFirst() throws {
        let card = try SimulatedCard(persona: .standard)
        let sealed = try Self.sealedSeed(card)
        // Reading EF 0006 verified the PIN; another applet clears it.
        try card.open(.jpki)
        try card.open(.cardInfoInputSupport)
        #expect(try card.send(setSessionKey(sealed)).sw == 0x6982)
        #expect(try card.send(APDU.selectFile(CardInfoInputSupportFile.pinA)).sw == 0x9000)
        #expect(try card.send(APDU.verify("901234567893")).sw == 0x9000)
        #expect(try card.send(setSessionKey(sealed)).sw == 0x6982)
        #expect(try card.send(APDU.selectFile(CardInfoInputSupportFile.pin)).sw == 0x9000)
        #expect(try card.send(APDU.verify("1234")).sw == 0x9000)
        #expect(try card.send(setSessionKey(sealed)).sw == 0x9000)
    }

    @Test("a seed for another key answers 6A80; an integer not below the modulus 6F00")
    func badSeeds() throws {
        let card = try SimulatedCard(persona: .standard)
        _ = try Self.transportKey(card)
        let other = try card.image.cardFaceCAPublicKey.getKeyPrimitives()
        let otherKey = try _RSA.Encryption.PublicKey(n: other.modulus, e: other.publicExponent)
        // OAEP is randomised: take a cryptogram below the card's modulus (one not below it answers 6F00).
        let modulus = Array(try card.image.cardInfoCAPublicKey.getKeyPrimitives().modulus.drop { $0 == 0 })
        var forOther: [UInt8] = []
        for _ in 0..<64 where forOther.isEmpty {
            let attempt = Array(try otherKey.encrypt(seed, padding: .PKCS1_OAEP_SHA256))
            if attempt.lexicographicallyPrecedes(modulus) { forOther = attempt }
        }
        #expect(forOther.count == 256)
        #expect(try card.send(setSessionKey(forOther)).sw == 0x6A80)
        #expect(try card.send(setSessionKey([UInt8](repeating: 0xFF, count: 256))).sw == 0x6F00)
        // Neither started a session.
        var terminal = TerminalSession(seed: seed)
        #expect(try card.send(terminal.select(CardInfoInputSupportFile.individualNumber)).sw == 0x6982)
    }

    @Test("round trip: secure SELECT and READ BINARY of EF 0001, the reply decrypted; a secure VERIFY by SFI")
    func roundTrip() throws {
        let (card, start) = try Self.cardInSession()
        var terminal = start
        let plain = try card.readWhole(CardInfoInputSupportFile.individualNumber)
        #expect(plain.sw == 0x9000)
        // The clear READ was not a secure command: the counter is still 1.
        #expect(try card.send(terminal.select(CardInfoInputSupportFile.individualNumber)) == Answer(data: [], sw: 0x9000))
        let readCounter = terminal.counter
        let reply = try card.send(terminal.readBinary())
        #expect(reply.sw == 0x9000)
        let object = try BERTLV.parseSingle(reply.data[...])
        #expect(object.tag == BERTag(0x86))
        #expect(object.value.count % 16 == 0)
        #expect(try terminal.decrypt(Array(object.value), counter: readCounter) == plain.data)
        #expect(Array(object.value) != plain.data)
        // VERIFY by SFI (80|11) under secure messaging.
        #expect(try card.send(terminal.verify("1234", p2: 0x91)).sw == 0x9000)
        #expect(try card.send(terminal.verify("9999", p2: 0x91)).sw == 0x63C2)
        #expect(try card.send(terminal.verify("1234", p2: 0x91)).sw == 0x9000)
    }

    @Test("rejected secure commands advance the counter too")
    func rejectedAdvances() throws {
        let (card, start) = try Self.cardInSession()
        var terminal = start
        #expect(try card.send(terminal.select(FileIdentifier(0x0099))).sw == 0x6A82)
        #expect(try card.send([0x08, 0xCA, 0x00, 0x01, 0x00]).sw == 0x6882)
        terminal.counter += 1
        #expect(try card.send(terminal.select(CardInfoInputSupportFile.individualNumber)).sw == 0x9000)
    }

    @Test("CLA 0C (a MAC) answers 6987")
    func macRefused() throws {
        let (card, start) = try Self.cardInSession()
        var terminal = start
        var command = try terminal.select(CardInfoInputSupportFile.individualNumber)
        command[0] = 0x0C
        #expect(try card.send(command).sw == 0x6987)
    }

    @Test("a malformed object answers 6988 and destroys the session: later secure commands 69FC until a new SET SESSION KEY")
    func malformedObject() throws {
        let (card, start) = try Self.cardInSession()
        var terminal = start
        var command = try terminal.select(CardInfoInputSupportFile.individualNumber)
        command[5] = 0x87
        #expect(try card.send(command).sw == 0x6988)
        #expect(try card.send(terminal.select(CardInfoInputSupportFile.individualNumber)).sw == 0x69FC)
        #expect(try card.send(terminal.readBinary()).sw == 0x69FC)
        // A new SET SESSION KEY starts over at counter 1.
        let sealed = Array(try Self.transportKey(card).encrypt(seed, padding: .PKCS1_OAEP_SHA256))
        #expect(try card.send(setSessionKey(sealed)).sw == 0x9000)
        var again = TerminalSession(seed: seed)
        #expect(try card.send(again.select(CardInfoInputSupportFile.individualNumber)).sw == 0x9000)
    }

    @Test("a wrong counter answers 6988, then 69FC even with the right one")
    func wrongCounter() throws {
        let (card, start) = try Self.cardInSession()
        var terminal = start
        #expect(try card.send(terminal.select(CardInfoInputSupportFile.individualNumber, counter: 2)).sw == 0x6988)
        #expect(try card.send(terminal.select(CardInfoInputSupportFile.individualNumber, counter: 2)).sw == 0x69FC)
    }

    @Test("selecting an applet (the same one included), a warm reset or a power-off ends the session")
    func sessionEnds() async throws {
        let (card, start) = try Self.cardInSession()
        var terminal = start
        #expect(try card.send(terminal.select(CardInfoInputSupportFile.individualNumber)).sw == 0x9000)
        try card.open(.cardInfoInputSupport)
        #expect(try card.send(terminal.select(CardInfoInputSupportFile.individualNumber)).sw == 0x6982)
        #expect(try card.send(terminal.select(CardInfoInputSupportFile.individualNumber, counter: 1)).sw == 0x6982)

        let (warm, warmStart) = try Self.cardInSession()
        var warmTerminal = warmStart
        _ = try await warm.reset()
        try warm.open(.cardInfoInputSupport)
        #expect(try warm.send(warmTerminal.select(CardInfoInputSupportFile.individualNumber)).sw == 0x6982)

        let (second, fresh) = try Self.cardInSession()
        var other = fresh
        try await second.powerOff()
        try second.open(.cardInfoInputSupport)
        #expect(try second.send(other.select(CardInfoInputSupportFile.individualNumber)).sw == 0x6982)
    }
}
