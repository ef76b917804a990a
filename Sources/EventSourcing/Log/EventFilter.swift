/// Which events a read of the whole log returns.
///
/// All conditions must hold; an empty set or `nil` does not filter.
///
/// ```swift
/// let filter = EventFilter(types: ["TicketOpened", "TicketClosed"], recordedFrom: start, recordedBefore: end)
/// ```
public struct EventFilter: Sendable, Hashable {
    /// Only events of these types.
    public var types: Set<String>
    /// Only events of streams in these categories (the part of the stream name before the first `-`).
    public var categories: Set<String>
    /// Only events recorded at or after this moment; the read starts there without scanning what comes before.
    public var recordedFrom: Timestamp?
    /// Only events recorded before this moment; the read stops there.
    public var recordedBefore: Timestamp?

    /// Every event.
    public static let all = EventFilter()

    /// Creates a filter.
    public init(
        types: Set<String> = [], categories: Set<String> = [], recordedFrom: Timestamp? = nil,
        recordedBefore: Timestamp? = nil
    ) {
        self.types = types
        self.categories = categories
        self.recordedFrom = recordedFrom
        self.recordedBefore = recordedBefore
    }

    /// Whether the record passes the type and category conditions (time is handled by the reader's bounds).
    func matches(_ view: RecordView) -> Bool {
        matchesType(view.type) && matchesCategory(view)
    }

    /// Whether the type condition takes events of type `name`.
    func matchesType(_ name: String) -> Bool {
        types.isEmpty || types.contains(name)
    }

    /// Whether the record passes the category condition.
    func matchesCategory(_ view: RecordView) -> Bool {
        if !categories.isEmpty {
            let stream = view.streamBytes
            let end = stream.firstIndex(of: UInt8(ascii: "-")) ?? stream.count
            let category = String(decoding: UnsafeRawBufferPointer(rebasing: stream[0..<end]), as: UTF8.self)
            if !categories.contains(category) { return false }
        }
        return true
    }
}

/// The order of a stream read.
public enum ReadDirection: Sendable, Hashable {
    /// Oldest first.
    case forward
    /// Newest first.
    case backward
}
