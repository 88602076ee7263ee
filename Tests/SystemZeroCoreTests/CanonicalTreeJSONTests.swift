import Foundation
import Testing

@testable import SystemZeroCore

/// The ledger stores each capture's tree as canonical native JSON and names it by its SHA-256, so the direct writer
/// must give the very bytes the general writer gives: any difference would change every blob's hash.
struct CanonicalTreeJSONTests {
    func expectSameBytes(_ tree: UITree, _ comment: String) {
        let direct = NativeCaptureCodec.canonicalBytes(tree)
        let general = JSONWriter(style: .canonical).bytes(NativeCaptureCodec.encode(tree.capture))
        #expect(direct == general, "\(comment): \(String(decoding: direct.prefix(300), as: UTF8.self))")
    }

    @Test func bundledSamplesWriteTheSameBytes() throws {
        for file in StreamingNormalizeTests.sampleFiles {
            expectSameBytes(Normalizer().normalize(try CaptureImporter().importFile(atPath: file.path)), file.lastPathComponent)
        }
    }

    @Test func generatedTreesWriteTheSameBytes() {
        var random = TreeRandom(seed: 0xB10B)
        for round in 0..<300 {
            expectSameBytes(Normalizer().normalize(random.capture()), "round \(round)")
        }
    }

    @Test func awkwardTextAndAttributeOrderWriteTheSameBytes() {
        let root = UINode(
            role: .window, name: "Line\nbreak \"quoted\" \\ tab\t\u{1} é ☕", value: "-0", id: "z",
            states: [.checked, .focusable, .selected], bounds: Bounds(x: 0.1, y: -3, width: 1e21, height: 123.456),
            attributes: ["b": "1", "B": "2", "é": "3", "a\u{301}": "4", "z": "", "": "empty key"],
            children: [UINode(role: .text, name: "x", bounds: Bounds(x: 1, y: 1, width: 5, height: 5))])
        let capture = Capture(
            app: "a\"pp", session: nil, capturedAt: "t", source: nil, viewport: Viewport(width: 1080.5, height: 0), tree: root)
        expectSameBytes(Normalizer().normalize(capture), "awkward")
        expectSameBytes(Normalizer().normalize(Capture(tree: UINode(role: .window))), "bare")
    }
}
