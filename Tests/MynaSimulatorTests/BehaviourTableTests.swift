import MynaCard
import MynaCodec
import MynaISO7816
import MynaSimulator
import Testing

/// One scripted exchange: a sequence of commands and the status word each must get.
struct Script: CustomTestStringConvertible, Sendable {
    let name: String
    let persona: Persona
    let steps: [(command: [UInt8], sw: UInt16)]

    init(_ name: String, _ persona: Persona = .standard, _ steps: [(String, UInt16)]) {
        self.name = name
        self.persona = persona
        self.steps = steps.map { (APDU.bytes($0.0), $0.1) }
    }

    var testDescription: String { name }
}

// Hex shorthands for the table.
private let jpki = "00A4040C0A D392F000260100000001"
private let text = "00A4040C0A D3921000310001010408"
private let surface = "00A4040C0A D3921000310001010402"
private let juki = "00A4040C0A D3921000310001010401"
private let common = "00A4040C0A D3921000310001010100"
private func ef(_ fid: String) -> String { "00A4020C02 " + fid }
private func verify(_ value: String, _ p2: String = "80") -> String {
    "002000" + p2 + String(format: "%02X", value.utf8.count) + Hex.encode(Array(value.utf8))
}
private let readHeader = "00B0000004"
private let pinB = Persona.standard.pinB
private let pinA = Persona.standard.pinA
private let digestInfo = "3031300D060960864801650304020105000420" + String(repeating: "AB", count: 32)

@Suite("Behaviour table: every access rule and status word")
struct BehaviourTableTests {
    static let scripts: [Script] = [
        // SELECT
        Script("JPKI selects", .standard, [(jpki, 0x9000)]),
        Script("no usable MF: 00 A4 00 00 → 6A86 after reset, 3F00 → 6A82", .standard, [
            ("00A40000", 0x6A86), ("00A4000C023F00", 0x6A82), ("00A4020C023F00", 0x6A82), ("00A40000023F00", 0x6A82),
        ]),
        Script("unknown AIDs → 6A82, and nothing breaks after", .standard, [
            ("00A4040009A00000030800001000", 0x6A82), ("00A4040C07A0000000031010", 0x6A82),
            ("00A404000CA000000063504B43532D3135", 0x6A82), (jpki, 0x9000), (ef("000A"), 0x9000), (readHeader, 0x9000),
        ]),
        Script("a failed SELECT leaves the selection", .standard, [
            (jpki, 0x9000), (ef("000A"), 0x9000), ("00A4040C05A000000001", 0x6A82), (readHeader, 0x9000),
        ]),
        Script("EF not in the applet → 6A82; bad P1/P2 → 6A86; wrong FID length → 6700", .standard, [
            (jpki, 0x9000), (ef("0003"), 0x6A82), ("00A4030C020001", 0x6A86), ("00A4021002000A", 0x6A86),
            ("00A4020C03000A00", 0x6700),
        ]),
        Script("SELECT EF with no applet → 6A82", .standard, [(ef("000A"), 0x6A82)]),
        // READ BINARY
        Script("READ BINARY without a current EF → 6986", .standard, [(jpki, 0x9000), (readHeader, 0x6986)]),
        Script("READ BINARY by SFI needs no SELECT", .standard, [(jpki, 0x9000), ("00B08A0004", 0x9000)]),
        Script("READ BINARY by SFI of a missing file → 6A82; SFI bits 6–7 → 6A86", .standard, [
            (jpki, 0x9000), ("00B0830004", 0x6A82), ("00B0E60004", 0x6A86),
        ]),
        Script("READ BINARY past the end → 6B00, at the last byte → 1 byte", .standard, [
            (jpki, 0x9000), (ef("0008"), 0x9000), ("00B0000300", 0x6B00), ("00B0000200", 0x9000), ("00B07FFF01", 0x6B00),
        ]),
        Script("READ BINARY with no Le → 6700", .standard, [(jpki, 0x9000), (ef("0008"), 0x9000), ("00B00000", 0x6700)]),
        Script("reading a PIN or key EF → 6981", .standard, [
            (jpki, 0x9000), (ef("0018"), 0x9000), (readHeader, 0x6981), (ef("0017"), 0x9000), (readHeader, 0x6981),
        ]),
        // JPKI access
        Script("JPKI free files", .standard, [
            (jpki, 0x9000), (ef("0002"), 0x9000), (readHeader, 0x9000), (ef("0006"), 0x9000), (readHeader, 0x9000),
            (ef("000A"), 0x9000), (readHeader, 0x9000), (ef("000B"), 0x9000), (readHeader, 0x9000),
        ]),
        Script("signature certificate needs the password", .standard, [
            (jpki, 0x9000), (ef("0001"), 0x9000), (readHeader, 0x6982), (ef("001B"), 0x9000), (verify("ABC123"), 0x9000),
            (ef("0001"), 0x9000), (readHeader, 0x9000),
        ]),
        Script("the auth PIN does not open the signature certificate", .standard, [
            (jpki, 0x9000), (verify("1234", "98"), 0x9000), ("00B0810004", 0x6982),
        ]),
        Script("re-selecting the same applet keeps the verified state (card facts §3)", .standard, [
            (jpki, 0x9000), (verify("ABC123", "9B"), 0x9000), ("00B0810004", 0x9000), (jpki, 0x9000),
            ("00B0810004", 0x9000),
        ]),
        Script("selecting the ISD drops it", .standard, [
            (jpki, 0x9000), (verify("ABC123", "9B"), 0x9000), ("00A4040C07A0000001510000", 0x9000), (jpki, 0x9000),
            ("00B0810004", 0x6982),
        ]),
        Script("selecting another applet and back drops it too", .standard, [
            (jpki, 0x9000), (verify("ABC123", "9B"), 0x9000), (text, 0x9000), (jpki, 0x9000), ("00B0810004", 0x6982),
        ]),
        Script("smartphone token: auth certificate needs the PIN", .smartphoneAndroid, [
            (jpki, 0x9000), (ef("000A"), 0x9000), (readHeader, 0x6982), (verify("2580", "98"), 0x9000),
            (readHeader, 0x9000),
        ]),
        Script("smartphone token: no other applets", .smartphoneIPhone, [
            (text, 0x6A82), (surface, 0x6A82), (juki, 0x6A82), (common, 0x6A82), (jpki, 0x9000),
        ]),
        Script("face-authentication card: no PINs, no signature certificate, a PIN-less auth key", .faceAuthentication, [
            (jpki, 0x9000), (ef("0018"), 0x6A82), (ef("001B"), 0x6A82), (ef("0001"), 0x6A82), (ef("0002"), 0x6A82),
            (ef("000A"), 0x9000), (readHeader, 0x9000), (ef("0017"), 0x9000), ("802A0080" + "33" + digestInfo + "00", 0x9000),
            (text, 0x9000), (ef("0011"), 0x6A82), (ef("0014"), 0x9000), (juki, 0x9000), (ef("001C"), 0x6A82),
        ]),
        Script("face-authentication card: PIN-B still opens the card face", .faceAuthentication, [
            (surface, 0x9000), (verify(Persona.faceAuthentication.pinB, "92"), 0x9000), (ef("0002"), 0x9000),
            (readHeader, 0x9000),
        ]),
        Script("old Juki card: signature certificate only, no card-face applets", .oldJukiCard, [
            (jpki, 0x9000), (ef("000A"), 0x6A82), (ef("0018"), 0x6A82), (ef("0002"), 0x9000), (text, 0x6A82),
            (surface, 0x6A82), (common, 0x6A82), (juki, 0x9000),
        ]),
        // Text applet access
        Script("text 0001: PIN or PIN-A, not PIN-B", .standard, [
            (text, 0x9000), (ef("0001"), 0x9000), (readHeader, 0x6982), (verify(pinB, "95"), 0x9000),
            (ef("0001"), 0x9000), (readHeader, 0x6982), (verify(pinA, "94"), 0x9000), (ef("0001"), 0x9000),
            (readHeader, 0x9000), (text, 0x9000), (verify("1234", "91"), 0x9000), (ef("0001"), 0x9000),
            (readHeader, 0x9000),
        ]),
        Script("text 0002: PIN or PIN-B, not PIN-A", .standard, [
            (text, 0x9000), (verify(pinA, "94"), 0x9000), (ef("0002"), 0x9000), (readHeader, 0x6982),
            (verify(pinB, "95"), 0x9000), (ef("0002"), 0x9000), (readHeader, 0x9000),
        ]),
        Script("text 0003 and 0007: PIN, A or B", .standard, [
            (text, 0x9000), (ef("0003"), 0x9000), (readHeader, 0x6982), (ef("0007"), 0x9000), (readHeader, 0x6982),
            (verify(pinA, "94"), 0x9000), (ef("0003"), 0x9000), (readHeader, 0x9000), (text, 0x9000),
            (verify(pinB, "95"), 0x9000), (ef("0007"), 0x9000), (readHeader, 0x9000),
        ]),
        Script("text 0004 and 0005 are free", .standard, [
            (text, 0x9000), (ef("0004"), 0x9000), (readHeader, 0x9000), (ef("0005"), 0x9000), (readHeader, 0x9000),
        ]),
        Script("text 0012 is blocked from issue", .standard, [
            (text, 0x9000), (ef("0012"), 0x9000), ("00200080", 0x63C0), (verify("1234"), 0x6984),
            (verify("0000"), 0x6984),
        ]),
        // Surface applet access
        Script("surface 0001: birth-date key only", .standard, [
            (surface, 0x9000), (ef("0001"), 0x9000), (readHeader, 0x6982), (verify(pinA, "93"), 0x9000),
            (ef("0001"), 0x9000), (readHeader, 0x6982), (verify(Persona.standard.birthDateKey, "91"), 0x9000),
            (ef("0001"), 0x9000), (readHeader, 0x9000),
        ]),
        Script("surface 0002: PIN-A or PIN-B", .standard, [
            (surface, 0x9000), (ef("0002"), 0x9000), (readHeader, 0x6982), (verify(pinB, "92"), 0x9000),
            (ef("0002"), 0x9000), (readHeader, 0x9000), (surface, 0x9000), (verify(pinA, "93"), 0x9000),
            ("00B0820004", 0x9000),
        ]),
        Script("surface 0005: PIN-A only", .standard, [
            (surface, 0x9000), (verify(pinB, "92"), 0x9000), (ef("0005"), 0x9000), (readHeader, 0x6982),
            (verify(pinA, "93"), 0x9000), (ef("0005"), 0x9000), (readHeader, 0x9000),
        ]),
        Script("surface 0003 and 0004 are free", .standard, [
            (surface, 0x9000), (ef("0003"), 0x9000), (readHeader, 0x9000), (ef("0004"), 0x9000), (readHeader, 0x9000),
        ]),
        // Signing
        Script("JPKI signing needs the PIN; other P1 → 6A86", .standard, [
            (jpki, 0x9000), (ef("0017"), 0x9000), ("802A0080" + "33" + digestInfo + "00", 0x6982),
            (verify("1234", "98"), 0x9000), (ef("0017"), 0x9000), ("802A0080" + "33" + digestInfo + "00", 0x9000),
            ("802A0780" + "33" + digestInfo + "00", 0x6A86), ("802A0097" + "33" + digestInfo + "00", 0x9000),
            ("802A009A" + "33" + digestInfo + "00", 0x6982), ("802A0081" + "33" + digestInfo + "00", 0x6985),
        ]),
        Script("JPKI signing: P1 00 data over 245 bytes → 6700; P1 02 needs 32 bytes", .standard, [
            (jpki, 0x9000), (verify("1234", "98"), 0x9000),
            ("802A0097F6" + String(repeating: "00", count: 246) + "00", 0x6700),
            ("802A0297" + "1F" + String(repeating: "00", count: 31) + "00", 0x6700),
            ("802A0297" + "20" + String(repeating: "00", count: 32) + "00", 0x9000),
            ("802A0397" + "03" + "616263" + "00", 0x9000), ("802A0197" + "03" + "616263" + "00", 0x9000),
        ]),
        Script("the card key signs in text and surface with no credential", .standard, [
            (text, 0x9000), ("802A0000" + "33" + digestInfo + "00", 0x9000), (surface, 0x9000),
            ("802A0000" + "33" + digestInfo + "00", 0x9000), ("802A0100" + "33" + digestInfo + "00", 0x6A86),
        ]),
        // VERIFY addressing
        Script("VERIFY: bad P1/P2 → 6A86; not a PIN → 6A88; no current EF → 6986", .standard, [
            (jpki, 0x9000), ("002001800431323334", 0x6A86), ("0020009F0431323334", 0x6A86), ("00200080", 0x6986),
            (ef("000A"), 0x9000), ("00200080", 0x6A88), ("0020008A", 0x6A88),
        ]),
        // CHANGE REFERENCE DATA
        Script("CHANGE REFERENCE DATA needs a VERIFY first, checks the format", .standard, [
            (jpki, 0x9000), (ef("0018"), 0x9000), ("002401800435363738", 0x6982), (verify("1234"), 0x9000),
            ("0024018003353637", 0x6A80), ("002400800435363738", 0x6A86), ("002401800435363738", 0x9000),
            (verify("1234"), 0x63C2), (verify("5678"), 0x9000),
        ]),
        Script("PIN-A cannot be changed", .standard, [
            (text, 0x9000), (ef("0014"), 0x9000), (verify(pinA), 0x9000), ("00240180" + "0C" + Hex.encode(Array(pinA.utf8)), 0x6985),
        ]),
        // Other instructions
        Script("unknown INS → 6D00; GET DATA of an unknown object → 6A88; bad CLA → 6E00 / 6882 / 6881", .standard, [
            ("00CA010100", 0x6A88), ("00880000", 0x6D00), ("A0A4040C02000A", 0x6E00), ("0CA4040C02000A", 0x6882),
            ("01A4040C02000A", 0x6881), (jpki, 0x9000),
        ]),
        Script("malformed APDUs → 6700", .standard, [
            ("00", 0x6700), ("00A4", 0x6700), ("00A4040C05D392", 0x6700), ("00B0000000000100", 0x6700), (jpki, 0x9000),
        ]),
        Script("GET CHALLENGE", .standard, [("0084000008", 0x9000), ("00840000", 0x6700), ("0084010008", 0x6A86)]),
        Script("GET RESPONSE with nothing pending → 6985", .standard, [("00C0000010", 0x6985)]),
        Script("common and Juki PINs", .standard, [
            // Their limit is not established: the standard profile's choice (10) applies.
            (common, 0x9000), (ef("001C"), 0x9000), ("00200080", 0x63CA), (verify("1234"), 0x9000), (juki, 0x9000),
            ("0020009C", 0x63CA), (verify("0000", "9C"), 0x63C9),
        ]),
    ]

    @Test("scripted exchanges", arguments: scripts)
    func run(script: Script) throws {
        let card = try SimulatedCard(persona: script.persona)
        for (index, step) in script.steps.enumerated() {
            let answer = try card.send(step.command)
            #expect(
                answer.sw == step.sw,
                "step \(index): \(Hex.encode(step.command.prefix(5), separator: " ")) → \(String(answer.sw, radix: 16, uppercase: true)), expected \(String(step.sw, radix: 16, uppercase: true))"
            )
        }
    }
}
