// The CRM store the CSV and command harnesses write to: one per fuzzing process, in a temporary directory.
import CRM
import EventSourcing
import Foundation
import Synchronization

/// A CRM store with the standard pipeline and two customers (`cus-fuzz`, an organization, and `cus-person`), opened
/// on first use and removed when the process exits normally.
public final class FuzzCRM: Sendable {
    /// The process's store.
    public static let shared = FuzzCRM()
    /// The store's directory (named after the process).
    static let path = NSTemporaryDirectory() + "rapport-fuzz-crm-\(getpid())"

    /// The CRM.
    public let crm: CRMStore
    /// The context of every command.
    public let context = CommandContext(actor: "usr-fuzz")
    private let counter = Atomic<Int>(0)

    private init() {
        try? FileManager.default.removeItem(atPath: Self.path)
        var configuration = EventStoreConfiguration()
        configuration.durability = .none
        configuration.masterKey = MasterKey.generate()
        do { crm = try CRMStore(path: Self.path, configuration: configuration) } catch {
            fuzzFailure("cannot open the fuzz store: \(error)")
        }
        atexit { try? FileManager.default.removeItem(atPath: FuzzCRM.path) }
        let crm = crm
        let context = context
        let failure: String? = blocking {
            do {
                try await crm.definePipeline(id: "sales", name: "Sales", stages: CRMStore.standardStages, context: context)
                try await crm.registerCustomer(id: "cus-fuzz", kind: .organization, name: "Fuzz Oy", source: .partner, context: context)
                try await crm.registerCustomer(
                    id: "cus-person", kind: .person, name: "Ann Person", email: "ann@person.example", source: .website,
                    context: context)
                return nil
            } catch { return "\(error)" }
        }
        if let failure { fuzzFailure("cannot set up the fuzz store: \(failure)") }
    }

    /// A number not returned before in this process (for batch and record ids).
    public func nextNumber() -> Int { counter.add(1, ordering: .relaxed).newValue }

    /// The log's head.
    public func head() -> LogPosition {
        do { return try crm.store.head() } catch { fuzzFailure("cannot read the head: \(error)") }
    }
}

/// Runs `body` on the cooperative pool and waits for its result (libFuzzer's callback is synchronous).
public func blocking<Result: Sendable>(_ body: @escaping @Sendable () async -> Result) -> Result {
    let box = Box<Result>()
    let done = DispatchSemaphore(value: 0)
    Task {
        box.value = await body()
        done.signal()
    }
    done.wait()
    guard let value = box.value else { fuzzFailure("the task returned no value") }
    return value
}

/// The result of a ``blocking(_:)`` task.
final class Box<Value>: @unchecked Sendable {
    // @unchecked: written by the task before it signals, read after the wait.
    var value: Value?
}

/// Reports a broken invariant and aborts, so that libFuzzer records the input as a crash.
public func fuzzFailure(_ message: String) -> Never {
    FileHandle.standardError.write(Data("invariant broken: \(message)\n".utf8))
    abort()
}

/// Whether an input is one of the `1/n` whose commands the harness runs against the store (the store is far slower
/// than parsing, so the parsers see `n` times more inputs). Decided by a hash of the bytes, so a saved crash
/// reproduces.
public func usesStore(_ data: UnsafePointer<UInt8>, _ size: Int, oneIn n: UInt64) -> Bool {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a
    for byte in UnsafeBufferPointer(start: data, count: size) { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    return hash % n == 0
}
