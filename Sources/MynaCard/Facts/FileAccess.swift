/// What must be verified, in the current selection of the applet, before an elementary file can be read
/// (or, for a private key, used to sign).
///
/// A verified credential stays verified when the same applet is selected again, across a disconnect and a
/// warm reset; selecting another applet or the ISD, or a power-off, clears it (card facts §3).
package enum FileAccess: Hashable, Sendable, CustomStringConvertible {
    /// No credential needed.
    case free
    /// Any one of these credentials.
    case anyOf(Set<Credential>)
    /// No credential opens it (reference data; files no credential can read).
    case never
    /// The facts do not establish it.
    case notEstablished

    /// Whether verifying `credential` opens the file.
    package func isOpened(by credential: Credential) -> Bool {
        if case .anyOf(let credentials) = self { return credentials.contains(credential) }
        return false
    }

    /// The rule in words, e.g. `free` or `card info PIN or card info PIN-A`.
    package var description: String {
        switch self {
        case .free: "free"
        case .anyOf(let credentials): credentials.map(\.name).sorted().joined(separator: " or ")
        case .never: "never"
        case .notEstablished: "not established"
        }
    }
}
