import Testing

@testable import SystemZeroCore

/// Appium UiAutomator2 and XCUITest page sources on screens built here: one Android screen read both ways, the iOS
/// mapping, format detection, and the errors every XML importer gives.
struct MobilePageSourceTests {
    // MARK: - One screen, one tree

    /// A sign-in screen as `uiautomator dump` writes it: every element a `<node>`; the dump leaves out what is not
    /// visible to the user (the error text below the form), and writes `drawing-order` and `hint` (API 29+).
    static let dump = """
        <?xml version='1.0' encoding='UTF-8' standalone='yes' ?><hierarchy rotation="0">\
        <node index="0" text="" resource-id="" class="android.widget.FrameLayout" package="com.example.bank" content-desc="" \
        checkable="false" checked="false" clickable="false" enabled="true" focusable="false" focused="false" scrollable="false" \
        long-clickable="false" password="false" selected="false" bounds="[0,0][1080,2340]" drawing-order="0" hint="">\
        <node index="0" text="Sign in" resource-id="com.example.bank:id/title" class="android.widget.TextView" \
        package="com.example.bank" content-desc="" checkable="false" checked="false" clickable="false" enabled="true" \
        focusable="false" focused="false" scrollable="false" long-clickable="false" password="false" selected="false" \
        bounds="[48,160][1032,260]" drawing-order="1" hint="" />\
        <node index="1" text="Email" resource-id="com.example.bank:id/email" class="android.widget.EditText" \
        package="com.example.bank" content-desc="" checkable="false" checked="false" clickable="true" enabled="true" \
        focusable="true" focused="true" scrollable="false" long-clickable="true" password="false" selected="false" \
        bounds="[48,300][1032,420]" drawing-order="2" hint="Email" />\
        <node index="2" text="••••••" resource-id="com.example.bank:id/password" class="android.widget.EditText" \
        package="com.example.bank" content-desc="Password" checkable="false" checked="false" clickable="true" enabled="true" \
        focusable="true" focused="false" scrollable="false" long-clickable="true" password="true" selected="false" \
        bounds="[48,440][1032,560]" drawing-order="3" hint="Password" />\
        <node index="3" text="Keep me signed in" resource-id="com.example.bank:id/remember" class="android.widget.CheckBox" \
        package="com.example.bank" content-desc="" checkable="true" checked="true" clickable="true" enabled="true" \
        focusable="true" focused="false" scrollable="false" long-clickable="false" password="false" selected="false" \
        bounds="[48,580][1032,680]" drawing-order="4" hint="" />\
        <node index="4" text="" resource-id="com.example.bank:id/actions" class="android.widget.LinearLayout" \
        package="com.example.bank" content-desc="" checkable="false" checked="false" clickable="false" enabled="true" \
        focusable="false" focused="false" scrollable="false" long-clickable="false" password="false" selected="false" \
        bounds="[48,720][1032,860]" drawing-order="5" hint="">\
        <node index="0" text="SIGN IN" resource-id="com.example.bank:id/submit" class="android.widget.Button" \
        package="com.example.bank" content-desc="" checkable="false" checked="false" clickable="true" enabled="false" \
        focusable="true" focused="false" scrollable="false" long-clickable="false" password="false" selected="false" \
        bounds="[48,720][540,860]" drawing-order="1" hint="" />\
        <node index="1" text="" resource-id="com.example.bank:id/help" class="android.widget.ImageButton" \
        package="com.example.bank" content-desc="Help" checkable="false" checked="false" clickable="true" enabled="true" \
        focusable="true" focused="false" scrollable="false" long-clickable="false" password="false" selected="false" \
        bounds="[560,720][1032,860]" drawing-order="2" hint="" />\
        </node></node></hierarchy>
        """

    /// The same screen as Appium's UiAutomator2 driver serves it: elements named by class, its own attributes
    /// (`displayed`, `a11y-important`, `heading`, `showing-hint`, …), the display's size on `<hierarchy>`, and the
    /// invisible error text kept with `displayed="false"`.
    static let appium = """
        <?xml version='1.0' encoding='UTF-8' standalone='yes' ?>
        <hierarchy index="0" class="hierarchy" rotation="0" width="1080" height="2340">
          <android.widget.FrameLayout index="0" package="com.example.bank" class="android.widget.FrameLayout" text="" \
        checkable="false" checked="false" clickable="false" enabled="true" focusable="false" focused="false" long-clickable="false" \
        password="false" scrollable="false" selected="false" bounds="[0,0][1080,2340]" displayed="true" a11y-important="true" \
        screen-reader-focusable="false" drawing-order="0" showing-hint="false" text-entry-key="false" dismissable="false" \
        a11y-focused="false" heading="false" live-region="0" context-clickable="false" content-invalid="false">
            <android.widget.TextView index="0" package="com.example.bank" class="android.widget.TextView" text="Sign in" \
        resource-id="com.example.bank:id/title" checkable="false" checked="false" clickable="false" enabled="true" \
        focusable="false" focused="false" long-clickable="false" password="false" scrollable="false" selected="false" \
        bounds="[48,160][1032,260]" displayed="true" a11y-important="true" drawing-order="1" showing-hint="false" heading="true" />
            <android.widget.EditText index="1" package="com.example.bank" class="android.widget.EditText" text="Email" \
        resource-id="com.example.bank:id/email" checkable="false" checked="false" clickable="true" enabled="true" \
        focusable="true" focused="true" long-clickable="true" password="false" scrollable="false" selected="false" \
        bounds="[48,300][1032,420]" displayed="true" hint="Email" showing-hint="true" input-type="33" drawing-order="2" />
            <android.widget.EditText index="2" package="com.example.bank" class="android.widget.EditText" text="••••••" \
        resource-id="com.example.bank:id/password" content-desc="Password" checkable="false" checked="false" clickable="true" \
        enabled="true" focusable="true" focused="false" long-clickable="true" password="true" scrollable="false" \
        selected="false" bounds="[48,440][1032,560]" displayed="true" hint="Password" showing-hint="false" input-type="129" \
        content-invalid="false" drawing-order="3" />
            <android.widget.CheckBox index="3" package="com.example.bank" class="android.widget.CheckBox" \
        text="Keep me signed in" resource-id="com.example.bank:id/remember" checkable="true" checked="true" clickable="true" \
        enabled="true" focusable="true" focused="false" long-clickable="false" password="false" scrollable="false" \
        selected="false" bounds="[48,580][1032,680]" displayed="true" drawing-order="4" />
            <android.widget.LinearLayout index="4" package="com.example.bank" class="android.widget.LinearLayout" text="" \
        resource-id="com.example.bank:id/actions" checkable="false" checked="false" clickable="false" enabled="true" \
        focusable="false" focused="false" long-clickable="false" password="false" scrollable="false" selected="false" \
        bounds="[48,720][1032,860]" displayed="true" drawing-order="5">
              <android.widget.Button index="0" package="com.example.bank" class="android.widget.Button" text="SIGN IN" \
        resource-id="com.example.bank:id/submit" checkable="false" checked="false" clickable="true" enabled="false" \
        focusable="true" focused="false" long-clickable="false" password="false" scrollable="false" selected="false" \
        bounds="[48,720][540,860]" displayed="true" drawing-order="1" />
              <android.widget.ImageButton index="1" package="com.example.bank" class="android.widget.ImageButton" text="" \
        resource-id="com.example.bank:id/help" content-desc="Help" checkable="false" checked="false" clickable="true" \
        enabled="true" focusable="true" focused="false" long-clickable="false" password="false" scrollable="false" \
        selected="false" bounds="[560,720][1032,860]" displayed="true" tooltip-text="Help" drawing-order="2" />
            </android.widget.LinearLayout>
            <android.widget.TextView index="5" package="com.example.bank" class="android.widget.TextView" \
        text="Wrong password" resource-id="com.example.bank:id/error" checkable="false" checked="false" clickable="false" \
        enabled="true" focusable="false" focused="false" long-clickable="false" password="false" scrollable="false" \
        selected="false" bounds="[48,880][1032,940]" displayed="false" drawing-order="6" />
          </android.widget.FrameLayout>
        </hierarchy>
        """

    /// What only Appium writes: kept as attributes, and no part of the tree's role, name, states or signatures.
    static let appiumOnlyAttributes: Set<String> = [
        "width", "height", "displayed", "a11y-important", "screen-reader-focusable", "showing-hint", "text-entry-key",
        "dismissable", "a11y-focused", "heading", "live-region", "context-clickable", "content-invalid", "input-type",
        "tooltip-text",
    ]

    @Test func aDumpAndAnAppiumPageSourceOfOneScreenNormalizeToOneTree() throws {
        let dump = try CaptureImporter().importCapture(Array(Self.dump.utf8))
        let appium = try CaptureImporter().importCapture(Array(Self.appium.utf8))
        #expect(CaptureFormat.detect(Array(Self.appium.utf8)) == .uiautomator)
        #expect(dump.source == "android-uiautomator")
        #expect(appium.source == "android-appium")
        #expect(appium.app == dump.app)
        #expect(appium.viewport == dump.viewport)
        let before = Normalizer().normalize(dump)
        let after = Normalizer().normalize(appium)
        #expect(before.nodes.count == 9)
        #expect(after.structureSignature == before.structureSignature)
        #expect(after.contentSignature == before.contentSignature)
        #expect(TreeDiff(before: before, after: after).changes.isEmpty)
        try #require(after.nodes.count == before.nodes.count)
        for (one, other) in zip(before.nodes, after.nodes) {
            #expect(one.role == other.role && one.name == other.name && one.value == other.value && one.id == other.id)
            #expect(one.states == other.states && one.bounds == other.bounds && one.nodeClass == other.nodeClass)
            // Every attribute the dump has, Appium has with the same value; the rest are Appium's own.
            for (key, value) in one.attributes { #expect(other.attributes[key] == value, "\(key) of \(one.role)") }
            #expect(Set(other.attributes.keys).subtracting(one.attributes.keys).isSubset(of: Self.appiumOnlyAttributes))
        }
        // The field shows its hint: it has no value, and the hint names it.
        let email = try #require(after.nodes.first { $0.id == "com.example.bank:id/email" })
        #expect(email.role == .textbox && email.name == "Email" && email.value == nil && email.attributes["hint"] == "Email")
        #expect(after.nodes.first { $0.id == "com.example.bank:id/error" } == nil, "the hidden error text is not on the screen")
        let heading = try #require(after.nodes.first { $0.name == "Sign in" })
        #expect(heading.role == .text && heading.attributes["heading"] == "true", "Appium's heading is kept, not promoted")
    }

    // MARK: - iOS

    /// A settings screen as WebDriverAgent writes it (Appium puts it in `<AppiumAUT>`).
    static let ios = """
        <?xml version="1.0" encoding="UTF-8"?>
        <XCUIElementTypeApplication type="XCUIElementTypeApplication" name="Shop" label="Shop" enabled="true" visible="true" \
        accessible="false" x="0" y="0" width="390" height="844" index="0">
          <XCUIElementTypeWindow type="XCUIElementTypeWindow" enabled="true" visible="true" accessible="false" x="0" y="0" \
        width="390" height="844" index="0">
            <XCUIElementTypeNavigationBar type="XCUIElementTypeNavigationBar" name="Checkout" enabled="true" visible="true" \
        accessible="false" x="0" y="47" width="390" height="44" index="0">
              <XCUIElementTypeButton type="XCUIElementTypeButton" name="Back" label="Back" enabled="true" visible="true" \
        accessible="true" x="0" y="47" width="80" height="44" index="0"/>
              <XCUIElementTypeStaticText type="XCUIElementTypeStaticText" value="Checkout" name="Checkout" label="Checkout" \
        enabled="true" visible="true" accessible="true" x="150" y="58" width="90" height="22" index="1"/>
            </XCUIElementTypeNavigationBar>
            <XCUIElementTypeTextField type="XCUIElementTypeTextField" value="Promo code" name="promo_field" \
        enabled="true" visible="true" accessible="true" x="16" y="120" width="358" height="44" index="1" \
        placeholderValue="Promo code"/>
            <XCUIElementTypeSecureTextField type="XCUIElementTypeSecureTextField" value="••••" name="pin" label="PIN" \
        enabled="true" visible="true" accessible="true" x="16" y="180" width="358" height="44" index="2"/>
            <XCUIElementTypeSwitch type="XCUIElementTypeSwitch" value="1" name="newsletter" label="Send me offers" \
        enabled="true" visible="true" accessible="true" x="16" y="240" width="358" height="44" index="3"/>
            <XCUIElementTypeTable type="XCUIElementTypeTable" enabled="true" visible="true" accessible="false" x="0" y="300" \
        width="390" height="200" index="4">
              <XCUIElementTypeCell type="XCUIElementTypeCell" enabled="true" visible="true" selected="true" accessible="true" \
        x="0" y="300" width="390" height="60" index="0">
                <XCUIElementTypeStaticText type="XCUIElementTypeStaticText" value="Express" name="Express" label="Express" \
        enabled="true" visible="true" accessible="true" x="16" y="318" width="200" height="24" index="0"/>
              </XCUIElementTypeCell>
              <XCUIElementTypeCell type="XCUIElementTypeCell" enabled="false" visible="true" accessible="true" x="0" y="360" \
        width="390" height="60" index="1">
                <XCUIElementTypeStaticText type="XCUIElementTypeStaticText" value="Same day" name="Same day" label="Same day" \
        enabled="false" visible="true" accessible="true" x="16" y="378" width="200" height="24" index="0"/>
              </XCUIElementTypeCell>
            </XCUIElementTypeTable>
            <XCUIElementTypeButton type="XCUIElementTypeButton" name="Pay $12.99" label="Pay $12.99" enabled="true" \
        visible="true" accessible="true" x="16" y="740" width="358" height="50" index="5" hittable="true"/>
            <XCUIElementTypeButton type="XCUIElementTypeButton" name="Apple Pay" label="Apple Pay" enabled="true" \
        visible="false" accessible="true" x="16" y="900" width="358" height="50" index="6"/>
          </XCUIElementTypeWindow>
        </XCUIElementTypeApplication>
        """

    @Test func anXCUITestPageSourceMapsIntoTheRoleVocabulary() throws {
        let bytes = Array(Self.ios.utf8)
        #expect(CaptureFormat.detect(bytes) == .xcuitest)
        let capture = try CaptureImporter().importCapture(bytes)
        #expect(capture.source == "ios-xcuitest")
        #expect(capture.app == "Shop")
        #expect(capture.viewport == Viewport(width: 390, height: 844))
        #expect(capture.tree.subtreeCount == 15)
        #expect(capture.tree.role == .window && capture.tree.name == "Shop")
        let nodes = Self.flatten(capture.tree)
        let bar = try #require(nodes.first { $0.attributes["class"] == "XCUIElementTypeNavigationBar" })
        #expect(bar.role == .toolbar && bar.id == "Checkout" && bar.name == nil, "a bar's name is its identifier, not a label")
        let title = try #require(nodes.first { $0.role == .text && $0.name == "Checkout" })
        #expect(title.value == nil, "a text's value that repeats its label is no value")
        let promo = try #require(nodes.first { $0.id == "promo_field" })
        #expect(promo.role == .textbox && promo.name == "Promo code" && promo.value == nil && promo.attributes["hint"] == "Promo code")
        let pin = try #require(nodes.first { $0.id == "pin" })
        #expect(pin.role == .textbox && pin.name == "PIN" && pin.value == "••••" && pin.states.contains(.password))
        let offers = try #require(nodes.first { $0.id == "newsletter" })
        #expect(offers.role == .switch && offers.name == "Send me offers" && offers.states.contains(.checked) && offers.value == nil)
        let table = try #require(nodes.first { $0.attributes["class"] == "XCUIElementTypeTable" })
        #expect(table.role == .list && table.children.map(\.role) == [.listitem, .listitem])
        #expect(table.children[0].states.contains(.selected) && table.children[1].states.contains(.disabled))
        let pay = try #require(nodes.first { $0.name == "Pay $12.99" })
        #expect(pay.role == .button && pay.bounds == Bounds(x: 16, y: 740, width: 358, height: 50))
        #expect(pay.attributes["hittable"] == "true" && pay.attributes["accessible"] == "true" && pay.attributes["index"] == "5")
        #expect(nodes.first { $0.name == "Apple Pay" }?.states.contains(.hidden) == true)
        // Normalized: the hidden button is gone, the cells take their texts' names, the wrappers are gone.
        let tree = Normalizer().normalize(capture)
        #expect(!tree.nodes.contains { $0.name == "Apple Pay" })
        #expect(tree.nodes.contains { $0.role == .button && $0.name == "Pay $12.99" })
    }

    @Test func appiumAndWebDriverAgentGiveTheSameCapture() throws {
        let wrapped =
            Self.ios.replacingOccurrences(
                of: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", with: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<AppiumAUT>\n")
            + "\n</AppiumAUT>"
        let bytes = Array(wrapped.utf8)
        #expect(CaptureFormat.detect(bytes) == .xcuitest)
        #expect(try CaptureImporter().importCapture(bytes) == CaptureImporter().importCapture(Array(Self.ios.utf8)))
        // An AppiumAUT with several applications (or none) is a window holding them.
        let two = "<AppiumAUT><XCUIElementTypeApplication label=\"A\"/><XCUIElementTypeApplication label=\"B\"/></AppiumAUT>"
        let tree = try CaptureImporter().importCapture(Array(two.utf8)).tree
        #expect(tree.role == .window && tree.name == nil && tree.children.map(\.name) == ["A", "B"])
    }

    @Test func cellsInAGridAreCellsAndUnknownTypesAreGroups() throws {
        let xml = """
            <XCUIElementTypeApplication label="A"><XCUIElementTypeGrid><XCUIElementTypeCell label="1"/></XCUIElementTypeGrid>\
            <XCUIElementTypeCollectionView><XCUIElementTypeCell label="2"/></XCUIElementTypeCollectionView>\
            <XCUIElementTypeFutureThing label="3"/><XCUIElementTypeToggle value="0" label="4"/>\
            <XCUIElementTypeCheckBox value="2" label="5"/><XCUIElementTypeTextView value="Hello" label="6"/>\
            </XCUIElementTypeApplication>
            """
        let nodes = Self.flatten(try CaptureImporter().importCapture(Array(xml.utf8), format: .xcuitest).tree)
        let byName = Dictionary(uniqueKeysWithValues: nodes.compactMap { node in node.name.map { ($0, node) } })
        #expect(byName["1"]?.role == .cell && byName["2"]?.role == .listitem && byName["3"]?.role == .group)
        #expect(byName["3"]?.attributes["class"] == "XCUIElementTypeFutureThing")
        #expect(byName["4"]?.role == .switch && byName["4"]?.states.contains(.checked) == false && byName["4"]?.value == nil)
        #expect(byName["5"]?.states.contains(.mixed) == true)
        #expect(byName["6"]?.role == .textbox && byName["6"]?.value == "Hello" && byName["6"]?.states.contains(.multiline) == true)
    }

    // MARK: - Detection and errors

    @Test func theRootElementTellsIOSFromAndroid() {
        let cases: [(String, CaptureFormat)] = [
            ("<?xml version=\"1.0\"?>\n<!-- Appium -->\n<AppiumAUT></AppiumAUT>", .xcuitest),
            ("\u{FEFF}  <XCUIElementTypeApplication/>", .xcuitest),
            ("<?xml version='1.0' ?><hierarchy rotation=\"0\"/>", .uiautomator),
            ("<!-- <AppiumAUT> is not the root --><hierarchy/>", .uiautomator),
            ("<?xml version='1.0' ?><?pi <AppiumAUT> ?><node/>", .uiautomator),
            ("<?xml version='1.0' ?><?pi?><AppiumAUT/>", .xcuitest),
            ("<html><body/></html>", .uiautomator),
        ]
        for (text, format) in cases { #expect(CaptureFormat.detect(Array(text.utf8)) == format, "\(text)") }
    }

    @Test func contentAfterTheDocumentIsAnErrorNamingWhereItStarts() throws {
        let first =
            "<?xml version='1.0' ?>\n<hierarchy rotation=\"0\">\n  <node class=\"android.widget.Button\" text=\"OK\"/>\n</hierarchy>"
        for rest in ["\n<?xml version='1.0' ?>\n<hierarchy/>", "\nUI hierchary dumped to: /dev/tty\n", "\n  <hierarchy/>"] {
            let error = try #require(Self.reason(first + rest))
            guard case .malformed(let detail) = error.reason else {
                Issue.record("expected malformed, got \(error)")
                continue
            }
            #expect(detail.contains("the document ends with </hierarchy> at line 4, column 13, but more follows"), "\(detail)")
            let column = rest.hasPrefix("\n  ") ? 3 : 1
            #expect(error.position == .line(5, column: column), "\(error)")
        }
        // White space and comments may follow.
        #expect(Self.reason(first + "\n<!-- done -->\n\n<!---->") == nil)
        let ios = "<XCUIElementTypeApplication label=\"A\"/>\n<XCUIElementTypeApplication label=\"B\"/>"
        let error = try #require(Self.reason(ios))
        #expect(error.position == .line(2, column: 1))
        #expect(error.description.contains("</XCUIElementTypeApplication> at line 1"))
    }

    @Test func xcuitestXMLIsReadWithEveryImportersLimitsAndRefusals() throws {
        let entity = "<?xml version=\"1.0\"?>\n<!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<AppiumAUT>&x;</AppiumAUT>"
        let refused = try #require(Self.reason(entity, format: .xcuitest))
        #expect(refused.reason == .forbidden("DTDs and entity declarations are not accepted in XCUITest XML"))
        #expect(refused.position == .line(2, column: 1))
        let deep =
            "<AppiumAUT>" + String(repeating: "<XCUIElementTypeOther>", count: 5_000)
            + String(repeating: "</XCUIElementTypeOther>", count: 5_000) + "</AppiumAUT>"
        #expect(Self.reason(deep)?.reason == .tooDeep(limit: 200))
        let many = "<AppiumAUT>" + String(repeating: "<XCUIElementTypeOther/>", count: 50) + "</AppiumAUT>"
        #expect(Self.reason(many, limits: ImportLimits(maxNodes: 20))?.reason == .tooManyNodes(limit: 20))
        let long = "<XCUIElementTypeApplication label=\"\(String(repeating: "x", count: 100))\"/>"
        #expect(Self.reason(long, limits: ImportLimits(maxStringLength: 50))?.reason == .stringTooLong(limit: 50))
        let rectangle =
            "<XCUIElementTypeApplication>\n<XCUIElementTypeButton x=\"1\" y=\"nan\" width=\"2\" height=\"3\"/></XCUIElementTypeApplication>"
        let bad = try #require(Self.reason(rectangle))
        #expect(bad.reason == .invalidValue("the rectangle x=\"1\" y=\"nan\" width=\"2\" height=\"3\" is not four finite numbers"))
        #expect(bad.position?.description.hasPrefix("line 2") == true)
        let missing = try #require(Self.reason("<XCUIElementTypeApplication x=\"0\" y=\"0\"/>"))
        guard case .invalidValue = missing.reason else { Issue.record("half a rectangle accepted"); return }
        let stranger = try #require(Self.reason("<AppiumAUT><div/></AppiumAUT>"))
        #expect(stranger.description.contains("unexpected element <div> in XCUITest XML"))
        let nested = try #require(Self.reason("<XCUIElementTypeApplication><AppiumAUT/></XCUIElementTypeApplication>"))
        #expect(nested.description.contains("unexpected element <AppiumAUT>"))
        #expect(Self.reason("<AppiumAUT><XCUIElementTypeApplication>", format: .xcuitest) != nil)
    }

    @Test func androidPageSourcesKeepTheirOneHierarchy() throws {
        let nested = try #require(Self.reason("<hierarchy><hierarchy/></hierarchy>"))
        #expect(nested.description.contains("unexpected element <hierarchy> in uiautomator XML"))
        let bare = try #require(Self.reason("<android.widget.FrameLayout class=\"android.widget.FrameLayout\"/>"))
        #expect(bare.description.contains("one <hierarchy> around its elements"))
        // A bare <node> is still wrapped in a window; a class-named element without `class` keeps its tag as the class.
        let wrapped = try CaptureImporter().importCapture(Array("<node class=\"android.widget.Button\" text=\"OK\"/>".utf8))
        #expect(wrapped.tree.role == .window && wrapped.tree.children.first?.role == .button)
        let tagged = try CaptureImporter().importCapture(
            Array("<hierarchy><android.widget.Switch text=\"Wi-Fi\" checked=\"true\"/></hierarchy>".utf8))
        let wifi = try #require(tagged.tree.children.first)
        #expect(wifi.role == .switch && wifi.states.contains(.checked) && wifi.attributes["class"] == "android.widget.Switch")
        #expect(tagged.source == "android-appium")
    }

    @Test func theBenchmarksDumpIsTheSyntheticScreen() throws {
        let xml = SyntheticScreen.uiautomatorXML(nodes: 500)
        let capture = try CaptureImporter().importCapture(xml)
        let synthetic = SyntheticScreen.capture(nodes: 500)
        #expect(capture.tree.subtreeCount == synthetic.tree.subtreeCount + 1, "the <hierarchy> is a window around the screen")
        let names = { (node: UINode) in Self.flatten(node).compactMap(\.name) }
        #expect(names(capture.tree) == names(synthetic.tree))
        #expect(capture.viewport == synthetic.viewport)
        #expect(Normalizer().normalize(capture).nodes.count > 400)
    }

    // MARK: - Helpers

    static func reason(_ text: String, format: CaptureFormat? = nil, limits: ImportLimits = .default) -> ImportError? {
        do {
            _ = try CaptureImporter(limits: limits).importCapture(Array(text.utf8), format: format)
            return nil
        } catch {
            return error
        }
    }

    static func flatten(_ node: UINode) -> [UINode] {
        [node] + node.children.flatMap(flatten)
    }
}
