import MynaCodec
import MynaISO7816
import MynaTransport
import Testing

@Suite("Card errors")
struct CardCommandErrorTests {
    struct CodeCase: Sendable, CustomTestStringConvertible {
        var statusWord: UInt16
        var code: CardCommandError.Code
        var testDescription: String { Hex.encode(StatusWord(statusWord).bytes) + " → \(code)" }
    }

    @Test(
        "Each status word maps to a code and is kept exactly",
        arguments: [
            CodeCase(statusWord: 0x63C2, code: .verificationFailed),
            CodeCase(statusWord: 0x63C0, code: .verificationFailed),
            CodeCase(statusWord: 0x6983, code: .referenceDataBlocked),
            CodeCase(statusWord: 0x6984, code: .referenceDataBlocked),
            CodeCase(statusWord: 0x6982, code: .securityStatusNotSatisfied),
            CodeCase(statusWord: 0x6985, code: .conditionsNotSatisfied),
            CodeCase(statusWord: 0x6A82, code: .fileNotFound),
            CodeCase(statusWord: 0x6A80, code: .incorrectParameters),
            CodeCase(statusWord: 0x6A86, code: .incorrectParameters),
            CodeCase(statusWord: 0x6A87, code: .incorrectParameters),
            CodeCase(statusWord: 0x6B00, code: .offsetOutOfRange),
            CodeCase(statusWord: 0x6700, code: .wrongLength),
            CodeCase(statusWord: 0x6781, code: .wrongLength),
            CodeCase(statusWord: 0x6D00, code: .instructionNotSupported),
            CodeCase(statusWord: 0x6E00, code: .classNotSupported),
            CodeCase(statusWord: 0x6981, code: .commandNotAllowed),
            CodeCase(statusWord: 0x6986, code: .commandNotAllowed),
            CodeCase(statusWord: 0x6F42, code: .unexpectedStatus),
            CodeCase(statusWord: 0x9F10, code: .unexpectedStatus),
            CodeCase(statusWord: 0x6100, code: .unexpectedStatus),
            CodeCase(statusWord: 0x0000, code: .unexpectedStatus),
        ])
    func codes(c: CodeCase) {
        let error = CardCommandError(statusWord: StatusWord(c.statusWord), instruction: .readBinary)
        #expect(error.code == c.code)
        #expect(error.statusWord.rawValue == c.statusWord)
        #expect(error.instruction == .readBinary)
        #expect(error.description.contains("[SW \(Hex.encode(StatusWord(c.statusWord).bytes))]"))
    }

    @Test("The error names the instruction and the status word")
    func description() async throws {
        let (_, card) = try await jpkiCard()
        let error = await #expect(throws: CardCommandError.self) { try await card.select(file: FileIdentifier(0x0042)) }
        let description = error?.description ?? ""
        #expect(description.hasPrefix(
            "CardCommandError.fileNotFound: file or application not found [instruction: SELECT] [SW 6A82] (MynaISO7816/"))
    }

    @Test("Unknown status words are preserved exactly by every command", arguments: ["6F42", "9F10", "6283", "6A88"])
    func unknownStatusPreserved(sw: String) async throws {
        let expected = StatusWord(UInt16(sw, radix: 16) ?? 0)
        let aid = Fixtures.jpki
        let pin = SecretBytes(utf8: "1234")
        let refusesShortForm = ["6A86", "6A88", "6A82", "6A81", "6B00", "6D00", "6E00"].contains(sw)
        let cases: [(Instruction, [(String, String)], @Sendable (ISO7816Card) async throws -> Void)] = [
            (.select, [(Fixtures.selectJPKI, sw)], { try await $0.select(aid) }),
            (.select, [("00 A4 02 0C 02 00 0A", sw)], { try await $0.select(file: Fixtures.certificateFID) }),
            (.readBinary, [("00 B0 00 10 20", sw)], { _ = try await $0.readBinary(offset: 16, count: 32) }),
            (.readBinary, [("00 B0 8A 00 F2", sw)], { _ = try await $0.readFile(Fixtures.certificateFID) }),
            (.verify, [("00 A4 02 0C 02 00 18", "9000"), ("00 20 00 80 04 31 32 33 34", sw)], {
                try await $0.verify(Fixtures.authenticationPINFID, referenceData: pin)
            }),
            (.verify, [("00 A4 02 0C 02 00 18", "9000"), ("00 20 00 80", sw)], {
                // A card known to refuse the short form: SELECT, then the empty VERIFY.
                $0.setCapabilities(ISO7816Card.Capabilities(verifyByShortIdentifier: .unsupported))
                _ = try await $0.retryStatus(of: Fixtures.authenticationPINFID)
            }),
            (.verify, [("00 20 00 98", sw)] + (refusesShortForm ? [("00 A4 02 0C 02 00 18", "9000"), ("00 20 00 80", sw)] : []), {
                // By short EF identifier; a status word that may mean "not this form" gets the SELECT form too.
                _ = try await $0.retryStatus(of: Fixtures.authenticationPINFID)
            }),
            (.computeDigitalSignature, [("80 2A 00 97 01 01 00", sw)] + (sw == "6A88" ? [("00 A4 02 0C 02 00 17", "9000"), ("80 2A 00 80 01 01 00", sw)] : []), {
                _ = try await $0.computeDigitalSignature([1], keyByShortIdentifier: Fixtures.authenticationKeyFID)
            }),
            (.getChallenge, [("00 84 00 00 08", sw)], { _ = try await $0.getChallenge() }),
            (.readRecord, [("00 B2 01 0C 00", sw)], { _ = try await $0.readRecord(1, shortIdentifier: 1) }),
        ]
        for (instruction, script, call) in cases {
            let transport = ScriptedTransport(script)
            let card = ISO7816Card(transport: transport)
            let error = await #expect(throws: CardCommandError.self) { try await call(card) }
            #expect(error?.statusWord == expected)
            #expect(error?.statusWord.rawValue == expected.rawValue)
            #expect(error?.instruction == instruction)
            #expect(error?.description.contains("SW \(sw)") == true)
            transport.expectComplete()
        }
    }

    @Test("Instruction names")
    func instructionNames() {
        #expect(Instruction.select.name == "SELECT")
        #expect(Instruction.readBinary.name == "READ BINARY")
        #expect(Instruction.verify.name == "VERIFY")
        #expect(Instruction.changeReferenceData.name == "CHANGE REFERENCE DATA")
        #expect(Instruction.computeDigitalSignature.name == "COMPUTE DIGITAL SIGNATURE")
        #expect(Instruction.getChallenge.name == "GET CHALLENGE")
        #expect(Instruction(0xE2).name == "INS E2")
    }
}
