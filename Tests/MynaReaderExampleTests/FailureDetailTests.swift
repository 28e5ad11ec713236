import Foundation
import MynaCodec
import MynaISO7816
import MynaKit
@testable import MynaReaderExample
import Testing

/// The library's errors describe themselves for developers (ending with the source file and line); what
/// `myna` shows the people at the desk — the `Detail:` line and the JSON `detail` — is the reason only.
@Suite struct FailureDetailTests {
    static let errors: [any Error] = [
        CardCommandError(statusWord: .fileNotFound, instruction: .select),
        CardCommandError.malformedResponse(.readBinary, "file 000A ends inside its TLV header"),
        CodecError(.truncated, "the input ended inside a BER-TLV length"),
    ]

    @Test(arguments: 0..<errors.count, [MessageLanguage.english, .japanese])
    func noSourcePathReachesTheDesk(_ index: Int, _ language: MessageLanguage) throws {
        let error = Self.errors[index]
        #expect(String(describing: error).contains(".swift:"))  // the developer's description keeps it
        let failure = Failure(error, language: language)
        let detail = try #require(failure.detail)
        #expect(!detail.contains(".swift"))
        #expect(!failure.text.contains(".swift"))
        let json = String(decoding: try JSONEncoder().encode(failure), as: UTF8.self)
        #expect(!json.contains(".swift"))
        #expect(failure.libraryError?.hasPrefix(index < 2 ? "CardCommandError." : "CodecError.") == true)
    }

    @Test func theCommandAndTheReasonAreKept() throws {
        let failure = Failure(CardCommandError(statusWord: .fileNotFound, instruction: .select), language: .english)
        let detail = try #require(failure.detail)
        #expect(detail.hasPrefix("SELECT failed: "))
        #expect(failure.statusWord == "6A82")
    }
}
