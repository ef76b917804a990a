internal import CLMDB

/// A handle to a named (or the unnamed main) database inside an ``Environment``.
///
/// Handles are plain values: open each database once at start-up with
/// ``Environment/openDatabase(_:flags:)`` and keep the handle for the life of the environment.
public struct Database: Sendable, Hashable {
    /// LMDB's handle.
    let handle: UInt32
    /// The database's name, or `nil` for the main database.
    public let name: String?
    /// The flags the database was opened with.
    public let flags: DatabaseFlags
}

/// Options of a database (`mdb_dbi_open` flags).
public struct DatabaseFlags: OptionSet, Sendable, Hashable {
    /// The raw LMDB flag bits.
    public let rawValue: UInt32
    /// Creates flags from raw LMDB bits.
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// Create the database if it does not exist (`MDB_CREATE`).
    public static let create = DatabaseFlags(rawValue: UInt32(MDB_CREATE))
    /// Compare keys from their last byte backwards (`MDB_REVERSEKEY`).
    public static let reverseKey = DatabaseFlags(rawValue: UInt32(MDB_REVERSEKEY))
    /// Allow several sorted values per key (`MDB_DUPSORT`).
    public static let duplicateSort = DatabaseFlags(rawValue: UInt32(MDB_DUPSORT))
    /// Keys are native-endian `UInt32` or `Int` values of one size (`MDB_INTEGERKEY`).
    public static let integerKey = DatabaseFlags(rawValue: UInt32(MDB_INTEGERKEY))
    /// With ``duplicateSort``: every value has the same size (`MDB_DUPFIXED`).
    public static let duplicateFixed = DatabaseFlags(rawValue: UInt32(MDB_DUPFIXED))
}

/// Options of a write (`mdb_put` flags).
public struct PutFlags: OptionSet, Sendable, Hashable {
    /// The raw LMDB flag bits.
    public let rawValue: UInt32
    /// Creates flags from raw LMDB bits.
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// Fail with ``LMDBError/Code/keyExists`` if the key is already present (`MDB_NOOVERWRITE`).
    public static let noOverwrite = PutFlags(rawValue: UInt32(MDB_NOOVERWRITE))
    /// With ``DatabaseFlags/duplicateSort``: fail if the key/value pair is already present (`MDB_NODUPDATA`).
    public static let noDuplicateData = PutFlags(rawValue: UInt32(MDB_NODUPDATA))
    /// The key is greater than every key in the database: write it at the end without searching
    /// (`MDB_APPEND`). An out-of-order key fails with ``LMDBError/Code/keyExists``, which makes it a free
    /// integrity guard for append-only logs.
    public static let append = PutFlags(rawValue: UInt32(MDB_APPEND))
    /// With ``DatabaseFlags/duplicateSort``: like ``append`` for values (`MDB_APPENDDUP`).
    public static let appendDuplicate = PutFlags(rawValue: UInt32(MDB_APPENDDUP))
}

/// Counts describing one database's B-tree (`mdb_stat`).
public struct DatabaseStatistics: Sendable, Hashable {
    /// The size of a page, in bytes.
    public var pageSize: Int
    /// The depth of the B-tree.
    public var depth: Int
    /// Internal (non-leaf) pages.
    public var branchPages: Int
    /// Leaf pages.
    public var leafPages: Int
    /// Overflow pages (values larger than a page spill into them).
    public var overflowPages: Int
    /// Key/value pairs.
    public var entries: Int

    /// All pages, in bytes.
    public var bytes: Int { (branchPages + leafPages + overflowPages) * pageSize }
}
