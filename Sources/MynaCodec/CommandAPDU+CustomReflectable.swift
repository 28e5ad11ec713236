extension CommandAPDU: CustomReflectable {
    /// The header, Ne and encoding as they are; the data in hex only when the command does not
    /// ``carriesSecret`` — `dump` of a VERIFY or CHANGE REFERENCE DATA shows `<n bytes redacted>`, never a PIN.
    public var customMirror: Mirror {
        let shownData: String = carriesSecret ? "<\(data.count) bytes redacted>" : Hex.encode(data)
        return Mirror(
            self,
            children: [
                "cla": cla, "ins": ins, "p1": p1, "p2": p2, "data": shownData, "ne": ne as Any,
                "isExtended": isExtended,
            ],
            displayStyle: .struct)
    }
}
