import Foundation
import Testing

@testable import SystemZeroCore

/// The quick checks in front of the regular expressions and string searches give the answers of the slow paths they
/// guard: checked against those paths on ordinary and awkward text.
struct QuickCheckTests {
    static let texts: [String] = [
        "", " ", "Total $7.50", "$ 12", "US$ 12", "3,50 €", "12 EUR", "12 eur", "€3", "12.99", "1,234.56", "Field 0 of screen 12",
        "Arrives in 12 min", "2.4 mi", "Price: 12", "Tip 5kr", "20 KR", "10 zł", "5 CHF", "Version 1.2", "1.2.3", "12:45 PM",
        "0:30", "Offer expires in 04:59", "30 s", "45sec", "9 seconds", "only 5 left", "5\u{00A0}s", "Payout", "pay-out", "TOTAL fee",
        "don't", "Don’t", "Qty 2", "quantity", "ÉCRAN 12,50", "\r\n12.50", "a\tb\nc", "com.example:id/tvPayoutAmount",
        "Straße 12.00", "ſs 3", "Ｔotal", "K12.00",
    ]

    @Test func amountsSkipOnlyTextWithoutAmounts() {
        for text in Self.texts {
            if ManipulationSupport.amountExpression.matches(text) { #expect(ManipulationSupport.mayHaveAmount(text), "\(text)") }
        }
        #expect(ManipulationSupport.amounts(in: "Total $7.50").map(\.minorUnits) == [750])
        #expect(ManipulationSupport.amounts(in: "Field 0 of screen 12").isEmpty)
    }

    @Test func clockGuardLetsEveryClockThrough() {
        for text in Self.texts {
            let folded = ManipulationSupport.folded(text)
            let matches = FalseUrgencyRule.clock.patterns.contains { $0.matches(folded) }
            if matches { #expect(FalseUrgencyRule.clock.mayMatch(folded: folded), "\(text)") }
        }
    }

    @Test func wordsFromBytesAreTheWords() {
        let keywords: Set<String> = ["payout", "pay", "total", "fee", "don't", "qty", "quantity", "12", "screen", "straße"]
        for text in Self.texts + [nil] {
            #expect(
                ManipulationSupport.containsWord(text, in: keywords)
                    == ManipulationSupport.containsKeyword(ManipulationSupport.words(text), keywords), "\(text ?? "nil")")
        }
    }

    @Test func shortIDFromBytesIsTheSearchedOne() {
        let ids = [
            "com.example:id/accept", "accept", ":id/", "a:id/b:id/c", "x:id", "com.é:id/ok", "ok:id/é", "", "com.app:ID/x",
            "com.app:id/",
        ]
        for id in ids {
            let expected = id.range(of: ":id/").map { String(id[$0.upperBound...]) } ?? id
            #expect(UITree.shortID(id) == expected, "\(id)")
        }
    }

    @Test func androidIDsMatchWithoutTheirPackage() {
        let cases: [(String?, String, Bool)] = [
            ("com.example:id/accept", "accept", true), ("com.example:id/accept", "cept", false), ("accept", "accept", true),
            (nil, "accept", false), ("com.example:id/xaccept", "accept", false), (":id/accept", "accept", true),
            ("id/accept", "accept", false), ("com.é:id/accept", "accept", true), ("com.example:id/café", "café", true),
            ("com.example:id/cafe\u{301}", "café", true), ("com.example:id/a", "com.example:id/a", true),
        ]
        for (nodeID, wanted, expected) in cases {
            #expect(NodeSelector.idMatches(nodeID, wanted) == expected, "\(nodeID ?? "nil") \(wanted)")
            #expect(NodeSelector.idMatches(nodeID, wanted) == (nodeID.map { $0 == wanted || $0.hasSuffix(":id/" + wanted) } ?? false))
        }
    }
}
