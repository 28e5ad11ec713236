import MynaCodec

extension ReadSizeHints {
    /// Hints as a value an app keeps between launches, so that the first card after a restart is read like
    /// the second: each file in one READ BINARY of about its length, not a first one of one APDU's worth and
    /// a second for the rest.
    ///
    /// `Codable`: an app stores it as it stores its settings (for example with `JSONEncoder`). In JSON each
    /// hint is `{"application": "D392F000260100000001", "file": "000A", "length": 1004, "exact": false}`
    /// (`application` absent for a file read with no application selected). Decoding checks every field
    /// and throws `DecodingError.dataCorrupted` for a malformed identifier or a length outside 1…65536, so a
    /// damaged file never becomes a hint.
    ///
    /// A snapshot holds lengths, never content; still, the length of a file whose content depends on the
    /// holder (a name, an address, a photo) says something about the last holder read. So a snapshot is
    /// taken by the layer that knows which files are of public structure: MynaCard's
    /// `MyNumberCard.keepableSizeHints(in:)` keeps those any program may read from a card.
    public struct Snapshot: Codable, Hashable, Sendable {
        fileprivate struct Entry: Codable, Hashable, Sendable {
            var application: ApplicationIdentifier?
            var file: FileIdentifier
            var length: Int
            var exact: Bool

            private enum CodingKeys: String, CodingKey {
                case application, file, length, exact
            }

            init(key: Key, hint: Hint) {
                application = key.application
                file = key.file
                length = hint.length
                if case .exact = hint { exact = true } else { exact = false }
            }

            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: CodingKeys.self)
                if let text = try container.decodeIfPresent(String.self, forKey: .application) {
                    guard let bytes = try? Hex.decode(text), let aid = try? ApplicationIdentifier(bytes) else {
                        throw DecodingError.dataCorruptedError(
                            forKey: .application, in: container, debugDescription: "not an application identifier")
                    }
                    application = aid
                } else {
                    application = nil
                }
                let fileText = try container.decode(String.self, forKey: .file)
                guard let bytes = try? Hex.decode(fileText), bytes.count == 2 else {
                    throw DecodingError.dataCorruptedError(
                        forKey: .file, in: container, debugDescription: "not a 2-byte file identifier")
                }
                file = FileIdentifier(UInt16(bytes[0]) << 8 | UInt16(bytes[1]))
                length = try container.decode(Int.self, forKey: .length)
                guard (1...65536).contains(length) else {
                    throw DecodingError.dataCorruptedError(
                        forKey: .length, in: container, debugDescription: "a length outside 1…65536")
                }
                exact = try container.decode(Bool.self, forKey: .exact)
            }

            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encodeIfPresent(application.map { Hex.encode($0.bytes) }, forKey: .application)
                try container.encode(Hex.encode(file.bytes), forKey: .file)
                try container.encode(length, forKey: .length)
                try container.encode(exact, forKey: .exact)
            }
        }

        fileprivate var hints: [Entry]

        /// The number of files the snapshot has a hint for.
        public var count: Int { hints.count }
    }

    /// The hints for the files `include` accepts, in a stable order (by application, then file).
    package func snapshot(including include: (Key) -> Bool) -> Snapshot {
        let entries = hints.withLock { hints in
            hints.filter { include($0.key) }.map { Snapshot.Entry(key: $0.key, hint: $0.value) }
        }
        return Snapshot(hints: entries.sorted {
            let left = $0.application.map { Hex.encode($0.bytes) } ?? ""
            let right = $1.application.map { Hex.encode($0.bytes) } ?? ""
            return left == right ? $0.file.rawValue < $1.file.rawValue : left < right
        })
    }

    /// Hints restored from a snapshot kept by an earlier launch: learned lengths stay learned (the first
    /// READ BINARY asks for a little more), lengths the format fixes stay exact.
    public convenience init(restoring snapshot: Snapshot) {
        self.init()
        hints.withLock { hints in
            for entry in snapshot.hints {
                let key = Key(application: entry.application, file: entry.file)
                hints[key] = entry.exact ? .exact(entry.length) : .learned(entry.length)
            }
        }
    }
}
