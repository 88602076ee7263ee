import Foundation
import SystemZeroLedger
import Testing

@Suite("Hash32")
struct Hash32Tests {
    let hex = "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"
    let base64 = "XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg="

    @Test("hex and base64 forms round-trip and agree")
    func encodings() throws {
        let fromHex = try #require(Hash32(hex: self.hex))
        let fromBase64 = try #require(Hash32(base64: self.base64))
        #expect(fromHex == fromBase64)
        #expect(fromHex.hex == self.hex)
        #expect(fromHex.base64 == self.base64)
        #expect(fromHex.description == self.hex)
        #expect(Hash32(hex: self.hex.uppercased()) == fromHex)
        #expect(fromHex.bytes == (try TestBytes.hex(self.hex)))
        #expect(Hash32(bytes: fromHex.bytes) == fromHex)
        #expect(Set([fromHex, fromBase64, .zero]).count == 2)
        #expect(Hash32.zero.bytes == [UInt8](repeating: 0, count: 32))
    }

    @Test("wrong lengths and non-canonical encodings are rejected")
    func rejects() {
        #expect(Hash32(bytes: [UInt8](repeating: 1, count: 31)) == nil)
        #expect(Hash32(bytes: [UInt8](repeating: 1, count: 33)) == nil)
        #expect(Hash32(hex: String(self.hex.dropLast(2))) == nil)
        #expect(Hash32(hex: String(self.hex.dropLast()) + "g") == nil)
        #expect(Hash32(base64: "YmFuYW5hcw==") == nil)  // 7 bytes
        #expect(Hash32(base64: String(self.base64.dropLast())) == nil)  // padding missing
        #expect(Hash32(base64: String(self.base64.dropLast(2)) + "h=") == nil)  // non-zero trailing bits
        #expect(Hash32(base64: self.base64.replacingOccurrences(of: "+", with: "-")) == nil)  // URL alphabet
        #expect(Hash32(base64: " " + self.base64) == nil)
    }
}
