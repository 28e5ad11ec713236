import Foundation

/// Asks an operator (reception staff, an ambulance crew member) to compare the person in front of them with
/// the card — the card-face photo when it could be read, else the printed card — in a visual (目視)
/// confirmation.
public protocol OperatorConfirmer: Sendable {
    /// Shows what there is to show and returns the operator's decision.
    func confirm(_ request: VisualConfirmationRequest) async throws -> OperatorDecision
}

/// What the operator is shown.
public struct VisualConfirmationRequest: Sendable {
    /// The face photo from the card (JPEG 2000), when the operator supplied the card-face values for PIN-B.
    public let facePhoto: [UInt8]?
    /// The certificate's validity status.
    public let validity: ValidityStatus
    /// Whether this is an emergency (マイナ救急) check.
    public let isEmergency: Bool

    /// Creates a request.
    public init(facePhoto: [UInt8]?, validity: ValidityStatus, isEmergency: Bool) {
        self.facePhoto = facePhoto
        self.validity = validity
        self.isEmergency = isEmergency
    }
}

/// The operator's decision in a visual confirmation.
public enum OperatorDecision: Hashable, Sendable {
    /// The operator confirmed that the person is the card holder; `operatorID` identifies the operator to
    /// the app's back end (a staff number, not a name, ideally).
    case confirmed(operatorID: String)
    /// The operator did not confirm.
    case declined
}

/// A recorded visual confirmation, as it appears in a ``QualificationCheckResult``.
public struct OperatorConfirmation: Hashable, Sendable, Codable {
    /// Who confirmed.
    public let operatorID: String
    /// When.
    public let confirmedAt: Date
    /// Whether the card's face photo was shown (else the operator compared with the printed card).
    public let facePhotoShown: Bool

    /// Creates a record.
    package init(operatorID: String, confirmedAt: Date, facePhotoShown: Bool) {
        self.operatorID = operatorID
        self.confirmedAt = confirmedAt
        self.facePhotoShown = facePhotoShown
    }

    private enum CodingKeys: String, CodingKey { case operatorID, confirmedAt, facePhotoShown }

    /// Encodes with an ISO 8601 timestamp.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(operatorID, forKey: .operatorID)
        try container.encode(Timestamp.format(confirmedAt), forKey: .confirmedAt)
        try container.encode(facePhotoShown, forKey: .facePhotoShown)
    }

    /// Decodes with an ISO 8601 timestamp.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        operatorID = try container.decode(String.self, forKey: .operatorID)
        confirmedAt = try container.decodeTimestamp(forKey: .confirmedAt)
        facePhotoShown = try container.decode(Bool.self, forKey: .facePhotoShown)
    }
}
