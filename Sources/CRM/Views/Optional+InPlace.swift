extension Optional {
    /// Changes the wrapped value where it lies, starting from `initial` when there is none, and returns what `body`
    /// returns.
    ///
    /// For a view record's part kept out of line (``OutOfLine``): the value is moved out for `body` and moved back
    /// after it, also when `body` throws. Put back by a plain assignment of a local copy, it would be copied, each of
    /// its fields retained, and its arrays copied when next changed.
    mutating func update<R>(default initial: @autoclosure () -> Wrapped, _ body: (inout Wrapped) throws -> R) rethrows -> R {
        var value = take() ?? initial()
        do {
            let result = try body(&value)
            self = consume value
            return result
        } catch {
            self = consume value
            throw error
        }
    }

    /// Changes the wrapped value where it lies when there is one, as ``update(default:_:)`` does; does nothing when
    /// there is none.
    mutating func updateIfPresent(_ body: (inout Wrapped) throws -> Void) rethrows {
        guard var value = take() else { return }
        do {
            try body(&value)
            self = consume value
        } catch {
            self = consume value
            throw error
        }
    }
}
