import Foundation
@testable import MynaCard
import MynaCodec
import MynaISO7816
import MynaSimulator
import MynaTransport
import Testing

/// The readers approach the physical minimum on the wire (issue 14), and send no APDU the card does not need:
/// - READ BINARY by SFI (no SELECT EF); the first READ BINARY asks for the length the reader expects — fixed by
///   the format (card-verifiable certificate 568 bytes, integrity record 336), learned from an earlier read,
///   or one APDU's worth of bytes on the link (242 on the default, contactless) — and the rest, if any, is
///   asked for exactly: no filler crosses the link beyond that first estimate. (Before: one READ BINARY with
///   Le 65536 that brought the whole physical file, filler included — 2048 bytes for an 887-byte certificate.)
/// - VERIFY and COMPUTE DIGITAL SIGNATURE name the PIN and key by SFI (`P2 = 80|SFI`), the VERIFY form only
///   after the empty VERIFY showed the card takes it (the simulator does): no SELECT EF at all.
/// - A free file is read once per connection; an applet is selected once.
@Suite struct SimulatorAPDUCountTests {
    enum Mode: String, Sendable, CaseIterable {
        /// The card accepts extended length.
        case extended
        /// Short APDUs only, and the caller said so (a reader limited to short APDUs).
        case shortKnown
        /// Short APDUs only, learned from the card's first `6700`.
        case shortProbed
    }

    static func open(_ mode: Mode) throws -> (MyNumberCard, SimulatedCard, CountingTransport) {
        try Simulator.open(
            .standard, faults: FaultInjection(shortAPDUsOnly: mode != .extended), knownShortOnly: mode == .shortKnown)
    }

    /// What the reader asks for first with no hint on the default link.
    static let cold = LinkProfile.contactlessTypeBAt424k.apduCostInBytes

    static func chunks(_ length: Int) -> Int { (length + 255) / 256 }

    static func contentLength(_ image: CardImage, _ application: ApplicationIdentifier, _ file: UInt16) throws -> Int {
        let bytes = try #require(image.fileContent(application: application, file: FileIdentifier(file)))
        return try BERTLV.parseFile(bytes).contentLength
    }

    /// READ BINARYs (6700 probes excluded) for a file of `length` bytes whose first READ asks for `first`.
    static func reads(_ length: Int, first: Int, _ mode: Mode) -> Int {
        let firstCount = mode == .extended ? first : min(first, 256)
        guard length > firstCount else { return 1 }
        return 1 + (mode == .extended ? 1 : chunks(length - firstCount))
    }

    /// The data bytes the READ BINARYs of `counter` brought back.
    static func readBytes(_ counter: CountingTransport) -> Int {
        zip(counter.commands, counter.responses).filter { $0.0.isReadBinary }.map(\.1.data.count).reduce(0, +)
    }

    /// The 6700 answers (extended length refused) in `counter`.
    static func probes(_ counter: CountingTransport) -> Int {
        counter.responses.filter { $0.statusWord == .wrongLength }.count
    }

    /// The log-out at the end of a verifying operation: the SELECTs by DF name after its last other command —
    /// the ISD first; where the card refuses it, one other applet.
    static func logOut(_ counter: CountingTransport) -> Int {
        let selects = counter.commands.reversed().prefix { $0.isSelectApplet }
        #expect(selects.last?.data == ApplicationIdentifier.issuerSecurityDomain.bytes, "the log-out starts with the ISD")
        #expect((1...2).contains(selects.count))
        return selects.count
    }

    @Test(arguments: Mode.allCases)
    func tokenInfo(_ mode: Mode) async throws {
        let (card, _, counter) = try Self.open(mode)
        _ = try await card.jpki.tokenInfo()
        #expect(counter.count == 2)  // 160 bytes: a short READ BINARY in every mode
        #expect(counter.commands.allSatisfy { !$0.isExtended })
        #expect(Self.readBytes(counter) == 160)
    }

    @Test("User-authentication certificate: 242 bytes, then exactly the rest; no filler", arguments: Mode.allCases)
    func authenticationCertificate(_ mode: Mode) async throws {
        let (card, simulator, counter) = try Self.open(mode)
        let certificate = try await card.jpki.authenticationCertificate()
        let length = certificate.derEncoded.count
        #expect(length == (try Self.contentLength(simulator.image, .jpki, 0x000A)))
        #expect(length > Self.cold)
        #expect(counter.count == 1 + Self.reads(length, first: Self.cold, mode) + (mode == .shortProbed ? 1 : 0))
        #expect(Self.probes(counter) == (mode == .shortProbed ? 1 : 0))
        #expect(Self.readBytes(counter) == length)  // exactly the DER: 0 bytes of the 2048-byte file's filler
        #expect(counter.commands.filter(\.isSelectFile).isEmpty)
        if mode == .extended {
            #expect(counter.instructions == [0xA4, 0xB0, 0xB0])
            #expect(counter.commands[1].p1 == 0x8A && counter.commands[1].ne == Self.cold)
            #expect(counter.commands[2].ne == length - Self.cold)
        }
    }

    @Test("The same file on the next card of a reception desk (shared size hints): one READ BINARY", arguments: Mode.allCases)
    func authenticationCertificateLearned(_ mode: Mode) async throws {
        let hints = ReadSizeHints()
        let (first, _, _) = try Self.open(mode)
        let learning = MyNumberCard(transport: first.transport, capabilities: first.iso7816.capabilities, sizeHints: hints)
        let length = try await learning.jpki.authenticationCertificate().derEncoded.count

        let (next, _, counter) = try Self.open(mode)
        let card = MyNumberCard(transport: counter, capabilities: next.iso7816.capabilities, sizeHints: hints)
        _ = try await card.jpki.authenticationCertificate()
        let margin = max(1, Self.cold / 8)
        switch mode {
        case .extended:
            #expect(counter.instructions == [0xA4, 0xB0])
            #expect(counter.commands[1].ne == length + margin)
            #expect(Self.readBytes(counter) == length + margin)  // the margin is the only filler
        case .shortKnown:
            #expect(counter.count == 1 + Self.chunks(length))  // the physical minimum on a short-only card
            #expect(Self.readBytes(counter) == length)
        case .shortProbed:
            #expect(counter.count == 1 + Self.chunks(length) + 1)  // + the one 6700 of a new card
            #expect(Self.readBytes(counter) == length)
        }
    }

    @Test(arguments: Mode.allCases)
    func individualNumber(_ mode: Mode) async throws {
        let (card, simulator, counter) = try Self.open(mode)
        _ = try await card.cardInfoInputSupport.individualNumber(using: Passcode(.cardInfoPIN, "1234"))
        let image = simulator.image
        let integrity = try Self.contentLength(image, .cardInfoInputSupport, 0x0003)
        let certificate = try Self.contentLength(image, .cardInfoInputSupport, 0x0004)
        #expect(integrity == 336 && certificate == 568)  // the lengths the format fixes: read exactly
        let reads = Self.reads(integrity, first: integrity, mode) + Self.reads(certificate, first: certificate, mode) + 1
        // SELECT applet, empty VERIFY (P2 91), VERIFY (P2 91) + the reads, then the log-out.
        #expect(counter.count == 3 + reads + (mode == .shortProbed ? 1 : 0) + Self.logOut(counter))
        #expect(counter.commands.filter(\.isSelectFile).isEmpty)
        #expect(counter.commands.filter { $0.ins == 0x20 }.map(\.p2) == [0x91, 0x91])
        #expect(Self.readBytes(counter) == integrity + certificate + 17)
    }

    @Test(arguments: Mode.allCases)
    func cardFace(_ mode: Mode) async throws {
        let (card, simulator, counter) = try Self.open(mode)
        let persona = Persona.standard
        let pinB = try Passcode.pinB(
            birthDate: persona.birthDate.card, cardExpiryYear: persona.effectiveCardExpiry.year,
            securityCode: persona.securityCode, for: .cardFacePINB)
        let face = try await card.cardFace.cardFace(using: pinB)
        let image = simulator.image
        let faceLength = try Self.contentLength(image, .cardFaceConfirmation, 0x0002)
        let certificate = try Self.contentLength(image, .cardFaceConfirmation, 0x0004)
        let reads = Self.reads(faceLength, first: Self.cold, mode) + Self.reads(certificate, first: certificate, mode)
        let logOut = Self.logOut(counter)
        #expect(counter.count == 3 + reads + (mode == .shortProbed ? 1 : 0) + logOut)
        #expect(face.facePhoto.count > 0)
        #expect(Self.readBytes(counter) == faceLength + certificate)  // 8192-byte file: no filler
        if mode == .extended { #expect(Array(counter.instructions.dropLast(logOut)) == [0xA4, 0x20, 0x20, 0xB0, 0xB0, 0xB0]) }
    }

    @Test("Signing: empty VERIFY and VERIFY by SFI (P2 98), COMPUTE DIGITAL SIGNATURE by SFI (P2 97), no SELECT EF", arguments: Mode.allCases)
    func signing(_ mode: Mode) async throws {
        let (card, simulator, counter) = try Self.open(mode)
        _ = try await card.jpki.sign(message: [1], key: .userAuthentication, passcode: Passcode(.userAuthenticationPIN, "1234"))
        let length = try Self.contentLength(simulator.image, .jpki, 0x000A)
        // SELECT applet, empty VERIFY, VERIFY, read the certificate, SIGN, then the log-out.
        let logOut = Self.logOut(counter)
        #expect(counter.count == 4 + Self.reads(length, first: Self.cold, mode) + (mode == .shortProbed ? 1 : 0) + logOut)
        #expect(counter.commands.filter(\.isVerifyWithData).count == 1)
        #expect(counter.commands.filter(\.isSelectFile).isEmpty)
        let verifies = counter.commands.filter { $0.ins == 0x20 }
        #expect(verifies.map(\.p2) == [0x98, 0x98])
        #expect(verifies.first?.data.isEmpty == true)  // the short form was shown on the empty VERIFY first
        let sign = counter.commands.dropLast(logOut).last
        #expect(sign?.ins == 0x2A && sign?.p2 == 0x97)
        #expect(card.iso7816.capabilities.verifyByShortIdentifier == .supported)
        #expect(card.iso7816.capabilities.signByShortIdentifier == .supported)

        // With the certificate already in hand, no read.
        let certificate = try await card.jpki.authenticationCertificate()
        counter.clear()
        _ = try await card.jpki.sign(
            message: [2], key: .userAuthentication, passcode: Passcode(.userAuthenticationPIN, "1234"), certificate: certificate)
        // The certificate read (free) left the applet selected.
        #expect(Array(counter.instructions.dropLast(Self.logOut(counter))) == [0x20, 0x20, 0x2A])

        // Without it, the copy this connection already read is used (a log-out keeps free files): still no read;
        // the signing before logged out, so the applet is selected again.
        counter.clear()
        _ = try await card.jpki.sign(message: [3], key: .userAuthentication, passcode: Passcode(.userAuthenticationPIN, "1234"))
        #expect(Array(counter.instructions.dropLast(Self.logOut(counter))) == [0xA4, 0x20, 0x20, 0x2A])
    }

    @Test("Signing with the signature key: P2 9A, its certificate (password-protected) read and never kept")
    func signatureKey() async throws {
        let (card, _, counter) = try Self.open(.extended)
        let password = try Passcode(.signaturePassword, Persona.standard.credentials?.signaturePassword ?? "")
        _ = try await card.jpki.sign(message: [1], key: .signature, passcode: password)
        #expect(counter.commands.dropLast(Self.logOut(counter)).last?.p2 == 0x9A)
        #expect(counter.commands.filter { $0.ins == 0x20 }.map(\.p2) == [0x9B, 0x9B])
        counter.clear()
        _ = try await card.jpki.sign(message: [2], key: .signature, passcode: password)
        #expect(counter.commands.filter(\.isReadBinary).count >= 1)  // PIN-protected content: read again
    }

    @Test(arguments: Mode.allCases)
    func cardIdentity(_ mode: Mode) async throws {
        let (card, _, counter) = try Self.open(mode)
        _ = try await card.commonCard.cardIdentity()
        #expect(counter.instructions == [0xA4, 0xB2])
    }

    @Test func appletsAreSelectedOnce() async throws {
        let (card, simulator, counter) = try Self.open(.extended)
        _ = try await card.jpki.tokenInfo()
        _ = try await card.jpki.certificatePresence()
        _ = try await card.jpki.authenticationCertificate()
        _ = try await card.jpki.authenticationCACertificate()
        #expect(counter.commands.filter(\.isSelectApplet).count == 1)
        let certificate = try Self.contentLength(simulator.image, .jpki, 0x000A)
        let ca = try Self.contentLength(simulator.image, .jpki, 0x000B)
        #expect(
            counter.count
                == 3 + Self.reads(certificate, first: Self.cold, .extended) + Self.reads(ca, first: Self.cold, .extended))
    }

    // MARK: One read per connection

    @Test("A free file is read once per connection: the certificate twice costs its READs once")
    func freeFileReadOnce() async throws {
        let (card, _, counter) = try Self.open(.extended)
        let first = try await card.jpki.authenticationCertificate()
        let reads = counter.commands.filter(\.isReadBinary).count
        let second = try await card.jpki.authenticationCertificate()
        #expect(second.derEncoded == first.derEncoded)
        #expect(counter.commands.filter(\.isReadBinary).count == reads)
        _ = try await card.jpki.tokenInfo()
        _ = try await card.jpki.tokenInfo()
        #expect(counter.commands.filter(\.isReadBinary).count == reads + 1)
    }

    @Test("The kept copies go on reset, on log-out (dropSessionCache) and when the card is pulled")
    func cacheDropped() async throws {
        let (card, simulator, counter) = try Self.open(.extended)
        func certificateReads() async throws -> Int {
            counter.clear()
            _ = try await card.jpki.authenticationCertificate()
            return counter.commands.filter(\.isReadBinary).count
        }
        #expect(try await certificateReads() == 2)
        #expect(try await certificateReads() == 0)
        try await card.iso7816.reset()
        #expect(try await certificateReads() == 1)  // learned length: one READ
        #expect(try await certificateReads() == 0)
        card.dropSessionCache()
        #expect(try await certificateReads() == 1)
        #expect(try await certificateReads() == 0)
        // Pulled: the next command that reaches the card fails (on PC/SC, already the transaction's start),
        // and what was kept from it goes.
        simulator.remove()
        await #expect(throws: TransportError.self) { try await card.jpki.signatureCACertificate() }
        simulator.insert()
        #expect(try await certificateReads() == 1)
    }

    @Test("PIN-protected content is never kept: the card face twice is read twice")
    func protectedNotKept() async throws {
        let (card, _, counter) = try Self.open(.extended)
        let persona = Persona.standard
        let pinB = try Passcode.pinB(
            birthDate: persona.birthDate.card, cardExpiryYear: persona.effectiveCardExpiry.year,
            securityCode: persona.securityCode, for: .cardFacePINB)
        _ = try await card.cardFace.cardFace(using: pinB)
        counter.clear()
        _ = try await card.cardFace.cardFace(using: pinB)
        #expect(counter.commands.filter { $0.isReadBinary && $0.p1 == 0x82 }.count == 1)  // EF 0002 by SFI again
        // With the PIN, a token's certificate read is not kept either.
        let (pinCard, _, pinCounter) = try Self.open(.extended)
        let pin = try Passcode(.userAuthenticationPIN, "1234")
        _ = try await pinCard.jpki.authenticationCertificate(pin: pin)
        pinCounter.clear()
        _ = try await pinCard.jpki.authenticationCertificate()
        #expect(pinCounter.commands.filter(\.isReadBinary).count >= 1)
    }
}
