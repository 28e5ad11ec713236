import Testing
@testable import MynaCodec

@Suite("StatusWord")
struct StatusWordTests {
    struct Row: Sendable, CustomTestStringConvertible {
        let value: UInt16
        let category: StatusWord.Category
        let isSuccess: Bool
        let isWarning: Bool
        let retriesRemaining: Int?
        /// A fragment of the expected meaning, or `nil` when the value has no meaning in ISO/IEC 7816-4.
        let meaning: String?

        init(_ value: UInt16, _ category: StatusWord.Category, success: Bool = false, warning: Bool = false,
             retries: Int? = nil, _ meaning: String?) {
            self.value = value
            self.category = category
            self.isSuccess = success
            self.isWarning = warning
            self.retriesRemaining = retries
            self.meaning = meaning
        }

        var testDescription: String { Hex.encode([UInt8(value >> 8), UInt8(value & 0xFF)]) }
    }

    static let table: [Row] = [
        // Normal processing.
        Row(0x9000, .success, success: true, "normal processing"),
        Row(0x9001, .success, nil),
        Row(0x90FF, .success, nil),
        Row(0x6100, .bytesAvailable(256), "256 response bytes still available"),
        Row(0x6101, .bytesAvailable(1), "1 response bytes still available"),
        Row(0x6110, .bytesAvailable(16), "16 response bytes"),
        Row(0x61FF, .bytesAvailable(255), "255 response bytes"),
        // Warnings, memory unchanged.
        Row(0x6200, .warningUnchanged, warning: true, "no information given"),
        Row(0x6281, .warningUnchanged, warning: true, "may be corrupted"),
        Row(0x6282, .warningUnchanged, warning: true, "end of file"),
        Row(0x6283, .warningUnchanged, warning: true, "deactivated"),
        Row(0x6284, .warningUnchanged, warning: true, "not formatted"),
        Row(0x6285, .warningUnchanged, warning: true, "termination state"),
        Row(0x62F1, .warningUnchanged, warning: true, nil),
        // Warnings, memory changed; 63Cx counters.
        Row(0x6300, .warningChanged, warning: true, "state changed"),
        Row(0x6381, .warningChanged, warning: true, "filled up"),
        Row(0x63B1, .warningChanged, warning: true, nil),
        Row(0x63D0, .warningChanged, warning: true, nil),
        Row(0x63C0, .retriesRemaining(0), warning: true, retries: 0, "0 tries left"),
        Row(0x63C1, .retriesRemaining(1), warning: true, retries: 1, "1 tries left"),
        Row(0x63C2, .retriesRemaining(2), warning: true, retries: 2, "2 tries left"),
        Row(0x63C3, .retriesRemaining(3), warning: true, retries: 3, "3 tries left"),
        Row(0x63C5, .retriesRemaining(5), warning: true, retries: 5, "5 tries left"),
        Row(0x63CA, .retriesRemaining(10), warning: true, retries: 10, "10 tries left"),
        Row(0x63CF, .retriesRemaining(15), warning: true, retries: 15, "15 tries left"),
        // Execution errors.
        Row(0x6400, .executionError, "execution error"),
        Row(0x6401, .executionError, nil),
        Row(0x64FF, .executionError, nil),
        Row(0x6500, .executionError, nil),
        Row(0x6581, .executionError, "memory failure"),
        Row(0x6600, .executionError, nil),
        // Checking errors.
        Row(0x6700, .checkingError, "wrong length"),
        Row(0x6881, .checkingError, "logical channel"),
        Row(0x6882, .checkingError, "secure messaging not supported"),
        Row(0x6883, .checkingError, "last command of the chain"),
        Row(0x6884, .checkingError, "chaining not supported"),
        Row(0x6981, .checkingError, "incompatible with file structure"),
        Row(0x6982, .checkingError, "security status not satisfied"),
        Row(0x6983, .blocked, retries: 0, "authentication method blocked"),
        Row(0x6984, .blocked, retries: 0, "reference data not usable"),
        Row(0x6985, .checkingError, "conditions of use not satisfied"),
        Row(0x6986, .checkingError, "no current EF"),
        Row(0x6987, .checkingError, "secure messaging data objects missing"),
        Row(0x6988, .checkingError, "incorrect secure messaging"),
        Row(0x6A80, .checkingError, "incorrect parameters in the command data"),
        Row(0x6A81, .checkingError, "function not supported"),
        Row(0x6A82, .checkingError, "file or application not found"),
        Row(0x6A83, .checkingError, "record not found"),
        Row(0x6A84, .checkingError, "not enough memory"),
        Row(0x6A85, .checkingError, "inconsistent with TLV"),
        Row(0x6A86, .checkingError, "incorrect parameters P1-P2"),
        Row(0x6A87, .checkingError, "inconsistent with parameters P1-P2"),
        Row(0x6A88, .checkingError, "referenced data"),
        Row(0x6A89, .checkingError, "file already exists"),
        Row(0x6A8A, .checkingError, "DF name already exists"),
        Row(0x6B00, .checkingError, "offset outside the EF"),
        Row(0x6C00, .wrongLe(exact: 256), "exact length is 256"),
        Row(0x6C10, .wrongLe(exact: 16), "exact length is 16"),
        Row(0x6CFF, .wrongLe(exact: 255), "exact length is 255"),
        Row(0x6D00, .checkingError, "instruction code not supported"),
        Row(0x6E00, .checkingError, "class not supported"),
        Row(0x6EFF, .checkingError, nil),
        Row(0x6F00, .checkingError, "no precise diagnosis"),
        Row(0x6FFF, .checkingError, nil),
        Row(0x6999, .checkingError, nil),
        // Outside the interindustry ranges: kept exactly, no meaning.
        Row(0x0000, .unknown, nil),
        Row(0x1234, .unknown, nil),
        Row(0x6000, .unknown, nil),
        Row(0x60FF, .unknown, nil),
        Row(0x9100, .unknown, nil),
        Row(0x9F10, .unknown, nil),
        Row(0xFFFF, .unknown, nil),
    ]

    @Test(arguments: table)
    func classifies(_ row: Row) {
        let sw = StatusWord(row.value)
        #expect(sw.rawValue == row.value)
        #expect(sw.category == row.category)
        #expect(sw.isSuccess == row.isSuccess)
        #expect(sw.isWarning == row.isWarning)
        #expect(sw.retriesRemaining == row.retriesRemaining)
        if let fragment = row.meaning {
            #expect(sw.meaning?.contains(fragment) == true, "meaning: \(sw.meaning ?? "nil")")
            #expect(sw.description == "SW \(row.testDescription) (\(sw.meaning ?? ""))")
        } else {
            #expect(sw.meaning == nil)
            #expect(sw.description == "SW \(row.testDescription)")
        }
    }

    @Test(arguments: table)
    func survivesTheWire(_ row: Row) throws {
        let sw = StatusWord(row.value)
        let response = try ResponseAPDU(decoding: [0x42] + sw.bytes)
        #expect(response.statusWord == sw)
        #expect(response.statusWord.category == row.category)
        #expect(StatusWord(sw1: sw.sw1, sw2: sw.sw2) == sw)
        #expect(StatusWord(rawValue: row.value) == sw)
    }

    /// Every 16-bit value is kept exactly and classified consistently. Checks are collected and asserted
    /// once so the loop stays fast.
    @Test func everyValueIsKeptAndConsistent() {
        var failures: [String] = []
        for raw in UInt16.min...UInt16.max {
            let sw = StatusWord(raw)
            let hex = Hex.encode(sw.bytes)
            if sw.sw1 != UInt8(raw >> 8) || sw.sw2 != UInt8(raw & 0xFF) { failures.append("bytes \(hex)") }
            if StatusWord(sw1: sw.sw1, sw2: sw.sw2).rawValue != raw { failures.append("init \(hex)") }
            if sw.isSuccess != (raw == 0x9000) { failures.append("isSuccess \(hex)") }
            if !sw.description.hasPrefix("SW \(hex)") { failures.append("description \(hex)") }
            switch sw.category {
            case .retriesRemaining(let n):
                if sw.retriesRemaining != n || sw.sw1 != 0x63 || sw.sw2 & 0xF0 != 0xC0 { failures.append("63Cx \(hex)") }
            case .blocked:
                if sw.retriesRemaining != 0 || (raw != 0x6983 && raw != 0x6984) { failures.append("blocked \(hex)") }
            case .bytesAvailable(let n):
                if sw.sw1 != 0x61 || !(1...256).contains(n) { failures.append("61xx \(hex)") }
            case .wrongLe(let n):
                if sw.sw1 != 0x6C || !(1...256).contains(n) { failures.append("6Cxx \(hex)") }
            case .unknown:
                if (0x61...0x6F).contains(sw.sw1) || sw.sw1 == 0x90 { failures.append("unknown in ISO range \(hex)") }
                if sw.meaning != nil { failures.append("meaning for unknown \(hex)") }
            default:
                if sw.retriesRemaining != nil { failures.append("retries \(hex)") }
            }
            if sw.isWarning != (sw.sw1 == 0x62 || sw.sw1 == 0x63) { failures.append("isWarning \(hex)") }
        }
        #expect(failures.isEmpty, "\(failures.count) failures, first: \(failures.prefix(5))")
    }

    /// `6xxx` with SW1 outside `61`–`6F` and `9xxx` other than `90xx` are not interindustry values.
    @Test func categoryRangesBySW1() {
        for sw1 in UInt8.min...UInt8.max {
            let category = StatusWord(sw1: sw1, sw2: 0x01).category
            switch sw1 {
            case 0x90: #expect(category == .success)
            case 0x61: #expect(category == .bytesAvailable(1))
            case 0x62: #expect(category == .warningUnchanged)
            case 0x63: #expect(category == .warningChanged)
            case 0x64...0x66: #expect(category == .executionError)
            case 0x6C: #expect(category == .wrongLe(exact: 1))
            case 0x67...0x6F: #expect(category == .checkingError)
            default: #expect(category == .unknown, "SW1 \(Hex.encode([sw1]))")
            }
        }
    }

    @Test func namedConstantsHaveTheirISOValues() {
        let named: [(StatusWord, UInt16)] = [
            (.success, 0x9000), (.warningNoInformation, 0x6200), (.warningDataCorrupted, 0x6281),
            (.warningEndOfFile, 0x6282), (.warningFileDeactivated, 0x6283), (.warningFCINotFormatted, 0x6284),
            (.warningStateChanged, 0x6300), (.warningFileFilledUp, 0x6381), (.executionError, 0x6400),
            (.memoryFailure, 0x6581), (.wrongLength, 0x6700), (.logicalChannelNotSupported, 0x6881),
            (.secureMessagingNotSupported, 0x6882), (.incompatibleFileStructure, 0x6981),
            (.securityStatusNotSatisfied, 0x6982), (.authenticationMethodBlocked, 0x6983),
            (.referenceDataBlocked, 0x6984), (.conditionsNotSatisfied, 0x6985), (.noCurrentEF, 0x6986),
            (.incorrectData, 0x6A80), (.functionNotSupported, 0x6A81), (.fileNotFound, 0x6A82),
            (.recordNotFound, 0x6A83), (.notEnoughMemory, 0x6A84), (.incorrectP1P2, 0x6A86),
            (.referencedDataNotFound, 0x6A88), (.wrongParameters, 0x6B00), (.instructionNotSupported, 0x6D00),
            (.classNotSupported, 0x6E00), (.noPreciseDiagnosis, 0x6F00),
        ]
        for (sw, raw) in named {
            #expect(sw.rawValue == raw)
            #expect(sw.meaning != nil, "\(sw)")
        }
        #expect(Set(named.map(\.1)).count == named.count)
    }

    @Test func equalityAndHashingUseTheRawValue() {
        #expect(StatusWord(0x6982) == .securityStatusNotSatisfied)
        #expect(StatusWord(0x6982) != StatusWord(0x6983))
        let set: Set<StatusWord> = [StatusWord(0x9000), StatusWord(sw1: 0x90, sw2: 0x00), StatusWord(rawValue: 0x9000)]
        #expect(set.count == 1)
        #expect(StatusWord(0x63C2).bytes == [0x63, 0xC2])
    }
}
