/// The one text format of the package's error descriptions, so that every layer's error reads the same in a
/// log: `TypeName.code: reason [detail] [detail] (Module/File.swift:line)`.
///
/// Details are facts about the failure (a status word, a credential's name, tries left, a backend's system
/// code), never bytes of a command or a response.
package enum ErrorDescription {
    /// The description of an error of `type` with `code`, raised at `file`:`line`.
    package static func text(
        _ type: String, code: some CustomStringConvertible, reason: String, details: [String] = [],
        file: String, line: UInt
    ) -> String {
        var text = "\(type).\(code): \(reason)"
        for detail in details { text += " [\(detail)]" }
        return text + " (\(file):\(line))"
    }
}
