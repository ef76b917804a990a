/// The keyed values a batch of a projection holds in memory: a hash table over keys' UTF-8 bytes, laid out in a few
/// flat arrays rather than one object per key.
///
/// - the keys, one after another, in one buffer, each after a header of 16 bytes: the slot of its value in
///   ``values``, the batch that last changed it, its length and whether it has a value (a key costs its bytes, not a
///   `String` of its own: a key of more than 15 bytes would otherwise be an allocation, made when it is stored and
///   freed when the batch lets go);
/// - the values, one after another (not optional: changed in place through the array, never moved out and back);
/// - the buckets: open addressing, linear probing, each bucket where its key is and 24 bits of the key's hash, so
///   that a probe rejects other keys without reading them, and reads the one it finds (and its header) in one place.
///
/// A key is known by its handle: where its header is in ``keyBytes``. Keys are equal when their bytes are, as LMDB
/// compares them (`String`'s `==` deems canonically equivalent spellings equal, which LMDB stores as two keys). The
/// hash is seeded at random once per process, so that keys chosen to collide in one process do not collide in
/// another. Keys are never removed: a removed record is a key without a value, whose last value stays in its slot
/// (unread, and overwritten if the key is set again); ``keep(where:)`` and ``removeAll()`` make the table anew.
///
/// A value type: copies share the arrays until one of them changes (then it copies them whole).
@usableFromInline
struct RecordTable<Value> {
    /// The keys, each after its header.
    @usableFromInline var keyBytes: [UInt8] = []
    /// Each key's handle, in the order the keys were added.
    @usableFromInline var handles: [Int] = []
    /// The values, by slot.
    @usableFromInline var values: [Value] = []
    /// The buckets: 0 when empty, else the high 24 bits of the key's hash above the key's handle plus one (40 bits).
    @usableFromInline var buckets: [UInt64] = []

    /// The header's size, and where its fields are: the value's slot plus one (0: none yet), the batch number, the
    /// key's length (each 4 bytes, little-endian) and whether the key has a value (1 byte).
    @inlinable static var headerSize: Int { 16 }
    @inlinable static var slotField: Int { 0 }
    @inlinable static var batchField: Int { 4 }
    @inlinable static var countField: Int { 8 }
    @inlinable static var presentField: Int { 12 }
    /// The bits of a bucket that hold a handle plus one.
    @inlinable static var handleBits: UInt64 { 40 }

    /// The hash's seed, drawn once per process.
    @usableFromInline static var seed: UInt64 { recordTableSeed }

    /// An empty table with room for `capacity` keys and values.
    @usableFromInline
    init(capacity: Int = 0) {
        if capacity > 0 { reserve(capacity) }
    }

    /// Makes room for `capacity` keys and values in all, so that adding that many grows nothing.
    @usableFromInline
    mutating func reserve(_ capacity: Int) {
        handles.reserveCapacity(capacity)
        values.reserveCapacity(capacity)
        keyBytes.reserveCapacity(capacity * (Self.headerSize + 16))
        let wanted = Self.bucketCount(for: capacity)
        if wanted > buckets.count { rehash(into: wanted) }
    }

    /// How many keys the table holds.
    @inlinable var count: Int { handles.count }

    // MARK: - Keys

    /// The handle of the key `key`, if the table holds it.
    @inlinable
    func handle(of key: UnsafeRawBufferPointer) -> Int? {
        guard !buckets.isEmpty else { return nil }
        let hash = Self.hash(key, seed: Self.seed)
        return buckets.withUnsafeBufferPointer { buckets -> Int? in
            keyBytes.withUnsafeBytes { keys -> Int? in
                let mask = buckets.count - 1
                let tag = hash >> Self.handleBits
                var bucket = Int(truncatingIfNeeded: hash) & mask
                while true {
                    let entry = buckets[bucket]
                    if entry == 0 { return nil }
                    if entry >> Self.handleBits == tag {
                        let handle = Int(truncatingIfNeeded: entry & (1 << Self.handleBits - 1)) - 1
                        let count = Int(keys.loadUnaligned(fromByteOffset: handle + Self.countField, as: UInt32.self))
                        if count == key.count {
                            let start = handle + Self.headerSize
                            if Self.equal(UnsafeRawBufferPointer(rebasing: keys[start..<start + count]), key) {
                                return handle
                            }
                        }
                    }
                    bucket = (bucket + 1) & mask
                }
            }
        }
    }

    /// Adds the key `key` (which the table must not hold) with `value`, changed in batch `batch`.
    /// - Returns: its handle.
    @inlinable
    mutating func insert(_ key: UnsafeRawBufferPointer, value: Value?, changedIn batch: UInt32) -> Int {
        if (handles.count + 1) * 2 > buckets.count {
            rehash(into: Self.bucketCount(for: max(handles.count + 1, buckets.count)))
        }
        let handle = keyBytes.count
        keyBytes.append(contentsOf: repeatElement(0, count: Self.headerSize))
        keyBytes.append(contentsOf: key)
        setHeader(handle, Self.countField, UInt32(truncatingIfNeeded: key.count))
        setHeader(handle, Self.batchField, batch)
        handles.append(handle)
        if let value { setValue(value, at: handle) }
        place(handle, hash: Self.hash(key, seed: Self.seed))
        return handle
    }

    /// Puts the key at `handle` in the first empty bucket from its hash's.
    @inlinable
    mutating func place(_ handle: Int, hash: UInt64) {
        buckets.withUnsafeMutableBufferPointer { buckets in
            let mask = buckets.count - 1
            var bucket = Int(truncatingIfNeeded: hash) & mask
            while buckets[bucket] != 0 { bucket = (bucket + 1) & mask }
            buckets[bucket] = (hash >> Self.handleBits) << Self.handleBits | UInt64(truncatingIfNeeded: handle + 1)
        }
    }

    /// The buckets for `count` keys: a power of two at least twice as many (a table at most half full).
    @inlinable
    static func bucketCount(for count: Int) -> Int {
        var buckets = 16
        while buckets < 2 * count { buckets *= 2 }
        return buckets
    }

    /// Lays the buckets out anew, `count` of them (a power of two).
    @usableFromInline
    mutating func rehash(into count: Int) {
        buckets = [UInt64](repeating: 0, count: count)
        for handle in handles {
            place(handle, hash: withKey(handle) { Self.hash($0, seed: Self.seed) })
        }
    }

    /// The key at `handle`, as its bytes, for `body`.
    @inlinable
    func withKey<R>(_ handle: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let start = handle + Self.headerSize
        let count = Int(header(handle, Self.countField))
        return try keyBytes.withUnsafeBytes { bytes in
            try body(UnsafeRawBufferPointer(rebasing: bytes[start..<start + count]))
        }
    }

    /// Where the key at `handle` is in ``keyBytes``.
    @inlinable
    func span(_ handle: Int) -> (start: Int, count: Int) {
        (handle + Self.headerSize, Int(header(handle, Self.countField)))
    }

    @inlinable
    func header(_ handle: Int, _ field: Int) -> UInt32 {
        keyBytes.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: handle + field, as: UInt32.self)) }
    }

    @inlinable
    mutating func setHeader(_ handle: Int, _ field: Int, _ value: UInt32) {
        keyBytes.withUnsafeMutableBytes { $0.storeBytes(of: value.littleEndian, toByteOffset: handle + field, as: UInt32.self) }
    }

    // MARK: - Batch numbers

    /// The batch that last changed the key at `handle` (0: none).
    @inlinable
    func batch(_ handle: Int) -> UInt32 { header(handle, Self.batchField) }

    /// Marks the key at `handle` changed in `batch`; returns whether it was not already.
    @inlinable
    mutating func markChanged(_ handle: Int, in batch: UInt32) -> Bool {
        guard self.batch(handle) != batch else { return false }
        setHeader(handle, Self.batchField, batch)
        return true
    }

    // MARK: - Values

    /// The slot of the value of the key at `handle`, if it has one.
    @inlinable
    func slot(_ handle: Int) -> Int? {
        keyBytes.withUnsafeBytes { bytes -> Int? in
            guard bytes[handle + Self.presentField] != 0 else { return nil }
            return Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: handle + Self.slotField, as: UInt32.self))) - 1
        }
    }

    /// The value of the key at `handle`.
    @inlinable
    func value(_ handle: Int) -> Value? {
        slot(handle).map { values[$0] }
    }

    /// What `body` reads of the value of the key at `handle` (lent, not copied); `nil` when it has none.
    @inlinable
    func withValue<R>(_ handle: Int, _ body: (Value) throws -> R) rethrows -> R? {
        guard let slot = slot(handle) else { return nil }
        return try values.withUnsafeBufferPointer { try body($0[slot]) }
    }

    /// Sets the value of the key at `handle`, in the slot it had when it had one.
    @inlinable
    mutating func setValue(_ value: Value, at handle: Int) {
        let had = Int(header(handle, Self.slotField))
        if had > 0 {
            values[had - 1] = value
        } else {
            values.append(value)
            setHeader(handle, Self.slotField, UInt32(truncatingIfNeeded: values.count))
        }
        keyBytes[handle + Self.presentField] = 1
    }

    /// Leaves the key at `handle` without a value (its last value stays in its slot, unread).
    @inlinable
    mutating func removeValue(at handle: Int) {
        keyBytes[handle + Self.presentField] = 0
    }

    /// Changes the value of the key at `handle` where it lies, starting from `initial` when it has none.
    @inlinable
    mutating func modify<R>(_ handle: Int, default initial: () -> Value, _ body: (inout Value) throws -> R) rethrows -> R {
        if slot(handle) == nil { setValue(initial(), at: handle) }
        let slot = Int(header(handle, Self.slotField)) - 1
        return try body(&values[slot])
    }

    /// Changes the value of the key at `handle` where it lies when it has one; returns whether it had.
    @inlinable
    mutating func modifyIfPresent(_ handle: Int, _ body: (inout Value) throws -> Void) rethrows -> Bool {
        guard let slot = slot(handle) else { return false }
        try body(&values[slot])
        return true
    }

    // MARK: - The table anew

    /// Keeps only the keys `isKept` says to keep (given each key's handle), with their values and batch numbers.
    @usableFromInline
    mutating func keep(where isKept: (Int) -> Bool) {
        var table = RecordTable(capacity: handles.count(where: isKept))
        for handle in handles where isKept(handle) {
            withKey(handle) { _ = table.insert($0, value: value(handle), changedIn: batch(handle)) }
        }
        self = table
    }

    /// Lets go of every key and value (and of the memory they took).
    @usableFromInline
    mutating func removeAll() {
        self = RecordTable()
    }

    // MARK: - Bytes

    /// Whether the bytes of `a` and `b` (of the same count) are the same, compared a word at a time.
    @inlinable
    static func equal(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        let count = a.count
        var offset = 0
        while offset + 8 <= count {
            if a.loadUnaligned(fromByteOffset: offset, as: UInt64.self) != b.loadUnaligned(fromByteOffset: offset, as: UInt64.self) {
                return false
            }
            offset += 8
        }
        while offset < count {
            if a[offset] != b[offset] { return false }
            offset += 1
        }
        return true
    }

    /// A 64-bit hash of `bytes` with `seed`: each 8-byte word (the last one padded with zeros) multiplied in, then
    /// the bits mixed with MurmurHash3's finaliser.
    @inlinable
    static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64) -> UInt64 {
        let count = bytes.count
        var hash = seed ^ (UInt64(truncatingIfNeeded: count) &* 0x9E37_79B9_7F4A_7C15)
        var offset = 0
        while offset + 8 <= count {
            hash = (hash ^ bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0x9FB2_1C65_1E98_DF25
            hash ^= hash >> 29
            offset += 8
        }
        if offset < count {
            var last: UInt64 = 0
            var shift: UInt64 = 0
            while offset < count {
                last |= UInt64(bytes[offset]) << shift
                (offset, shift) = (offset + 1, shift + 8)
            }
            hash = (hash ^ last) &* 0x9FB2_1C65_1E98_DF25
            hash ^= hash >> 29
        }
        hash ^= hash >> 33
        hash &*= 0xFF51_AFD7_ED55_8CCD
        hash ^= hash >> 33
        hash &*= 0xC4CE_B9FE_1A85_EC53
        hash ^= hash >> 33
        return hash
    }
}

extension RecordTable: Sendable where Value: Sendable {}

/// The seed of every ``RecordTable``'s hash in this process (drawn once).
@usableFromInline
let recordTableSeed = UInt64.random(in: .min ... .max)
