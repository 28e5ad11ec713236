import Crypto
import MynaCard
import MynaCodec
import MynaISO7816
import MynaSimulator
import MynaTransport
import Testing
import X509

/// The hooks that replaced the private card emulators of the ISO 7816 and card tests: arbitrary transparent
/// and record files, a reissued integrity record, counters set by hand, the keys a test checks against, and
/// the card variants (no short EF identifiers, `6282` at the end of a file) — each behaving as a card would,
/// or the tests built on them prove nothing.
@Suite("Simulator hooks: files, counters, keys and card variants")
struct SimulatorTestHookTests {
    /// A 5-byte file added to the JPKI applet (EF `000C`, SFI 12; free to read).
    static func cardWithSmallFile(_ faults: FaultInjection = .none) throws -> SimulatedCard {
        let image = try CardImage(persona: .standard).replacingFile(FileIdentifier(0x000C), of: .jpki, with: [1, 2, 3, 4, 5])
        return SimulatedCard(image: image, faults: faults)
    }

    static func hex(_ answer: Answer) -> String {
        Hex.encode(answer.data) + String(answer.sw, radix: 16, uppercase: true)
    }

    @Test("An added file reads like any EF: offsets, SFI, short and extended Ne, the end of the file")
    func readBinary() throws {
        let card = try Self.cardWithSmallFile()
        #expect(try card.send("00B08C0000").sw == 0x6A82)  // no applet selected: the master file has no EF 000C
        try card.open(.jpki)
        #expect(Self.hex(try card.send("00B08C0000")) == "01020304059000")
        #expect(Self.hex(try card.send("00B0000302")) == "04059000")  // the SFI read made it current
        #expect(Self.hex(try card.send("00B0000400")) == "059000")
        #expect(Self.hex(try card.send("00B0000500")) == "6B00")
        #expect(Self.hex(try card.send("00B0000000FFFF")) == "01020304059000")
        #expect(Self.hex(try card.send("00B08D0000")) == "6A82")  // EF 000D does not exist
        #expect(Self.hex(try card.send("00B00000")) == "6700")  // no Le
    }

    /// Each variant, and the exchanges (command → data and status word) it answers after selecting JPKI.
    static let variantExchanges: [(FaultInjection, [(String, String)])] = [
        (FaultInjection(shortAPDUsOnly: true), [("00B08C00000000", "6700"), ("00B08C0000", "01020304059000")]),
        (
            FaultInjection(refusesShortFileIdentifiers: true),
            [
                ("00B08C0000", "6A86"), ("00A4020C02000C", "9000"), ("00B0000000", "01020304059000"),
                ("00B00000000000", "01020304059000"),
            ]
        ),
        // The length check comes first: an extended SFI read on a short-only card without SFI is 6700.
        (
            FaultInjection(shortAPDUsOnly: true, refusesShortFileIdentifiers: true),
            [("00B08C00000000", "6700"), ("00B08C0000", "6A86")]
        ),
        (
            FaultInjection(answersLikeT0: true),
            [("00B08C0000", "6C05"), ("00B08C0005", "01020304059000"), ("00B08C0002", "01029000")]
        ),
        // Past the end is still 6B00.
        (
            FaultInjection(warnsAtEndOfFile: true),
            [("00B08C0000", "01020304056282"), ("00B08C0005", "01020304059000"), ("00B0000500", "6B00")]
        ),
    ]

    @Test("Variants: short APDUs only (6700), no short EF identifiers (6A86), T=0 (6Cxx), 6282 at the end")
    func variants() throws {
        for (faults, exchanges) in Self.variantExchanges {
            let card = try Self.cardWithSmallFile(faults)
            try card.open(.jpki)
            for (command, expected) in exchanges {
                #expect(Self.hex(try card.send(command)) == expected, "\(faults): \(command)")
            }
        }
    }

    @Test("Without short EF identifiers, VERIFY, READ RECORD and signing by SFI answer 6A86; by SELECT they work")
    func noShortIdentifiers() throws {
        let card = try SimulatedCard(persona: .standard, faults: FaultInjection(refusesShortFileIdentifiers: true))
        try card.open(.jpki)
        #expect(try card.send(APDU.emptyVerify(p2: 0x98)).sw == 0x6A86)
        #expect(try card.send(APDU.sign([1], p2: 0x97)).sw == 0x6A86)
        #expect(try card.send(APDU.selectFile(FileIdentifier(0x0018))).sw == 0x9000)
        #expect(try card.send(APDU.emptyVerify()).sw == 0x63C3)
        try card.open(.commonCard)
        #expect(try card.send("00B2010C00").sw == 0x6A86)
        #expect(try card.send(APDU.selectFile(FileIdentifier(0x0001))).sw == 0x9000)
        #expect(try card.send("00B2010400").sw == 0x9000)
    }

    @Test("An injection by short-identifier form answers only the SFI form of its instruction")
    func injectionByShortIdentifier() async throws {
        let card = StatusWordInjection(try SimulatedCard(persona: .standard))
        card.inject(.incorrectP1P2, for: .init(ins: 0x20, byShortIdentifier: true), times: nil)
        _ = try await card.transmit(CommandAPDU(ins: 0xA4, p1: 0x04, p2: 0x0C, data: ApplicationIdentifier.jpki.bytes))
        #expect(try await card.transmit(CommandAPDU(ins: 0x20, p1: 0x00, p2: 0x98)).statusWord == .incorrectP1P2)
        #expect(try await card.transmit(CommandAPDU(ins: 0xB0, p1: 0x86, p2: 0x00, ne: 4)).statusWord == .success)
        _ = try await card.transmit(CommandAPDU(ins: 0xA4, p1: 0x02, p2: 0x0C, data: [0x00, 0x18]))
        #expect(try await card.transmit(CommandAPDU(ins: 0x20, p1: 0x00, p2: 0x80)).statusWord == StatusWord(0x63C3))
        #expect(card.injectedCommands.count == 1)
    }

    @Test("replacingRecords serves the given records with the file's access rule")
    func replacedRecords() throws {
        let record: [UInt8] = [0x02, 0x1C, 0x30]
        let image = try CardImage(persona: .standard)
            .replacingRecords(CommonCardFile.cardRecord, of: .commonCard, with: [record, [0x01]])
        #expect(image.records(application: .commonCard, file: CommonCardFile.cardRecord) == [record, [0x01]])
        let card = SimulatedCard(image: image)
        try card.open(.commonCard)
        #expect(try card.send("00B2010C00") == Answer(data: record, sw: 0x9000))
        #expect(try card.send("00B2020C00") == Answer(data: [0x01], sw: 0x9000))
        #expect(try card.send("00B2030C00").sw == 0x6A83)
    }

    @Test("setTriesRemaining puts a counter anywhere in 0…its limit; the card answers from there")
    func settingTries() throws {
        let card = try SimulatedCard(persona: .standard)
        #expect(card.setTriesRemaining(1, of: .authenticationPIN) == 1)
        try card.open(.jpki, FileIdentifier(0x0018))
        #expect(try card.send(APDU.emptyVerify()).sw == 0x63C1)
        #expect(try card.send(APDU.verify("9999")).sw == 0x63C0)
        #expect(try card.send(APDU.verify("1234")).sw == 0x6984)  // blocked, right value included
        #expect(card.setTriesRemaining(7, of: .authenticationPIN) == 3)  // clamped to the limit
        #expect(try card.send(APDU.verify("1234")).sw == 0x9000)
        #expect(card.setTriesRemaining(-2, of: .signaturePassword) == 0)
        #expect(card.triesRemaining(.signaturePassword) == 0)
        // No limit: nothing to set.
        let unlimited = try SimulatedCard(persona: .standard, profile: .noLimitWhereNotEstablished)
        #expect(unlimited.setTriesRemaining(1, of: .cardInfoPINA) == nil)
        #expect(unlimited.triesRemaining(.cardInfoPINA) == nil)
        // A credential the card lacks: nothing to set.
        let face = try SimulatedCard(persona: .faceAuthentication)
        #expect(face.setTriesRemaining(1, of: .authenticationPIN) == nil)
    }

    @Test("VERIFY counts down to 63C0, then 6984 for every value; an empty VERIFY spends nothing")
    func verifyCounter() throws {
        let card = try SimulatedCard(persona: .standard)
        try card.open(.jpki, FileIdentifier(0x0018))
        #expect(try card.send("00200080").sw == 0x63C3)
        #expect(try card.send("0020008004 39393939").sw == 0x63C2)
        #expect(try card.send("00200080").sw == 0x63C2)
        #expect(try card.send("0020008004 31323334").sw == 0x9000)
        #expect(try card.send("00200080").sw == 0x63C3)
        var answers: [UInt16] = []
        for _ in 0..<5 { answers.append(try card.send("0020008004 39393939").sw) }
        #expect(answers == [0x63C2, 0x63C1, 0x63C0, 0x6984, 0x6984])
        #expect(try card.send("00200080").sw == 0x63C0)
        #expect(try card.send("0020008004 31323334").sw == 0x6984)
    }

    @Test("reissuingIntegrityRecord signs DF31 over EF 0001 and DF32 over EF 0002 from DF22, as issued")
    func reissuedIntegrityRecord() throws {
        let original = try CardImage(persona: .standard)
        let number: [UInt8] = [0xFF, 0x10, 0x0C] + Array("901234567890".utf8) + [0xFF, 0xFF]
        let image = try original
            .replacingFile(CardInfoInputSupportFile.individualNumber, of: .cardInfoInputSupport, with: number)
            .reissuingIntegrityRecord()
        let record = try #require(image.fileContent(application: .cardInfoInputSupport, file: CardInfoInputSupportFile.integrityRecord))
        let outer = try #require(try BERTLV.parseFile(record).nodes.first)
        let numberHash = try #require(outer.child(BERTag(0xDF31)))
        let attributesHash = try #require(outer.child(BERTag(0xDF32)))
        let signature = try #require(outer.child(BERTag(0xDF33)))
        #expect(Array(numberHash.value) == Array(SHA256.hash(data: number)))
        let attributes = try #require(image.fileContent(application: .cardInfoInputSupport, file: CardInfoInputSupportFile.basicAttributes))
        let object = try BERTLV.parseFirst(attributes[...])
        let name = try #require(object.child(BERTag(0xDF22)))
        #expect(Array(attributesHash.value) == Array(SHA256.hash(data: attributes[name.encoded.startIndex..<object.value.endIndex])))
        let signed = Array(numberHash.encoded) + Array(attributesHash.encoded)
        #expect(try CardRSAPublicKey(image.issuerPublicKey).isValidSignature(signature.value, forSHA256Of: signed))
        // Unchanged files give the record the card was issued with.
        #expect(try original.reissuingIntegrityRecord().fileContent(application: .cardInfoInputSupport, file: CardInfoInputSupportFile.integrityRecord)
            == original.fileContent(application: .cardInfoInputSupport, file: CardInfoInputSupportFile.integrityRecord))
        // EF 0002 without a data object: nothing to hash.
        let empty = original.replacingFile(CardInfoInputSupportFile.basicAttributes, of: .cardInfoInputSupport, with: [0x30, 0x82])
        #expect(throws: SimulatorError.self) { try empty.reissuingIntegrityRecord() }
        // A card without the applet.
        #expect(throws: SimulatorError.self) { try CardImage(persona: .smartphoneAndroid).reissuingIntegrityRecord() }
    }

    @Test("The image's keys are the ones the card's certificates, records and signatures use")
    func keys() async throws {
        let image = try CardImage(persona: .standard)
        let card = SimulatedCard(image: image)
        try card.open(.cardFaceConfirmation)
        let digestInfo = DigestAlgorithm.sha256.digestInfo(hashing: Array("challenge".utf8))
        let proof = try card.send(APDU.sign(digestInfo, p2: 0x00))
        #expect(proof.sw == 0x9000)
        #expect(try CardRSAPublicKey(image.cardPublicKey).isValidSignature(proof.data, forPayload: digestInfo))
        #expect(try !CardRSAPublicKey(image.issuerPublicKey).isValidSignature(proof.data, forPayload: digestInfo))
        let authentication = try #require(image.authenticationPublicKey)
        let signature = try #require(image.signaturePublicKey)
        #expect(try #require(image.authenticationCertificate).publicKey == .init(authentication))
        #expect(try #require(image.signatureCertificate).publicKey == .init(signature))
        #expect(try CardImage(persona: .faceAuthentication).signaturePublicKey == nil)
    }

    @Test("CountingTransport records every command and where each reset came; a warm reset leaves the applet")
    func countingResets() async throws {
        let counter = CountingTransport(try Self.cardWithSmallFile())
        let select = try CommandAPDU(ins: 0xA4, p1: 0x04, p2: 0x0C, data: ApplicationIdentifier.jpki.bytes)
        #expect(try await counter.transmit(select).statusWord == .success)
        #expect(try await counter.reset() == SimulatedCard.defaultATR)
        let read = try await counter.transmit(CommandAPDU(ins: 0xB0, p1: 0x8C, p2: 0x00, ne: 5))
        #expect(read.statusWord == .fileNotFound)  // back at the master-file level
        #expect(counter.commands.map(\.ins) == [0xA4, 0xB0])
        #expect(counter.resetCount == 1 && counter.resetPositions == [1])
        counter.clear()
        #expect(counter.commands.isEmpty && counter.resetCount == 0)
    }
}
