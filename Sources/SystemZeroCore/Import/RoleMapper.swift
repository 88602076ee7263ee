/// Maps each source's role names into ``Role``.
///
/// The rules, in order: an exact ARIA role name maps to itself; Chrome's internal roles and a few HTML-ish
/// aliases have a table; an Android class maps by its simple name (the part after the last dot), first by a
/// table of the platform widgets, then by what the name contains (`…Button`, `…EditText`, `…Layout`); an iOS
/// `XCUIElementType…` by a table of every element type (docs/FORMATS.md lists it).
public enum RoleMapper {
    /// The role for an ARIA role name or a Chrome AX role value (`role` or `internalRole`).
    public static func role(web name: String) -> Role {
        if let role = Role(rawValue: name.lowercased()) { return role }
        return webAliases[name] ?? webAliases[name.lowercased()] ?? .unknown
    }

    private static let webAliases: [String: Role] = [
        "RootWebArea": .document, "WebArea": .document, "GenericContainer": .group, "generic": .group,
        "StaticText": .text, "InlineTextBox": .text, "LabelText": .text, "Abbr": .text, "Pre": .group,
        "LineBreak": .separator, "ListMarker": .text, "Canvas": .image, "img": .image, "graphics-document": .image,
        "Iframe": .document, "IframePresentational": .group, "Section": .group, "Ruby": .text, "Legend": .text,
        "Caption": .text, "DescriptionList": .list, "DescriptionListTerm": .term, "DescriptionListDetail": .definition,
        "listitem": .listitem, "gridcell": .cell, "columnheader": .columnheader, "menuitemcheckbox": .checkbox,
        "menuitemradio": .radio, "presentation": .group, "none": .group, "feed": .list, "directory": .list,
        "treegrid": .grid, "meter": .progressbar, "time": .text, "strong": .text, "emphasis": .text,
        "subscript": .text, "superscript": .text, "insertion": .text, "deletion": .text, "mark": .text,
        "application": .region, "section": .region, "sectionheader": .heading, "sectionfooter": .group,
        "contentdeletion": .text, "contentinsertion": .text, "caption": .text, "paragraph": .paragraph,
        "label": .text, "legend": .text, "emphasis ": .text, "blockquote": .blockquote, "figure": .figure,
    ]

    /// The role for an Android view class name such as `android.widget.Button`.
    public static func role(androidClass className: String) -> Role {
        let simple = className.split(separator: ".").last.map(String.init) ?? className
        if let role = androidWidgets[simple] { return role }
        for (fragment, role) in androidFragments where simple.contains(fragment) { return role }
        return .group
    }

    private static let androidWidgets: [String: Role] = [
        "Button": .button, "ImageButton": .button, "MaterialButton": .button, "FloatingActionButton": .button,
        "ExtendedFloatingActionButton": .button, "CompoundButton": .button, "Chip": .button,
        "TextView": .text, "CheckedTextView": .checkbox, "EditText": .textbox, "AutoCompleteTextView": .combobox,
        "MultiAutoCompleteTextView": .textbox, "TextInputEditText": .textbox, "SearchView": .searchbox,
        "CheckBox": .checkbox, "Switch": .switch, "SwitchCompat": .switch, "SwitchMaterial": .switch,
        "MaterialSwitch": .switch, "ToggleButton": .switch, "RadioButton": .radio, "RadioGroup": .radiogroup,
        "ImageView": .image, "ProgressBar": .progressbar, "SeekBar": .slider, "RatingBar": .slider,
        "Spinner": .combobox, "NumberPicker": .spinbutton, "ListView": .list, "RecyclerView": .list,
        "GridView": .grid, "ExpandableListView": .list, "TabWidget": .tablist, "TabLayout": .tablist,
        "TabView": .tab, "Toolbar": .toolbar, "ActionBar": .toolbar, "Chronometer": .timer,
        "TextClock": .timer, "WebView": .document, "VideoView": .image, "SurfaceView": .image,
        "Dialog": .dialog, "AlertDialog": .alertdialog, "BottomNavigationView": .navigation,
        "NavigationView": .navigation, "NavigationBarView": .navigation, "DrawerLayout": .group,
    ]

    private static let androidFragments: [(String, Role)] = [
        ("Button", .button), ("EditText", .textbox), ("TextField", .textbox), ("CheckBox", .checkbox),
        ("Switch", .switch), ("RadioButton", .radio), ("TextView", .text), ("ImageView", .image),
        ("RecyclerView", .list), ("ListView", .list), ("ProgressBar", .progressbar), ("Toolbar", .toolbar),
    ]

    /// The role for an iOS XCUITest element type such as `XCUIElementTypeButton` (or its short form `Button`).
    /// A type the table does not know is a group.
    public static func role(xcuiType type: String) -> Role {
        let short = type.hasPrefix("XCUIElementType") ? String(type.dropFirst("XCUIElementType".count)) : type
        return xcuiTypes[short] ?? .group
    }

    private static let xcuiTypes: [String: Role] = [
        "Application": .window, "Window": .group, "Other": .group, "Group": .group, "Any": .group,
        "Sheet": .dialog, "Drawer": .group, "Alert": .alertdialog, "Dialog": .dialog, "Popover": .dialog,
        "Button": .button, "RadioButton": .radio, "RadioGroup": .radiogroup, "CheckBox": .checkbox,
        "DisclosureTriangle": .button, "PopUpButton": .button, "ComboBox": .combobox, "MenuButton": .button,
        "ToolbarButton": .button, "Keyboard": .group, "Key": .button, "NavigationBar": .toolbar, "TabBar": .tablist,
        "TabGroup": .tablist, "Tab": .tab, "Toolbar": .toolbar, "StatusBar": .group, "Table": .list, "TableRow": .row,
        "TableColumn": .group, "Outline": .tree, "OutlineRow": .treeitem, "Browser": .group, "CollectionView": .list,
        "Cell": .listitem, "Grid": .grid, "Slider": .slider, "PageIndicator": .slider, "ProgressIndicator": .progressbar,
        "ActivityIndicator": .progressbar, "SegmentedControl": .radiogroup, "Picker": .group, "PickerWheel": .spinbutton,
        "Switch": .switch, "Toggle": .switch, "Link": .link, "Image": .image, "Icon": .button, "SearchField": .searchbox,
        "ScrollView": .group, "ScrollBar": .scrollbar, "StaticText": .text, "TextField": .textbox,
        "SecureTextField": .textbox, "DatePicker": .group, "TextView": .textbox, "Menu": .menu, "MenuItem": .menuitem,
        "MenuBar": .menubar, "MenuBarItem": .menuitem, "Map": .group, "WebView": .document, "IncrementArrow": .button,
        "DecrementArrow": .button, "Timeline": .slider, "RatingIndicator": .slider, "ValueIndicator": .progressbar,
        "LevelIndicator": .progressbar, "RelevanceIndicator": .progressbar, "SplitGroup": .group, "Splitter": .separator,
        "ColorWell": .button, "HelpTag": .tooltip, "Matte": .group, "DockItem": .button, "Ruler": .group,
        "RulerMarker": .group, "LayoutArea": .group, "LayoutItem": .group, "Handle": .button, "Stepper": .spinbutton,
        "TouchBar": .toolbar, "StatusItem": .button,
    ]
}
