import Foundation
import MynaCard
import MynaCodec
import MynaISO7816
import MynaSimulator
import Testing

/// The readers use the fewest APDUs the card allows: READ BINARY by SFI (no SELECT EF), one extended-length
/// READ BINARY per file where accepted, 256-byte chunks where not; an applet is selected once.
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

    static func chunks(_ length: Int) -> Int { (length + 255) / 256 }

    static func contentLength(_ image: CardImage, _ application: ApplicationIdentifier, _ file: UInt16) throws -> Int {
        let bytes = try #require(image.fileContent(application: application, file: FileIdentifier(file)))
        return try BERTLV.parseFile(bytes).contentLength
    }

    /// READ BINARYs for files of these lengths in this mode, plus the one 6700 probe when probing.
    static func reads(_ lengths: [Int], _ mode: Mode) -> Int {
        switch mode {
        case .extended: lengths.count
        case .shortKnown: lengths.map(chunks).reduce(0, +)
        case .shortProbed: lengths.map(chunks).reduce(0, +) + 1
        }
    }

    /// The log-out at the end of a verifying operation: the SELECTs by DF name after its last other command —
    /// the ISD first; where the card refuses it, one other applet.
    static func logOut(_ counter: CountingTransport) -> Int {
        let selects = counter.commands.reversed().prefix { $0.isSelectApplet }
        #expect(selects.last?.data == MyNumberCard.issuerSecurityDomain.bytes, "the log-out starts with the ISD")
        #expect((1...2).contains(selects.count))
        return selects.count
    }

    @Test(arguments: Mode.allCases)
    func tokenInfo(_ mode: Mode) async throws {
        let (card, _, counter) = try Self.open(mode)
        _ = try await card.jpki.tokenInfo()
        #expect(counter.count == 2)  // 160 bytes: a short READ BINARY in every mode
        #expect(counter.commands.allSatisfy { !$0.isExtended })
    }

    @Test(arguments: Mode.allCases)
    func authenticationCertificate(_ mode: Mode) async throws {
        let (card, simulator, counter) = try Self.open(mode)
        let certificate = try await card.jpki.authenticationCertificate()
        let length = certificate.derEncoded.count
        #expect(length == (try Self.contentLength(simulator.image, .jpki, 0x000A)))
        #expect(counter.count == 1 + Self.reads([length], mode))
        #expect(counter.commands.filter(\.isSelectFile).isEmpty)
        if mode == .extended {
            #expect(counter.instructions == [0xA4, 0xB0])
        }
    }

    @Test(arguments: Mode.allCases)
    func individualNumber(_ mode: Mode) async throws {
        let (card, simulator, counter) = try Self.open(mode)
        _ = try await card.cardInfoInputSupport.individualNumber(using: Passcode(.cardInfoPIN, "1234"))
        let image = simulator.image
        let lengths = [
            try Self.contentLength(image, .cardInfoInputSupport, 0x0003), try Self.contentLength(image, .cardInfoInputSupport, 0x0004), 17,
        ]
        // SELECT applet, SELECT PIN EF, empty VERIFY, VERIFY + the reads + the log-out.
        #expect(counter.count == 4 + Self.reads(lengths, mode) + Self.logOut(counter))
        #expect(counter.commands.filter(\.isSelectFile).count == 1)
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
        let lengths = [faceLength, try Self.contentLength(image, .cardFaceConfirmation, 0x0004)]
        let logOut = Self.logOut(counter)
        #expect(counter.count == 4 + Self.reads(lengths, mode) + logOut)
        #expect(face.facePhoto.count > 0)
        if mode == .extended { #expect(counter.count == 6 + logOut) }
    }

    @Test(arguments: Mode.allCases)
    func signing(_ mode: Mode) async throws {
        let (card, simulator, counter) = try Self.open(mode)
        _ = try await card.jpki.sign(message: [1], key: .userAuthentication, passcode: Passcode(.userAuthenticationPIN, "1234"))
        let length = try Self.contentLength(simulator.image, .jpki, 0x000A)
        // SELECT applet, SELECT PIN EF, empty VERIFY, VERIFY, read the certificate, SELECT key EF, SIGN, log-out.
        #expect(counter.count == 6 + Self.reads([length], mode) + Self.logOut(counter))
        #expect(counter.commands.filter(\.isVerifyWithData).count == 1)

        // With the certificate already in hand, no read.
        let certificate = try await card.jpki.authenticationCertificate()
        counter.clear()
        _ = try await card.jpki.sign(
            message: [2], key: .userAuthentication, passcode: Passcode(.userAuthenticationPIN, "1234"), certificate: certificate)
        #expect(counter.count == 5 + Self.logOut(counter))  // the certificate read left the applet selected
    }

    @Test(arguments: Mode.allCases)
    func cardIdentity(_ mode: Mode) async throws {
        let (card, _, counter) = try Self.open(mode)
        _ = try await card.commonCard.cardIdentity()
        #expect(counter.instructions == [0xA4, 0xB2])
    }

    @Test func appletsAreSelectedOnce() async throws {
        let (card, _, counter) = try Self.open(.extended)
        _ = try await card.jpki.tokenInfo()
        _ = try await card.jpki.certificatePresence()
        _ = try await card.jpki.authenticationCertificate()
        _ = try await card.jpki.authenticationCACertificate()
        #expect(counter.commands.filter(\.isSelectApplet).count == 1)
        #expect(counter.count == 5)
    }
}
