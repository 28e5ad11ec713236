extension VisualConfirmationRequest: CustomReflectable {
    /// The validity and the emergency flag; the face photo only as its length.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "facePhoto": facePhoto.map { "<\($0.count) bytes redacted>" } as Any, "validity": validity,
                "isEmergency": isEmergency,
            ],
            displayStyle: .struct)
    }
}
