/// A node's rectangle on screen in pixels: origin and size. Written as `[x, y, width, height]`.
public struct Bounds: Sendable, Hashable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    /// The area in square pixels (zero for an empty or inverted rectangle).
    public var area: Double { max(0, width) * max(0, height) }

    /// `true` when the rectangle covers no pixels.
    public var isEmpty: Bool { width <= 0 || height <= 0 }

    /// `true` when the rectangle and `other` share at least one pixel.
    public func intersects(_ other: Bounds) -> Bool {
        x < other.x + other.width && other.x < x + width && y < other.y + other.height && other.y < y + height
    }

    /// The four numbers as written in captures.
    public var array: [Double] { [x, y, width, height] }
}

/// The size of the screen a capture was taken on.
public struct Viewport: Sendable, Hashable {
    public var width: Double
    public var height: Double

    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// The viewport as a rectangle at the origin.
    public var bounds: Bounds { Bounds(x: 0, y: 0, width: width, height: height) }
}
