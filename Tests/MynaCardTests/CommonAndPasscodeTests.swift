import MynaCard
import MynaCodec
import MynaISO7816
import MynaSimulator
import Testing

@Suite struct CommonCardReaderTests {
    @Test func cardIdentity() async throws {
        let (card, sim, _) = try makeTestCard()
        let identity = try await card.commonCard.cardIdentity()
        #expect(identity.cardSerial == "900000000000001")
        #expect(identity.municipalityCode == "13101")
        #expect(identity.cardExpiry == CalendarDate(constant: 2034, 7, 23))  // the 10th birthday after issuance
        #expect(sim.commands.map(\.ins) == [0xA4, 0xB2])
        #expect(sim.commands.last?.p2 == 0x0C)  // record by SFI 1
        #expect(!"\(identity)".contains("13101"))
    }

    @Test func aCardRefusingSFIGetsSelectAndReadRecord() async throws {
        let (card, sim, _) = try makeTestCard(refusesShortFileIdentifiers: true)
        let identity = try await card.commonCard.cardIdentity()
        #expect(identity.cardSerial == "900000000000001")
        #expect(sim.commands.map(\.ins) == [0xA4, 0xB2, 0xA4, 0xB2])
    }

    static let malformedRecords: [[UInt8]] = [
        [0x01, 0x1C] + Array("90000000000000113101203507".utf8),  // short
        [0x02, 0x1C] + Array("9000000000000011310120350723".utf8),  // wrong tag
        [0x01, 0x1C] + Array("90000000000000113101203513".utf8) + [0x32, 0x33],  // month 13
        [0x01, 0x1C] + Array("900000000000001131012035072A".utf8),  // not a digit
        [0x01, 0x1D] + Array("9000000000000011310120350723".utf8) + [0x30],  // wrong length
    ]

    @Test(arguments: malformedRecords)
    func malformedRecordsAreTypedErrors(_ record: [UInt8]) async throws {
        let (card, _, _) = try makeTestCard { $0.replacingRecords(FileIdentifier(0x0001), of: .commonCard, with: [record]) }
        let error = await cardError { try await card.commonCard.cardIdentity() }
        #expect(error?.code == .malformedFile)
    }
}

@Suite struct PasscodeTests {
    @Test(arguments: [
        (Credential.userAuthenticationPIN, "1234", true), (.userAuthenticationPIN, "123", false),
        (.userAuthenticationPIN, "12345", false), (.userAuthenticationPIN, "12a4", false), (.userAuthenticationPIN, "１２３４", false),
        (.signaturePassword, "ABC123", true), (.signaturePassword, "abc123", true), (.signaturePassword, "ABCDEFGHIJ123456", true),
        (.signaturePassword, "AB12", false), (.signaturePassword, "ABCDEFGHIJ1234567", false), (.signaturePassword, "ABC-123", false),
        (.signaturePassword, "ＡＢＣ１２３", false),
        (.cardInfoPIN, "0000", true), (.cardInfoPINA, "901234567893", true), (.cardInfoPINA, "901234567890", false),
        (.cardInfoPINA, "90123456789", false), (.cardInfoPINB, "55021720352285", true), (.cardInfoPINB, "55131720352285", false),
        (.cardInfoPINB, "00021720352285", false), (.cardInfoPINB, "5502172035228", false), (.cardFacePINB, "55021720352285", true),
        (.birthDateKey, "550217", true), (.birthDateKey, "550232", false), (.birthDateKey, "5502170", false),
    ])
    func formats(_ credential: Credential, _ value: String, _ valid: Bool) {
        let result = Result { () throws(MyNumberCardError) in try Passcode(credential, value) }
        switch result {
        case .success(let passcode):
            #expect(valid)
            #expect(passcode.credential == credential)
            #expect(passcode.secretForTesting == value.uppercased())
        case .failure(let error):
            #expect(!valid)
            #expect(error.code == .invalidCredentialFormat)
            #expect(error.credential == credential)
            #expect(!error.description.contains(value))
        }
    }

    @Test func pinBFromThePrintedCard() throws {
        // The example of the facts document: born 1980-02-17 (Shōwa 55), expiry 2035, code 2285.
        let pinB = try Passcode.pinB(birthDate: CalendarDate(constant: 1980, 2, 17), cardExpiryYear: 2035, securityCode: "2285")
        #expect(pinB.credential == .cardInfoPINB)
        #expect(pinB.secretForTesting == "55021720352285")
        let face = try Passcode.pinB(
            birthDate: CalendarDate(constant: 1980, 2, 17), cardExpiryYear: 2035, securityCode: "2285", for: .cardFacePINB)
        #expect(face.credential == .cardFacePINB)
        #expect(!"\(pinB)".contains("5502"))
        #expect("\(pinB)" == "Passcode(card info PIN-B, <redacted>)")
    }

    @Test(arguments: [
        (CalendarDate(constant: 1989, 1, 7), "640107"), (CalendarDate(constant: 1989, 1, 8), "010108"),
        (CalendarDate(constant: 2019, 4, 30), "310430"), (CalendarDate(constant: 2019, 5, 1), "010501"),
        (CalendarDate(constant: 1926, 12, 24), "151224"), (CalendarDate(constant: 1926, 12, 25), "011225"),
        (CalendarDate(constant: 1912, 7, 29), "450729"), (CalendarDate(constant: 1912, 7, 30), "010730"),
    ])
    func birthDateKeysAtEraBoundaries(_ date: CalendarDate, _ expected: String) throws {
        let key = try Passcode.birthDateKey(birthDate: date)
        #expect(key.credential == .birthDateKey)
        #expect(key.secretForTesting == expected)
        let pinB = try Passcode.pinB(birthDate: date, cardExpiryYear: 2030, securityCode: "1234")
        #expect(pinB.secretForTesting == expected + "20301234")
        #expect(try JapaneseEraDate(date).compactDigits == expected)
    }

    @Test func pinBValidation() {
        let birth = CalendarDate(constant: 1980, 2, 17)
        #expect(throws: MyNumberCardError.self) { try Passcode.pinB(birthDate: birth, cardExpiryYear: 35, securityCode: "2285") }
        #expect(throws: MyNumberCardError.self) { try Passcode.pinB(birthDate: birth, cardExpiryYear: 2035, securityCode: "228") }
        #expect(throws: MyNumberCardError.self) { try Passcode.pinB(birthDate: birth, cardExpiryYear: 2035, securityCode: "22a5") }
        #expect(throws: MyNumberCardError.self) {
            try Passcode.pinB(birthDate: CalendarDate(constant: 1867, 1, 1), cardExpiryYear: 2035, securityCode: "2285")
        }
        #expect(throws: MyNumberCardError.self) {
            try Passcode.pinB(birthDate: birth, cardExpiryYear: 2035, securityCode: "2285", for: .cardInfoPIN)
        }
        #expect(throws: MyNumberCardError.self) { try Passcode.pinA(IndividualNumber("901234567893"), for: .cardInfoPINB) }
    }

    @Test func credentialsDescribeTheirCard() {
        #expect(Credential.all.count == 8)
        #expect(Credential.userAuthenticationPIN.maximumTries == 3)
        #expect(Credential.signaturePassword.maximumTries == 5)
        #expect(Credential.cardInfoPINB.maximumTries == 10)
        #expect(Credential.cardFacePINA.maximumTries == nil)
        #expect(Credential.cardInfoPINA.reference == CardInfoInputSupportFile.pinA)
        #expect(Credential.birthDateKey.application == .cardFaceConfirmation)
        #expect(Credential.signaturePassword.format.description == "6–16 of A–Z 0–9")
        #expect(Set(Credential.all.map { "\($0.application)-\($0.reference)" }).count == 8)
    }
}
