import MynaCard
import MynaCodec

/// A failure of a MynaKit domain operation: a PIN-safety rule refused a step, a credential or face
/// authentication is locked, a certificate is not usable, or an operator declined.
///
/// Compared by ``code`` (an open set). Errors from lower layers — `TransportError` (no response from the
/// card), `MyNumberCardError` (a PIN refused or wrong, a file missing, a signature that does not verify; it
/// carries the card's status word) — are passed through unchanged, not wrapped, so a caller (and ``Diagnosis``) sees exactly what the card or
/// reader said. Never contains a PIN, a security code, the individual number or any other card-holder data.
public struct MynaKitError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of failure: the troubleshooting chart's branch for it (``Diagnosis`` takes it as it is). MynaKit
    /// raises ``DiagnosisCode/pinNotAvailable``, ``DiagnosisCode/faceLocked``, ``DiagnosisCode/faceNotMatched``,
    /// ``DiagnosisCode/visualConfirmationDeclined``, ``DiagnosisCode/modeNotAllowed``,
    /// ``DiagnosisCode/certificateExpired``, ``DiagnosisCode/certificateNotYetValid``,
    /// ``DiagnosisCode/notAMyNumberCard``, ``DiagnosisCode/invalidInput`` and ``DiagnosisCode/storeFailure``.
    public typealias Code = DiagnosisCode

    private struct Details: Sendable {
        let credential: Credential?
        let retriesRemaining: Int?
    }

    private let backing: ErrorBacking<Code, Details>

    /// What went wrong, for comparison.
    public var code: Code { backing.code }
    /// A human-readable reason. Never contains secrets or card-holder data.
    public var reason: String { backing.reason }
    /// The credential involved, if any.
    public var credential: Credential? { backing.details.credential }
    /// Tries left on ``credential`` when known (`0` when blocked).
    public var retriesRemaining: Int? { backing.details.retriesRemaining }

    /// An error with `code`, raised at the caller's `file` and `line`.
    package init(
        _ code: Code, _ reason: String, credential: Credential? = nil, retriesRemaining: Int? = nil,
        file: String = #fileID, line: UInt = #line
    ) {
        self.backing = ErrorBacking(
            code, reason, Details(credential: credential, retriesRemaining: retriesRemaining), file: file, line: line)
    }

    /// The code, the reason, the credential and tries left when known, and where the error was raised; never
    /// a PIN or a personal value.
    public var description: String {
        var facts: [String] = []
        if let credential { facts.append("credential: \(credential.name)") }
        if let retriesRemaining { facts.append("retries remaining: \(retriesRemaining)") }
        return backing.description("MynaKitError", facts: facts)
    }
}
