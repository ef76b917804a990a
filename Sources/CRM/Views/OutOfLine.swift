/// An optional value kept in a heap box of its own, which copies share until one of them changes it (copy on write).
///
/// For the large parts of a view's records that only some keys have: a projection's records are one type for every
/// key (a customer's view and the small index entries beside it), and a record held in memory takes the room of its
/// largest part whether it has it or not. Out of line, a record without the part costs a pointer; one with it costs
/// the part and a box. A change made through ``value`` happens in the box, without copying the part, unless a copy
/// of the record shares the box.
struct OutOfLine<Wrapped: Sendable>: Sendable {
    private final class Box: @unchecked Sendable {
        // @unchecked: the value is changed only through a box no other copy refers to (see `value`), so never while
        // it is shared.
        var value: Wrapped?

        init(_ value: Wrapped?) { self.value = value }
    }

    private var box: Box?

    /// The value `value`, boxed when there is one.
    init(_ value: Wrapped?) {
        box = value.map { Box($0) }
    }

    /// The value, `nil` when there is none.
    var value: Wrapped? {
        get { box?.value }
        set {
            if isKnownUniquelyReferenced(&box) {
                // A box that held a value keeps serving after `nil` is set: a value taken out and put back (as a
                // projection's update does) costs no allocation.
                box.unsafelyUnwrapped.value = newValue
            } else {
                box = newValue.map { Box($0) }
            }
        }
        _modify {
            if isKnownUniquelyReferenced(&box) {
                yield &box.unsafelyUnwrapped.value
            } else if let shared = box {
                let own = Box(shared.value)
                box = own
                yield &own.value
            } else {
                var value: Wrapped?
                yield &value
                if let value { box = Box(value) }
            }
        }
    }
}

extension OutOfLine: Equatable where Wrapped: Equatable {
    static func == (left: Self, right: Self) -> Bool { left.value == right.value }
}

extension OutOfLine: Hashable where Wrapped: Hashable {
    func hash(into hasher: inout Hasher) { hasher.combine(value) }
}
