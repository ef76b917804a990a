/// How an ``Environment`` is opened.
///
/// The defaults suit an embedded store that starts small and grows by itself:
///
/// ```swift
/// var configuration = EnvironmentConfiguration()
/// configuration.maxDatabases = 16
/// let environment = try Environment(path: "/var/lib/app/store", configuration: configuration)
/// ```
public struct EnvironmentConfiguration: Sendable, Hashable {
    /// The initial size of the memory map, in bytes. Rounded up to a multiple of the page size.
    ///
    /// Without ``EnvironmentFlags/writeMap`` a large map costs nothing on disk; the file grows with the data.
    /// When a write finds the map full, the environment doubles it (up to ``maximumMapSize``) and runs the
    /// write again, so a small initial size only costs a few resizes.
    public var mapSize: Int = 64 << 20
    /// The largest the map may grow to, in bytes. A write that needs more fails with ``LMDBError/Code/mapFull``.
    public var maximumMapSize: Int = 1 << 40
    /// The number of named databases the environment can hold (`mdb_env_set_maxdbs`).
    public var maxDatabases: Int = 32
    /// The number of reader slots, shared by all processes (`mdb_env_set_maxreaders`).
    public var maxReaders: Int = 126
    /// The flags the environment is opened with. ``EnvironmentFlags/noThreadLocalStorage`` is always added.
    public var flags: EnvironmentFlags = []
    /// The file mode of created files.
    public var fileMode: UInt32 = 0o644
    /// How many reset read transactions are kept for reuse (cheaper than beginning a new one).
    public var spareReadTransactions: Int = 16

    /// Creates the default configuration.
    public init() {}
}

/// Options for opening an ``Environment`` (`mdb_env_open` flags).
public struct EnvironmentFlags: OptionSet, Sendable, Hashable {
    /// The raw LMDB flag bits.
    public let rawValue: UInt32
    /// Creates flags from raw LMDB bits.
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// The path names the data file itself rather than a directory (`MDB_NOSUBDIR`).
    public static let noSubdirectory = EnvironmentFlags(rawValue: 0x4000)
    /// Open read-only (`MDB_RDONLY`). No writes are possible.
    public static let readOnly = EnvironmentFlags(rawValue: 0x20000)
    /// Map the file writable (`MDB_WRITEMAP`). Faster writes, but the file's apparent size equals the map and a
    /// stray pointer write could corrupt the data. Never combine with ``noSync``.
    public static let writeMap = EnvironmentFlags(rawValue: 0x80000)
    /// Do not sync the meta page on commit (`MDB_NOMETASYNC`): a system crash may undo the last commit,
    /// but never corrupts the data.
    public static let noMetaSync = EnvironmentFlags(rawValue: 0x40000)
    /// Do not sync on commit (`MDB_NOSYNC`): a system crash may lose recent commits and, with
    /// ``writeMap``, corrupt the data. For tests and benchmarks only.
    public static let noSync = EnvironmentFlags(rawValue: 0x10000)
    /// Reader slots are tied to transactions, not threads (`MDB_NOTLS`). Always set by ``Environment``, since
    /// Swift tasks move between threads.
    public static let noThreadLocalStorage = EnvironmentFlags(rawValue: 0x200000)
    /// Do not use read-ahead (`MDB_NORDAHEAD`); helps random reads of stores larger than memory.
    public static let noReadAhead = EnvironmentFlags(rawValue: 0x800000)
    /// Do not initialise malloc'd pages before writing them (`MDB_NOMEMINIT`).
    public static let noMemoryInit = EnvironmentFlags(rawValue: 0x1000000)
}
