import Foundation
import MynaCard
import Testing

@testable import MynaKit

/// `dump()` of what a check returns and of what the operator is shown: the face photo appears only as its
/// length.
@Suite("dump() of outcomes and requests")
struct KitDumpRedactionTests {
    static func dumped(_ value: some Any) -> String {
        var text = ""
        dump(value, to: &text)
        return text
    }

    @Test("QualificationOutcome and VisualConfirmationRequest never dump the photo's bytes")
    func outcomeAndRequest() async throws {
        let setup = try SimulatedSetup(.standard)
        let confirmer = FixedOperator(.confirmed(operatorID: "staff-1"))
        let outcome = try await setup.check().run(.visual(pinB: try setup.pinB, confirmer: confirmer))
        let photo = try #require(outcome.facePhoto)
        let request = try #require(confirmer.request)

        for text in [Self.dumped(outcome), Self.dumped(request)] {
            #expect(text.contains("<\(photo.count) bytes redacted>"), "\(text.prefix(2000))")
        }
        // A dumped byte array takes a line per byte: the photo adds none.
        let parts = Self.dumped(outcome.result) + Self.dumped(outcome.result.certificate)
        #expect(Self.dumped(outcome).split(separator: "\n").count < parts.split(separator: "\n").count + 10)
        #expect(Self.dumped(request).split(separator: "\n").count < 10)
        // The certificate's subject is not dumped either (its own mirror).
        #expect(!Self.dumped(outcome).contains("subject"))
        #expect(Self.dumped(request).contains("isEmergency: false"))
    }
}
