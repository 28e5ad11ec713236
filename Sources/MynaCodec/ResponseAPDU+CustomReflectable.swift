extension ResponseAPDU: CustomReflectable {
    /// The status word and the data's length; never the data, which may be personal (a name, an address,
    /// the individual number, a photo).
    public var customMirror: Mirror {
        Mirror(
            self, children: ["data": "<\(data.count) bytes redacted>", "statusWord": statusWord],
            displayStyle: .struct)
    }
}
