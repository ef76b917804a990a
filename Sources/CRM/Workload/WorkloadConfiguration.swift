/// The sizes of the standard `crm-bench` workload (`shared/bench/WORKLOAD.md`, `GENERATOR.md`).
public struct WorkloadConfiguration: Sendable, Hashable {
    /// Events of the dataset (W1), `CRM_BENCH_EVENTS`.
    public var events: Int
    /// Customers, `CRM_BENCH_CUSTOMERS` (default `max(8, events / 100)`).
    public var customers: Int
    /// Events of W2, `CRM_BENCH_W2_APPENDS`.
    public var w2Appends: Int
    /// Writers of W3, `CRM_BENCH_W3_WRITERS`.
    public var w3Writers: Int
    /// Events per W3 writer, `CRM_BENCH_W3_APPENDS`.
    public var w3Appends: Int
    /// Stream reads of W5, `CRM_BENCH_W5_READS`.
    public var w5Reads: Int
    /// W1 events per transaction, `CRM_BENCH_BATCH` (no effect on the data).
    public var batchSize: Int

    /// The standard sizes: 1,000,000 events of 10,000 customers.
    public static let standard = WorkloadConfiguration()

    /// Creates a configuration; `customers` defaults to `max(8, events / 100)`.
    public init(
        events: Int = 1_000_000, customers: Int? = nil, w2Appends: Int = 5_000, w3Writers: Int = 8,
        w3Appends: Int = 5_000, w5Reads: Int = 10_000, batchSize: Int = 1_000
    ) {
        self.events = events
        self.customers = customers ?? max(8, events / 100)
        self.w2Appends = w2Appends
        self.w3Writers = w3Writers
        self.w3Appends = w3Appends
        self.w5Reads = w5Reads
        self.batchSize = batchSize
    }

    /// Reads the `CRM_BENCH_*` variables of `environment`, with the standard sizes for those not set.
    /// - Throws: ``WorkloadConfigurationError`` for a value that is not a positive whole number.
    public init(environment: [String: String]) throws(WorkloadConfigurationError) {
        func value(_ name: String) throws(WorkloadConfigurationError) -> Int? {
            guard let text = environment[name] else { return nil }
            guard let number = Int(text.trimmingPrefix(" ")), number > 0 else {
                throw WorkloadConfigurationError(variable: name, value: text)
            }
            return number
        }
        let standard = WorkloadConfiguration.standard
        let customers = try value("CRM_BENCH_CUSTOMERS")
        let writers = try value("CRM_BENCH_W3_WRITERS") ?? standard.w3Writers
        self.init(
            events: try value("CRM_BENCH_EVENTS") ?? standard.events, customers: customers,
            w2Appends: try value("CRM_BENCH_W2_APPENDS") ?? standard.w2Appends,
            w3Writers: writers,
            w3Appends: try value("CRM_BENCH_W3_APPENDS") ?? standard.w3Appends,
            w5Reads: try value("CRM_BENCH_W5_READS") ?? standard.w5Reads,
            batchSize: try value("CRM_BENCH_BATCH") ?? standard.batchSize)
        // Every W3 writer owns the customers `c % writers == w`, so there must be at least one per writer.
        guard self.customers >= w3Writers else {
            throw WorkloadConfigurationError(
                variable: customers == nil ? "CRM_BENCH_W3_WRITERS" : "CRM_BENCH_CUSTOMERS",
                value: String(customers == nil ? w3Writers : self.customers),
                reason: "there are \(self.customers) customers for \(w3Writers) W3 writers; each writer needs at least one")
        }
    }
}

/// A `CRM_BENCH_*` variable whose value is not a positive whole number.
public struct WorkloadConfigurationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The variable's name.
    public let variable: String
    /// The value found.
    public let value: String
    /// What is wrong with it.
    public let reason: String

    /// Creates the error for `variable` holding `value`; by default the value is not a positive whole number.
    public init(variable: String, value: String, reason: String = "it is not a positive whole number") {
        self.variable = variable
        self.value = value
        self.reason = reason
    }

    /// What to fix.
    public var description: String {
        "\(variable)=\(value.debugDescription) cannot be used: \(reason); set another value (e.g. \(variable)=100000) or unset it"
    }
}
