import CLMDB

/// The C-level reader used by the stale-reader test's child process.
enum ChildReader {
    static func run(path: String) {
        var env: OpaquePointer?
        guard mdb_env_create(&env) == 0, let env else { return }
        mdb_env_set_maxdbs(env, 32)
        guard mdb_env_open(env, path, UInt32(MDB_NOTLS), 0o644) == 0 else { return }
        var txn: OpaquePointer?
        _ = mdb_txn_begin(env, nil, UInt32(MDB_RDONLY), &txn)
    }
}
