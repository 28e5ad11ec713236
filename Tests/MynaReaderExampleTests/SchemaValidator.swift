import Foundation

/// Checks JSON documents against the schemas in Documentation/json-schema — the subset of JSON Schema
/// (draft 2020-12) those schemas use, and nothing else: a schema with any other keyword is reported as an
/// error rather than silently half-checked.
///
/// Supported: `type` (one name or a list), `properties`, `required`, `additionalProperties` (a boolean),
/// `items`, `enum`, `const`, `pattern`, `minimum`, `maximum`, `$ref` (`#/$defs/…` or
/// `other.schema.json#/$defs/…`), `$defs`; annotations `$schema`, `$id`, `title`, `description`.
final class SchemaValidator {
    private let directory: URL
    private var documents: [String: JSONValue] = [:]

    static let supportedKeywords: Set<String> = [
        "type", "properties", "required", "additionalProperties", "items", "enum", "const", "pattern", "minimum",
        "maximum", "$ref", "$defs", "$schema", "$id", "title", "description",
    ]

    init(directory: URL) {
        self.directory = directory
    }

    /// The schema file `name`, parsed.
    func document(_ name: String) throws -> JSONValue {
        if let known = documents[name] { return known }
        let bytes = try [UInt8](Data(contentsOf: directory.appendingPathComponent(name)))
        let document = try JSONValue.parse(bytes)
        documents[name] = document
        return document
    }

    /// Every violation of `schemaFile` by `value`, as `path: problem` lines; empty when it conforms.
    func violations(of value: JSONValue, against schemaFile: String) throws -> [String] {
        var problems: [String] = []
        try check(value, against: try document(schemaFile), in: schemaFile, path: "$", problems: &problems)
        return problems
    }

    private func check(
        _ value: JSONValue, against schema: JSONValue, in file: String, path: String, problems: inout [String]
    ) throws {
        guard let keywords = schema.object else {
            problems.append("\(path): the schema in \(file) is not an object")
            return
        }
        for keyword in keywords.keys where !Self.supportedKeywords.contains(keyword) {
            problems.append("\(path): unsupported schema keyword \(keyword) in \(file)")
        }
        if let reference = keywords["$ref"]?.string {
            let (target, targetFile) = try resolve(reference, from: file)
            try check(value, against: target, in: targetFile, path: path, problems: &problems)
        }
        if let type = keywords["type"] {
            let allowed = type.array?.compactMap(\.string) ?? [type.string].compactMap { $0 }
            let actual = value.typeName
            if !(allowed.contains(actual) || (actual == "integer" && allowed.contains("number"))) {
                problems.append("\(path): \(actual) where \(allowed.joined(separator: " or ")) is required")
                return
            }
        }
        if let constant = keywords["const"], !Self.equal(constant, value) {
            problems.append("\(path): \(value) is not \(constant)")
        }
        if let options = keywords["enum"]?.array, !options.contains(where: { Self.equal($0, value) }) {
            problems.append("\(path): \(value) is not one of \(options)")
        }
        if let pattern = keywords["pattern"]?.string, let text = value.string {
            let expression = try NSRegularExpression(pattern: pattern)
            let range = NSRange(text.startIndex..., in: text)
            if expression.firstMatch(in: text, range: range) == nil {
                problems.append("\(path): \"\(text.prefix(80))\" does not match \(pattern)")
            }
        }
        if let minimum = Self.number(keywords["minimum"]), let actual = Self.number(value), actual < minimum {
            problems.append("\(path): \(actual) is below the minimum \(minimum)")
        }
        if let maximum = Self.number(keywords["maximum"]), let actual = Self.number(value), actual > maximum {
            problems.append("\(path): \(actual) is above the maximum \(maximum)")
        }
        if let members = value.object {
            let properties = keywords["properties"]?.object ?? [:]
            for name in keywords["required"]?.array?.compactMap(\.string) ?? [] where members[name] == nil {
                problems.append("\(path): the required member \(name) is missing")
            }
            for (name, member) in members.sorted(by: { $0.key < $1.key }) {
                if let propertySchema = properties[name] {
                    try check(member, against: propertySchema, in: file, path: "\(path).\(name)", problems: &problems)
                } else if keywords["additionalProperties"]?.bool == false {
                    problems.append("\(path): the member \(name) is not in the schema")
                }
            }
        }
        if let elements = value.array, let itemSchema = keywords["items"] {
            for (index, element) in elements.enumerated() {
                try check(element, against: itemSchema, in: file, path: "\(path)[\(index)]", problems: &problems)
            }
        }
    }

    /// The schema a `$ref` names, and the file it is in.
    func resolve(_ reference: String, from file: String) throws -> (JSONValue, String) {
        let parts = reference.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let targetFile = parts[0].isEmpty ? file : parts[0]
        var target = try document(targetFile)
        let pointer = parts.count > 1 ? parts[1] : ""
        for token in pointer.split(separator: "/") {
            guard let next = target[String(token)] else {
                throw JSONValue.ParseError(description: "the reference \(reference) in \(file) does not resolve")
            }
            target = next
        }
        return (target, targetFile)
    }

    private static func number(_ value: JSONValue?) -> Double? {
        switch value {
        case .integer(let value)?: Double(value)
        case .number(let value)?: value
        default: nil
        }
    }

    private static func equal(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        if let l = number(lhs), let r = number(rhs) { return l == r }
        return lhs == rhs
    }
}
