internal import CLMDB

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An error reported by LMDB or by the wrapper around it.
///
/// Every LMDB return code maps to a ``Code`` with a message that says what happened and what to do about it.
/// Compare codes, not messages:
///
/// ```swift
/// do {
///     try environment.write { txn in try txn.put(database, key: key, value: value, flags: .noOverwrite) }
/// } catch let error as LMDBError where error.code == .keyExists {
///     // the key was already there
/// }
/// ```
public struct LMDBError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, as a value you can compare.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        enum Kind: Hashable, Sendable {
            case lmdb(Int32)
            case errno(Int32)
            case nestedWriteTransaction
            case environmentPoisoned
            case environmentClosed
            case alreadyOpen
            case invalidArgument
        }

        let kind: Kind

        /// The raw return code from the C library, when there is one.
        public var rawValue: Int32? {
            switch kind {
            case .lmdb(let code), .errno(let code): return code
            default: return nil
            }
        }

        /// A key/data pair already exists (`MDB_KEYEXIST`); also returned by an out-of-order append.
        public static let keyExists = Code(kind: .lmdb(MDB_KEYEXIST))
        /// No matching key/data pair was found (`MDB_NOTFOUND`).
        public static let notFound = Code(kind: .lmdb(MDB_NOTFOUND))
        /// A requested page was not found: the database is corrupt (`MDB_PAGE_NOTFOUND`).
        public static let pageNotFound = Code(kind: .lmdb(MDB_PAGE_NOTFOUND))
        /// The located page was the wrong type: the database is corrupt (`MDB_CORRUPTED`).
        public static let corrupted = Code(kind: .lmdb(MDB_CORRUPTED))
        /// A fatal error occurred earlier and the environment must be closed (`MDB_PANIC`).
        public static let panic = Code(kind: .lmdb(MDB_PANIC))
        /// The environment was written by an incompatible LMDB version (`MDB_VERSION_MISMATCH`).
        public static let versionMismatch = Code(kind: .lmdb(MDB_VERSION_MISMATCH))
        /// The file is not an LMDB data file (`MDB_INVALID`).
        public static let invalidFile = Code(kind: .lmdb(MDB_INVALID))
        /// The memory map is full and could not grow further (`MDB_MAP_FULL`).
        public static let mapFull = Code(kind: .lmdb(MDB_MAP_FULL))
        /// The environment's maximum number of named databases was reached (`MDB_DBS_FULL`).
        public static let databasesFull = Code(kind: .lmdb(MDB_DBS_FULL))
        /// Every reader slot is taken (`MDB_READERS_FULL`).
        public static let readersFull = Code(kind: .lmdb(MDB_READERS_FULL))
        /// Too many thread-local storage keys (`MDB_TLS_FULL`).
        public static let tlsFull = Code(kind: .lmdb(MDB_TLS_FULL))
        /// The write transaction has too many dirty pages (`MDB_TXN_FULL`).
        public static let transactionFull = Code(kind: .lmdb(MDB_TXN_FULL))
        /// The cursor stack is too deep: the database is corrupt (`MDB_CURSOR_FULL`).
        public static let cursorFull = Code(kind: .lmdb(MDB_CURSOR_FULL))
        /// A page has no more space (`MDB_PAGE_FULL`).
        public static let pageFull = Code(kind: .lmdb(MDB_PAGE_FULL))
        /// Another process grew the map beyond this one's size (`MDB_MAP_RESIZED`).
        public static let mapResized = Code(kind: .lmdb(MDB_MAP_RESIZED))
        /// An operation was incompatible with the database's flags (`MDB_INCOMPATIBLE`).
        public static let incompatible = Code(kind: .lmdb(MDB_INCOMPATIBLE))
        /// A reader slot was invalid: a read transaction was used on the wrong thread (`MDB_BAD_RSLOT`).
        public static let badReaderSlot = Code(kind: .lmdb(MDB_BAD_RSLOT))
        /// The transaction must be aborted, has a child, or is invalid (`MDB_BAD_TXN`).
        public static let badTransaction = Code(kind: .lmdb(MDB_BAD_TXN))
        /// A key or value had an unsupported size (`MDB_BAD_VALSIZE`).
        public static let badValueSize = Code(kind: .lmdb(MDB_BAD_VALSIZE))
        /// A database handle was changed unexpectedly (`MDB_BAD_DBI`).
        public static let badDatabaseHandle = Code(kind: .lmdb(MDB_BAD_DBI))
        /// No space left on the device (`ENOSPC`).
        public static let noSpace = Code(kind: .errno(ENOSPC))
        /// An input/output error, for example a failed `fsync` (`EIO`).
        public static let ioError = Code(kind: .errno(EIO))
        /// Permission denied (`EACCES`).
        public static let permissionDenied = Code(kind: .errno(EACCES))
        /// The file or directory does not exist (`ENOENT`).
        public static let noSuchFile = Code(kind: .errno(ENOENT))
        /// Out of memory (`ENOMEM`).
        public static let outOfMemory = Code(kind: .errno(ENOMEM))
        /// The environment is locked by another process or the file system is read-only (`EAGAIN`/`EROFS`).
        public static let readOnlyFileSystem = Code(kind: .errno(EROFS))
        /// An invalid parameter was passed (`EINVAL`).
        public static let invalidParameter = Code(kind: .errno(EINVAL))
        /// A write transaction was begun on a thread that already holds one; LMDB would deadlock.
        public static let nestedWriteTransaction = Code(kind: .nestedWriteTransaction)
        /// An earlier commit failed in a way that leaves the on-disk state unknown (for example a failed
        /// `fsync`); the environment refuses further writes until it is closed and opened again.
        public static let environmentPoisoned = Code(kind: .environmentPoisoned)
        /// The environment was closed.
        public static let environmentClosed = Code(kind: .environmentClosed)
        /// The path is already open in this process; LMDB's locks break if one path is opened twice.
        public static let alreadyOpen = Code(kind: .alreadyOpen)
        /// An argument to the wrapper was out of range.
        public static let invalidArgument = Code(kind: .invalidArgument)

        /// A code for an LMDB or `errno` return value.
        public static func returnCode(_ rc: Int32) -> Code {
            if rc >= MDB_KEYEXIST && rc <= MDB_LAST_ERRCODE { return Code(kind: .lmdb(rc)) }
            return Code(kind: .errno(rc))
        }

        /// A short name of the code, such as `MDB_MAP_FULL` or `errno 28`.
        public var description: String {
            switch kind {
            case .lmdb(let rc): return Self.lmdbNames[rc] ?? "MDB error \(rc)"
            case .errno(let rc): return Self.errnoNames[rc] ?? "errno \(rc)"
            case .nestedWriteTransaction: return "nested write transaction"
            case .environmentPoisoned: return "environment poisoned"
            case .environmentClosed: return "environment closed"
            case .alreadyOpen: return "already open"
            case .invalidArgument: return "invalid argument"
            }
        }

        private static let lmdbNames: [Int32: String] = [
            MDB_KEYEXIST: "MDB_KEYEXIST", MDB_NOTFOUND: "MDB_NOTFOUND", MDB_PAGE_NOTFOUND: "MDB_PAGE_NOTFOUND",
            MDB_CORRUPTED: "MDB_CORRUPTED", MDB_PANIC: "MDB_PANIC", MDB_VERSION_MISMATCH: "MDB_VERSION_MISMATCH",
            MDB_INVALID: "MDB_INVALID", MDB_MAP_FULL: "MDB_MAP_FULL", MDB_DBS_FULL: "MDB_DBS_FULL",
            MDB_READERS_FULL: "MDB_READERS_FULL", MDB_TLS_FULL: "MDB_TLS_FULL", MDB_TXN_FULL: "MDB_TXN_FULL",
            MDB_CURSOR_FULL: "MDB_CURSOR_FULL", MDB_PAGE_FULL: "MDB_PAGE_FULL", MDB_MAP_RESIZED: "MDB_MAP_RESIZED",
            MDB_INCOMPATIBLE: "MDB_INCOMPATIBLE", MDB_BAD_RSLOT: "MDB_BAD_RSLOT", MDB_BAD_TXN: "MDB_BAD_TXN",
            MDB_BAD_VALSIZE: "MDB_BAD_VALSIZE", MDB_BAD_DBI: "MDB_BAD_DBI",
        ]
        private static let errnoNames: [Int32: String] = [
            ENOSPC: "ENOSPC", EIO: "EIO", EACCES: "EACCES", ENOENT: "ENOENT", ENOMEM: "ENOMEM",
            EROFS: "EROFS", EINVAL: "EINVAL", EAGAIN: "EAGAIN", EBUSY: "EBUSY", EPERM: "EPERM",
        ]
    }

    /// What went wrong.
    public let code: Code
    /// What the wrapper was doing, such as `"commit"` or `"open /var/lib/rapport"`.
    public let operation: String
    /// A sentence a person can act on.
    public let message: String

    /// Creates an error.
    /// - Parameters:
    ///   - code: What went wrong.
    ///   - operation: What was being done.
    ///   - message: A sentence a person can act on; when `nil`, one is derived from the code.
    public init(_ code: Code, operation: String, message: String? = nil) {
        self.code = code
        self.operation = operation
        self.message = message ?? Self.defaultMessage(for: code)
    }

    init(returnCode rc: Int32, operation: String) {
        self.init(.returnCode(rc), operation: operation)
    }

    /// `"<operation>: <message> (<code>)"`.
    public var description: String { "\(operation): \(message) (\(code))" }

    static func defaultMessage(for code: Code) -> String {
        switch code {
        case .keyExists: return "the key already exists (or an append was out of order)"
        case .notFound: return "no such key"
        case .pageNotFound, .corrupted, .cursorFull:
            return "the data file is corrupt; restore it from a backup and run a verification"
        case .panic: return "LMDB hit a fatal error earlier; close the environment and open it again"
        case .versionMismatch: return "the data file was written by an incompatible LMDB version"
        case .invalidFile: return "this is not an LMDB data file (or it is damaged)"
        case .mapFull: return "the memory map is full and may not grow further; raise the maximum map size"
        case .databasesFull: return "too many named databases; raise maxDatabases in the configuration"
        case .readersFull:
            return "every reader slot is taken; finish long read transactions or raise maxReaders"
        case .transactionFull: return "the write transaction is too large; write in smaller batches"
        case .mapResized: return "another process grew the map; retry"
        case .incompatible: return "the operation does not fit the database's flags"
        case .badReaderSlot: return "a read transaction was used on the wrong thread"
        case .badTransaction: return "the transaction is no longer valid and must not be used"
        case .badValueSize: return "a key or value is empty or too large (keys: 1 to 511 bytes)"
        case .badDatabaseHandle: return "the database handle is invalid; open databases once at start-up"
        case .noSpace: return "no space left on the device; free disk space and retry"
        case .ioError:
            return "an input/output error (such as a failed fsync) left the on-disk state unknown; "
                + "close the environment, check the disk, and open it again"
        case .permissionDenied: return "permission denied; check the ownership and mode of the files"
        case .noSuchFile: return "no such file or directory"
        case .outOfMemory: return "out of memory"
        case .readOnlyFileSystem: return "the file system is read-only; open read-only or move the store"
        case .invalidParameter: return "an invalid parameter was passed to LMDB"
        case .nestedWriteTransaction:
            return "a write transaction is already open on this thread; LMDB would deadlock"
        case .environmentPoisoned:
            return "an earlier commit failed to reach the disk; close the environment and open it again"
        case .environmentClosed: return "the environment is closed"
        case .alreadyOpen:
            return "this path is already open in this process; share the open environment instead"
        case .invalidArgument: return "an argument is out of range"
        default:
            if let rc = code.rawValue, let text = mdb_strerror(rc) { return String(cString: text) }
            return "unknown error"
        }
    }
}

/// Throws an ``LMDBError`` when `rc` is not `MDB_SUCCESS`.
@inline(__always)
func check(_ rc: Int32, _ operation: @autoclosure () -> String) throws(LMDBError) {
    if rc != 0 { throw LMDBError(returnCode: rc, operation: operation()) }
}

/// `Array.withUnsafeBytes` with a typed error (the standard library's version rethrows untyped).
@inline(__always)
func withBytes<R>(
    _ bytes: [UInt8], _ body: (UnsafeRawBufferPointer) throws(LMDBError) -> R
) throws(LMDBError) -> R {
    let result = bytes.withUnsafeBytes { buffer in
        Result { () throws(LMDBError) -> R in try body(buffer) }
    }
    return try result.get()
}
