import EventSourcing
import Foundation
import Testing

/// The README's embedding example is `ReadmeExample.swift`, compiled with the tests; this checks it runs and that
/// the README still shows exactly that code.
@Suite("README example")
struct ReadmeExampleTests {
    @Test func theExampleRunsAndReturnsWhatItWrote() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-readme-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let customers = try await registerAndReadBack(storeAt: directory)
        #expect(customers.count == 1)
        #expect(customers.first?.name == "Ada")
        #expect(customers.first?.email == "ada@example.com")
    }

    @Test func theREADMEShowsTheCompiledExample() throws {
        let here = URL(fileURLWithPath: #filePath)
        let root = here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let example = try String(contentsOf: here.deletingLastPathComponent().appendingPathComponent("ReadmeExample.swift"), encoding: .utf8)
        #expect(readme.contains("```swift\n" + example + "```"))
    }
}
