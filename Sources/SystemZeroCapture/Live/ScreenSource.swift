import SystemZeroCore

/// Something that can read the screen it watches again and again: a Chromium tab or an Android device.
public protocol ScreenSource: Sendable {
    /// Reads the screen as it is now.
    func capture() async throws(CaptureError) -> Capture
    /// Releases what the source holds (a browser is killed).
    func close() async
}

extension ADBCapturer: ScreenSource {
    /// Nothing to release: every capture is a separate `adb` call.
    public func close() async {}
}
