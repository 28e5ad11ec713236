import Foundation
import Testing
@testable import MynaPhoto

/// Inputs the fuzz targets found (Documentation/fuzzing.md), kept as tests.
@Suite("Fuzz regressions: photo")
struct PhotoFuzzRegressionTests {
    static let unlimited = JPEG2000Decoder.Limits(
        maximumWidth: .max, maximumHeight: .max, maximumTileCount: .max, maximumSampleCount: .max)

    /// fuzz-photo, oom-9eb0034f3f63…: a 939-byte JP2 whose SIZ declares 2^28 × 12 pixels in 16 × 12 tiles. With
    /// limits widened, the structural walk kept two counters per declared tile (256 MiB) before finding that
    /// the data holds one tile-part; it now keeps them per tile seen.
    @Test("oom-9eb0034f3f63: the walk's memory grows with the data, not with the declared tile count")
    func declaredTilesOOM() throws {
        let bytes = try #require(Data(base64Encoded: "AAAADGpQICANCocKAAAAFGZ0eXBqcDIgAAAAAGpwMiAAAAAtanAyaAAAABZpaGRyAAAADAAAABAAAwcHAAAAAAAPY29scgEAAAAAABAAAAGHanAyY/9P/1EALwAAEAAAAAAAAAwAAAAAAAAAAAAAABAAAAAMAAAAAAAAAAAAAwcBAQcBAQcBAf9SAAwAAAABAQEEBAAB/1wAB0BASEhQ/2QAJQABQ3JlYXRlZCBieSBPcGVuSlBFRyB2ZXJzaW9uIDIuNS4w/5COWgoAAAAAAQwAAf+Tz7RsEQAAAAAAAAAAUEJ3l/vty5838+CYOu8yAmoAAf+Tx+QiE5L1KHTQurqtYD+5LQ2G8t3B9YbB9IiA+UOAH0z6brkIAEN7FUSx+BNqpTowqrw1GpWV0p2U68H0moPrHYH0GoKuM/bhtI0hesO3fI6g2Lqqojx7gxG8bZvL0mpULrB3SXOPUGudVbY0UBa0/uYh53k1vRZo3yZ3BOI0xM24Wt7GHRtf/zgOiios35h0/AQj8AcjoJbe4TLONEf7yBcOownGbnUgzpF5wBYxS1tsaxZljNzsWRHa2yOjmE4AAAAQAAMHBwAAAAAAD2NvbHIBAAAAAAAQAAABh2pwMmP/T/9RAC8AABAAAAAAAAAMAAAAAAAAAAAAAAAQAAAADAAAAAAAAAAAAAMHAQEHAQEHAQH/UgAMAAAAAQEBBAQAAf9cAAdAQEhIUP9kACUAAUNyZWF0ZWQgYnkgT3BlbkpQRUcgdmVyc2lvbiAyLjUuMP+QjloKAAAAAAEMAAH/k8+0bBEAAAAAAAAAAFBCd5f77cufN/PgmDrvMgJqAAH/k8fkIhOS9Sh00Lq6rWA/uS0NhvLdwfWGwfSIgPlDgB9M+m65CABDexVEsfgTaqU6MKq8NRqVldKdlOvB9JqD6x2B9BqCrjP24bSNIXrDt3yOoNi6qqI8e4MRvG2by9JqVC6wd0lzj1BrnVW2NFAWtP7mIed5Nb0W3yZ3BOI0xM24Wt7GHRtf/zgOiios35h0/AQj8AcjoJbe4TLONEf7yBcOownGbnUgzpF5wBYxS1tsaxZljNzsWRHa2yOjmE5WvD//2WJJ8M5FfzVSiphREtGdUfYPqT0qbH3LVrw//9liSfDORX81UoqYURLRnVH2D6k9Kmx9y+6j8HPfbvAA0tt/iaiNHpmjTiIvIQD9xQB2uz9WGHyn/18JVdINntfDdIMo65qFsC8op2RKfwboque0Q//Z"))
        #expect(throws: PhotoError.self) { try JPEG2000Structure.parse(Array(bytes), limits: Self.unlimited) }
        #expect(throws: PhotoError.self) { try JPEG2000Decoder.decode(Array(bytes)) }
    }

    @Test("2^56 declared tiles and one tile-part, with limits widened: truncated, not an allocation trap")
    func astronomicalTileCount() {
        func be32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (24 - 8 * $0)) } }
        var bytes: [UInt8] = [0xFF, 0x4F, 0xFF, 0x51, 0x00, 41, 0x00, 0x00]
        bytes += be32(1 << 28) + be32(1 << 28) + be32(0) + be32(0) + be32(1) + be32(1) + be32(0) + be32(0)
        bytes += [0x00, 0x01, 0x07, 0x01, 0x01]
        // One tile-part of tile 0 (SOT, Psot 14, SOD) and EOC.
        bytes += [0xFF, 0x90, 0x00, 0x0A, 0x00, 0x00] + be32(14) + [0x00, 0x01, 0xFF, 0x93, 0xFF, 0xD9]
        do {
            _ = try JPEG2000Structure.parse(bytes, limits: Self.unlimited)
            Issue.record("parsed")
        } catch {
            #expect(error.code == .truncated, "\(error)")
        }
    }
}
