/// A response APDU: the response data followed by the status word.
public struct ResponseAPDU: Hashable, Sendable {
    /// The response data (may be empty).
    public var data: [UInt8]
    /// The status word, exactly as received.
    public var statusWord: StatusWord

    /// Creates a response from its parts.
    @inlinable
    public init(data: [UInt8] = [], statusWord: StatusWord) {
        self.data = data
        self.statusWord = statusWord
    }

    /// Decodes a response from the bytes a card sent.
    ///
    /// - Throws: ``CodecError/Code/missingStatusWord`` for fewer than 2 bytes.
    @inlinable
    public init(decoding bytes: some Collection<UInt8>) throws(CodecError) {
        let count = bytes.count
        guard count >= 2 else { throw .missingStatusWord(count) }
        let swStart = bytes.index(bytes.startIndex, offsetBy: count - 2)
        self.data = Array(bytes[bytes.startIndex..<swStart])
        let sw1 = bytes[swStart]
        let sw2 = bytes[bytes.index(after: swStart)]
        self.statusWord = StatusWord(sw1: sw1, sw2: sw2)
    }

    /// The response on the wire: data then SW1 SW2.
    @inlinable
    package func encoded() -> [UInt8] {
        var out = data
        out.append(statusWord.sw1)
        out.append(statusWord.sw2)
        return out
    }
}

extension ResponseAPDU: CustomStringConvertible {
    /// The status word and the data length; never the data, which may be personal.
    public var description: String {
        data.isEmpty ? statusWord.description : "\(data.count) bytes, \(statusWord)"
    }
}
