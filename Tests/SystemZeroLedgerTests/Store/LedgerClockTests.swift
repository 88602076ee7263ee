import Foundation
import Testing

@testable import SystemZeroLedger

struct LedgerClockTests {
    @Test func entryTimesAreRFC3339InUTCWithMilliseconds() throws {
        let before = Date()
        let text = LedgerClock.now()
        let after = Date()
        #expect(text.utf8.count == 24)
        #expect(text.wholeMatch(of: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/) != nil, "\(text)")
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let parsed = try #require(formatter.date(from: text))
        // Milliseconds are cut, not rounded.
        #expect(parsed >= before.addingTimeInterval(-0.001) && parsed <= after)
    }
}
