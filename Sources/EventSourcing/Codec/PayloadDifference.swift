/// One field that differs between two payload values, found by ``PayloadValue/differences(from:)``.
///
/// `path` names the field from the top: object keys joined by `.`, array elements as `[index]`
/// (`address.city`, `lines[2].quantity`); the empty path is the whole value.
public struct PayloadDifference: Sendable, Hashable {
    /// Where the field is.
    public var path: String
    /// Its value before, `nil` when it was added.
    public var old: PayloadValue?
    /// Its value after, `nil` when it was removed.
    public var new: PayloadValue?

    /// Creates a difference.
    public init(path: String, old: PayloadValue?, new: PayloadValue?) {
        self.path = path
        self.old = old
        self.new = new
    }

    /// Whether the field was added (absent before).
    public var isAddition: Bool { old == nil }
    /// Whether the field was removed (absent after).
    public var isRemoval: Bool { new == nil }
}

extension PayloadValue {
    /// The fields that differ between `old` and this value, in this value's order (then removed fields).
    ///
    /// Objects are compared key by key (their key order does not count), arrays element by element (an
    /// element added or removed at the end is one difference; other values that differ are one difference each).
    /// An object or array added or removed whole is reported field by field (element by element); an empty one
    /// is one difference.
    /// A field that is `null` on one side and missing on the other does not count: both mean "no value".
    ///
    /// ```swift
    /// let before: PayloadValue = .object([PayloadField(key: "name", value: .string("Ada"))])
    /// let after: PayloadValue = .object([PayloadField(key: "name", value: .string("Ada L."))])
    /// after.differences(from: before)  // [PayloadDifference(path: "name", old: "Ada", new: "Ada L.")]
    /// ```
    public func differences(from old: PayloadValue) -> [PayloadDifference] {
        var out: [PayloadDifference] = []
        Self.collect(old: old, new: self, path: "", into: &out)
        return out
    }

    private static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : path + "." + key }

    private static func collect(old: PayloadValue?, new: PayloadValue?, path: String, into out: inout [PayloadDifference]) {
        let old: PayloadValue? = if case .null? = old { nil } else { old }
        let new: PayloadValue? = if case .null? = new { nil } else { new }
        if old == new { return }
        switch (old, new) {
        case (.object(let before)?, .object(let after)?):
            var previous: [String: PayloadValue] = [:]
            for field in before { previous[field.key] = field.value }
            var seen: Set<String> = []
            for field in after {
                seen.insert(field.key)
                collect(old: previous[field.key], new: field.value, path: join(path, field.key), into: &out)
            }
            for field in before where !seen.contains(field.key) {
                collect(old: field.value, new: nil, path: join(path, field.key), into: &out)
            }
        case (nil, .object(let after)?) where !after.isEmpty:
            for field in after { collect(old: nil, new: field.value, path: join(path, field.key), into: &out) }
        case (.object(let before)?, nil) where !before.isEmpty:
            for field in before { collect(old: field.value, new: nil, path: join(path, field.key), into: &out) }
        case (nil, .array(let after)?) where !after.isEmpty:
            for (index, element) in after.enumerated() { collect(old: nil, new: element, path: path + "[\(index)]", into: &out) }
        case (.array(let before)?, nil) where !before.isEmpty:
            for (index, element) in before.enumerated() { collect(old: element, new: nil, path: path + "[\(index)]", into: &out) }
        case (.array(let before)?, .array(let after)?):
            for index in 0..<max(before.count, after.count) {
                collect(
                    old: index < before.count ? before[index] : nil, new: index < after.count ? after[index] : nil,
                    path: path + "[\(index)]", into: &out)
            }
        default:
            out.append(PayloadDifference(path: path, old: old, new: new))
        }
    }
}
