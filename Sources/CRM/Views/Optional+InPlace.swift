/// A value that a view record holds as an optional part and changes where it lies: ``modify(_:)`` is called through
/// optional chaining (`part?.modify { … }`), which changes the wrapped value in place, neither moved out and back nor
/// copied.
protocol InPlaceModifiable {}

extension InPlaceModifiable {
    /// Calls `body` with `self`, to change it in place.
    mutating func modify<R>(_ body: (inout Self) throws -> R) rethrows -> R {
        try body(&self)
    }
}

extension Optional where Wrapped: InPlaceModifiable {
    /// Changes the wrapped value where it lies, starting from `initial` when there is none, and returns what `body`
    /// returns.
    ///
    /// For a view record's parts (kept out of line, ``OutOfLine``, or inline): a value there is changed in place,
    /// through optional chaining; a new one is made from `initial`, changed, then stored. Put back by a plain
    /// assignment of a local copy, a value would be copied, each of its fields retained, and its arrays copied when
    /// next changed; moved out and back, a large one cost two copies of its bytes.
    mutating func update<R>(default initial: @autoclosure () -> Wrapped, _ body: (inout Wrapped) throws -> R) rethrows -> R {
        if let result = try self?.modify(body) { return result }
        var value = initial()
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
        try self?.modify(body)
    }
}

extension CustomerView: InPlaceModifiable {}
extension CustomerOpportunity: InPlaceModifiable {}
extension ServiceTicket: InPlaceModifiable {}
extension CampaignFigures: InPlaceModifiable {}
extension CampaignMember: InPlaceModifiable {}
extension PipelineDeal: InPlaceModifiable {}
extension PipelineLead: InPlaceModifiable {}
extension CustomerValue: InPlaceModifiable {}
