import CRM
import EventSourcing

/// One generated event, prepared in advance for both systems: the baseline's compact record and Rapport's
/// `NewEvent` (payload encoded with the default binary codec).
public struct PreparedEvent: Sendable {
    public var customer: Int
    public var version: UInt64
    public var type: WorkloadEventType
    public var streamName: String
    public var streamBytes: [UInt8]
    public var rawRecord: [UInt8]
    public var newEvent: NewEvent

    public init(_ event: WorkloadEvent, codec: BinaryPayloadCodec = BinaryPayloadCodec()) throws {
        customer = event.customer
        version = UInt64(event.version)
        type = event.type
        streamName = event.streamName
        streamBytes = Array(event.streamName.utf8)
        rawRecord = RawRecord.encode(event)
        newEvent = try event.newEvent(codec: codec)
    }
}

/// The whole standard workload, generated once and prepared for both systems.
public struct PreparedWorkload: Sendable {
    public let configuration: WorkloadConfiguration
    public let dataset: [PreparedEvent]
    public let w5Customers: [Int]
    public let w2: [PreparedEvent]
    public let w3: [[PreparedEvent]]
    public let w7Customer: Int

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
