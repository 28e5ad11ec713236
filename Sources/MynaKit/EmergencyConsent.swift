/// Consent to look up the patient's information in an emergency (マイナ救急), as the crew records it.
public enum EmergencyConsent: String, Hashable, Sendable, Codable, CaseIterable {
    /// The patient consented.
    case given
    /// Consent could not be obtained (the patient cannot respond); the lookup proceeds as the emergency
    /// rules allow.
    case notObtainable
}
