import Foundation
import MynaCard
import MynaCodec
import MynaISO7816
import MynaKit
import MynaSimulator
import MynaTransport

/// Time on the wire (issue 14): each operation through MynaKit, the 256-byte chunked reader and the physical
/// minimum, accounted on a modelled link (``/MynaTransport/ModelledLinkTransport``) over the simulated card.
public enum WireTime {
    /// One exchange of the physical minimum: bytes out, bytes back (data and status word).
    public struct Exchange: Sendable {
        /// Bytes of the command APDU.
        public let sent: Int
        /// Bytes of the response, status word included.
        public let received: Int
    }

    /// An operation of the table.
    public struct Operation: Sendable {
        /// Its name.
        public let name: String
        /// What it does through MynaKit, on a card of this persona (whose PIN and PIN-B it uses).
        public let library: @Sendable (MyNumberCard, Persona) async throws -> Void
        /// The same through the chunked reader.
        public let chunked: @Sendable (ChunkedReader) async throws -> Void
        /// The exchanges the card needs at least, on a card with extended length or a short-only one.
        public let minimum: @Sendable (_ shortOnly: Bool) -> [Exchange]
    }

    // MARK: The minimum

    static func select(_ application: ApplicationIdentifier) -> [Exchange] {
        [Exchange(sent: 5 + application.bytes.count, received: 2)]
    }

    /// Empty VERIFY (the tries left, which the library's safety rules need) and VERIFY, both by SFI.
    static func verify(_ value: String) -> [Exchange] {
        [Exchange(sent: 4, received: 2), Exchange(sent: 5 + value.utf8.count, received: 2)]
    }

    /// One READ BINARY by SFI returning exactly `length` bytes; on a short-only card, ⌈length/256⌉ of them.
    static func read(_ length: Int, shortOnly: Bool) -> [Exchange] {
        if !shortOnly || length <= 256 {
            return [Exchange(sent: length > 256 ? 7 : 5, received: length + 2)]
        }
        return stride(from: 0, to: length, by: 256).map { Exchange(sent: 5, received: min(256, length - $0) + 2) }
    }

    /// The log-out after a VERIFY (card facts §8): SELECT of the GlobalPlatform ISD, which leaves every
    /// applet. A reader that verified and does not log out leaves an unlocked key to the next program, so the
    /// least a safe reader can send includes it.
    static let logOut = select(.issuerSecurityDomain)

    /// COMPUTE DIGITAL SIGNATURE by SFI of a SHA-256 DigestInfo (51 bytes): the 256-byte signature back.
    static let sign = [Exchange(sent: 5 + 51 + 1, received: 258)]

    /// The length of the data object a file of the standard card starts with.
    public static func contentLength(_ application: ApplicationIdentifier, _ file: FileIdentifier) -> Int {
        let bytes = SimulatedCards.file(application, file)
        return (try? BERTLV.parseFirst(bytes[...]).encoded.count) ?? 0
    }

    static var certificate: Int { contentLength(.jpki, JPKIFile.authenticationCertificate) }
    static var face: Int { contentLength(.cardFaceConfirmation, CardFaceConfirmationFile.cardFace) }
    static var faceCV: Int { contentLength(.cardFaceConfirmation, CardFaceConfirmationFile.cardVerifiableCertificate) }
    static var attributes: Int { contentLength(.cardInfoInputSupport, CardInfoInputSupportFile.basicAttributes) }
    static var integrity: Int { contentLength(.cardInfoInputSupport, CardInfoInputSupportFile.integrityRecord) }
    static var textCV: Int { contentLength(.cardInfoInputSupport, CardInfoInputSupportFile.cardVerifiableCertificate) }

    // MARK: The operations

    /// The challenge of the PIN check.
    static let challenge = Array("MynaKit wire-time benchmark".utf8)

    /// The standard persona's user-authentication PIN.
    static var pin: String { SimulatedCards.persona.credentials?.authenticationPIN ?? "" }

    /// An operator who always confirms.
    struct ConfirmingOperator: OperatorConfirmer {
        func confirm(_ request: VisualConfirmationRequest) async throws -> OperatorDecision {
            .confirmed(operatorID: "bench")
        }
    }

    /// The operations of issue 14: certificate read, PIN check, card face via PIN-B, attributes, emergency read.
    public static let all: [Operation] = [
        Operation(
            name: "certificate read (user authentication)",
            library: { card, _ in _ = try await card.jpki.authenticationCertificate() },
            chunked: { reader in
                try await reader.select(.jpki)
                _ = try await reader.readObject(JPKIFile.authenticationCertificate)
            },
            minimum: { shortOnly in select(.jpki) + read(certificate, shortOnly: shortOnly) }),
        Operation(
            name: "PIN check (qualification check, PIN mode)",
            library: { card, persona in
                let check = QualificationCheck(card: card, faceFailures: InMemoryFaceFailureStore())
                let pin = try Passcode(.userAuthenticationPIN, persona.credentials?.authenticationPIN ?? "")
                _ = try await check.run(.pin(pin, challenge: challenge))
            },
            chunked: { reader in
                try await reader.select(.jpki)
                _ = try await reader.readObject(JPKIFile.authenticationCertificate)
                try await reader.verify(JPKIFile.authenticationPIN, pin)
                _ = try await reader.sign(
                    DigestAlgorithm.sha256.digestInfo(hashing: challenge), key: JPKIFile.authenticationKey)
                try await reader.select(.issuerSecurityDomain)
            },
            minimum: { shortOnly in
                select(.jpki) + read(certificate, shortOnly: shortOnly) + verify(pin) + sign + logOut
            }),
        Operation(
            name: "card face via PIN-B",
            library: { card, persona in _ = try await card.cardFace.cardFace(using: try Passcode(.cardFacePINB, persona.pinB)) },
            chunked: { reader in try await Operations.chunkedCardFace(reader) },
            minimum: { shortOnly in cardFaceMinimum(shortOnly) }),
        Operation(
            name: "attributes (basic 4 via PIN-B, integrity checked)",
            library: { card, persona in
                _ = try await card.cardInfoInputSupport.basicAttributes(using: try Passcode(.cardInfoPINB, persona.pinB))
            },
            chunked: { reader in
                try await reader.select(.cardInfoInputSupport)
                try await reader.verify(CardInfoInputSupportFile.pinB, SimulatedCards.persona.pinB)
                _ = try await reader.readObject(CardInfoInputSupportFile.integrityRecord)
                _ = try await reader.readObject(CardInfoInputSupportFile.cardVerifiableCertificate)
                _ = try await reader.readObject(CardInfoInputSupportFile.basicAttributes)
                try await reader.select(.issuerSecurityDomain)
            },
            minimum: { shortOnly in
                select(.cardInfoInputSupport) + verify(SimulatedCards.persona.pinB)
                    + read(integrity, shortOnly: shortOnly) + read(textCV, shortOnly: shortOnly)
                    + read(attributes, shortOnly: shortOnly) + logOut
            }),
        Operation(
            name: "emergency read (certificate, card face via PIN-B, visual)",
            library: { card, persona in
                // The qualification check's emergency profile, visual, PIN-B supplied: the photo is read.
                let check = QualificationCheck(card: card, faceFailures: InMemoryFaceFailureStore())
                _ = try await check.run(
                    .visual(pinB: try Passcode(.cardFacePINB, persona.pinB), confirmer: ConfirmingOperator()),
                    profile: .emergency(.given))
            },
            chunked: { reader in
                try await reader.select(.jpki)
                _ = try await reader.readObject(JPKIFile.authenticationCertificate)
                try await Operations.chunkedCardFace(reader)
            },
            minimum: { shortOnly in
                select(.jpki) + read(certificate, shortOnly: shortOnly) + cardFaceMinimum(shortOnly)
            }),
    ]

    static func cardFaceMinimum(_ shortOnly: Bool) -> [Exchange] {
        select(.cardFaceConfirmation) + verify(SimulatedCards.persona.pinB) + read(face, shortOnly: shortOnly)
            + read(faceCV, shortOnly: shortOnly) + logOut
    }

    // MARK: Measuring

    /// What an operation cost on one link.
    public struct Cost: Sendable {
        /// APDUs exchanged.
        public var apdus: Int
        /// Bytes sent.
        public var sent: Int
        /// Bytes received.
        public var received: Int
        /// Modelled milliseconds.
        public var milliseconds: Double
    }

    /// How the library's card is set up.
    public enum Warmth: Sendable {
        /// A fresh card and nothing learned: the lengths the format fixes only.
        case cold
        /// Lengths learned from another card read earlier by the same app (the `gaijiName` persona's card).
        case learned
        /// The app was restarted after reading that card and kept only what may be kept between launches
        /// (`MyNumberCard.keepableSizeHints(in:)`: the lengths of the files free on cards, restored with
        /// `ReadSizeHints(restoring:)`); the holder-dependent lengths are not known.
        case restarted
    }

    /// The library on a fresh simulated card.
    public static func library(
        _ operation: Operation, profile: LinkProfile, shortOnly: Bool, warmth: Warmth
    ) async throws -> Cost {
        var hints = ReadSizeHints()
        let capabilities = ISO7816Card.Capabilities(extendedLength: shortOnly ? .unsupported : .unknown, link: profile)
        if warmth != .cold {
            // An earlier card, of another holder, read by the same app.
            let earlier = try SimulatedCard(persona: .gaijiName, faults: FaultInjection(shortAPDUsOnly: shortOnly))
            try await operation.library(
                MyNumberCard(transport: earlier, capabilities: capabilities, sizeHints: hints), .gaijiName)
        }
        if warmth == .restarted {
            hints = ReadSizeHints(restoring: MyNumberCard.keepableSizeHints(in: hints))
        }
        let link = ModelledLinkTransport(SimulatedCards.card(shortOnly: shortOnly), profile: profile)
        try await operation.library(
            MyNumberCard(transport: link, capabilities: capabilities, sizeHints: hints), SimulatedCards.persona)
        return cost(link.account)
    }

    /// The 256-byte chunked reader on a fresh simulated card.
    public static func chunked(_ operation: Operation, profile: LinkProfile) async throws -> Cost {
        let link = ModelledLinkTransport(SimulatedCards.card(), profile: profile)
        try await operation.chunked(ChunkedReader(transport: link))
        return cost(link.account)
    }

    /// The physical minimum.
    public static func minimum(_ operation: Operation, profile: LinkProfile, shortOnly: Bool) -> Cost {
        let exchanges = operation.minimum(shortOnly)
        var total = Duration.zero
        for exchange in exchanges {
            total += profile.exchangeTime(commandBytes: exchange.sent, responseBytes: exchange.received)
        }
        return Cost(
            apdus: exchanges.count, sent: exchanges.map(\.sent).reduce(0, +),
            received: exchanges.map(\.received).reduce(0, +), milliseconds: milliseconds(total))
    }

    static func cost<Base>(_ account: ModelledLinkTransport<Base>.Account) -> Cost {
        Cost(apdus: account.apdus, sent: account.bytesSent, received: account.bytesReceived, milliseconds: account.milliseconds)
    }

    static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1e3 + Double(duration.components.attoseconds) / 1e15
    }
}
