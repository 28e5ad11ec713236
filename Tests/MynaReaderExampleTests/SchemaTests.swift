import Foundation
import Testing

/// The documented JSON schemas themselves.
@Suite("JSON schemas")
struct SchemaTests {
    static let commands = [
        "readers", "watch", "info", "certificate", "attributes", "number", "face", "sign", "verify-signature",
        "change-pin", "check", "diagnose", "vpcd",
    ]

    static func schemaFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: Myna.schemaDirectory.path).filter { $0.hasSuffix(".schema.json") }.sorted()
    }

    @Test("every command has a schema, plus the error document and the shared definitions")
    func everyCommand() throws {
        let files = Set(try Self.schemaFiles())
        for command in Self.commands {
            #expect(files.contains("\(command).schema.json"), "\(command) has no schema")
        }
        #expect(files.contains("error.schema.json") && files.contains("common.schema.json"))
        #expect(files.count == Self.commands.count + 2)
    }

    @Test("every schema parses, uses only the supported keywords, and every $ref resolves")
    func wellFormed() throws {
        let validator = SchemaValidator(directory: Myna.schemaDirectory)
        for file in try Self.schemaFiles() {
            let document = try validator.document(file)
            #expect(document["$id"]?.string == file)
            var problems: [String] = []
            try Self.walk(document, file: file, validator: validator, problems: &problems)
            #expect(problems.isEmpty, "\(file): \(problems)")
        }
    }

    @Test("a document that breaks its schema is caught")
    func validatorCatches() throws {
        let validator = SchemaValidator(directory: Myna.schemaDirectory)
        let good = try JSONValue.parse(Array(#"{"schemaVersion":1,"command":"number","result":{"individualNumber":"901234567893"}}"#.utf8))
        #expect(try validator.violations(of: good, against: "number.schema.json").isEmpty)
        let bad = [
            #"{"schemaVersion":2,"command":"number","result":{"individualNumber":"901234567893"}}"#,
            #"{"schemaVersion":1,"command":"info","result":{"individualNumber":"901234567893"}}"#,
            #"{"schemaVersion":1,"command":"number","result":{"individualNumber":"90123456789"}}"#,
            #"{"schemaVersion":1,"command":"number","result":{"individualNumber":901234567893}}"#,
            #"{"schemaVersion":1,"command":"number","result":{}}"#,
            #"{"schemaVersion":1,"command":"number","result":{"individualNumber":"901234567893","extra":1}}"#,
            #"{"schemaVersion":1,"command":"number","backend":{"kind":"usb"},"result":{"individualNumber":"901234567893"}}"#,
        ]
        for text in bad {
            let document = try JSONValue.parse(Array(text.utf8))
            #expect(!(try validator.violations(of: document, against: "number.schema.json")).isEmpty, "\(text)")
        }
    }

    /// Checks keywords and references in every subschema.
    static func walk(_ schema: JSONValue, file: String, validator: SchemaValidator, problems: inout [String]) throws {
        guard let keywords = schema.object else {
            problems.append("a subschema is not an object")
            return
        }
        for keyword in keywords.keys where !SchemaValidator.supportedKeywords.contains(keyword) {
            problems.append("unsupported keyword \(keyword)")
        }
        if let reference = keywords["$ref"]?.string {
            do {
                _ = try validator.resolve(reference, from: file)
            } catch {
                problems.append("\(reference) does not resolve")
            }
        }
        for (_, child) in (keywords["properties"]?.object ?? [:]).merging(keywords["$defs"]?.object ?? [:], uniquingKeysWith: { a, _ in a }) {
            try walk(child, file: file, validator: validator, problems: &problems)
        }
        if let items = keywords["items"] { try walk(items, file: file, validator: validator, problems: &problems) }
    }
}
