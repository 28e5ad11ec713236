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
    package init(facePhoto: [UInt8]?, validity: ValidityStatus, isEmergency: Bool) {
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
public struct OperatorConfirmation: Hashable, Sendable {
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

    enum CodingKeys: String, CodingKey { case operatorID, confirmedAt, facePhotoShown }

    /// Encodes the result's `operatorConfirmation` member, with an ISO 8601 timestamp.
    func encode(to container: inout KeyedEncodingContainer<CodingKeys>) throws {
        try container.encode(operatorID, forKey: .operatorID)
        try container.encode(Timestamp.format(confirmedAt), forKey: .confirmedAt)
        try container.encode(facePhotoShown, forKey: .facePhotoShown)
    }

    /// Decodes the result's `operatorConfirmation` member, with an ISO 8601 timestamp.
    init(from container: KeyedDecodingContainer<CodingKeys>) throws {
        operatorID = try container.decode(String.self, forKey: .operatorID)
        confirmedAt = try container.decodeTimestamp(forKey: .confirmedAt)
        facePhotoShown = try container.decode(Bool.self, forKey: .facePhotoShown)
    }
}
