/// The payload most recently decoded from a record, shared by the projections that one read of the log feeds the
/// same record (the projection thread's, or one lane's): an event that several of them read is decoded once.
///
/// It holds one value, keyed by the record's position and the decoded type, and the record's type name and the
/// number the read gives that name (by which each projection's filter answers once per type).
/// ``RecordView/decode(_:codecs:)`` uses it only with the standard codecs and a value type, where every projection
/// would decode the same value itself (they share the store's upcasters and opener). Used by one thread at a time
/// (the one doing the read).
@usableFromInline
final class SharedDecode {
    @usableFromInline var position = LogPosition.start
    @usableFromInline var type: ObjectIdentifier?
    @usableFromInline var value: Any?

    /// The value decoded as `E` from the record at `position`, if that is the one held.
    @inlinable @inline(__always)
    func value<E>(at position: LogPosition, as _: E.Type) -> E? {
        guard self.position == position, type == ObjectIdentifier(E.self) else { return nil }
        return value as? E
    }

    /// The position whose type name ``typeName`` holds.
    private var typeNamePosition: LogPosition?
    /// The type name of the record at ``typeNamePosition``.
    private var typeName = ""

    /// The type name `bytes` of the record at `position`, made into a `String` once per record.
    func typeName(of bytes: UnsafeRawBufferPointer, at position: LogPosition) -> String {
        if typeNamePosition != position {
            typeName = String(decoding: bytes, as: UTF8.self)
            typeNamePosition = position
        }
        return typeName
    }

    /// The position whose type number ``typeNumber`` holds.
    private var numberedPosition: LogPosition?
    /// The number of the type name of the record at ``numberedPosition``.
    private var typeNumber = 0
    /// The type names met so far in this read, by their bytes, with their numbers.
    private var typeNumbers = RecordTable<Int>()

    /// A number for the type name `bytes` of the record at `position`, the same for every record of that type in
    /// this read and different for every other type: looked up once per record, by the name's bytes (no `String`
    /// is made), so that each projection fed the record can tell whether its filter takes it by the number.
    func typeNumber(of bytes: UnsafeRawBufferPointer, at position: LogPosition) -> Int {
        if numberedPosition != position {
            typeNumber = typeNumbers.number(of: bytes)
            numberedPosition = position
        }
        return typeNumber
    }

    /// Keeps `value`, decoded from the record at `position`, in place of the one held.
    @inlinable
    func keep<E>(_ value: E, at position: LogPosition) {
        self.position = position
        type = ObjectIdentifier(E.self)
        self.value = value
    }
}

extension RecordTable where Value == Int {
    /// The number of the name `bytes`: the one it was given, or the next one (the count of names so far). Mutating,
    /// so that a table held by a class is used where it lies (a read of it would retain each of its arrays).
    mutating func number(of bytes: UnsafeRawBufferPointer) -> Int {
        if let handle = handle(of: bytes), let known = value(handle) { return known }
        let number = count
        _ = insert(bytes, value: number, changedIn: 0)
        return number
    }
}
