import MynaCodec

/// Parsing and checking of the signed TLV records of the card info input support and card face applets.
package enum CardRecord {
    /// The one data object a file read with the `.berTLV` layout holds, checked to have `tag`.
    static func parse(_ bytes: [UInt8], tag: BERTag, what: String) throws(MyNumberCardError) -> TLVNode {
        let node: TLVNode
        do {
            node = try BERTLV.parseSingle(bytes[...])
        } catch {
            throw MyNumberCardError.malformed("\(what) is not one well-formed data object: \(error.reason)")
        }
        guard node.tag == tag else {
            throw MyNumberCardError.malformed("\(what) starts with \(node.tag), expected \(tag)")
        }
        guard node.isConstructed else {
            throw MyNumberCardError.malformed("\(what) is not a constructed data object")
        }
        return node
    }

    /// The only child with `tag`.
    ///
    /// - Throws: ``MyNumberCardError/Code/malformedFile`` when there is none or more than one.
    static func child(_ node: TLVNode, _ tag: BERTag, what: String) throws(MyNumberCardError) -> TLVNode {
        let matches = node.children.filter { $0.tag == tag }
        guard matches.count == 1, let match = matches.first else {
            throw MyNumberCardError.malformed(
                matches.isEmpty ? "\(what) has no \(tag)" : "\(what) has \(tag) more than once")
        }
        return match
    }

    /// The child with `tag`, whose value must be `length` bytes.
    static func child(_ node: TLVNode, _ tag: BERTag, length: Int, what: String) throws(MyNumberCardError) -> TLVNode {
        let match = try child(node, tag, what: what)
        guard match.value.count == length else {
            throw MyNumberCardError.malformed("\(tag) of \(what) is \(match.value.count) bytes, expected \(length)")
        }
        return match
    }

    /// Checks the record's signature (child `signatureTag`): PKCS#1 v1.5 with SHA-256 by the issuer key over
    /// every data object before the signature, exactly as stored.
    static func verifySignature(
        of node: TLVNode, signatureTag: BERTag, issuer: CardVerifiableCertificate, what: String
    ) throws(MyNumberCardError) {
        guard let index = node.children.firstIndex(where: { $0.tag == signatureTag }), index > 0 else {
            throw MyNumberCardError.malformed("\(what) has no \(signatureTag) signature after its data")
        }
        var signed: [UInt8] = []
        for child in node.children[..<index] { signed.append(contentsOf: child.encoded) }
        guard issuer.publicKey.isValidSignature(node.children[index].value, forSHA256Of: signed) else {
            throw MyNumberCardError(
                .signatureInvalid, "the signature of \(what) does not verify with the applet's issuer key")
        }
    }

    /// Checks an offset table (`DF21`): one big-endian u16 per data object in `tags`, each the offset of that
    /// object's tag from the first byte of the file.
    static func checkOffsetTable(
        _ table: TLVNode, of node: TLVNode, fileStart: Int, tags: [BERTag], what: String
    ) throws(MyNumberCardError) {
        guard table.value.count == 2 * tags.count else {
            throw MyNumberCardError.malformed(
                "the offset table of \(what) is \(table.value.count) bytes, expected \(2 * tags.count)")
        }
        let values = Array(table.value)
        for (index, tag) in tags.enumerated() {
            let offset = Int(values[2 * index]) << 8 | Int(values[2 * index + 1])
            let object = try child(node, tag, what: what)
            guard object.encoded.startIndex - fileStart == offset else {
                throw MyNumberCardError.malformed("the offset table of \(what) does not match where \(tag) is")
            }
        }
    }

    /// Strict UTF-8.
    static func text(_ node: TLVNode, what: String) throws(MyNumberCardError) -> String {
        guard let text = String(validating: node.value, as: UTF8.self) else {
            throw MyNumberCardError.malformed("\(what) is not valid UTF-8")
        }
        return text
    }

    /// ASCII digits.
    static func digits(_ node: TLVNode, count: Int, what: String) throws(MyNumberCardError) -> String {
        guard node.value.count == count, node.value.allSatisfy({ (0x30...0x39).contains($0) }) else {
            throw MyNumberCardError.malformed("\(what) is not \(count) ASCII digits")
        }
        return String(decoding: node.value, as: UTF8.self)
    }
}
