import Foundation
import Testing

/// The `--html` report page loaded by a real browser (headless Chromium), when one is installed: the page parses
/// without scripts or outside resources, and its bar charts hold one bar per figure of the report's JSON.
@Suite("rapport report --html in a browser")
struct ReportHTMLBrowserTests {
    /// The Chromium found on the `PATH`, if any (CI does not install one; the test is skipped then).
    static let chromium: String? = {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":")
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            for directory in directories {
                let path = "\(directory)/\(name)"
                if FileManager.default.isExecutableFile(atPath: path) { return path }
            }
        }
        return nil
    }()

    /// The page's DOM as Chromium serialises it after loading the file.
    static func dump(_ file: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(chromium))
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(profile.path)", "--dump-dom",
            URL(fileURLWithPath: file).absoluteString,
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return String(decoding: data, as: UTF8.self)
    }

    @Test(.enabled(if: ReportHTMLBrowserTests.chromium != nil, "chromium is not installed: the HTML report is not checked in a browser"))
    func theLifecyclePageOfADemoStoreDrawsOneBarPerStage() throws {
        let (directory, path) = try ToolTests.newDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try ToolTests.run(["demo", "--events", "800", "--path", path, "--keep"]).status == 0)
        let page = directory.appendingPathComponent("lifecycle.html").path
        let report = try ToolTests.run(["report", path, "lifecycle", "--html", page, "--format", "json"])
        #expect(report.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(report.output.utf8)) as? [String: Any])
        let stages = try #require(object["stages"] as? [[String: Any]])
        let dom = try Self.dump(page)
        #expect(dom.contains("<h1>Rapport lifecycle report</h1>"))
        // Each stage's bar, as the browser parsed it, carries the stage's count.
        for stage in stages {
            let name = try #require(stage["stage"] as? String)
            let count = try #require(stage["customers"] as? Int)
            #expect(dom.contains("data-label=\"\(name)\" data-value=\"\(count)\""), "no bar for \(name)")
        }
        #expect(dom.components(separatedBy: "<rect class=\"bar\"").count - 1 == stages.count)
    }
}
