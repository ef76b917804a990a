public import EventSourcing
import Foundation

extension WorkloadEvent {
    /// The fields as a payload object, in order.
    public var payloadValue: PayloadValue {
        .object(
            fields.map { field in
                switch field.value {
                case .string(let text): PayloadField(key: field.name, value: .string(text))
                case .int(let number): PayloadField(key: field.name, value: .int(Int64(number)))
                }
            })
    }

    /// The event as an event store's `NewEvent`: its type name, its fields as the payload, `occurredAt` as the
    /// business time, and a deterministic id derived from the workload's counter (so reloading the same workload is
    /// idempotent).
    /// - Throws: ``EventStoreError/codec(_:)`` when the codec cannot encode the payload.
    public func newEvent(codec: some PayloadCodec = BinaryPayloadCodec(), actor: String? = nil) throws(EventStoreError)
        -> NewEvent
    {
        let payload: [UInt8]
        do { payload = try codec.encode(value: payloadValue) } catch { throw .codec(error) }
        return NewEvent(
            id: Self.id(index), type: type.rawValue, payloadCodec: codec.id, payload: payload,
            occurredAt: Timestamp(secondsSince1970: occurredAt), actor: actor)
    }

    /// A UUID-shaped id made from the workload counter: `00000000-0000-8000-8000-` and the counter in 12 hex
    /// digits.
    static func id(_ index: Int) -> EventID {
        let n = UInt64(truncatingIfNeeded: index)
        func byte(_ shift: UInt64) -> UInt8 { UInt8(truncatingIfNeeded: n >> shift) }
        let bytes: uuid_t = (0, 0, 0, 0, 0, 0, 0x80, 0, 0x80, 0, byte(40), byte(32), byte(24), byte(16), byte(8), byte(0))
        return EventID(UUID(uuid: bytes))
    }
}

extension WorkloadFold {
    /// Folds one stored workload event, decoding what the fold needs from its payload.
    ///
    /// The customer comes from the stream name (`customer-000042`), the type from the record, and the amount of
    /// opportunity events from the payload's `amount` field.
    /// - Throws: ``EventStoreError/codec(_:)`` when an opportunity's payload has no readable amount.
    public mutating func apply(_ view: RecordView, codecs: PayloadCodecRegistry = .standard) throws(EventStoreError) {
        guard let folded = try WorkloadEvent.folded(view, codecs: codecs) else { return }
        apply(customer: folded.customer, type: folded.type, amountCents: folded.amountCents)
    }
}

extension WorkloadEvent {
    /// What the workload's fold needs of a stored event: its customer, its type and, for opportunities, the amount
    /// in cents; `nil` for an event type outside the workload.
    /// - Throws: ``EventStoreError/codec(_:)`` when an opportunity's payload has no readable amount.
    public static func folded(_ view: RecordView, codecs: PayloadCodecRegistry = .standard) throws(EventStoreError)
        -> (customer: Int, type: WorkloadEventType, amountCents: Int64?)?
    {
        var customer = 0
        for byte in view.streamBytes where byte >= 0x30 && byte <= 0x39 { customer = customer * 10 + Int(byte - 0x30) }
        guard let type = WorkloadEventType(rawValue: view.type) else { return nil }
        var amount: Int64?
        if type == .opportunityOpened || type == .opportunityWon || type == .opportunityLost {
            guard let codec = codecs.codec(for: view.payloadCodec) else { throw .unknownCodec(view.payloadCodec.rawValue) }
            let text: String
            do { text = try codec.decode(AmountField.self, from: view.payload).amount } catch { throw .codec(error) }
            amount = WorkloadEvent.cents(amount: text)
        }
        return (customer, type, amount)
    }

    private struct AmountField: Decodable { var amount: String }
}
