import Foundation
import Testing

/// Locates and decodes the shared ledger test vectors in `../shared/fixtures/ledger/` (relative to the
/// package root, found from this file's path).
///
/// Tests that need them carry `.enabled(if: Fixtures.available, Fixtures.absentComment)`: when a checkout
/// has no `shared/` folder beside it they are skipped with that message instead of failing.
enum Fixtures {
    struct Missing: Error, CustomStringConvertible {
        var description: String
    }

    /// The package root: `Tests/SystemZeroLedgerTests/Fixtures.swift` → up three levels.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `<package root>/../shared/fixtures/ledger`.
    static let directory: URL =
        packageRoot
        .deletingLastPathComponent()
        .appendingPathComponent("shared/fixtures/ledger", isDirectory: true)

    /// Whether the fixtures folder exists.
    static let available: Bool = FileManager.default.fileExists(atPath: directory.path)

    /// Why vector tests are skipped when the folder is absent.
    static let absentComment: Comment =
        "the fixtures folder ../shared/fixtures/ledger is absent (no shared/ beside the package), so this vector test is skipped"

    /// The bytes of a fixture file.
    static func data(_ relativePath: String) throws -> Data {
        try Data(contentsOf: directory.appendingPathComponent(relativePath))
    }

    /// Decodes a JSON fixture with snake_case keys mapped to camelCase properties.
    static func decode<T: Decodable>(_ type: T.Type, from relativePath: String) throws -> T {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(type, from: data(relativePath))
    }

    /// Every `.json` file below a fixture folder, as sorted paths relative to the fixtures folder.
    static func jsonFiles(under relativeFolder: String) -> [String] {
        let root = directory.appendingPathComponent(relativeFolder, isDirectory: true)
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
        var result: [String] = []
        for case let url as URL in enumerator where url.pathExtension == "json" {
            let relative = url.standardizedFileURL.path.dropFirst(directory.standardizedFileURL.path.count)
            result.append(String(relative.drop { $0 == "/" }))
        }
        return result.sorted()
    }
}

/// Test-side decoders, written independently of the library's own codecs.
enum TestBytes {
    static func hex(_ string: String) throws -> [UInt8] {
        let digits = Array(string.utf8)
        guard digits.count % 2 == 0 else { throw Fixtures.Missing(description: "odd hex length: \(string)") }
        return try stride(from: 0, to: digits.count, by: 2).map { index in
            guard let byte = UInt8(String(decoding: digits[index..<index + 2], as: UTF8.self), radix: 16) else {
                throw Fixtures.Missing(description: "bad hex: \(string)")
            }
            return byte
        }
    }

    static func base64(_ string: String) throws -> [UInt8] {
        guard let data = Data(base64Encoded: string) else { throw Fixtures.Missing(description: "bad base64: \(string)") }
        return Array(data)
    }

    static func base64Encode(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
    }

    /// `bytes` with bit `bit` (0-based over the whole buffer) inverted.
    static func flipping(_ bytes: [UInt8], bit: Int) -> [UInt8] {
        var copy = bytes
        copy[bit / 8] ^= UInt8(1) << UInt8(bit % 8)
        return copy
    }
}

/// A small deterministic generator (SplitMix64) so randomized tests are reproducible.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        self.state = seed
    }

    mutating func next() -> UInt64 {
        self.state &+= 0x9E37_79B9_7F4A_7C15
        var z = self.state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
