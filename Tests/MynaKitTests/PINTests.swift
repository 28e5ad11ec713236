import Foundation
import MynaISO7816
import Testing

@testable import MynaKit

@Suite("PIN formats and redaction")
struct PINTests {
    @Test(
        "Valid values per credential",
        arguments: [
            (Credential.userAuthenticationPIN, "1234"),
            (.cardInfoPIN, "0000"),
            (.signaturePassword, "ABC123"),
            (.signaturePassword, "A1B2C3D4E5F6G7H8"),
            (.cardInfoPINA, "123456789012"),
            (.cardFacePINB, "55021720352285"),
            (.birthDateKey, "550217"),
        ])
    func valid(credential: Credential, text: String) throws {
        let pin = try PIN(text, for: credential)
        #expect(pin.credential == credential)
        #expect(pin.secret.count == text.utf8.count)
    }

    @Test(
        "Invalid values are refused before anything is sent",
        arguments: [
            (Credential.userAuthenticationPIN, "123"),
            (.userAuthenticationPIN, "12345"),
            (.userAuthenticationPIN, "12a4"),
            (.userAuthenticationPIN, "１２３４"),  // full-width digits
            (.userAuthenticationPIN, ""),
            (.userAuthenticationPIN, "12 4"),
            (.signaturePassword, "ABC12"),
            (.signaturePassword, "ABCDEFGHIJKLMNOPQ"),
            (.signaturePassword, "ABC-123"),
            (.signaturePassword, "ＡＢＣ１２３"),
            (.cardInfoPINA, "12345678901"),
            (.cardFacePINB, "5502172035228"),
            (.cardFacePINB, "550217203522850"),
        ])
    func invalid(credential: Credential, text: String) {
        #expect {
            try PIN(text, for: credential)
        } throws: { error in
            guard let error = error as? MynaKitError else { return false }
            return error.code == .invalidPINFormat && error.credential == credential
                && (text.isEmpty || !error.description.contains(text))
        }
    }

    @Test("The signature password is upper-cased")
    func upperCased() throws {
        let pin = try PIN("abc123xyz", for: .signaturePassword)
        let bytes = pin.secret.withUnsafeBytes { Array($0) }
        #expect(bytes == Array("ABC123XYZ".utf8))
    }

    @Test("Nothing prints the value: description, debug description, dump, interpolation")
    func redaction() throws {
        let pin = try PIN("9876", for: .userAuthenticationPIN)
        var dumped = ""
        dump(pin, to: &dumped)
        for text in [pin.description, pin.debugDescription, "\(pin)", String(reflecting: pin), dumped] {
            #expect(!text.contains("9876"))
            #expect(text.contains("redacted") || text.contains("userAuthenticationPIN"))
        }
    }

    @Test("Building from an array zeroes the caller's array, right or wrong")
    func consuming() throws {
        var good = Array("1234".utf8)
        _ = try PIN(consuming: &good, for: .userAuthenticationPIN)
        #expect(good == [0, 0, 0, 0])
        var bad = Array("12345".utf8)
        #expect(throws: MynaKitError.self) { try PIN(consuming: &bad, for: .userAuthenticationPIN) }
        #expect(bad == [0, 0, 0, 0, 0])
    }

    @Test("PIN-B from card-face values uses the Japanese-era birth date (facts example)")
    func pinB() throws {
        let values = try CardFaceValues(birthDate: try day(1980, 2, 17), cardExpiryYear: 2035, securityCode: "2285")
        let pin = try values.pinB()
        #expect(pin.credential == .cardFacePINB)
        #expect(pin.secret.withUnsafeBytes { Array($0) } == Array("55021720352285".utf8))
        #expect(!values.description.contains("2285"))
        #expect(!values.description.contains("1980"))
        #expect(try values.pinB(for: .cardInfoPINB).credential == .cardInfoPINB)
    }

    @Test(
        "Japanese eras at their boundaries",
        arguments: [
            ((2019, 5, 1), "010501"), ((2019, 4, 30), "310430"), ((1989, 1, 8), "010108"), ((1989, 1, 7), "640107"),
            ((1926, 12, 25), "011225"), ((1926, 12, 24), "151224"), ((1912, 7, 30), "010730"),
        ])
    func eras(date: (Int, Int, Int), expected: String) throws {
        #expect(JapaneseEra.yymmdd(try day(date.0, date.1, date.2)) == Array(expected.utf8))
    }

    @Test("Card-face values are checked")
    func cardFaceValidation() throws {
        #expect(throws: MynaKitError.self) { try CardFaceValues(birthDate: try day(1912, 7, 29), cardExpiryYear: 2035, securityCode: "1234") }
        #expect(throws: MynaKitError.self) { try CardFaceValues(birthDate: try day(1980, 1, 1), cardExpiryYear: 35, securityCode: "1234") }
        #expect(throws: MynaKitError.self) { try CardFaceValues(birthDate: try day(1980, 1, 1), cardExpiryYear: 2035, securityCode: "12a4") }
        #expect(throws: MynaKitError.self) { try CardFaceValues(birthDate: try day(1980, 1, 1), cardExpiryYear: 2035, securityCode: "12345") }
    }

    @Test("Credentials encode by name and decode only known names")
    func credentialCoding() throws {
        let data = try JSONEncoder().encode([Credential.userAuthenticationPIN, .cardFacePINB])
        #expect(String(decoding: data, as: UTF8.self) == #"["userAuthenticationPIN","cardFacePINB"]"#)
        #expect(try JSONDecoder().decode([Credential].self, from: data) == [.userAuthenticationPIN, .cardFacePINB])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Credential].self, from: Data(#"["nope"]"#.utf8)) }
        #expect(Set(Credential.all.map(\.name)).count == Credential.all.count)
        #expect(Credential.userAuthenticationPIN.maximumTries == 3)
        #expect(Credential.signaturePassword.maximumTries == 5)
        #expect(Credential.cardInfoPIN.maximumTries == 3)
        #expect(Credential.cardFacePINB.maximumTries == 10)
    }
}
