import FuzzSupport
import MynaCodec

// BER-TLV: every parsing entry point, and the invariants the card-file parsers rely on — each node's bytes
// are slices of the input, the value ends where the object ends, children lie inside their parent's value,
// re-encoding gives the same value back, and a file's content and filler add up to the whole file.

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutableRawPointer?, _ argv: UnsafeMutableRawPointer?) -> CInt {
    FuzzInput.writeSeedsIfAsked { SimulatedFiles.allFiles }
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzInput.bytes(data, size)
    let slice = bytes[...]
    if let nodes = try? BERTLV.parse(slice) {
        FuzzInput.require(nodes.reduce(0) { $0 + $1.encoded.count } == bytes.count, "parse covers the input")
        for node in nodes { check(node, in: slice) }
    }
    if let node = try? BERTLV.parseFirst(slice) {
        check(node, in: slice)
        FuzzInput.require(node.encoded.startIndex == slice.startIndex, "parseFirst starts at the start")
        if let header = try? BERTLV.header(of: slice) {
            FuzzInput.require(header.headerLength + header.valueLength == node.encoded.count, "header agrees with parse")
        } else {
            FuzzInput.require(false, "header(of:) fails where parseFirst succeeds")
        }
    }
    if let file = try? BERTLV.parseFile(slice) {
        FuzzInput.require(file.contentLength + file.fillerLength == bytes.count, "content + filler = file")
        for node in file.nodes { check(node, in: slice) }
    }
    // A shallow depth limit: refusals must be errors, not traps.
    _ = try? BERTLV.parse(slice, maximumDepth: 2)
    // The same bytes at a non-zero start index (a slice of a larger buffer, as card reads give).
    if bytes.count > 1 {
        let offset = bytes.dropFirst()
        if let nodes = try? BERTLV.parse(offset) {
            for node in nodes { check(node, in: offset) }
        }
    }
    return 0
}

func check(_ node: TLVNode, in input: ArraySlice<UInt8>) {
    FuzzInput.require(node.encoded.startIndex >= input.startIndex && node.encoded.endIndex <= input.endIndex, "encoded inside the input")
    FuzzInput.require(node.value.endIndex == node.encoded.endIndex, "value ends where the object ends")
    FuzzInput.require(node.value.startIndex > node.encoded.startIndex, "a header before the value")
    _ = node.tag.description
    let reencoded = BERTLV.encode(tag: node.tag, value: node.value)
    guard let again = try? BERTLV.parseSingle(reencoded[...]) else {
        FuzzInput.require(false, "a re-encoded data object does not parse")
        return
    }
    FuzzInput.require(again.tag == node.tag && again.value.elementsEqual(node.value), "re-encoding keeps tag and value")
    if node.isConstructed {
        for child in node.children {
            FuzzInput.require(
                child.encoded.startIndex >= node.value.startIndex && child.encoded.endIndex <= node.value.endIndex,
                "a child inside its parent's value")
            check(child, in: node.value)
        }
        if node.children.isEmpty, !node.value.isEmpty {
            // Kept whole: the strict reading must say why.
            FuzzInput.require((try? node.parseValue()) == nil, "a constructed value without children that parses")
        }
    } else {
        FuzzInput.require(node.children.isEmpty, "a primitive object with children")
    }
}

@_cdecl("FuzzBERTLV_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzInput.runDriver(argc, argv, fuzz)
}
