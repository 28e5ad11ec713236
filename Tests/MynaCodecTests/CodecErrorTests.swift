import Testing
@testable import MynaCodec

@Suite("CodecError")
struct CodecErrorTests {
    static let codes: [(CodecError.Code, String)] = [
        (.truncated, "truncated"), (.invalidLength, "invalidLength"), (.trailingBytes, "trailingBytes"),
        (.invalidTag, "invalidTag"), (.indefiniteLength, "indefiniteLength"), (.nestingTooDeep, "nestingTooDeep"),
        (.invalidValue, "invalidValue"), (.missingStatusWord, "missingStatusWord"),
        (.unexpectedEncoding, "unexpectedEncoding"),
    ]

    @Test func codesAreDistinctAndNamed() {
        #expect(Set(Self.codes.map(\.0)).count == Self.codes.count)
        for (code, name) in Self.codes {
            #expect(code.description == name)
        }
        #expect(CodecError.Code("somethingNew").description == "somethingNew")
        #expect(CodecError.Code("somethingNew") != .truncated)
    }

    /// Errors compare by code only, so tests and callers can match on the kind of failure.
    @Test func equalityAndHashingUseTheCode() {
        let a = CodecError(.truncated, "one reason", file: "A.swift", line: 1)
        let b = CodecError(.truncated, "another", file: "B.swift", line: 2)
        let c = CodecError(.invalidTag, "one reason", file: "A.swift", line: 1)
        #expect(a == b)
        #expect(a != c)
        #expect(Set([a, b, c]).count == 2)
    }

    @Test func descriptionNamesCodeReasonAndPlace() {
        let error = CodecError(.invalidValue, "Ne 0 outside 1…65536", file: "MynaCodec/CommandAPDU.swift", line: 72)
        #expect(error.description == "CodecError.invalidValue: Ne 0 outside 1…65536 (MynaCodec/CommandAPDU.swift:72)")
        #expect("\(error)" == error.description)
    }

    @Test func theInitializerCapturesItsCallSite() {
        let line: UInt = #line + 1
        let error = CodecError(.invalidLength, "too long")
        #expect(error.code == .invalidLength)
        #expect(error.reason == "too long")
        #expect(error.description.hasSuffix("(\(#fileID):\(line))"))
        #expect(CodecError.invalidValue("x").code == .invalidValue)
        #expect(CodecError.unexpectedEncoding("x").code == .unexpectedEncoding)
    }

    @Test func errorsThrownByTheCodecPointIntoIt() {
        let error = expectCodecError(.missingStatusWord) { () throws(CodecError) in try ResponseAPDU(decoding: [0x90]) }
        #expect(error?.description.contains("(MynaCodec/") == true)
        #expect(error?.reason == "a response APDU needs at least 2 bytes, got 1")
    }

    @Test func matchesWithSwitchAndCatchPatterns() {
        do {
            _ = try BERTLV.parse([0x04, 0x80])
            Issue.record("expected an error")
        } catch where error.code == .indefiniteLength {
            #expect(error.reason.contains("80"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
