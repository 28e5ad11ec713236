import Foundation
import MynaCard
import MynaCodec
import MynaISO7816
import MynaSimulator
import Testing

/// State and persona files written before the simulator used MynaCard's `CalendarDate` still load, and
/// are written again byte for byte.
@Suite("State and persona file compatibility")
struct FileCompatibilityTests {
    /// A state file written by `myna vpcd --persona gaijiName --state-file …` when the simulator still had its
    /// own date type, verbatim.
    static let stateWrittenBeforeMynaCardDates = """
        {
          "buildDate" : "2026-11-21",
          "changedReferenceData" : {

          },
          "persona" : {
            "address" : "京都府京都市左京区見本町４－５",
            "birthDate" : "1975-01-07",
            "cardSerial" : "900000000000006",
            "certificateValidity" : {
              "rule" : "standard"
            },
            "credentials" : {
              "authenticationPIN" : "5678",
              "cardInfoPIN" : "5678",
              "residentRegistryPIN" : "5678",
              "signaturePassword" : "GAIJI01"
            },
            "identifier" : "gaijiName",
            "individualNumber" : "906789123453",
            "issueDate" : "2024-10-01",
            "keySet" : 7,
            "kind" : "card",
            "lockedCredentials" : [

            ],
            "municipalityCode" : "26103",
            "name" : {
              "family" : "𠮷田",
              "familySubstitute" : "吉田",
              "given" : "太郎"
            },
            "securityCode" : "3141",
            "sex" : "1"
          },
          "triesRemaining" : {
            "authenticationPIN" : 3,
            "birthDateKey" : 10,
            "cardFacePINA" : 10,
            "cardFacePINB" : 10,
            "cardInfoBlockedReference" : 0,
            "cardInfoPIN" : 3,
            "cardInfoPINA" : 10,
            "cardInfoPINB" : 10,
            "commonCardPIN" : 3,
            "residentRegistryPIN" : 3,
            "signaturePassword" : 5
          }
        }
        """

    @Test("a state file of the earlier format loads, and is written again byte for byte")
    func earlierStateFile() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("myna-sim-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(Self.stateWrittenBeforeMynaCardDates.utf8).write(to: url)
        let state = try SimulatedCardState(contentsOf: url)
        #expect(state.buildDate == CalendarDate(constant: 2026, 11, 21))
        #expect(state.persona.birthDate == CalendarDate(constant: 1975, 1, 7))
        #expect(state.persona.issueDate == CalendarDate(constant: 2024, 10, 1))
        #expect(state.persona.cardExpiry == nil)
        #expect(state.persona == .gaijiName)
        #expect(state.tries(.cardInfoBlockedReference) == 0)

        try state.write(to: url)
        #expect(String(decoding: try Data(contentsOf: url), as: UTF8.self) == Self.stateWrittenBeforeMynaCardDates)

        #expect(state.persona.pinB == "50010720343141")  // 昭和50-01-07 ‖ 2034 ‖ 3141
        let card = try SimulatedCard(state: state)
        try card.open(.cardInfoInputSupport)
        #expect(try card.send(APDU.verify("50010720343141", p2: 0x95)).sw == 0x9000)
    }

    @Test("persona dates may also be written YYYYMMDD, as the earlier decoder allowed")
    func compactDates() throws {
        var persona = Persona.standard
        persona.cardExpiry = CalendarDate(constant: 2035, 7, 23)
        persona.certificateValidity = .init(.expired, referenceDate: CalendarDate(constant: 2030, 2, 28))
        var json = String(decoding: try JSONEncoder().encode(persona), as: UTF8.self)
        for (written, compact) in [
            ("1985-07-23", "19850723"), ("2025-04-01", "20250401"), ("2035-07-23", "20350723"), ("2030-02-28", "20300228"),
        ] {
            #expect(json.contains("\"\(written)\""))
            json = json.replacingOccurrences(of: "\"\(written)\"", with: "\"\(compact)\"")
        }
        #expect(try JSONDecoder().decode(Persona.self, from: Data(json.utf8)) == persona)
    }

    @Test("a date that is not a real day is a decoding error", arguments: [
        "2023-02-29", "20230229", "2023-1-01", "2023/01/01", "202301011", "", "0000-01-01",
    ])
    func badDates(text: String) throws {
        let json = String(decoding: try JSONEncoder().encode(Persona.standard), as: UTF8.self)
            .replacingOccurrences(of: "\"1985-07-23\"", with: "\"\(text)\"")
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Persona.self, from: Data(json.utf8)) }
    }

    @Test("an optional date may be null or absent")
    func optionalDates() throws {
        let json = String(decoding: try JSONEncoder().encode(Persona.standard), as: UTF8.self)
        #expect(!json.contains("cardExpiry"))
        let withNull = json.replacingOccurrences(of: "\"identifier\"", with: "\"cardExpiry\":null,\"identifier\"")
        #expect(try JSONDecoder().decode(Persona.self, from: Data(withNull.utf8)) == .standard)
    }
}
