import SystemZeroCapture
import SystemZeroCore
import Testing

/// Boxes and DOM ids from a `DOMSnapshot.captureSnapshot` answer, attached to an imported AX tree.
struct DOMLayoutTests {
    /// `<body><button id="ok">OK</button><span id="price">$3</span></body>`: backend ids 10 (body), 11 (button),
    /// 12 (its text), 13 (span), 14 (its text).
    static let snapshot: JSONValue = [
        "strings": ["BODY", "BUTTON", "id", "ok", "#text", "SPAN", "price"],
        "documents": [
            [
                "nodes": [
                    "backendNodeId": [10, 11, 12, 13, 14],
                    "parentIndex": [-1, 0, 1, 0, 3],
                    "nodeType": [1, 1, 3, 1, 3],
                    "attributes": [[], [2, 3], [], [2, 6], []],
                ],
                "layout": [
                    "nodeIndex": [0, 1, 2, 4, 4],
                    "bounds": [[0, 0, 800, 600], [10.4, 20, 80, 30.6], [12, 22, 20, 16], [100, 20, 30, 16], [0, 0, 1, 1]],
                ],
            ]
        ],
    ]

    static func node(_ role: Role, backend: Int, name: String? = nil, children: [UINode] = []) -> UINode {
        UINode(role: role, name: name, attributes: ["backend_dom_node_id": String(backend)], children: children)
    }

    @Test func boxesAndIDsAreAttachedAndTheBackendIDDropped() {
        let tree = Self.node(
            .document, backend: 10,
            children: [
                Self.node(.button, backend: 11, name: "OK", children: [Self.node(.text, backend: 12, name: "OK")]),
                Self.node(.text, backend: 14, name: "$3"),
            ])
        let attached = DOMLayout(snapshot: Self.snapshot).attach(to: tree)
        #expect(attached.bounds == Bounds(x: 0, y: 0, width: 800, height: 600))
        let button = attached.children[0]
        #expect(button.id == "ok")
        #expect(button.bounds == Bounds(x: 10, y: 20, width: 80, height: 31))
        #expect(button.children[0].id == nil, "the button is in the tree: its text keeps no id")
        let price = attached.children[1]
        #expect(price.id == "price", "the span is left out of the tree: its text takes its id")
        #expect(price.bounds == Bounds(x: 100, y: 20, width: 30, height: 16), "the first box of a node counts")
        #expect(!String(describing: attached).contains("backend_dom_node_id"))
    }

    @Test func nodesWithoutABackendIDOrLayoutAreLeftAsTheyAre() {
        let tree = UINode(role: .group, children: [Self.node(.text, backend: 99, name: "gone")])
        let attached = DOMLayout(snapshot: Self.snapshot).attach(to: tree)
        #expect(attached.bounds == nil)
        #expect(attached.children[0].bounds == nil && attached.children[0].id == nil)
    }

    @Test func malformedSnapshotsGiveNoEntries() {
        #expect(DOMLayout(snapshot: .object([])).entries.isEmpty)
        let bad: JSONValue = [
            "strings": ["id"],
            "documents": [["nodes": ["backendNodeId": [1], "attributes": [[0, 7]]], "layout": ["nodeIndex": [5], "bounds": [[1, 2]]]]],
        ]
        #expect(DOMLayout(snapshot: bad).entries.values.allSatisfy { $0.bounds == nil && $0.domID == nil })
    }
}
