import CRM
import EventSourcing

/// One generated event, prepared in advance for both systems: the baseline's compact record and Rapport's
/// `NewEvent` (payload encoded with the default binary codec).
public struct PreparedEvent: Sendable {
    /// The customer number.
    public var customer: Int
    /// The event's version in its stream.
    public var version: UInt64
    /// The event type.
    public var type: WorkloadEventType
    /// The stream name.
    public var streamName: String
    /// The stream name's UTF-8 bytes.
    public var streamBytes: [UInt8]
    /// The stream name, checked, for Rapport.
    public var stream: StreamName
    /// The baseline's record.
    public var rawRecord: [UInt8]
    /// Rapport's event.
    public var newEvent: NewEvent

    /// Prepares one generated event for both systems.
    public init(_ event: WorkloadEvent, codec: BinaryPayloadCodec = BinaryPayloadCodec()) throws {
        customer = event.customer
        version = UInt64(event.version)
        type = event.type
        streamName = event.streamName
        streamBytes = Array(event.streamName.utf8)
        stream = try StreamName(event.streamName)
        rawRecord = RawRecord.encode(event)
        newEvent = try event.newEvent(codec: codec)
    }
}

/// The whole standard workload, generated once and prepared for both systems.
public struct PreparedWorkload: Sendable {
    /// The sizes.
    public let configuration: WorkloadConfiguration
    /// The W1 dataset.
    public let dataset: [PreparedEvent]
    /// The customers W5 reads.
    public let w5Customers: [Int]
    /// The W2 events.
    public let w2: [PreparedEvent]
    /// The W3 events, per writer.
    public let w3: [[PreparedEvent]]
    /// The W7 customer.
    public let w7Customer: Int

    /// Generates and prepares the whole workload.
    public init(configuration: WorkloadConfiguration) throws {
        self.configuration = configuration
        var generator = WorkloadGenerator(configuration: configuration)
        var dataset: [PreparedEvent] = []
        dataset.reserveCapacity(configuration.events)
        for _ in 0..<configuration.events { dataset.append(try PreparedEvent(generator.nextDatasetEvent())) }
        self.dataset = dataset
        w5Customers = generator.w5Picks()
        w2 = try (0..<configuration.w2Appends).map { _ in try PreparedEvent(generator.nextW2Event()) }
        w3 = try generator.w3Events().map { events in try events.map { try PreparedEvent($0) } }
        w7Customer = WorkloadGenerator.w7Customer(configuration: configuration)
    }

    /// The stream name of customer `c`.
    public static func streamName(_ customer: Int) -> String {
        let digits = String(customer)
        return "customer-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }
}
