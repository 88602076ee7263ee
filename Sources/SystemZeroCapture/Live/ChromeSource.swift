import SystemZeroCore

/// A page open in a Chromium tab, loaded once and read on every ``capture()`` (a watched page is not reloaded).
public struct ChromeSource: ScreenSource {
    /// The browser that holds the tab.
    public let browser: ChromiumBrowser
    /// The tab.
    public let page: ChromePage
    /// How long starting (or attaching to) the browser took.
    public let startup: Duration
    /// How long loading the page until it settled took.
    public let load: Duration

    /// Starts Chromium (or attaches to `endpoint`), opens a tab and loads `url` until it settles.
    /// On any error the browser is closed before the error is thrown.
    public static func open(_ url: String, options: ChromiumOptions, endpoint: String? = nil) async throws(CaptureError) -> ChromeSource {
        let clock = ContinuousClock()
        let started = clock.now
        let browser: ChromiumBrowser
        if let endpoint {
            browser = try await ChromiumBrowser.attach(to: endpoint, options: options)
        } else {
            browser = try await ChromiumBrowser.launch(options)
        }
        let launched = clock.now
        do throws(CaptureError) {
            let page = try await ChromePage.open(in: browser)
            do throws(CaptureError) {
                try await page.navigate(to: url)
            } catch {
                await page.close()
                throw error
            }
            return ChromeSource(browser: browser, page: page, startup: launched - started, load: clock.now - launched)
        } catch {
            await browser.close()
            throw error
        }
    }

    /// Reads the tab as it is now.
    public func capture() async throws(CaptureError) -> Capture {
        try await page.capture()
    }

    /// Closes the tab and the browser (a started browser is killed with its process group).
    public func close() async {
        if browser.process == nil { await page.close() }
        await browser.close()
    }
}
