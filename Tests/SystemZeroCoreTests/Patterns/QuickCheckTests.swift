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

    @Test func byteSearchFindsTheFirstOccurrence() {
        var random = TreeRandom(seed: 0xB17E)
        for _ in 0..<2_000 {
            // A small alphabet, so needles occur often and near misses are common.
            let haystack = (0..<random.next(80)).map { _ in UInt8(ascii: "a") + UInt8(random.next(3)) }
            let needle = (0..<(1 + random.next(9))).map { _ in UInt8(ascii: "a") + UInt8(random.next(3)) }
            let expected =
                haystack.count < needle.count
                ? nil : (0...(haystack.count - needle.count)).first { Array(haystack[$0..<($0 + needle.count)]) == needle }
            #expect(ByteSearch.firstOffset(of: needle, in: haystack) == expected, "\(needle) in \(haystack)")
            #expect(ByteSearch.contains(haystack[...], needle) == (expected != nil))
        }
        #expect(ByteSearch.firstOffset(of: [], in: [1, 2]) == 0)
        #expect(ByteSearch.firstOffset(of: [1, 2, 3], in: [1, 2]) == nil)
    }

    @Test func needleGuardIsPlainSubstringSearch() {
        let groups =
            FalseUrgencyRule.phrases.map(\.patterns) + [
                FalseUrgencyRule.clock, FalseUrgencyRule.clockContext, ObstructionRule.cancelPatterns, ObstructionRule.backPatterns,
                SneakingRule.creditPatterns, PreselectionRule.optInPatterns, PreselectionRule.exemptPatterns,
                ConfirmshamingRule.shamingPatterns,
            ]
        let extra = [
            "offer expires in 04:59", "only 2 left", "selling fast", "in 9 carts", "go back", "no thanks", "5s", "x", "end", "en",
            "% off", "cashback 3", "don't miss out", "remember me", "14 people are viewing", "reserved for 10 min",
        ]
        for group in groups {
            for text in (Self.texts + extra).map(ManipulationSupport.folded) {
                let bytes = Array(text.utf8)
                let contained = group.needles.isEmpty || group.needles.contains { ByteSearch.contains(bytes[...], $0) }
                let digit = bytes.contains { $0 >= 0x30 && $0 <= 0x39 }
                let expected = bytes.contains { $0 >= 0x80 } || (contained && (digit || !group.requiresDigit))
                #expect(group.mayMatch(folded: text) == expected, "\(text) against \(group.needles.count) needles")
            }
        }
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
