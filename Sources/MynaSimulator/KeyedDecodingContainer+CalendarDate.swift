import MynaCard

// Persona and state files write dates as MynaCard's `CalendarDate` encodes them (`"YYYY-MM-DD"`). Before the
// simulator used MynaCard's type its decoder also took `"YYYYMMDD"`; these overloads keep such files
// loadable. The `Codable` conformances synthesized in this module (`Persona`, `SimulatedCardState`, …) call
// them, being more specific than the generic `decode(_:forKey:)`.
extension KeyedDecodingContainer {
    /// Decodes a date written `"YYYY-MM-DD"` or `"YYYYMMDD"`.
    func decode(_ type: CalendarDate.Type, forKey key: Key) throws -> CalendarDate {
        try Self.date(decode(String.self, forKey: key), forKey: key, in: self)
    }

    /// Decodes a date written `"YYYY-MM-DD"` or `"YYYYMMDD"`, or `nil` when the key is absent or `null`.
    func decodeIfPresent(_ type: CalendarDate.Type, forKey key: Key) throws -> CalendarDate? {
        guard let text = try decodeIfPresent(String.self, forKey: key) else { return nil }
        return try Self.date(text, forKey: key, in: self)
    }

    private static func date(_ text: String, forKey key: Key, in container: Self) throws -> CalendarDate {
        guard let date = CalendarDate(fileText: text) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: container, debugDescription: "a date must be a real day written YYYY-MM-DD")
        }
        return date
    }
}
