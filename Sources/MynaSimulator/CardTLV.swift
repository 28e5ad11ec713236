import MynaCodec

/// Encoding helpers for the card's files: BER-TLV in the shortest length form, fixed-size padding, key ids.
enum CardTLV {
    /// One data object with a tag given as its big-endian value (`0xDF22`).
    static func encode(_ tag: UInt32, _ value: some Collection<UInt8>) -> [UInt8] {
        BERTLV.encode(tag: BERTag(tag), value: value)
    }

    /// A data object holding `children`, each already encoded.
    static func encode(_ tag: UInt32, children: [[UInt8]]) -> [UInt8] {
        BERTLV.encode(tag: BERTag(tag), children: children)
    }

    /// The header length (tag + length field) of a data object with `tag` and a value of `count` bytes.
    static func headerCount(_ tag: UInt32, valueCount: Int) -> Int {
        BERTag(tag).bytes.count + BERTLV.encodeLength(valueCount).count
    }

    /// `content` followed by `filler` up to `size`; when the content is longer, up to the next multiple of
    /// `growth` that holds it.
    static func pad(_ content: [UInt8], to size: Int, filler: UInt8, growth: Int = 256) -> [UInt8] {
        var physical = size
        if content.count > physical {
            physical = (content.count + growth - 1) / growth * growth
        }
        return content + repeatElement(filler, count: physical - content.count)
    }

    /// A 16-byte key identifier: 7 ASCII digits, `08 05`, `001`, four zero bytes.
    static func keyIdentifier(_ number: String) -> [UInt8] {
        Array(number.utf8.prefix(7)) + [0x08, 0x05] + Array("001".utf8) + [0, 0, 0, 0]
    }

    /// ASCII bytes of a string known to be ASCII.
    static func ascii(_ text: String) -> [UInt8] { Array(text.utf8) }
}
