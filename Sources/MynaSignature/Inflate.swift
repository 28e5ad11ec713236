import CZlib

/// zlib decompression (FlateDecode) with a bound on the output, for PDF cross-reference and object streams.
enum Inflate {
    /// Decompresses a zlib stream.
    ///
    /// - Throws: ``SignatureError/Code/malformedPDF`` for data that is not zlib, or more than `limit` bytes.
    static func decompress(_ input: ArraySlice<UInt8>, limit: Int) throws(SignatureError) -> [UInt8] {
        var stream = z_stream()
        guard inflateInit_(&stream, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw SignatureError(.malformedPDF, "zlib cannot start")
        }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var source = Array(input)
        var status: Int32 = Z_OK
        let count = source.count
        source.withUnsafeMutableBufferPointer { input in
            stream.next_in = input.baseAddress
            stream.avail_in = uInt(count)
            repeat {
                chunk.withUnsafeMutableBufferPointer { buffer in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = uInt(buffer.count)
                    status = inflate(&stream, Z_NO_FLUSH)
                }
                let produced = chunk.count - Int(stream.avail_out)
                output.append(contentsOf: chunk[0..<produced])
                if output.count > limit { status = Z_MEM_ERROR }
            } while status == Z_OK && (stream.avail_in > 0 || stream.avail_out == 0)
            stream.next_in = nil
        }
        // Z_BUF_ERROR with all input used: a stream without its end marker, which many PDFs carry.
        guard status == Z_STREAM_END || status == Z_OK || (status == Z_BUF_ERROR && stream.avail_in == 0) else {
            throw SignatureError(
                .malformedPDF, output.count > limit ? "a stream inflates to more than \(limit) bytes" : "a FlateDecode stream is corrupt")
        }
        return output
    }
}
