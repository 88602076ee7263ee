import Crypto
import Testing

@testable import SystemZeroCore

struct NormalizerTests {
    func normalize(_ root: UINode, viewport: Viewport? = Viewport(width: 1080, height: 2340)) -> UITree {
        Normalizer().normalize(Capture(viewport: viewport, tree: root))
    }

    let box = Bounds(x: 0, y: 0, width: 100, height: 40)

    @Test func unnamedSingleChildWrappersCollapse() {
        let tree = normalize(
            UINode(
                role: .window,
                children: [
                    UINode(role: .group, children: [UINode(role: .group, children: [UINode(role: .button, name: "Accept", bounds: box)])])
                ]))
        #expect(tree.nodes.map(\.role) == [.window, .button])
        #expect(tree.path(of: 1) == "window/button[Accept]")
    }

    @Test func namedOrIdentifiedContainersStay() {
        let tree = normalize(
            UINode(
                role: .window,
                children: [
                    UINode(role: .group, id: "offer_card", children: [UINode(role: .button, name: "Accept")]),
                    UINode(role: .group, name: "Fees", children: [UINode(role: .text, name: "$2.99")]),
                    UINode(role: .group),
                ]))
        #expect(tree.nodes.map(\.role) == [.window, .group, .button, .group, .text])
        #expect(tree.path(of: 2) == "window/group[offer_card]/button[Accept]")
    }

    @Test func invisibleNodesAreRemovedWithTheirSubtree() {
        let tree = normalize(
            UINode(
                role: .window,
                children: [
                    UINode(role: .button, name: "Hidden", states: .hidden),
                    UINode(role: .button, name: "Zero", bounds: Bounds(x: 10, y: 10, width: 0, height: 20)),
                    UINode(role: .button, name: "Off", bounds: Bounds(x: 5_000, y: 10, width: 100, height: 20)),
                    UINode(role: .group, name: "Gone", states: .hidden, children: [UINode(role: .button, name: "Inside")]),
                    UINode(role: .button, name: "Visible", bounds: box),
                    UINode(role: .button, name: "No bounds"),
                ]))
        #expect(tree.nodes.compactMap(\.name) == ["Visible", "No bounds"])
    }

    @Test func transientPropertiesAreDropped() {
        let tree = normalize(
            UINode(
                role: .window,
                children: [
                    UINode(role: .textbox, name: "Email", id: ":r3:", states: [.focused, .editable]),
                    UINode(
                        role: .button, name: "Go", id: "ember1234", attributes: ["drawing-order": "3", "class": "android.widget.Button"]),
                    UINode(role: .button, name: "Pay", id: "pay_button"),
                    UINode(role: .link, name: "x", id: "item-550e8400-e29b-41d4-a716-446655440000"),
                ]))
        #expect(tree.nodes[1].id == nil)
        #expect(tree.nodes[1].states == [.editable])
        #expect(tree.nodes[2].id == nil)
        #expect(tree.nodes[2].attributes == ["class": "android.widget.Button"])
        #expect(tree.nodes[3].id == "pay_button")
        #expect(tree.nodes[4].id == nil)
    }

    @Test func whitespaceIsFolded() {
        #expect(Normalizer.foldWhitespace("  Accept \n\t offer  ") == "Accept offer")
        #expect(Normalizer.foldWhitespace("Accept") == "Accept")
        #expect(Normalizer.foldWhitespace("Accept ") == "Accept")
        #expect(Normalizer.foldWhitespace(" \n ") == nil)
        #expect(Normalizer.foldWhitespace("") == nil)
        #expect(Normalizer.foldWhitespace("Café\u{00A0} au lait") == "Café au lait")
    }

    @Test func noiseFiltersRemoveSystemUIAndCanBeExtended() {
        let root = UINode(
            role: .window,
            children: [
                UINode(role: .text, name: "12:45", id: "com.android.systemui:id/clock"),
                UINode(role: .marquee, name: "Live ticker"),
                UINode(role: .button, name: "Accept"),
            ])
        #expect(normalize(root).nodes.compactMap(\.name) == ["Live ticker", "Accept"])
        let custom = Normalizer(noiseFilters: NoiseFilter.defaults + [NoiseFilter(.role(.marquee))])
        #expect(custom.normalize(Capture(tree: root)).nodes.compactMap(\.name) == ["Accept"])
    }

    @Test func unnamedActionsTakeTheirContentAsName() {
        let tree = normalize(
            UINode(
                role: .window,
                children: [
                    UINode(role: .button, children: [UINode(role: .text, name: "Start chat"), UINode(role: .text, name: "with model")])
                ]))
        #expect(tree.nodes[1].name == "Start chat with model")
        #expect(tree.nodes[1].nodeClass == .primaryAction)
    }

    @Test(
        arguments: [
            (Role.button, "Accept offer", NodeClass.primaryAction),
            (.button, "Continue", .primaryAction),
            (.button, "No thanks, I don't like saving money", .secondaryAction),
            (.link, "Decline", .secondaryAction),
            (.button, "Not now", .secondaryAction),
            (.button, "Delete account", .destructiveAction),
            (.link, "Privacy policy", .navigation),
            (.button, "Settings", .secondaryAction),
            (.checkbox, "Send me offers", .input),
            (.textbox, "Email", .input),
            (.heading, "Your order", .content),
            (.separator, nil, .decoration),
            (.image, nil, .decoration),
            (.image, "Restaurant logo", .content),
            (.navigation, nil, .navigation),
        ] as [(Role, String?, NodeClass)])
    func classifier(_ role: Role, _ name: String?, _ expected: NodeClass) {
        #expect(NodeClassifier().classify(role: role, name: name, hasChildren: false) == expected)
    }
}

struct FingerprintTests {
    func tree(_ root: UINode) -> UITree { Normalizer().normalize(Capture(tree: root)) }

    let offer = UINode(
        role: .window, name: "Offer",
        children: [
            UINode(role: .text, name: "$7.50", id: "payout_label"),
            UINode(role: .button, name: "Accept", id: "accept_button"),
            UINode(role: .button, name: "Decline", id: "decline_button"),
        ])

    @Test func signaturesAreFixedAcrossRunsAndMachines() {
        let tree = tree(offer)
        #expect(TreeFingerprint.encoding(tree.nodes, content: false) == "window(text(),button(),button())")
        #expect(
            TreeFingerprint.encoding(tree.nodes, content: true)
                == "window[|Offer||](text[payout_label|$7.50||](),button[accept_button|Accept||](),button[decline_button|Decline||]())")
        // Pinned: a change here changes every stored template and ledger entry.
        #expect(tree.structureSignature == "24aba7983c5493cab2a9a5f4244f624bcd6e83d073a4f61d4ff909780fdb1166")
        #expect(tree.structureSignature == TreeFingerprint.hex(sha256("window(text(),button(),button())")))
        #expect(tree.contentSignature == TreeFingerprint.hex(sha256(TreeFingerprint.encoding(tree.nodes, content: true))))
    }

    @Test func structureIgnoresTextButContentDoesNot() {
        var changed = offer
        changed.children[0].name = "$3.00"
        #expect(tree(changed).structureSignature == tree(offer).structureSignature)
        #expect(tree(changed).contentSignature != tree(offer).contentSignature)
        var restructured = offer
        restructured.children.removeLast()
        #expect(tree(restructured).structureSignature != tree(offer).structureSignature)
    }

    @Test func masksHideMaskedText() {
        var changed = offer
        changed.children[0].name = "$3.00"
        #expect(tree(changed).contentSignature(masking: [1]) == tree(offer).contentSignature(masking: [1]))
        #expect(tree(changed).contentSignature(masking: [2]) != tree(offer).contentSignature(masking: [2]))
    }

    @Test func escapingKeepsEncodingsUnambiguous() {
        let a = tree(UINode(role: .window, children: [UINode(role: .text, name: "a|b")]))
        let b = tree(UINode(role: .window, children: [UINode(role: .text, name: "a", value: "b")]))
        #expect(a.contentSignature != b.contentSignature)
    }

    @Test func equalSubtreesHaveEqualHashesWherever() {
        let card = UINode(role: .group, name: "Card", children: [UINode(role: .text, name: "Pizza"), UINode(role: .button, name: "Add")])
        let t = tree(UINode(role: .window, children: [UINode(role: .list, children: [card, card]), card]))
        let cards = t.nodes.indices.filter { t.nodes[$0].name == "Card" }
        #expect(cards.count == 3)
        #expect(Set(cards.map { t.nodes[$0].contentHash }).count == 1)
        #expect(Set(cards.map { t.nodes[$0].structureHash }).count == 1)
        #expect(t.nodes[0].contentHash != t.nodes[cards[0]].contentHash)
    }

    func sha256(_ text: String) -> [UInt8] {
        Array(SHA256.hash(data: Array(text.utf8)))
    }
}
