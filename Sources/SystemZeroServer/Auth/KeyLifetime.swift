/// Lifetimes written as a number and a unit: `90s`, `30m`, `12h`, `30d` (a bare number is seconds).
public enum KeyLifetime {
    /// The duration, or `nil` when the text is not a positive lifetime of at most ten years.
    public static func parse(_ text: String) -> Duration? {
        let units: [Character: Int64] = ["s": 1, "m": 60, "h": 3_600, "d": 86_400]
        var digits = Substring(text)
        var unit: Int64 = 1
        if let last = text.last, let multiplier = units[last] {
            digits = digits.dropLast()
            unit = multiplier
        }
        guard let value = Int64(digits), value > 0, value <= 3_650 * 86_400 / unit else { return nil }
        return .seconds(value * unit)
    }
}
