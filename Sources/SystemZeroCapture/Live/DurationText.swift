/// Reads durations written as `2s`, `500ms`, `1.5s`, `2m` or a bare number of seconds.
public enum DurationText {
    /// The duration, or `nil` for text that is not one (or is negative).
    public static func parse(_ text: String) -> Duration? {
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        for (suffix, scale) in units where text.hasSuffix(suffix) {
            return seconds(text.dropLast(suffix.count), scale: scale)
        }
        return seconds(Substring(text), scale: 1)
    }

    private static func seconds(_ number: Substring, scale: Double) -> Duration? {
        guard let value = Double(number), value.isFinite, value >= 0 else { return nil }
        return .milliseconds(Int64((value * scale * 1000).rounded()))
    }
}
