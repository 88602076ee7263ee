import Foundation
import SystemZeroCapture
import SystemZeroCore
import Testing

/// Recorded sessions keep each distinct screen once, with an index that reads back.
struct SessionRecordingTests {
    static func screen(_ title: String, payout: String) -> Capture {
        Capture(
            source: "test",
            tree: UINode(
                role: .window, name: "Offer",
                children: [
                    UINode(role: .heading, name: title, id: "title"), UINode(role: .text, name: payout, id: "payout"),
                    UINode(role: .button, name: "Accept", id: "accept"),
                ]))
    }

    @Test func distinctScreensAreKeptOnceAndGroupedByStructure() throws {
        let folder = try Support.temporaryFolder("recording")
        defer { try? FileManager.default.removeItem(at: folder) }
        var recording = try SessionRecording(directory: folder.path, session: "shift-1", source: "test")
        let normalizer = Normalizer()
        let first = Self.screen("Offer", payout: "$5")
        let second = Self.screen("Offer", payout: "$7")
        var other = Self.screen("Settings", payout: "")
        other.tree.children.removeLast()
        var written: [String?] = []
        for capture in [first, first, second, other, second] {
            written.append(try recording.add(capture, tree: normalizer.normalize(capture)))
        }
        #expect(written.map { $0.map { URL(fileURLWithPath: $0).lastPathComponent } } == ["001.json", nil, "002.json", "003.json", nil])
        #expect(recording.entries.map(\.seen) == [2, 2, 1])

        let reread = try SessionRecording(reading: folder.path)
        #expect(reread.session == "shift-1" && reread.source == "test")
        #expect(reread.entries == recording.entries)
        #expect(reread.screens.map { $0.map { URL(fileURLWithPath: $0).lastPathComponent } } == [["001.json", "002.json"], ["003.json"]])
        let saved = try CaptureImporter().importFile(atPath: folder.appendingPathComponent("002.json").path)
        #expect(saved.session == "shift-1")
        #expect(saved.tree == second.tree)
    }

    @Test func aBrokenIndexIsAnImportError() throws {
        let folder = try Support.temporaryFolder("recording-bad")
        defer { try? FileManager.default.removeItem(at: folder) }
        let index = folder.appendingPathComponent(SessionRecording.indexFile)
        try Data(
            #"{"session": "s", "captures": [{"file": "../../etc/passwd", "structure_signature": "a", "content_signature": "b"}]}"#.utf8
        )
        .write(to: index)
        #expect(throws: ImportError.self) { try SessionRecording(reading: folder.path) }
        #expect(throws: ImportError.self) { try SessionRecording(reading: folder.appendingPathComponent("missing").path) }
    }
}

struct DurationTextTests {
    @Test(arguments: [
        ("2s", Duration.seconds(2)), ("500ms", .milliseconds(500)), ("1.5s", .milliseconds(1500)), ("2m", .seconds(120)),
        ("3", .seconds(3)), ("1h", .seconds(3600)),
    ])
    func durationsAreRead(text: String, expected: Duration) {
        #expect(DurationText.parse(text) == expected)
    }

    @Test(arguments: ["", "s", "-1s", "two seconds", "nan", "infs"])
    func otherTextIsNot(text: String) {
        #expect(DurationText.parse(text) == nil)
    }
}
