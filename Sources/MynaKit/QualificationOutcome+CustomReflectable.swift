extension QualificationOutcome: CustomReflectable {
    /// The result (whose certificate's own mirror shows no subject); the face photo only as its length.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "result": result,
                "facePhoto": facePhoto.map { "<\($0.count) bytes redacted>" } as Any,
            ],
            displayStyle: .struct)
    }
}
