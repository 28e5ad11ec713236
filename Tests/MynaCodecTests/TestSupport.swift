import Testing
@testable import MynaCodec

/// Hex for test data; fails the test (instead of trapping) when the literal is malformed.
func bytes(_ hex: String, sourceLocation: SourceLocation = #_sourceLocation) -> [UInt8] {
    do {
        return try Hex.decode(hex)
    } catch {
        Issue.record("bad hex literal in test: \(error)", sourceLocation: sourceLocation)
        return []
    }
}

/// A deterministic byte pattern of `count` bytes, distinct from filler and from zero runs.
func pattern(_ count: Int, seed: UInt8 = 1) -> [UInt8] {
    (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ Int(seed)) }
}

/// Runs `body` and expects it to throw a ``CodecError`` with `code` and a non-empty reason.
@discardableResult
func expectCodecError<R>(
    _ code: CodecError.Code,
    _ comment: Comment? = nil,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () throws(CodecError) -> R
) -> CodecError? {
    do {
        let result = try body()
        Issue.record("expected CodecError.\(code), got a result: \(result)", sourceLocation: sourceLocation)
        return nil
    } catch {
        #expect(error.code == code, "\(comment ?? "") — \(error)", sourceLocation: sourceLocation)
        #expect(!error.reason.isEmpty, sourceLocation: sourceLocation)
        return error
    }
}
