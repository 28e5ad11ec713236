import BenchSupport
import Foundation
import MynaCard
import MynaCodec
import MynaISO7816
import MynaSimulator

/// Prints, as Markdown, how many APDUs each operation takes on a fresh simulated card: through MynaKit on a
/// card with extended length, on a short-only card (learned by the one `6700`, and declared up front), and
/// through the 256-byte chunked reader.
@main
struct APDUCounts {
    struct Row {
        let configuration: String
        let counts: CountingTransport.Counts
    }

    static func main() async throws {
        var out = ""
        out += "| operation | reader | card | APDUs | READ BINARY | bytes sent | bytes received |\n"
        out += "|---|---|---|---:|---:|---:|---:|\n"
        for operation in Operations.all {
            for (reader, card, shortOnly, declared) in [
                ("MynaKit", "extended length", false, false),
                ("MynaKit", "short APDUs only (learned)", true, false),
                ("MynaKit", "short APDUs only (declared)", true, true),
                ("256-byte chunked", "either", false, false),
            ] {
                let transport = CountingTransport(SimulatedCards.card(shortOnly: shortOnly))
                if reader == "MynaKit" {
                    let capabilities = ISO7816Card.Capabilities(extendedLength: declared ? .unsupported : .unknown)
                    try await operation.library(MyNumberCard(transport: transport, capabilities: capabilities))
                } else {
                    try await operation.chunked(ChunkedReader(transport: transport))
                }
                let c = transport.current
                out += "| \(operation.name) | \(reader) | \(card) | \(c.apdus) | \(c.readBinaries) | \(c.bytesSent) | \(c.bytesReceived) |\n"
            }
        }
        // The whole card, files only, for scale.
        for shortOnly in [false, true] {
            let transport = CountingTransport(SimulatedCards.card(shortOnly: shortOnly))
            let bytes = try await Operations.fullReadFiles(ISO7816Card(transport: transport))
            let c = transport.current
            out += "| full read of every file (\(bytes) bytes of content) | MynaKit ISO 7816 layer | \(shortOnly ? "short APDUs only (learned)" : "extended length") | \(c.apdus) | \(c.readBinaries) | \(c.bytesSent) | \(c.bytesReceived) |\n"
        }
        print(out, terminator: "")
        let face = SimulatedCards.file(.cardFaceConfirmation, CardFaceConfirmationFile.cardFace)
        let certificate = SimulatedCards.file(.jpki, JPKIFile.authenticationCertificate)
        let objectLength = { (bytes: [UInt8]) in (try? BERTLV.parseFirst(bytes[...]).encoded.count) ?? 0 }
        print("")
        print("File sizes (standard persona): card face EF 0002 \(face.count) bytes physical, \(objectLength(face)) bytes of TLV; user-authentication certificate EF 000A \(certificate.count) bytes physical, \(objectLength(certificate)) bytes of DER.")
    }
}
