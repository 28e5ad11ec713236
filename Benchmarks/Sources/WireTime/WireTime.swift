import BenchSupport
import Foundation
import MynaTransport

/// Prints, as Markdown, the modelled time on the wire of the operations of issue 14 on each link profile:
/// MynaKit (cold, restarted with the hints it may keep, and with learned lengths, on an extended-length and a short-only card), the 256-byte chunked
/// reader, and the physical minimum, side by side. Deterministic: the time is modelled, not measured.
@main
struct WireTimeTables {
    struct Row {
        let operation: String
        let reader: String
        let card: String
        let cost: WireTime.Cost
        let minimum: WireTime.Cost
    }

    static func format(_ value: Double) -> String { String(format: "%.1f", value) }

    static func milliseconds(_ duration: Duration) -> String {
        let ms = Double(duration.components.seconds) * 1e3 + Double(duration.components.attoseconds) / 1e15
        return String(format: "%.3g", ms)
    }
    static func ratio(_ cost: WireTime.Cost, _ minimum: WireTime.Cost) -> Double { cost.milliseconds / minimum.milliseconds }

    static func main() async throws {
        var out = ""
        // Worst ratio per (operation, configuration) over the profiles, and whether it ever lost to chunked.
        var worst: [String: Double] = [:]
        var slowerThanChunked: [String: Bool] = [:]
        var keys: [String] = []
        for profile in LinkProfile.builtIn {
            out += "### \(profile.name)\n\n"
            out += "Turnaround \(milliseconds(profile.turnaround)) ms, \(profile.bitRate) bit/s, "
            out += "\(profile.bitsPerCharacter) etu per byte, \(profile.maximumBlockInformation)-byte blocks with "
            out += "\(profile.blockOverheadBytes) framing bytes, \(milliseconds(profile.chainingGap)) ms per chained block; "
            out += "one APDU costs as much as ≈ \(profile.apduCostInBytes) bytes.\n\n"
            out += "| operation | reader | card | APDUs | bytes sent | bytes received | modelled ms | × minimum |\n"
            out += "|---|---|---|---:|---:|---:|---:|---:|\n"
            for operation in WireTime.all {
                let chunked = try await WireTime.chunked(operation, profile: profile)
                var rows: [Row] = []
                for shortOnly in [false, true] {
                    let minimum = WireTime.minimum(operation, profile: profile, shortOnly: shortOnly)
                    let card = shortOnly ? "short APDUs only" : "extended length"
                    rows.append(Row(operation: operation.name, reader: "physical minimum", card: card, cost: minimum, minimum: minimum))
                    for warmth in [WireTime.Warmth.cold, .restarted, .learned] {
                        let cost = try await WireTime.library(operation, profile: profile, shortOnly: shortOnly, warmth: warmth)
                        let reader = switch warmth {
                        case .cold: "MynaKit, first card"
                        case .restarted: "MynaKit, restarted with kept hints"
                        case .learned: "MynaKit, lengths learned"
                        }
                        rows.append(Row(operation: operation.name, reader: reader, card: card, cost: cost, minimum: minimum))
                        let key = "\(operation.name)|\(reader)|\(card)"
                        if worst[key] == nil { keys.append(key) }
                        worst[key] = max(worst[key] ?? 0, ratio(cost, minimum))
                        slowerThanChunked[key] = (slowerThanChunked[key] ?? false) || cost.milliseconds > chunked.milliseconds
                    }
                }
                let extendedMinimum = WireTime.minimum(operation, profile: profile, shortOnly: false)
                rows.append(Row(operation: operation.name, reader: "256-byte chunked", card: "either", cost: chunked, minimum: extendedMinimum))
                for row in rows {
                    let c = row.cost
                    out += "| \(row.operation) | \(row.reader) | \(row.card) | \(c.apdus) | \(c.sent) | \(c.received) | "
                    out += "\(format(c.milliseconds)) | \(String(format: "%.3f", ratio(c, row.minimum)))× |\n"
                }
            }
            out += "\n"
        }
        var summary = "### Against the goal (≤ 1.10× the minimum on every profile, never slower than the chunked reader)\n\n"
        summary += "| operation | reader | card | worst × minimum over the three profiles | ≤ 1.10× | never slower than chunked |\n"
        summary += "|---|---|---|---:|:---:|:---:|\n"
        for key in keys {
            let parts = key.split(separator: "|").map(String.init)
            let w = worst[key] ?? 0
            summary += "| \(parts[0]) | \(parts[1]) | \(parts[2]) | \(String(format: "%.3f", w))× | \(w <= 1.10 ? "yes" : "**no**") | "
            summary += "\((slowerThanChunked[key] ?? false) ? "**no**" : "yes") |\n"
        }
        print(summary)
        print(out, terminator: "")
    }
}
