import Foundation
import Testing

@testable import SystemZeroCore

struct TreeDiffTests {
    func tree(_ root: UINode) -> UITree { Normalizer().normalize(Capture(tree: root)) }

    func list(_ names: [String]) -> UINode {
        UINode(role: .window, children: [UINode(role: .list, name: "Orders", children: names.map { UINode(role: .listitem, name: $0) })])
    }

    @Test func identicalTreesHaveNoChanges() {
        let diff = TreeDiff(before: tree(list(["a", "b"])), after: tree(list(["a", "b"])))
        #expect(diff.isEmpty)
        #expect(diff.report.hasPrefix("no differences"))
    }

    @Test func reorderedListReadsAsMoves() {
        let diff = TreeDiff(before: tree(list(["a", "b", "c", "d"])), after: tree(list(["d", "a", "b", "c"])))
        #expect(diff.changes.map(\.kind) == [.moved])
        #expect(diff.changes.first?.path == "window/list[Orders]/listitem[d]")
    }

    @Test func addedAndRemovedAreReportedAtTheTopOfTheirSubtree() {
        let before = UINode(
            role: .window,
            children: [
                UINode(
                    role: .group, name: "Fees", children: [UINode(role: .text, name: "Service fee"), UINode(role: .text, name: "$2.99")]),
                UINode(role: .button, name: "Pay"),
            ])
        let after = UINode(
            role: .window,
            children: [
                UINode(role: .button, name: "Pay"),
                UINode(role: .timer, name: "Offer expires in 0:30"),
            ])
        let diff = TreeDiff(before: tree(before), after: tree(after))
        #expect(diff.changes.map(\.kind) == [.removed, .added])
        #expect(diff.changes[0].path == "window/group[Fees]")
        #expect(diff.changes[0].subtreeSize == 3)
        #expect(diff.changes[1].path == "window/timer[Offer expires in 0:30]")
    }

    @Test func changedFieldsAreNamed() {
        let before = UINode(
            role: .window,
            children: [
                UINode(role: .checkbox, name: "Add insurance", id: "insurance"),
                UINode(role: .button, name: "Decline", id: "decline", bounds: Bounds(x: 0, y: 0, width: 500, height: 120)),
            ])
        let after = UINode(
            role: .window,
            children: [
                UINode(role: .checkbox, name: "Add insurance", id: "insurance", states: .checked),
                UINode(role: .link, name: "No thanks", id: "decline", bounds: Bounds(x: 0, y: 0, width: 120, height: 30)),
            ])
        let diff = TreeDiff(before: tree(before), after: tree(after))
        #expect(diff.changes.count == 2)
        #expect(diff.changes[0].fields == [.states])
        #expect(diff.changes[1].fields == [.role, .name, .bounds])
        #expect(diff.changes[1].path == "window/link[decline]")
        #expect(diff.report.contains("name: \"Decline\" → \"No thanks\""))
    }

    @Test func nodesMovedToAnotherParentAreMoves() {
        let before = UINode(
            role: .window,
            children: [
                UINode(role: .group, name: "Top", children: [UINode(role: .button, name: "Decline")]),
                UINode(role: .group, name: "Bottom", children: [UINode(role: .text, name: "Terms")]),
            ])
        let after = UINode(
            role: .window,
            children: [
                UINode(role: .group, name: "Top", children: [UINode(role: .text, name: "Terms")]),
                UINode(role: .group, name: "Bottom", children: [UINode(role: .button, name: "Decline")]),
            ])
        let diff = TreeDiff(before: tree(before), after: tree(after))
        #expect(Set(diff.changes.map(\.kind)) == [.moved])
        #expect(diff.changes.count == 2)
    }

    @Test func maskedTextIsNotAChange() {
        let before = tree(UINode(role: .window, children: [UINode(role: .text, name: "Pizza Palace", id: "restaurant")]))
        let after = tree(UINode(role: .window, children: [UINode(role: .text, name: "Taco Town", id: "restaurant")]))
        #expect(TreeDiff(before: before, after: after).changes.count == 1)
        #expect(TreeDiff(before: before, after: after, maskedInBefore: [1]).isEmpty)
    }

    @Test func longestIncreasingRun() {
        #expect(TreeDiff.longestIncreasingRun([0, 1, 2]) == [0, 1, 2])
        #expect(TreeDiff.longestIncreasingRun([3, 0, 1, 2]) == [1, 2, 3])
        #expect(TreeDiff.longestIncreasingRun([]) == [])
    }

    @Test(.enabled(if: Fixtures.available, Comment(rawValue: Fixtures.skipMessage)))
    func dianaOutOfOrderHasNoChanges() throws {
        let before = try load("diana__pn00_org.json")
        let after = try load("diana__pn02_ooo.json")
        let diff = TreeDiff(before: before, after: after)
        #expect(diff.changes.isEmpty)
        #expect(diff.json["before"] == diff.json["after"])
    }

    @Test(.enabled(if: Fixtures.available, Comment(rawValue: Fixtures.skipMessage)))
    func dianaChangedNodeIsExactlyOneNameChange() throws {
        let diff = TreeDiff(before: try load("diana__pn00_org.json"), after: try load("diana__pn03_chg.json"))
        #expect(diff.changes.count == 1)
        let change = try #require(diff.changes.first)
        #expect(change.kind == .changed)
        #expect(change.fields == [.name])
        let json = diff.json["changes"]?.arrayValue?.first
        #expect(json?["before"]?["name"] == "GitHub")
        #expect(json?["after"]?["name"] == "This is a changed node!")
        #expect(json?["path"] == "document[Hunting A11y]/group/contentinfo/paragraph/link[GitHub]/text[This is a changed node!]")
    }

    @Test(.enabled(if: Fixtures.available, Comment(rawValue: Fixtures.skipMessage)))
    func diffAcrossFormats() throws {
        // The same Android screen imported natively and from XML diffs clean.
        let file = Fixtures.root.appendingPathComponent("ui/android_uiautomator/termux-flutter-ide__project_view_dump.xml")
        let capture = try CaptureImporter().importFile(atPath: file.path)
        let native = try CaptureImporter().importCapture(JSONWriter().bytes(NativeCaptureCodec.encode(capture)))
        #expect(TreeDiff(before: Normalizer().normalize(capture), after: Normalizer().normalize(native)).isEmpty)
    }

    func load(_ name: String) throws -> UITree {
        let url = Fixtures.root.appendingPathComponent("ui/cdp_axtree/\(name)")
        return Normalizer().normalize(try CaptureImporter().importFile(atPath: url.path))
    }
}
