import Foundation
import Testing

@testable import SystemZeroCore

/// `importTree` normalizes native JSON as it reads it, without a ``UINode`` tree; it must give exactly the tree that
/// `normalize(importCapture(...))` gives, and the same errors. Checked on every shared fixture and bundled sample
/// written as native JSON, on generated trees full of what the normalizer removes, renames and collapses (with the
/// keys of every object in a random order), and on broken documents.
struct StreamingNormalizeTests {
    let normalizer = Normalizer()

    /// Both ways of getting the tree, which must agree; `fast` says whether the one-pass path took the document.
    func bothWays(_ bytes: [UInt8]) throws -> (streamed: UITree, reference: UITree, fast: Bool) {
        let streamed = try CaptureImporter().importTree(bytes, format: .native, normalizer: normalizer)
        let reference = normalizer.normalize(try CaptureImporter().importCapture(bytes, format: .native))
        let fast = ((try? NativeFastDecoder(codec: NativeCaptureCodec()).decodeTree(bytes, normalizer: normalizer)) ?? nil) != nil
        return (streamed, reference, fast)
    }

    func expectSame(_ streamed: UITree, _ reference: UITree, _ comment: String) {
        #expect(streamed.nodes == reference.nodes, "\(comment)")
        #expect(streamed.structureSignature == reference.structureSignature, "\(comment)")
        #expect(streamed.contentSignature == reference.contentSignature, "\(comment)")
        #expect(streamed.app == reference.app && streamed.session == reference.session, "\(comment)")
        #expect(streamed.capturedAt == reference.capturedAt && streamed.source == reference.source, "\(comment)")
        #expect(streamed.viewport == reference.viewport, "\(comment)")
    }

    static let sampleFiles: [URL] = {
        let root = Fixtures.packageRoot.appendingPathComponent("samples")
        let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        return files.filter { ["json", "xml", "yaml"].contains($0.pathExtension) }.sorted { $0.path < $1.path }
    }()

    @Test func bundledSamplesAgree() throws {
        #expect(Self.sampleFiles.count > 20)
        for file in Self.sampleFiles {
            let capture = try CaptureImporter().importFile(atPath: file.path)
            for style in [JSONWriter.Style.compact, .pretty] {
                let (streamed, reference, fast) = try bothWays(JSONWriter(style: style).bytes(NativeCaptureCodec.encode(capture)))
                #expect(fast, "\(file.lastPathComponent) took the general path")
                expectSame(streamed, reference, file.lastPathComponent)
            }
        }
    }

    @Test(.enabled(if: Fixtures.available, Comment(rawValue: Fixtures.skipMessage)))
    func sharedFixturesAgree() throws {
        let files = Fixtures.files("ui/android_uiautomator") + Fixtures.files("ui/cdp_axtree") + Fixtures.files("ui/playwright_aria")
        #expect(!files.isEmpty)
        for file in files {
            let capture = try CaptureImporter().importCapture(try Fixtures.bytes(file))
            let document = NativeCaptureCodec.encode(capture)
            let (streamed, reference, fast) = try bothWays(JSONWriter(style: .compact).bytes(document))
            #expect(fast, "\(file.lastPathComponent) took the general path")
            expectSame(streamed, reference, file.lastPathComponent)
            // Sorted keys put the viewport after the tree.
            let sorted = try bothWays(JSONWriter(style: .canonical).bytes(document))
            expectSame(sorted.streamed, sorted.reference, "\(file.lastPathComponent), sorted")
        }
    }

    @Test func generatedTreesInAnyKeyOrderAgree() throws {
        var random = TreeRandom(seed: 0x5EED)
        var fastCount = 0
        for round in 0..<300 {
            let capture = random.capture()
            var document = NativeCaptureCodec.encode(capture)
            random.shuffleKeys(&document)
            let bytes = JSONWriter(style: round % 2 == 0 ? .compact : .pretty).bytes(document)
            let (streamed, reference, fast) = try bothWays(bytes)
            if fast { fastCount += 1 }
            expectSame(streamed, reference, "round \(round): \(String(decoding: bytes, as: UTF8.self))")
        }
        // Only documents with the viewport after the tree go the general way.
        #expect(fastCount > 150)
    }

    @Test func sortedKeysStillTakeTheOnePassPath() throws {
        // The viewport comes after the tree, and removes nothing from this screen.
        let bytes = JSONWriter(style: .canonical).bytes(NativeCaptureCodec.encode(SyntheticScreen.capture(nodes: 500)))
        let (streamed, reference, fast) = try bothWays(bytes)
        #expect(fast)
        expectSame(streamed, reference, "sorted")
    }

    @Test func viewportAfterTheTreeStillCounts() throws {
        // An off-screen button: the viewport, read after the tree, must still remove it.
        let bytes = Array(
            #"{"tree":{"role":"window","children":[{"role":"button","name":"Gone","bounds":[0,5000,10,10]},{"role":"button","name":"Here","bounds":[0,0,10,10]}]},"viewport":{"width":100,"height":100}}"#
                .utf8)
        let (streamed, reference, fast) = try bothWays(bytes)
        #expect(!fast)
        expectSame(streamed, reference, "viewport last")
        #expect(streamed.nodes.map(\.name) == [nil, "Here"])
    }

    @Test func fieldsAfterChildrenStillRemoveTheSubtree() throws {
        let bytes = Array(
            #"{"viewport":{"width":100,"height":100},"tree":{"role":"window","children":[{"children":[{"role":"button","name":"Inner"}],"role":"group","id":"com.android.systemui:id/bar"},{"children":[{"role":"text","name":"Secret"}],"role":"group","states":["hidden"]},{"children":[{"role":"text","name":"Pay $5"}],"role":"button"}]}}"#
                .utf8)
        let (streamed, reference, fast) = try bothWays(bytes)
        #expect(fast)
        expectSame(streamed, reference, "fields last")
        #expect(streamed.nodes.map(\.name) == [nil, "Pay $5", "Pay $5"])
    }

    @Test func brokenDocumentsGiveTheSameErrors() {
        let deep =
            String(repeating: #"{"role":"group","children":["#, count: 300) + #"{"role":"text"}"#
            + String(repeating: "]}", count: 300)
        let documents: [String] = [
            #"{"tree":{"role":"window","children":[{"role":"button"}"#,
            #"{"tree":{"role":"window","bounds":[0,0,-1,5]}}"#,
            #"{"tree":{"role":"window","bounds":[0,0,1e999,5]}}"#,
            #"{"tree":{"role":"window","states":["sleepy"]}}"#,
            #"{"tree":{"name":"no role"}}"#,
            #"{"viewport":{"width":-5,"height":1},"tree":{"role":"window"}}"#,
            #"{"app":7,"tree":{"role":"window"}}"#,
            #"{"tree":"#, "[]", "{}", #"{"tree":{"role":"window","name":"\ud800"}}"#,
            #"{"tree":"# + deep + "}",
        ]
        for text in documents {
            let bytes = Array(text.utf8)
            let expected = #expect(throws: ImportError.self) { try CaptureImporter().importCapture(bytes, format: .native) }
            let got = #expect(throws: ImportError.self) { try CaptureImporter().importTree(bytes, format: .native) }
            #expect(got.map(String.init(describing:)) == expected.map(String.init(describing:)), "\(text.prefix(80))")
        }
        var invalid = Array(#"{"tree":{"role":"window","name":"ab"}}"#.utf8)
        invalid[invalid.count - 5] = 0xFF
        let expected = #expect(throws: ImportError.self) { try CaptureImporter().importCapture(invalid, format: .native) }
        let got = #expect(throws: ImportError.self) { try CaptureImporter().importTree(invalid, format: .native) }
        #expect(got.map(String.init(describing:)) == expected.map(String.init(describing:)))
    }

    @Test func limitsHoldOnTheOnePassPath() {
        let wide =
            #"{"tree":{"role":"list","children":["# + Array(repeating: #"{"role":"text","name":"x"}"#, count: 50).joined(separator: ",")
            + "]}}"
        let importer = CaptureImporter(limits: ImportLimits(maxNodes: 20))
        #expect(throws: ImportError.self) { try importer.importTree(Array(wide.utf8), format: .native) }
        let long = #"{"tree":{"role":"text","name":""# + String(repeating: "a", count: 200) + #""}}"#
        #expect(throws: ImportError.self) {
            try CaptureImporter(limits: ImportLimits(maxStringLength: 100)).importTree(Array(long.utf8), format: .native)
        }
    }
}

/// Random captures made of what normalization acts on, and random key orders (a 64-bit linear congruential
/// generator, so every run makes the same documents).
struct TreeRandom {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }

    mutating func pick<T>(_ options: [T]) -> T { options[next(options.count)] }

    mutating func capture() -> Capture {
        var nodes = 0
        let viewport: Viewport? = next(4) == 0 ? nil : Viewport(width: 1080, height: 2340)
        return Capture(
            app: pick([nil, "com.example", "https://shop.example"]), session: pick([nil, "s1"]),
            capturedAt: pick([nil, "2026-11-27T06:00:00Z"]), source: pick([nil, "agent"]), viewport: viewport,
            tree: node(depth: 0, count: &nodes))
    }

    mutating func node(depth: Int, count: inout Int) -> UINode {
        count += 1
        let role: Role = pick([.window, .group, .group, .region, .unknown, .button, .link, .text, .heading, .checkbox, .list, .image])
        var node = UINode(role: role)
        node.name = pick([nil, nil, "Accept", "  Pay   $5 ", "Item\t7", "", " ", "Quote \" and \\ slash", "Café ☕", "Details"])
        node.value = pick([nil, nil, nil, "42", " a  b "])
        node.id = pick([
            nil, nil, "accept", "com.android.systemui:id/clock", "android:id/statusBarBackground", ":r1:", "mui-12", "card_3", "",
        ])
        let states: [StateSet] = [[], [], [.focused], [.hidden], [.checked, .focusable], [.selected, .focused], [.disabled]]
        node.states = pick(states)
        let bounds: [Bounds?] = [
            nil, Bounds(x: 0, y: 0, width: 100, height: 50), Bounds(x: 10.5, y: 20.25, width: 300, height: 80),
            Bounds(x: 0, y: 0, width: 0, height: 10), Bounds(x: 0, y: 9000, width: 10, height: 10),
            Bounds(x: -5, y: -5, width: 20, height: 20),
        ]
        node.bounds = pick(bounds)
        if next(3) == 0 {
            node.attributes = pick([["index": "3"], ["class": "android.widget.Button", "drawing-order": "2"], ["href": "/x"]])
        }
        if next(8) == 0 { node.attributes["source_role"] = "custom-widget" }
        if depth < 5, count < 120 {
            for _ in 0..<pick([0, 0, 1, 1, 2, 3, 5]) { node.children.append(self.node(depth: depth + 1, count: &count)) }
        }
        return node
    }

    /// Shuffles the members of every object, and sometimes writes a node's role as a name the role mapper maps.
    mutating func shuffleKeys(_ value: inout JSONValue) {
        switch value {
        case .object(var members):
            for index in members.indices {
                if members[index].key == "role", case .string(let role) = members[index].value, next(5) == 0 {
                    members[index].value = .string(pick(["Button", "android.widget.Button", "StaticText", "generic", "mystery", role]))
                }
                shuffleKeys(&members[index].value)
            }
            for index in stride(from: members.count - 1, to: 0, by: -1) { members.swapAt(index, next(index + 1)) }
            value = .object(members)
        case .array(var elements):
            for index in elements.indices { shuffleKeys(&elements[index]) }
            value = .array(elements)
        default: break
        }
    }
}
