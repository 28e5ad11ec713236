/// How the card holder's presence is proven in the insurance qualification check (オンライン資格確認).
public enum QualificationMode: String, Hashable, Sendable, Codable, CaseIterable {
    /// The 4-digit user-authentication PIN, and a signature by the card's user-authentication key.
    case pin
    /// A face match done by the reader's camera software against the card's face photo.
    case face
    /// Visual confirmation (目視確認) by an operator; no credential.
    case visual
}
