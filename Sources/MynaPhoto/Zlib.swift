internal import CZlib

/// The zlib functions the PNG code needs, wrapped once. No zlib type leaves this file.
enum Zlib {
    /// A zlib stream (RFC 1950) holding `data` deflated at the best compression level.
    ///
    /// Should zlib fail (it can only run out of memory here), the data is wrapped in stored deflate
    /// blocks instead: larger, but still a valid stream, so callers never get a broken file.
    static func compress(_ data: [UInt8]) -> [UInt8] {
        guard !data.isEmpty, let sourceLength = UInt(exactly: data.count) else { return stored(data) }
        let bound = Int(compressBound(uLong(sourceLength)))
        var output = [UInt8](repeating: 0, count: bound)
        var outputLength = uLong(bound)
        let status = output.withUnsafeMutableBufferPointer { destination in
            data.withUnsafeBufferPointer { source in
                compress2(
                    destination.baseAddress, &outputLength, source.baseAddress, uLong(sourceLength), Z_BEST_COMPRESSION)
            }
        }
        guard status == Z_OK, let length = Int(exactly: outputLength), length <= output.count else {
            return stored(data)
        }
        output.removeSubrange(length...)
        return output
    }

    /// A zlib stream of stored (uncompressed) deflate blocks of at most 65535 bytes each.
    static func stored(_ data: [UInt8]) -> [UInt8] {
        let blockSize = 65535
        var output: [UInt8] = [0x78, 0x01]  // deflate, 32 KiB window, no dictionary, fastest; 0x7801 % 31 == 0
        output.reserveCapacity(data.count + data.count / blockSize * 5 + 11)
        var start = 0
        repeat {
            let end = min(start + blockSize, data.count)
            let length = end - start
            output.append(end == data.count ? 0x01 : 0x00)  // BFINAL, BTYPE 00
            output += [UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8((~length >> 8) & 0xFF)]
            output += data[start..<end]
            start = end
        } while start < data.count
        let checksum = adler32(data)
        output += [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: checksum >> $0) }
        return output
    }

    /// The CRC-32 (ISO 3309, as PNG uses) of the concatenated parts.
    static func crc32(_ parts: [UInt8]...) -> UInt32 {
        var crc = CZlib.crc32(0, nil, 0)
        for part in parts {
            crc = part.withUnsafeBufferPointer { buffer in
                update(crc, buffer, CZlib.crc32)
            }
        }
        return UInt32(truncatingIfNeeded: crc)
    }

    /// The Adler-32 checksum (RFC 1950) of `data`.
    static func adler32(_ data: [UInt8]) -> UInt32 {
        let initial = CZlib.adler32(0, nil, 0)
        let value = data.withUnsafeBufferPointer { buffer in update(initial, buffer, CZlib.adler32) }
        return UInt32(truncatingIfNeeded: value)
    }

    /// Feeds `buffer` to a zlib checksum function in pieces that fit its 32-bit length.
    private static func update(
        _ initial: uLong, _ buffer: UnsafeBufferPointer<UInt8>,
        _ function: (uLong, UnsafePointer<Bytef>?, uInt) -> uLong
    ) -> uLong {
        guard let base = buffer.baseAddress else { return initial }
        var value = initial
        var offset = 0
        while offset < buffer.count {
            let length = min(buffer.count - offset, Int(UInt32.max))
            value = function(value, base + offset, uInt(length))
            offset += length
        }
        return value
    }
}
