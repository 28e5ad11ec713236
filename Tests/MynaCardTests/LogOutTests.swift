import MynaCard
import MynaCodec
import MynaISO7816
import MynaSimulator
import MynaTransport
import Synchronization
import Testing

/// Every operation that verifies a credential leaves the card logged out, inside the transaction of the
/// VERIFY — proved by an "attacker" that uses the card right after the operation returned (or threw)
/// **without re-selecting** anything, so that the simulator's own rules on re-selection do not decide the
/// outcome: it asks the card to sign with both JPKI keys and to read every protected file by SFI.
@Suite("Log-out after every verifying operation")
struct LogOutTests {
    /// A command sent on the card's state as the operation left it, and whether its answer leaks.
    struct Probe: Sendable {
        let name: String
        let command: CommandAPDU
        let leaks: @Sendable (ResponseAPDU) -> Bool

        static func sign(_ p2: UInt8, _ name: String) throws -> Probe {
            let digestInfo = DigestAlgorithm.sha256.digestInfo(hashing: Array("attack".utf8))
            return Probe(
                name: name, command: try CommandAPDU(cla: 0x80, ins: 0x2A, p1: 0x00, p2: p2, data: digestInfo, ne: 256)
            ) { $0.statusWord.isSuccess && $0.data.count == 256 }
        }

        static func read(sfi: UInt8, startingWith prefix: [UInt8], _ name: String) throws -> Probe {
            Probe(name: name, command: try CommandAPDU(ins: 0xB0, p1: 0x80 | sfi, p2: 0x00, ne: 256)) {
                $0.statusWord.isSuccess && $0.data.starts(with: prefix)
            }
        }
    }

    static func probes() throws -> [Probe] {
        [
            try .sign(0x97, "JPKI: sign with the user-authentication key (P2 97)"),
            try .sign(0x9A, "JPKI: sign with the signature key (P2 9A)"),
            try .read(sfi: 0x01, startingWith: [0x30, 0x82], "JPKI: the signature certificate (SFI 01)"),
            try .read(sfi: 0x01, startingWith: [0xFF, 0x10, 0x0C], "text: the individual number (SFI 01)"),
            try .read(sfi: 0x02, startingWith: [0xFF, 0x20], "text/surface: attributes or card face (SFI 02)"),
            try .read(sfi: 0x03, startingWith: [0xFF, 0x30, 0x82], "text: the integrity record (SFI 03)"),
            try .read(sfi: 0x05, startingWith: [0xFF, 0x40, 0x82], "surface: the number image (SFI 05)"),
            try .read(sfi: 0x01, startingWith: [0xFF, 0x10, 0x82], "surface: the age record (SFI 01)"),
            try .read(sfi: 0x07, startingWith: [0xFF, 0x50], "text: the card key record (SFI 07)"),
        ]
    }

    /// The probes that leak on the card's state right now (sent straight to the simulator, no SELECT).
    static func leaks(on simulator: SimulatedCard) async throws -> [String] {
        var leaked: [String] = []
        for probe in try probes() {
            let response = try await simulator.transmit(probe.command)
            if probe.leaks(response) { leaked.append(probe.name) }
        }
        return leaked
    }

    struct Setup {
        let persona: Persona
        let simulator: SimulatedCard
        let transport: TransactionRecordingTransport
        let card: MyNumberCard

        init(_ persona: Persona = .standard) throws {
            self.persona = persona
            simulator = try SimulatedCard(persona: persona, now: Simulator.now)
            transport = TransactionRecordingTransport(simulator)
            card = MyNumberCard(transport: transport)
        }

        var credentials: Persona.Credentials { persona.credentials ?? Persona.Credentials(pin: "0000", signaturePassword: "NONE00") }
        var pin: Passcode { get throws { try Passcode(.userAuthenticationPIN, credentials.authenticationPIN) } }
        var password: Passcode { get throws { try Passcode(.signaturePassword, credentials.signaturePassword) } }
        var cardInfoPIN: Passcode { get throws { try Passcode(.cardInfoPIN, credentials.cardInfoPIN) } }
        var textPINA: Passcode { get throws { try Passcode.pinA(try IndividualNumber(persona.individualNumber)) } }
        var facePINA: Passcode {
            get throws { try Passcode.pinA(try IndividualNumber(persona.individualNumber), for: .cardFacePINA) }
        }
        var textPINB: Passcode {
            get throws {
                try Passcode.pinB(
                    birthDate: persona.birthDate.card, cardExpiryYear: persona.effectiveCardExpiry.year,
                    securityCode: persona.securityCode)
            }
        }
        var facePINB: Passcode {
            get throws {
                try Passcode.pinB(
                    birthDate: persona.birthDate.card, cardExpiryYear: persona.effectiveCardExpiry.year,
                    securityCode: persona.securityCode, for: .cardFacePINB)
            }
        }

        /// Runs `operation`, then checks: no probe leaks; every transaction that sent a VERIFY with data ended
        /// with a SELECT by DF name that the card accepted (the log-out) after the last VERIFY.
        ///
        /// With `cardAcceptsLogOut` false (a one-applet token without a selectable ISD), only that the log-out
        /// was tried — a SELECT of the ISD after the VERIFY, in its transaction — is checked.
        func expectLoggedOut(
            _ name: String, cardAcceptsLogOut: Bool = true, sourceLocation: SourceLocation = #_sourceLocation,
            _ operation: (MyNumberCard) async throws -> Void
        ) async throws {
            transport.clear()
            do { try await operation(card) } catch {}
            if cardAcceptsLogOut {
                let leaked = try await LogOutTests.leaks(on: simulator)
                #expect(leaked.isEmpty, "\(name) left the card usable: \(leaked)", sourceLocation: sourceLocation)
            }
            let transactions = transport.transactions
            let verifying = transactions.filter { $0.contains { $0.command.isVerifyWithData } }
            #expect(!verifying.isEmpty, "\(name) sent no VERIFY", sourceLocation: sourceLocation)
            for exchanges in verifying {
                let lastVerify = exchanges.lastIndex { $0.command.isVerifyWithData } ?? 0
                let selects = exchanges[(lastVerify + 1)...].filter { $0.command.ins == 0xA4 && $0.command.p1 == 0x04 }
                #expect(
                    selects.first?.command.data == ApplicationIdentifier.issuerSecurityDomain.bytes,
                    "\(name): the log-out does not start with the ISD", sourceLocation: sourceLocation)
                if cardAcceptsLogOut {
                    #expect(
                        selects.contains { $0.response.statusWord.isSuccess },
                        "\(name): no accepted SELECT after the VERIFY in its transaction", sourceLocation: sourceLocation)
                }
            }
            #expect(card.iso7816.selectedApplication == nil, "\(name) kept the selection", sourceLocation: sourceLocation)
        }
    }

    @Test("JPKI: signing with either key, reading the signature certificate, changing the PIN; success and failure")
    func jpki() async throws {
        let setup = try Setup()
        try await setup.expectLoggedOut("sign --key auth") {
            _ = try await $0.jpki.sign(message: [1, 2, 3], key: .userAuthentication, passcode: try setup.pin)
        }
        try await setup.expectLoggedOut("sign --key signature") {
            _ = try await $0.jpki.sign(message: [1, 2, 3], key: .signature, passcode: try setup.password)
        }
        try await setup.expectLoggedOut("certificate signature") {
            _ = try await $0.jpki.signatureCertificate(password: try setup.password)
        }
        try await setup.expectLoggedOut("verify") { try await $0.verify(try setup.pin) }
        try await setup.expectLoggedOut("change-pin") {
            try await $0.jpki.changePasscode(try setup.pin, to: try setup.pin)
        }
        // A failure after the VERIFY: the card signs, the check against a wrong certificate fails.
        let wrongCertificate = try await setup.card.jpki.signatureCertificate(password: try setup.password)
        try await setup.expectLoggedOut("sign with a wrong certificate") { card in
            await #expect(throws: MyNumberCardError.self) {
                _ = try await card.jpki.sign(
                    message: [1], key: .userAuthentication, passcode: try setup.pin, certificate: wrongCertificate)
            }
        }
    }

    @Test("Card info input support: number (PIN, PIN-A), attributes (PIN-B), both, card key")
    func cardInfo() async throws {
        let setup = try Setup()
        try await setup.expectLoggedOut("number (PIN-A)") { _ = try await $0.cardInfoInputSupport.individualNumber(using: try setup.textPINA) }
        try await setup.expectLoggedOut("number (PIN)") { _ = try await $0.cardInfoInputSupport.individualNumber(using: try setup.cardInfoPIN) }
        try await setup.expectLoggedOut("attributes (PIN-B)") { _ = try await $0.cardInfoInputSupport.basicAttributes(using: try setup.textPINB) }
        try await setup.expectLoggedOut("attributes record (PIN)") {
            _ = try await $0.cardInfoInputSupport.basicAttributesRecord(using: try setup.cardInfoPIN)
        }
        try await setup.expectLoggedOut("number record (PIN-A)") {
            _ = try await $0.cardInfoInputSupport.individualNumberRecord(using: try setup.textPINA)
        }
        try await setup.expectLoggedOut("card info (PIN)") { _ = try await $0.cardInfoInputSupport.cardInfo(using: try setup.cardInfoPIN) }
        try await setup.expectLoggedOut("card key (PIN-B)") { _ = try await $0.cardInfoInputSupport.cardKey(using: try setup.textPINB) }
        try await setup.expectLoggedOut("change the card info PIN") {
            try await $0.changePasscode(try setup.cardInfoPIN, to: try setup.cardInfoPIN)
        }
    }

    @Test("Card face: card face (PIN-A, PIN-B), number image, age record")
    func cardFace() async throws {
        let setup = try Setup()
        try await setup.expectLoggedOut("face (PIN-B)") { _ = try await $0.cardFace.cardFace(using: try setup.facePINB) }
        try await setup.expectLoggedOut("face (PIN-A)") { _ = try await $0.cardFace.cardFace(using: try setup.facePINA) }
        try await setup.expectLoggedOut("number image") { _ = try await $0.cardFace.individualNumberImage(using: try setup.facePINA) }
        try await setup.expectLoggedOut("age record") {
            _ = try await $0.cardFace.ageRecord(using: Passcode.birthDateKey(birthDate: setup.persona.birthDate.card))
        }
    }

    /// Whether the simulated card lets a log-out leave its applet: an ISD, or a second applet.
    static func acceptsLogOut(_ simulator: SimulatedCard) async throws -> Bool {
        let candidates = [ApplicationIdentifier.issuerSecurityDomain.bytes, ApplicationIdentifier.commonCard.bytes]
        for aid in candidates {
            let response = try await simulator.transmit(try CommandAPDU(ins: 0xA4, p1: 0x04, p2: 0x0C, data: aid))
            if response.statusWord.isSuccess { return true }
        }
        return false
    }

    @Test("Android token: the certificate read after the PIN, and authentication, log out (where the token lets it)")
    func androidToken() async throws {
        let setup = try Setup(.smartphoneAndroid)
        let accepts = try await Self.acceptsLogOut(setup.simulator)
        try await setup.expectLoggedOut("auth certificate with the PIN", cardAcceptsLogOut: accepts) {
            _ = try await $0.jpki.authenticationCertificate(pin: try setup.pin)
        }
        try await setup.expectLoggedOut("authenticate", cardAcceptsLogOut: accepts) {
            _ = try await $0.jpki.authenticate(challenge: [1, 2, 3], pin: try setup.pin) { _ in }
        }
        // A refusal after the VERIFY (the caller's check of the certificate) logs out too.
        struct Refused: Error {}
        try await setup.expectLoggedOut("authenticate, certificate refused", cardAcceptsLogOut: accepts) { card in
            await #expect(throws: Refused.self) {
                _ = try await card.jpki.authenticate(challenge: [1], pin: try setup.pin) { _ in throw Refused() }
            }
        }
    }

    @Test("The probes leak when the card is left verified (the test can fail)")
    func probesDetectAVerifiedCard() async throws {
        let setup = try Setup()
        // The raw VERIFY through the ISO 7816 layer: nothing logs out.
        try await setup.card.iso7816.select(.jpki)
        try await setup.card.iso7816.verify(
            JPKIKey.userAuthentication.credential.reference, referenceData: SecretBytes(Array(setup.credentials.authenticationPIN.utf8)))
        #expect(try await LogOutTests.leaks(on: setup.simulator) == ["JPKI: sign with the user-authentication key (P2 97)"])
        try await setup.card.logOut()
        #expect(try await LogOutTests.leaks(on: setup.simulator).isEmpty)
        #expect(setup.card.iso7816.selectedApplication == nil)
    }

    @Test("logOut selects the ISD where the card accepts it, else another applet; two when the current one is unknown")
    func logOutSelects() async throws {
        let setup = try Setup()
        try await setup.card.iso7816.select(.jpki)
        setup.transport.clear()
        try await setup.card.logOut()
        let selects = setup.transport.transactions.flatMap { $0 }.filter { $0.command.ins == 0xA4 }
        #expect(selects.first?.command.data == ApplicationIdentifier.issuerSecurityDomain.bytes)
        if selects.first?.response.statusWord.isSuccess == false {
            // No ISD: one other applet leaves JPKI.
            #expect(selects.count == 2 && selects[1].command.data != ApplicationIdentifier.jpki.bytes)
        }

        setup.card.iso7816.invalidateSelection()
        setup.transport.clear()
        try await setup.card.logOut()
        let unknown = setup.transport.transactions.flatMap { $0 }.filter { $0.command.ins == 0xA4 }
        if unknown.first?.response.statusWord.isSuccess == false {
            #expect(unknown.count == 3 && Set(unknown.dropFirst().map(\.command.data)).count == 2)
        }
    }

    @Test("A token that accepts no SELECT leaving its applet: logOut throws notLoggedOut, operations still return")
    func notLoggedOut() async throws {
        let simulator = try SimulatedCard(persona: .standard, now: Simulator.now)
        let transport = RefusingSelectTransport(simulator)
        let card = MyNumberCard(transport: transport)
        let pin = try Passcode(.userAuthenticationPIN, Persona.standard.credentials?.authenticationPIN ?? "")
        let signature = try await card.jpki.sign(message: [1], key: .userAuthentication, passcode: pin)
        #expect(signature.signature.count == 256)
        let error = await cardError { try await card.logOut() }
        #expect(error?.code == .notLoggedOut)
    }
}

/// Records the exchanges of each transaction.
final class TransactionRecordingTransport: TransactionalTransport, Sendable {
    struct Exchange: Sendable {
        let command: CommandAPDU
        let response: ResponseAPDU
    }

    let base: any CardTransport
    private let state = Mutex<(open: [Exchange]?, closed: [[Exchange]], outside: [Exchange])>((nil, [], []))

    init(_ base: any CardTransport) { self.base = base }

    /// The finished transactions, in order.
    var transactions: [[Exchange]] { state.withLock { $0.closed } }
    func clear() { state.withLock { $0 = (nil, [], []) } }

    func transmit(_ command: CommandAPDU) async throws -> ResponseAPDU {
        let response = try await base.transmit(command)
        state.withLock {
            if $0.open != nil { $0.open?.append(Exchange(command: command, response: response)) } else {
                $0.outside.append(Exchange(command: command, response: response))
            }
        }
        return response
    }

    func reset() async throws -> [UInt8] { try await base.reset() }
    func beginTransaction() async throws {
        try await base.beginTransactionIfSupported()
        state.withLock { $0.open = [] }
    }
    func endTransaction() async throws {
        state.withLock {
            if let open = $0.open { $0.closed.append(open) }
            $0.open = nil
        }
        try await base.endTransactionIfSupported()
    }
}

/// A card on which every SELECT by DF name other than JPKI's answers 6A82 (a one-applet token without a
/// selectable ISD).
final class RefusingSelectTransport: CardTransport, Sendable {
    let base: any CardTransport
    init(_ base: any CardTransport) { self.base = base }

    func transmit(_ command: CommandAPDU) async throws -> ResponseAPDU {
        if command.ins == 0xA4, command.p1 == 0x04, command.data != ApplicationIdentifier.jpki.bytes {
            return ResponseAPDU(statusWord: .fileNotFound)
        }
        return try await base.transmit(command)
    }

    func reset() async throws -> [UInt8] { try await base.reset() }
}
