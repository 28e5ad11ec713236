import MynaCodec

// Encoders for the card's TLV records, beside the parsers (`CardRecord`), so that the simulated card and the
// tests build files with exactly the layout the readers parse. Package-internal: test support, not API.

extension CardRecord {
    /// One data object in the shortest length form.
    package static func encode(_ tag: BERTag, _ value: some Collection<UInt8>) -> [UInt8] {
        BERTLV.encode(tag: tag, value: value)
    }

    /// A constructed data object holding `children`, each already encoded.
    package static func encode(_ tag: BERTag, children: [[UInt8]]) -> [UInt8] {
        BERTLV.encode(tag: tag, children: children)
    }

    /// A record whose last object is a signature over every object before it (`DF13`, `DF33`, `DF43`,
    /// `DF52`): `sign` gets the bytes to sign (the encoded objects, as stored) and returns the PKCS#1 v1.5
    /// SHA-256 signature.
    package static func encodeSigned<E: Error>(
        _ tag: BERTag, objects: [[UInt8]], signatureTag: BERTag, sign: ([UInt8]) throws(E) -> [UInt8]
    ) throws(E) -> [UInt8] {
        let signed = Array(objects.joined())
        return encode(tag, children: objects + [encode(signatureTag, try sign(signed))])
    }

    /// An outer data object whose first child is an offset table (`DF21`): one big-endian u16 per following
    /// object, the distance from the first byte of the file (outer header included) to that object's tag.
    package static func encodeWithOffsetTable(_ tag: BERTag, tableTag: BERTag, objects: [[UInt8]]) -> [UInt8] {
        let tableValueCount = 2 * objects.count
        let tableCount = tableTag.bytes.count + BERTLV.encodeLength(tableValueCount).count + tableValueCount
        let innerCount = tableCount + objects.reduce(0) { $0 + $1.count }
        var position = tag.bytes.count + BERTLV.encodeLength(innerCount).count + tableCount
        var table: [UInt8] = []
        for object in objects {
            table += [UInt8(truncatingIfNeeded: position >> 8), UInt8(truncatingIfNeeded: position)]
            position += object.count
        }
        return encode(tag, children: [encode(tableTag, table)] + objects)
    }

    /// `content` followed by `filler` up to `size` — the card's files are fixed-size; when the content is
    /// longer, up to the next multiple of `growth` that holds it.
    package static func pad(_ content: [UInt8], to size: Int, filler: UInt8, growth: Int = 256) -> [UInt8] {
        var physical = size
        if content.count > physical, growth > 0 {
            physical = (content.count + growth - 1) / growth * growth
        }
        return content + repeatElement(filler, count: max(0, physical - content.count))
    }

    /// A 16-byte key identifier (card facts §2): 7 ASCII digits ‖ `08 05` ‖ 3 ASCII digits (the generation)
    /// ‖ `00 00 00` ‖ one byte (`00`; `A8` on the root keys). Written `NNNNNNN/GGG`.
    package static func keyIdentifier(_ number: String, generation: String = "001", last: UInt8 = 0x00) -> [UInt8] {
        func exactly(_ text: String, _ count: Int) -> [UInt8] {
            let bytes = Array(text.utf8.prefix(count))
            return bytes + [UInt8](repeating: 0x30, count: count - bytes.count)
        }
        return exactly(number, 7) + [0x08, 0x05] + exactly(generation, 3) + [0x00, 0x00, 0x00, last]
    }
}

extension CardRSAPublicKey {
    /// The key as the card stores it in records: `90` exponent ‖ `91` modulus.
    package static func encode(modulus: [UInt8], publicExponent: [UInt8]) -> [UInt8] {
        CardRecord.encode(exponentTag, publicExponent) + CardRecord.encode(modulusTag, modulus)
    }
}
