/// The one role vocabulary that every capture source is mapped into.
///
/// It follows WAI-ARIA 1.2 role names where one exists, so a web page needs almost no mapping;
/// Android widget classes and Chrome's internal roles are mapped by ``RoleMapper``.
public enum Role: String, Sendable, Hashable, CaseIterable, Codable {
    case window, document, dialog, alert, alertdialog
    case group, region, banner, main, navigation, contentinfo, complementary, form, search
    case toolbar, menubar, menu, menuitem, tablist, tab, tabpanel
    case list, listitem, table, row, cell, columnheader, rowheader, grid, tree, treeitem
    case heading, paragraph, text, link, button
    case checkbox, `switch`, radio, radiogroup, textbox, searchbox, combobox, listbox, option
    case slider, spinbutton, progressbar, scrollbar, image, figure, separator
    case timer, status, marquee, article, blockquote, code, tooltip, note, log, math, term, definition
    case unknown

    /// Roles whose nodes only hold others: an unnamed one with a single child is a wrapper the normalizer removes.
    public var isContainer: Bool {
        switch self {
        case .group, .region, .unknown: true
        default: false
        }
    }

    /// Roles a user acts on by pressing.
    public var isAction: Bool {
        switch self {
        case .button, .link, .menuitem, .tab, .option, .treeitem: true
        default: false
        }
    }

    /// Roles a user types into or toggles.
    public var isInput: Bool {
        switch self {
        case .textbox, .searchbox, .combobox, .checkbox, .switch, .radio, .slider, .spinbutton, .listbox: true
        default: false
        }
    }

    /// Roles that can be checked.
    public var isToggle: Bool {
        switch self {
        case .checkbox, .switch, .radio: true
        default: false
        }
    }
}
