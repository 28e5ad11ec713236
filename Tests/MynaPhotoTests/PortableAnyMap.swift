import Foundation
import Testing

/// A decoded PNM (P5 greyscale or P6 RGB, 8- or 16-bit) source image.
struct PortableAnyMap {
    var width: Int
    var height: Int
    var maximum: Int
    var channels: Int
    /// Samples, row-major, `channels` per pixel.
    var samples: [Int]

    init(_ bytes: [UInt8]) throws {
        var fields: [String] = []
        var index = 0
        // Magic, width, height, maxval: four whitespace-separated tokens, then one whitespace byte.
        while fields.count < 4 {
            while index < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) { index += 1 }
            var token: [UInt8] = []
            while index < bytes.count, ![0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) {
                token.append(bytes[index])
                index += 1
            }
            fields.append(String(decoding: token, as: UTF8.self))
        }
        index += 1
        channels = try #require(["P5": 1, "P6": 3][fields[0]])
        width = try #require(Int(fields[1]))
        height = try #require(Int(fields[2]))
        maximum = try #require(Int(fields[3]))
        let sampleBytes = maximum > 255 ? 2 : 1
        let body = Array(bytes[index...])
        try #require(body.count == width * height * channels * sampleBytes)
        samples = stride(from: 0, to: body.count, by: sampleBytes).map { offset in
            sampleBytes == 2 ? Int(body[offset]) << 8 | Int(body[offset + 1]) : Int(body[offset])
        }
    }
}

