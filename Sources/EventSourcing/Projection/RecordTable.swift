/// The keyed values a batch of a projection holds in memory: a hash table over keys' UTF-8 bytes, laid out in a few
/// flat arrays rather than one object per key.
///
/// - the keys, one after another, in one buffer, each with its index (a key costs its bytes, not a `String` of its
///   own: a key of more than 15 bytes would otherwise be an allocation, made when it is stored and freed when the
///   batch lets go);
/// - per key, where its bytes are and the batch that last changed it;
/// - the values, in the keys' order (changed in place through the array);
/// - the buckets: open addressing, linear probing, each bucket where its key is and 24 bits of the key's hash, so
///   that a probe rejects other keys without reading them, and reads the one it finds (and its index) in one place.
///
/// Keys are equal when their bytes are, as LMDB compares them (`String`'s `==` deems canonically equivalent spellings
/// equal, which LMDB stores as two keys). The hash is seeded at random per table, so that keys chosen to collide in
/// one process do not collide in another. Keys are never removed (a removed record is a key whose value is `nil`);
/// ``keep(where:)`` and ``removeAll()`` make the table anew.
///
/// A value type: copies share the arrays until one of them changes (then it copies them whole).
@usableFromInline
struct RecordTable<Value> {
    /// Where a key's bytes are in ``keyBytes``.
    @usableFromInline
    struct Span: Sendable {
        @usableFromInline var start: Int
        @usableFromInline var count: Int

        @inlinable init(start: Int, count: Int) { (self.start, self.count) = (start, count) }
    }

    /// The keys, one after another, each as its index (4 bytes), its length (4 bytes) and its bytes: a bucket points
    /// here, and a probe finds in one place (most often one cache line) the key to compare and the index it has.
    @usableFromInline var keyBytes: [UInt8] = []
    /// Each key's bytes in ``keyBytes`` (after its index and length).
    @usableFromInline var spans: [Span] = []
    /// Each key's value (`nil`: no record).
    @usableFromInline var values: [Value?] = []
    /// Each key's batch number: the batch that last set or removed it (0: none).
    @usableFromInline var changedIn: [UInt32] = []
    /// The buckets: 0 when empty, else the high 24 bits of the key's hash above the offset of the key in
    /// ``keyBytes`` plus one (40 bits).
    @usableFromInline var buckets: [UInt64] = []
    /// The hash's seed.
    @usableFromInline let seed: UInt64

    /// Bytes before each key's own in ``keyBytes``.
    @inlinable static var headerSize: Int { 8 }
    /// The bits of a bucket that hold an offset plus one.
    @inlinable static var offsetBits: UInt64 { 40 }

    /// An empty table with room for `capacity` keys.
    @usableFromInline
    init(capacity: Int = 0) {
        seed = UInt64.random(in: .min ... .max)
        if capacity > 0 { reserve(capacity) }
    }

    /// Makes room for `capacity` keys in all, so that adding that many grows nothing.
    @usableFromInline
    mutating func reserve(_ capacity: Int) {
        spans.reserveCapacity(capacity)
        values.reserveCapacity(capacity)
        changedIn.reserveCapacity(capacity)
        keyBytes.reserveCapacity(capacity * (Self.headerSize + 16))
        let wanted = Self.bucketCount(for: capacity)
        if wanted > buckets.count { rehash(into: wanted) }
    }

    /// How many keys the table holds.
    @inlinable var count: Int { spans.count }

    /// The index of the key `key`, if the table holds it.
    @inlinable
    func index(of key: UnsafeRawBufferPointer) -> Int? {
        guard !buckets.isEmpty else { return nil }
        let hash = Self.hash(key, seed: seed)
        return buckets.withUnsafeBufferPointer { buckets -> Int? in
            keyBytes.withUnsafeBytes { keys -> Int? in
                let mask = buckets.count - 1
                let tag = hash >> Self.offsetBits
                var bucket = Int(truncatingIfNeeded: hash) & mask
                while true {
                    let entry = buckets[bucket]
                    if entry == 0 { return nil }
                    if entry >> Self.offsetBits == tag {
                        let offset = Int(truncatingIfNeeded: entry & (1 << Self.offsetBits - 1)) - 1
                        let count = Int(keys.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self))
                        if count == key.count {
                            let start = offset + Self.headerSize
                            if Self.equal(UnsafeRawBufferPointer(rebasing: keys[start..<start + count]), key) {
                                return Int(keys.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
                            }
                        }
                    }
                    bucket = (bucket + 1) & mask
                }
            }
        }
    }

    /// Adds the key `key` (which the table must not hold) with `value`, changed in batch `batch`.
    /// - Returns: its index.
    @inlinable
    mutating func insert(_ key: UnsafeRawBufferPointer, value: Value?, changedIn batch: UInt32) -> Int {
        if (spans.count + 1) * 2 > buckets.count { rehash(into: Self.bucketCount(for: max(spans.count + 1, buckets.count))) }
        let index = spans.count
        let offset = keyBytes.count
        withUnsafeBytes(of: UInt32(truncatingIfNeeded: index).littleEndian) { keyBytes.append(contentsOf: $0) }
        withUnsafeBytes(of: UInt32(truncatingIfNeeded: key.count).littleEndian) { keyBytes.append(contentsOf: $0) }
        keyBytes.append(contentsOf: key)
        spans.append(Span(start: offset + Self.headerSize, count: key.count))
        values.append(value)
        changedIn.append(batch)
        place(offset, hash: Self.hash(key, seed: seed))
        return index
    }

    /// Puts the key at `offset` in ``keyBytes`` in the first empty bucket from its hash's.
    @inlinable
    mutating func place(_ offset: Int, hash: UInt64) {
        buckets.withUnsafeMutableBufferPointer { buckets in
            let mask = buckets.count - 1
            var bucket = Int(truncatingIfNeeded: hash) & mask
            while buckets[bucket] != 0 { bucket = (bucket + 1) & mask }
            buckets[bucket] = (hash >> Self.offsetBits) << Self.offsetBits | UInt64(truncatingIfNeeded: offset + 1)
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
        for index in spans.indices {
            let hash = withKey(at: index) { Self.hash($0, seed: seed) }
            place(spans[index].start - Self.headerSize, hash: hash)
        }
    }

    /// The key at `index`, as its bytes, for `body`.
    @inlinable
    func withKey<R>(at index: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let span = spans[index]
        return try keyBytes.withUnsafeBytes { bytes in
            try body(UnsafeRawBufferPointer(rebasing: bytes[span.start..<span.start + span.count]))
        }
    }

    /// Keeps only the keys `isKept` says to keep (given each key's index), with their values and batch numbers.
    @usableFromInline
    mutating func keep(where isKept: (Int) -> Bool) {
        let kept = spans.indices.filter(isKept)
        var table = RecordTable(capacity: kept.count)
        for index in kept {
            let value = values[index].take()
            withKey(at: index) { _ = table.insert($0, value: value, changedIn: changedIn[index]) }
        }
        self = table
    }

    /// Lets go of every key and value (and of the memory they took).
    @usableFromInline
    mutating func removeAll() {
        self = RecordTable()
    }

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
