extension SecretBytes: CustomReflectable {
    /// No children: `dump` shows neither the bytes nor their count.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .class) }
}
