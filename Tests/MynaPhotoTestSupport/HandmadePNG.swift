import CZlib

/// Builds PNG files by hand (for PNGInfo tests and card-like 1-bit images), independently of PNGEncoder.
public enum HandmadePNG {
    /// One chunk: length, type, body and CRC.
    public static func chunk(_ type: String, _ body: [UInt8]) -> [UInt8] {
        let typeBytes = Array(type.utf8)
        let crc = (typeBytes + body).withUnsafeBufferPointer { CZlib.crc32(0, $0.baseAddress, uInt($0.count)) }
        return be32(body.count) + typeBytes + body + be32(Int(crc))
    }

    /// `value` as four big-endian bytes.
    public static func be32(_ value: Int) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (24 - 8 * $0)) } }

    /// `data` in a zlib stream.
    public static func deflate(_ data: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: Int(compressBound(uLong(data.count))))
        var length = uLongf(out.count)
        _ = out.withUnsafeMutableBufferPointer { o in
            data.withUnsafeBufferPointer { compress(o.baseAddress, &length, $0.baseAddress, uLong($0.count)) }
        }
        return Array(out[0..<Int(length)])
    }

    /// A 1-bit greyscale PNG (like the card's name and address images) whose bit rows are given.
    public static func oneBit(width: Int, height: Int, ink: (Int, Int) -> Bool) -> [UInt8] {
        let stride = (width + 7) / 8
        var raw: [UInt8] = []
        for y in 0..<height {
            raw.append(0)
            var row = [UInt8](repeating: 0, count: stride)
            for x in 0..<width where !ink(x, y) { row[x / 8] |= 0x80 >> UInt8(x % 8) }  // 1 = white
            raw += row
        }
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
            + chunk("IHDR", be32(width) + be32(height) + [1, 0, 0, 0, 0])
            + chunk("IDAT", deflate(raw))
            + chunk("IEND", [])
    }
}
