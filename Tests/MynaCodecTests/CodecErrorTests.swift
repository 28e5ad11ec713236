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
        #expect(CodecError.Code(200).description == "code(200)")
    }

    /// Errors compare by code only, so tests and callers can match on the kind of failure.
    @Test func equalityAndHashingUseTheCode() {
        let a = CodecError(code: .truncated, reason: "one reason", file: "A.swift", line: 1)
        let b = CodecError(code: .truncated, reason: "another", file: "B.swift", line: 2)
        let c = CodecError(code: .invalidTag, reason: "one reason", file: "A.swift", line: 1)
        #expect(a == b)
        #expect(a != c)
        #expect(Set([a, b, c]).count == 2)
    }

    @Test func descriptionNamesCodeAndReason() {
        let error = CodecError.invalidValueError("Ne 0 outside 1…65536")
        #expect(error.description == "CodecError.invalidValue: Ne 0 outside 1…65536")
        #expect("\(error)" == error.description)
    }

    @Test func publicFactoriesCaptureTheirCallSite() {
        let line: UInt = #line + 1
        let error = CodecError.invalidLengthError("too long")
        #expect(error.code == .invalidLength)
        #expect(error.reason == "too long")
        #expect(error.file == #fileID)
        #expect(error.line == line)
        #expect(CodecError.invalidValueError("x").code == .invalidValue)
        #expect(CodecError.unexpectedEncodingError("x").code == .unexpectedEncoding)
    }

    @Test func errorsThrownByTheCodecPointIntoIt() {
        let error = expectCodecError(.missingStatusWord) { () throws(CodecError) in try ResponseAPDU(decoding: [0x90]) }
        #expect(error?.file.hasPrefix("MynaCodec/") == true)
        #expect((error?.line ?? 0) > 0)
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
