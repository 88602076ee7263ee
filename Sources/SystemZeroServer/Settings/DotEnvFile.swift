import Foundation

/// A `.env` file: `NAME=value` lines, `#` comments, optional `export `, and single or double quotes around a value.
enum DotEnvFile {
    /// The variables of the file at `path`; a missing file has none.
    static func read(path: String) throws(SettingsError) -> [String: String] {
        guard FileManager.default.fileExists(atPath: path) else { return [:] }
        guard let data = FileManager.default.contents(atPath: path), data.count <= 1 << 20,
            let text = String(data: data, encoding: .utf8)
        else {
            throw SettingsError(path, "cannot read it as UTF-8 text of at most 1 MiB")
        }
        return try parse(text, file: path)
    }

    static func parse(_ text: String, file: String) throws(SettingsError) -> [String: String] {
        var values: [String: String] = [:]
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("export ") { line.removeFirst("export ".count) }
            guard let equals = line.firstIndex(of: "=") else {
                throw SettingsError(file, "line \(index + 1) is not NAME=value")
            }
            let name = line[..<equals].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                throw SettingsError(file, "line \(index + 1) has no valid variable name")
            }
            var value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let quote = value.first, quote == "\"" || quote == "'", value.last == quote {
                value = String(value.dropFirst().dropLast())
            } else if let comment = value.range(of: " #") {
                value = value[..<comment.lowerBound].trimmingCharacters(in: .whitespaces)
            }
            values[name] = value
        }
        return values
    }
}
