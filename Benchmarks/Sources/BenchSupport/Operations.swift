import Foundation
import MynaCard
import MynaCodec
import MynaISO7816
import MynaKit
import MynaSimulator
import MynaTransport

/// The operations the benchmarks measure, each once through MynaKit and once through the 256-byte
/// ``ChunkedReader`` doing the same job.
public enum Operations {
    /// An operation of the APDU-count table.
    public struct Operation: Sendable {
        /// Its name in the table.
        public let name: String
        /// What it does through MynaKit.
        public let library: @Sendable (MyNumberCard) async throws -> Void
        /// The same through the chunked reader.
        public let chunked: @Sendable (ChunkedReader) async throws -> Void
    }

    /// Read the user-authentication certificate; read the card face with the photo via PIN-B; the whole
    /// emergency (マイナ救急) read.
    public static let all: [Operation] = [
        Operation(
            name: "read the user-authentication certificate",
            library: { card in _ = try await card.jpki.authenticationCertificate() },
            chunked: { reader in
                try await reader.select(.jpki)
                _ = try await reader.readObject(JPKIFile.authenticationCertificate)
            }),
        Operation(
            name: "read the card face with the photo via PIN-B",
            library: { card in _ = try await card.cardFace.cardFace(using: try SimulatedCards.pinB) },
            chunked: { reader in try await chunkedCardFace(reader) }),
        Operation(
            name: "emergency read (certificate, card face via PIN-B, visual confirmation)",
            library: { card in _ = try await emergencyRead(card) },
            chunked: { reader in
                try await reader.select(.jpki)
                _ = try await reader.readObject(JPKIFile.authenticationCertificate)
                try await chunkedCardFace(reader)
            }),
    ]

    /// The card face as a chunked reader gets it: SELECT applet, VERIFY PIN-B, EF `0002`, and EF `0004` to
    /// check its signature.
    static func chunkedCardFace(_ reader: ChunkedReader) async throws {
        try await reader.select(.cardFaceConfirmation)
        try await reader.verify(CardFaceConfirmationFile.pinB, SimulatedCards.persona.pinB)
        _ = try await reader.readObject(CardFaceConfirmationFile.cardFace)
        _ = try await reader.readObject(CardFaceConfirmationFile.cardVerifiableCertificate)
        try await reader.select(.issuerSecurityDomain)  // the log-out a safe reader sends after its VERIFY
    }

    /// An operator who always confirms.
    struct ConfirmingOperator: OperatorConfirmer {
        func confirm(_ request: VisualConfirmationRequest) async throws -> OperatorDecision {
            .confirmed(operatorID: "bench")
        }
    }

    /// The emergency profile's read: the qualification check in visual mode with the consent recorded and
    /// PIN-B supplied by the operator, so the photo is read for the crew.
    public static func emergencyRead(_ card: MyNumberCard) async throws -> QualificationOutcome {
        let check = QualificationCheck(card: card, faceFailures: InMemoryFaceFailureStore())
        return try await check.run(
            .visual(pinB: try SimulatedCards.pinB, confirmer: ConfirmingOperator()), profile: .emergency(.given))
    }

    // MARK: Full reads

    /// Every readable file of every applet at the ISO 7816-4 level — no parsing, no signature checks, no RSA:
    /// JPKI (signature password verified, so EF `0001` too), card info input support (PIN), card face
    /// (PIN-A, then the birth-date key for EF `0001`), the common applet's record.
    ///
    /// - Returns: the number of bytes read.
    public static func fullReadFiles(_ card: ISO7816Card) async throws -> Int {
        let persona = SimulatedCards.persona
        guard let credentials = persona.credentials else { return 0 }
        var total = 0
        func read(_ file: FileIdentifier, _ layout: ISO7816Card.FileLayout = .berTLV) async throws {
            total += try await card.readFile(file, layout: layout).count
        }
        try await card.select(.jpki)
        try await rawVerify(card, JPKIFile.signaturePassword, credentials.signaturePassword)
        try await read(JPKIFile.tokenInfo, .fixedLength(160))
        try await read(JPKIFile.certificatePresence, .fixedLength(3))
        for file in [JPKIFile.authenticationCertificate, JPKIFile.authenticationCACertificate,
                     JPKIFile.signatureCertificate, JPKIFile.signatureCACertificate] {
            try await read(file)
        }
        try await card.select(.cardInfoInputSupport)
        try await rawVerify(card, CardInfoInputSupportFile.pin, credentials.cardInfoPIN)
        try await read(CardInfoInputSupportFile.individualNumber, .fixedLength(17))
        for file in [CardInfoInputSupportFile.basicAttributes, CardInfoInputSupportFile.integrityRecord,
                     CardInfoInputSupportFile.cardVerifiableCertificate, CardInfoInputSupportFile.basicInfo] {
            try await read(file)
        }
        try await card.select(.cardFaceConfirmation)
        try await rawVerify(card, CardFaceConfirmationFile.pinA, persona.pinA)
        for file in [CardFaceConfirmationFile.cardFace, CardFaceConfirmationFile.basicInfo,
                     CardFaceConfirmationFile.cardVerifiableCertificate, CardFaceConfirmationFile.individualNumberImage] {
            try await read(file)
        }
        try await rawVerify(card, CardFaceConfirmationFile.birthDateKey, persona.birthDateKey)
        try await read(CardFaceConfirmationFile.ageRecord)
        try await card.select(.commonCard)
        total += try await card.readRecord(CommonCardFile.cardRecordNumber, shortIdentifier: 1).count
        return total
    }

    /// VERIFY at the ISO 7816-4 level, as a chunked reader sends it (SELECT PIN EF, VERIFY): the library's
    /// unguarded VERIFY is not public, so the benchmark sends the APDU itself.
    static func rawVerify(_ card: ISO7816Card, _ reference: FileIdentifier, _ value: String) async throws {
        try await card.select(file: reference)
        let response = try await card.transmit(CommandAPDU(ins: 0x20, p1: 0x00, p2: 0x80, data: Array(value.utf8)))
        guard response.statusWord == .success else {
            throw ChunkedReader.Failure(description: "VERIFY \(reference): \(response.statusWord)")
        }
    }

    /// Everything the readers give for the card — token info and presence, the four certificates (X.509
    /// parsed), individual number and basic attributes (PIN; integrity record checked), card face, age record
    /// and individual-number image (record signatures checked: RSA public-key operations), basic infos, the
    /// common applet's identity. No signing.
    public static func fullReadReaders(_ card: MyNumberCard) async throws {
        let persona = SimulatedCards.persona
        guard let credentials = persona.credentials else { return }
        _ = try await card.jpki.tokenInfo()
        _ = try await card.jpki.certificatePresence()
        _ = try await card.jpki.authenticationCertificate()
        _ = try await card.jpki.authenticationCACertificate()
        _ = try await card.jpki.signatureCACertificate()
        _ = try await card.jpki.signatureCertificate(password: try Passcode(.signaturePassword, credentials.signaturePassword))
        _ = try await card.cardInfoInputSupport.cardInfo(using: try Passcode(.cardInfoPIN, credentials.cardInfoPIN))
        _ = try await card.cardInfoInputSupport.basicInfo()
        let pinA = try Passcode(.cardFacePINA, persona.pinA)
        _ = try await card.cardFace.cardFace(using: pinA)
        _ = try await card.cardFace.individualNumberImage(using: pinA)
        _ = try await card.cardFace.ageRecord(using: try Passcode(.birthDateKey, persona.birthDateKey))
        _ = try await card.cardFace.basicInfo()
        _ = try await card.commonCard.cardIdentity()
    }
}
