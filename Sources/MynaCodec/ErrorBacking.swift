/// The storage of every error type in the package, so that all of them are built, compared and described
/// one way (as swift-asn1's `ASN1Error` is).
///
/// One reference, so that a thrown error is one word. Equal when the codes are: the reason, the details and
/// the source location are for people. The description has one format:
/// `TypeName.code: reason [fact] [fact] (Module/File.swift:line)`, whose facts (a status word, a credential's
/// name, tries left, a backend's system code) are never bytes of a command or a response.
package final class ErrorBacking<Code: Hashable & Sendable & CustomStringConvertible, Details: Sendable>:
    Hashable, Sendable
{
    /// What went wrong, for comparison.
    package let code: Code
    /// A human-readable reason.
    package let reason: String
    /// What the error type carries besides its code and reason.
    package let details: Details
    private let file: String
    private let line: UInt

    /// Storage for an error raised at `file`:`line`.
    package init(_ code: Code, _ reason: String, _ details: Details, file: String, line: UInt) {
        self.code = code
        self.reason = reason
        self.details = details
        self.file = file
        self.line = line
    }

    /// Compares the codes only.
    package static func == (lhs: ErrorBacking, rhs: ErrorBacking) -> Bool { lhs.code == rhs.code }

    /// Hashes the code only, as ``==(_:_:)`` compares it.
    package func hash(into hasher: inout Hasher) { hasher.combine(code) }

    /// The description of an error of `type`, with `facts` in brackets after the reason.
    package func description(_ type: String, facts: [String] = []) -> String {
        var text = "\(type).\(code): \(reason)"
        for fact in facts { text += " [\(fact)]" }
        return text + " (\(file):\(line))"
    }
}
