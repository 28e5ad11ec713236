import Foundation
import Testing

/// The built-in `standard` persona's values (MynaSimulator's `Persona.standard`): what a tester types.
enum Standard {
    static let pin = "1234"
    static let signaturePassword = "ABC123"
    static let cardInfoPIN = "1234"
    static let birthDate = "1985-07-23"
    static let expiryYear = "2034"
    static let securityCode = "4821"
    static let individualNumber = "901234567893"

    /// Every secret `standard` has, in its default environment variable.
    static let environment = [
        "MYNA_PIN": pin, "MYNA_SIGN_PASSWORD": signaturePassword, "MYNA_CARD_INFO_PIN": cardInfoPIN,
        "MYNA_SECURITY_CODE": securityCode, "MYNA_PIN_A": individualNumber,
    ]

    /// The card-front options for PIN-B.
    static let cardFront = ["--birth-date", birthDate, "--expiry-year", expiryYear]
}

/// The exit statuses the documentation promises.
enum Exit {
    static let success: Int32 = 0
    static let failure: Int32 = 1
    static let usage: Int32 = 2
    static let noReaderOrCard: Int32 = 3
    static let wrongCredential: Int32 = 4
    static let credentialLocked: Int32 = 5
    static let certificateProblem: Int32 = 6
    static let cardDataIntegrity: Int32 = 7
    static let transport: Int32 = 8
    static let notPresent: Int32 = 9
    static let lastTryDeclined: Int32 = 10
    static let checkFailed: Int32 = 11
}

/// Checks a run's stdout: exactly one JSON document on one line, conforming to `schema` (the command's
/// schema for a success, `error.schema.json` for a failure). Returns the document.
@discardableResult
func expectDocument(
    _ run: Myna.Run, schema: String, sourceLocation: SourceLocation = #_sourceLocation
) throws -> JSONValue {
    let lines = run.stdoutText.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.count == 2 && lines.last == "", "stdout must be one JSON line:\n\(run)", sourceLocation: sourceLocation)
    let document = try run.json()
    let problems = try SchemaValidator(directory: Myna.schemaDirectory).violations(of: document, against: schema)
    #expect(problems.isEmpty, "\(schema): \(problems.joined(separator: "\n"))\n\(run)", sourceLocation: sourceLocation)
    return document
}

/// Runs a command on the simulated card with `--json` and checks its document against the command's
/// schema (and the exit status 0). `usesCard` false: the command needs no card, and names none.
@discardableResult
func simulatedJSON(
    _ arguments: [String], persona: String = "standard", environment: [String: String] = Standard.environment,
    input: Myna.Input = .closed, in directory: URL? = nil, usesCard: Bool = true,
    sourceLocation: SourceLocation = #_sourceLocation
) async throws -> JSONValue {
    let run = try await Myna.run(
        ["--persona", persona, "--json"] + arguments, environment: environment, input: input, in: directory)
    #expect(run.status == Exit.success, "\(arguments): \(run)", sourceLocation: sourceLocation)
    let command = try #require(arguments.first)
    let document = try expectDocument(run, schema: "\(command).schema.json", sourceLocation: sourceLocation)
    if usesCard {
        #expect(document["backend"]?["kind"]?.string == "simulated", sourceLocation: sourceLocation)
        #expect(document["backend"]?["persona"]?.string == persona, sourceLocation: sourceLocation)
    } else {
        #expect(document["backend"] == nil, sourceLocation: sourceLocation)
    }
    return try #require(document["result"], sourceLocation: sourceLocation)
}

/// Runs a command that must fail with `status`, and checks its error document.
@discardableResult
func failingJSON(
    _ arguments: [String], status: Int32, environment: [String: String] = Standard.environment,
    input: Myna.Input = .closed, sourceLocation: SourceLocation = #_sourceLocation
) async throws -> JSONValue {
    let run = try await Myna.run(arguments + ["--json"], environment: environment, input: input)
    #expect(run.status == status, "\(arguments): \(run)", sourceLocation: sourceLocation)
    let document = try expectDocument(run, schema: "error.schema.json", sourceLocation: sourceLocation)
    let error = try #require(document["error"], sourceLocation: sourceLocation)
    #expect(error["exitCode"]?.int == Int(status), sourceLocation: sourceLocation)
    return error
}
