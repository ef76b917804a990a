import ArgumentParser
import Crypto
import EventSourcing
import Foundation

/// `rapport checkpoint`: prints (or writes) the store's checkpoint.
struct Checkpoint: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the store's checkpoint (last position and chain hash) as JSON, optionally signed.",
        discussion: """
            Keep or publish the checkpoint; `rapport verify --from-checkpoint` later proves that nothing up to it \
            changed. Example:

              rapport checkpoint /var/lib/crm --key-file audit.key --output june.json
            """
    )

    @OptionGroup var options: StoreOptions

    @Option(help: "Sign the checkpoint (HMAC-SHA256) with the key in this file.")
    var keyFile: String?

    @Option(help: "Write the checkpoint to this file instead of standard output.")
    var output: String?

    func run() throws {
        let store = try options.openReadOnly()
        defer { store.close() }
        var checkpoint = try store.checkpoint()
        if let keyFile { checkpoint = checkpoint.signed(with: SymmetricKey(data: try readKey(keyFile))) }
        if let output {
            do {
                try (checkpoint.jsonText + "\n").write(toFile: output, atomically: true, encoding: .utf8)
            } catch {
                throw ValidationError("cannot write \(output): \(error.localizedDescription)")
            }
        } else {
            print(checkpoint.jsonText)
        }
    }
}
