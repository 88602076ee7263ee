import SystemZeroCore
import Testing

@testable import SystemZeroCapture

/// Live web trees get the shape app trees have.
struct WebTreeShapingTests {
    @Test func labelTextAndTextWrappersAreFolded() {
        let tree = UINode(
            role: .document, name: "Shop",
            children: [
                UINode(role: .button, name: "Pay", id: "pay", children: [UINode(role: .text, name: "Pay")]),
                UINode(
                    role: .group, id: "price", bounds: Bounds(x: 1, y: 2, width: 30, height: 10),
                    children: [UINode(role: .text, name: "$3", bounds: Bounds(x: 1, y: 3, width: 20, height: 8))]),
                UINode(role: .paragraph, id: "note", children: [UINode(role: .text, name: "Fees apply")]),
                UINode(role: .group, children: [UINode(role: .text, name: "no id: left alone")]),
                UINode(role: .heading, name: "Total", children: [UINode(role: .text, name: "Total, with tax")]),
            ])
        let folded = WebTreeShaping.fold(tree)
        #expect(folded.children[0] == UINode(role: .button, name: "Pay", id: "pay"))
        #expect(folded.children[1] == UINode(role: .text, name: "$3", id: "price", bounds: Bounds(x: 1, y: 2, width: 30, height: 10)))
        #expect(folded.children[2] == UINode(role: .text, name: "Fees apply", id: "note"))
        #expect(folded.children[3] == tree.children[3])
        #expect(folded.children[4] == tree.children[4], "a child that says more than the name stays")
    }

    @Test func inlineTextBoxesAreMarkedIgnored() {
        let result: JSONValue = [
            "nodes": [
                ["nodeId": "1", "role": ["value": "StaticText"], "childIds": ["2"]],
                ["nodeId": "2", "role": ["value": "InlineTextBox"], "ignored": false],
            ]
        ]
        let marked = WebTreeShaping.ignoringInlineTextBoxes(result)
        #expect(marked["nodes"]?.arrayValue?[1]["ignored"] == true)
        #expect(marked["nodes"]?.arrayValue?[0]["ignored"] == nil)
        #expect(WebTreeShaping.ignoringInlineTextBoxes(["other": 1]) == ["other": 1])
    }

    @Test(arguments: [
        ("https://shop.example.com/cart?x=1", "https://shop.example.com"), ("http://127.0.0.1:8080/a", "http://127.0.0.1:8080"),
        ("file:///work/page.html", nil), ("about:blank", nil),
    ])
    func theApplicationOfAPageIsItsOrigin(url: String, origin: String?) {
        #expect(ChromePage.origin(of: url) == origin)
    }
}
