#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An IPv4 or IPv6 address range in CIDR form (`10.0.0.0/8`, `fd00::/8`), or a single address (`192.0.2.1`, `::1`).
/// IPv4-mapped IPv6 addresses (`::ffff:192.0.2.1`) are compared as the IPv4 address they carry.
public struct AddressRange: Sendable, Hashable, CustomStringConvertible {
    /// The network's bytes (4 or 16), with the bits after the prefix cleared.
    let network: [UInt8]
    /// How many leading bits an address must share with ``network``.
    let prefixLength: Int

    /// Parses `address` or `address/prefix`; `nil` for anything else, including host bits set after the prefix
    /// (`10.0.0.1/8` is a mistake for `10.0.0.0/8` or `10.0.0.1`, and is refused rather than guessed).
    public init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let bytes = Self.bytes(of: String(parts[0])) else { return nil }
        let length: Int
        if parts.count == 2 {
            guard let given = Int(parts[1]), parts[1].allSatisfy(\.isASCII), (0...bytes.count * 8).contains(given) else { return nil }
            length = given
        } else {
            length = bytes.count * 8
        }
        let masked = Self.mask(bytes, to: length)
        guard masked == bytes else { return nil }
        network = masked
        prefixLength = length
    }

    /// `true` when `address` (text, as a TCP peer or a forwarded hop gives it) lies in the range.
    public func contains(_ address: String) -> Bool {
        guard let bytes = Self.bytes(of: address) else { return false }
        return contains(bytes)
    }

    func contains(_ bytes: [UInt8]) -> Bool {
        bytes.count == network.count && Self.mask(bytes, to: prefixLength) == network
    }

    public var description: String {
        let address = Self.text(of: network)
        return prefixLength == network.count * 8 ? address : "\(address)/\(prefixLength)"
    }

    /// The 4 or 16 bytes of an address in text form; IPv4-mapped IPv6 addresses give their 4 IPv4 bytes.
    static func bytes(of text: String) -> [UInt8]? {
        var ipv4 = in_addr()
        if inet_pton(AF_INET, text, &ipv4) == 1 {
            return withUnsafeBytes(of: &ipv4) { Array($0) }
        }
        var ipv6 = in6_addr()
        guard inet_pton(AF_INET6, text, &ipv6) == 1 else { return nil }
        let bytes = withUnsafeBytes(of: &ipv6) { Array($0) }
        let mappedPrefix: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF]
        return bytes.prefix(12).elementsEqual(mappedPrefix) ? Array(bytes.suffix(4)) : bytes
    }

    static func mask(_ bytes: [UInt8], to length: Int) -> [UInt8] {
        bytes.indices.map { index in
            let bits = min(8, max(0, length - index * 8))
            return bits == 8 ? bytes[index] : bytes[index] & ~(0xFF >> UInt8(bits))
        }
    }

    static func text(of bytes: [UInt8]) -> String {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let family = bytes.count == 4 ? AF_INET : AF_INET6
        _ = bytes.withUnsafeBytes { inet_ntop(family, $0.baseAddress, &buffer, socklen_t(buffer.count)) }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// The proxies whose `X-Forwarded-For` is believed: addresses and CIDR ranges.
public struct TrustedProxies: Sendable, Equatable {
    public let ranges: [AddressRange]

    /// The ranges of `entries`; entries that do not parse are left out (settings validation refuses them first).
    public init(_ entries: [String]) {
        ranges = entries.compactMap(AddressRange.init)
    }

    public var isEmpty: Bool { ranges.isEmpty }

    /// `true` when `address` lies in one of the ranges.
    public func contains(_ address: String) -> Bool {
        guard !ranges.isEmpty, let bytes = AddressRange.bytes(of: address) else { return false }
        return ranges.contains { $0.contains(bytes) }
    }
}
