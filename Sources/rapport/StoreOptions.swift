import ArgumentParser
import EventSourcing
import Foundation

/// The store a command works on.
struct StoreOptions: ParsableArguments {
    @Argument(help: "The store's directory.")
    var store: String

    /// Opens the store read-only; it must exist.
    func openReadOnly() throws -> EventStore {
        try requireStore()
        var configuration = EventStoreConfiguration()
        configuration.readOnly = true
        return try EventStore(path: store, configuration: configuration)
    }

    /// Opens an existing store for writing.
    func openWritable() throws -> EventStore {
        try requireStore()
        return try EventStore(path: store)
    }

    private func requireStore() throws {
        guard FileManager.default.fileExists(atPath: store + "/data.mdb") else {
            throw ToolError("\(store) is not a Rapport store (no data.mdb there)")
        }
    }
}

/// Reads a shared HMAC key from a file (its bytes, at least 16).
func readKey(_ path: String) throws -> [UInt8] {
    guard let data = FileManager.default.contents(atPath: path) else { throw ValidationError("cannot read the key file \(path)") }
    guard data.count >= 16 else { throw ValidationError("the key in \(path) is \(data.count) bytes; use at least 16") }
    return Array(data)
}
