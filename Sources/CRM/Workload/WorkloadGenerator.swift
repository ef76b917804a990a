/// Generates the standard `crm-bench` dataset, byte for byte as `shared/bench/GENERATOR.md` specifies, so that
/// every figure can be set beside another system's on identical events.
///
/// Call the phases in order: ``nextDatasetEvent()`` `events` times, ``w5Picks()``, ``nextW2Event()``
/// `w2Appends` times, then ``w3Events()``.
///
/// ```swift
/// var generator = WorkloadGenerator(configuration: .standard)
/// let first = generator.nextDatasetEvent()   // CustomerRegistered of customer 5413
/// ```
public struct WorkloadGenerator: Sendable {
    /// The sizes in use.
    public let configuration: WorkloadConfiguration
    private var random = SplitMix64(seed: 42)
    private var counter = 0
    private var customers: [CustomerState]

    private struct CustomerState: Sendable {
        var registered = false
        var version = 0
        var opportunitySequence = 0
        var ticketSequence = 0
        var openOpportunities: [(sequence: Int, cents: Int, currency: String)] = []
        var openTickets: [Int] = []
        var owed: [WorkloadEventType] = []
    }

    /// A generator at the start of the dataset.
    public init(configuration: WorkloadConfiguration) {
        self.configuration = configuration
        customers = Array(repeating: CustomerState(), count: configuration.customers)
    }

    /// The next dataset (W1) or W2 event: a random customer's next event.
    public mutating func nextDatasetEvent() -> WorkloadEvent {
        let customer = random.draw(configuration.customers)
        return nextEvent(of: customer)
    }

    /// The customers whose streams W5 reads, in order.
    public mutating func w5Picks() -> [Int] {
        (0..<configuration.w5Reads).map { _ in random.draw(configuration.customers) }
    }

    /// The next W2 event (drawn like the dataset's).
    public mutating func nextW2Event() -> WorkloadEvent { nextDatasetEvent() }

    /// The W3 events: element `w` holds writer `w`'s events in append order. Writer `w` owns the customers with
    /// `customer % writers == w`; a writer that owns none (more writers than customers) gets no events.
    public mutating func w3Events() -> [[WorkloadEvent]] {
        let writers = configuration.w3Writers
        let count = configuration.customers
        var result = Array(repeating: [WorkloadEvent](), count: writers)
        for _ in 0..<configuration.w3Appends {
            for writer in 0..<writers {
                let owned = (count - writer + writers - 1) / writers
                guard owned > 0 else { continue }
                let customer = writer + writers * random.draw(owned)
                result[writer].append(nextEvent(of: customer))
            }
        }
        return result
    }

    /// The customer whose 360° view W7 reads: the first output of a fresh generator, modulo the customer count.
    public static func w7Customer(configuration: WorkloadConfiguration) -> Int {
        var fresh = SplitMix64(seed: 42)
        return fresh.draw(configuration.customers)
    }

    /// Writes the dump of GENERATOR.md section 9 (every phase, then the W7 customer), one line at a time.
    public static func writeDump(configuration: WorkloadConfiguration, to write: (String) -> Void) {
        var generator = WorkloadGenerator(configuration: configuration)
        func line(_ prefix: String, _ event: WorkloadEvent) -> String {
            "\(prefix)\(event.index) \(event.customer) \(event.version) \(event.type.rawValue) \(event.canonicalJSON)\n"
        }
        for _ in 0..<configuration.events { write(line("", generator.nextDatasetEvent())) }
        write("W5 " + generator.w5Picks().map(String.init).joined(separator: " ") + "\n")
        for _ in 0..<configuration.w2Appends { write(line("", generator.nextW2Event())) }
        for (writer, events) in generator.w3Events().enumerated() {
            for event in events { write(line("W3.\(writer) ", event)) }
        }
        write("W7 \(w7Customer(configuration: configuration))\n")
    }

    // MARK: - One event

    private static let shares: [(WorkloadEventType, Int)] = [
        (.interactionLogged, 40), (.opportunityOpened, 5), (.opportunityStageAdvanced, 20), (.opportunityWon, 2),
        (.opportunityLost, 2), (.ticketOpened, 10), (.ticketResponded, 8), (.ticketClosed, 7),
        (.campaignResponseRecorded, 5),
    ]

    private static func isOpportunityFollowUp(_ type: WorkloadEventType) -> Bool {
        type == .opportunityStageAdvanced || type == .opportunityWon || type == .opportunityLost
    }

    private static func isTicketFollowUp(_ type: WorkloadEventType) -> Bool {
        type == .ticketResponded || type == .ticketClosed
    }

    private mutating func person() -> String {
        random.pick(WorkloadLists.first) + " " + random.pick(WorkloadLists.last)
    }

    private mutating func note() -> String {
        let length = 20 + random.draw(101)
        var text = random.pick(WorkloadLists.words)
        while text.utf8.count < length { text += " " + random.pick(WorkloadLists.words) }
        return String(text.prefix(length))
    }

    private static func id(_ prefix: String, _ customer: Int, _ sequence: Int) -> String {
        prefix + WorkloadEvent.digits(customer, 6) + "-" + WorkloadEvent.digits(sequence, 3)
    }

    private static func amount(_ cents: Int) -> String {
        String(cents / 100) + "." + WorkloadEvent.digits(cents % 100, 2)
    }

    private mutating func nextEvent(of customer: Int) -> WorkloadEvent {
        let index = counter
        counter += 1
        let occurredAt = 1_735_689_600 + 30 * Int64(index)
        var state = customers[customer]
        var fields: [WorkloadField] = []
        func add(_ name: String, _ text: String) { fields.append(WorkloadField(name: name, value: .string(text))) }
        func add(_ name: String, _ number: Int) { fields.append(WorkloadField(name: name, value: .int(number))) }
        let type: WorkloadEventType
        if !state.registered {
            type = .customerRegistered
            state.registered = true
            let first = random.pick(WorkloadLists.first)
            let last = random.pick(WorkloadLists.last)
            let domain = random.pick(WorkloadLists.domains)
            let stem = random.pick(WorkloadLists.companies)
            let suffix = random.pick(WorkloadLists.suffixes)
            let area = 100 + random.draw(900)
            let number = random.draw(10_000_000)
            let segment = random.pick(WorkloadLists.segments)
            add("name", first + " " + last)
            add("email", first.lowercased() + "." + last.lowercased() + "@" + domain)
            add("company", stem + " " + suffix)
            add("phone", "+49 \(area) " + WorkloadEvent.digits(number, 7))
            add("segment", segment)
        } else {
            var r = random.draw(99)
            var drawn = WorkloadEventType.interactionLogged
            for (candidate, share) in Self.shares {
                if r < share {
                    drawn = candidate
                    break
                }
                r -= share
            }
            var final = drawn
            if Self.isOpportunityFollowUp(drawn) && state.openOpportunities.isEmpty {
                state.owed.append(drawn)
                final = .opportunityOpened
            } else if Self.isTicketFollowUp(drawn) && state.openTickets.isEmpty {
                state.owed.append(drawn)
                final = .ticketOpened
            } else if drawn == .opportunityOpened && !state.openOpportunities.isEmpty,
                let owed = state.owed.firstIndex(where: Self.isOpportunityFollowUp)
            {
                final = state.owed.remove(at: owed)
            } else if drawn == .ticketOpened && !state.openTickets.isEmpty,
                let owed = state.owed.firstIndex(where: Self.isTicketFollowUp)
            {
                final = state.owed.remove(at: owed)
            }
            type = final
            switch type {
            case .interactionLogged:
                add("channel", random.pick(WorkloadLists.channels))
                add("agent", person())
                add("durationMinutes", 1 + random.draw(90))
                add("note", note())
            case .opportunityOpened:
                state.opportunitySequence += 1
                let sequence = state.opportunitySequence
                let title = random.pick(WorkloadLists.products)
                let cents = random.draw(10_000_000)
                let currency = random.pick(WorkloadLists.currencies)
                state.openOpportunities.append((sequence, cents, currency))
                add("opportunityId", Self.id("opp-", customer, sequence))
                add("title", title)
                add("amount", Self.amount(cents))
                add("currency", currency)
                add("note", note())
            case .opportunityStageAdvanced:
                let opportunity = state.openOpportunities[random.draw(state.openOpportunities.count)]
                let stage = 1 + random.draw(5)
                let agent = person()
                add("opportunityId", Self.id("opp-", customer, opportunity.sequence))
                add("stage", WorkloadLists.stages[stage])
                add("probability", WorkloadLists.probabilities[stage])
                add("agent", agent)
                add("note", note())
            case .opportunityWon:
                let opportunity = state.openOpportunities.remove(at: random.draw(state.openOpportunities.count))
                let agent = person()
                add("opportunityId", Self.id("opp-", customer, opportunity.sequence))
                add("amount", Self.amount(opportunity.cents))
                add("currency", opportunity.currency)
                add("agent", agent)
                add("note", note())
            case .opportunityLost:
                let opportunity = state.openOpportunities.remove(at: random.draw(state.openOpportunities.count))
                let reason = random.pick(WorkloadLists.reasons)
                add("opportunityId", Self.id("opp-", customer, opportunity.sequence))
                add("amount", Self.amount(opportunity.cents))
                add("currency", opportunity.currency)
                add("reason", reason)
                add("note", note())
            case .ticketOpened:
                state.ticketSequence += 1
                let sequence = state.ticketSequence
                state.openTickets.append(sequence)
                let subject = random.pick(WorkloadLists.subjects)
                let priority = random.pick(WorkloadLists.priorities)
                let channel = random.pick(WorkloadLists.channels)
                add("ticketId", Self.id("tkt-", customer, sequence))
                add("subject", subject)
                add("priority", priority)
                add("channel", channel)
                add("note", note())
            case .ticketResponded:
                let sequence = state.openTickets[random.draw(state.openTickets.count)]
                let agent = person()
                let minutes = 1 + random.draw(480)
                add("ticketId", Self.id("tkt-", customer, sequence))
                add("agent", agent)
                add("responseMinutes", minutes)
                add("note", note())
            case .ticketClosed:
                let sequence = state.openTickets.remove(at: random.draw(state.openTickets.count))
                let resolution = random.pick(WorkloadLists.resolutions)
                let satisfaction = 1 + random.draw(5)
                add("ticketId", Self.id("tkt-", customer, sequence))
                add("resolution", resolution)
                add("satisfaction", satisfaction)
                add("note", note())
            case .campaignResponseRecorded:
                let month = 1 + random.draw(24)
                let response = random.pick(WorkloadLists.responses)
                let channel = random.pick(WorkloadLists.channels)
                add("campaignId", "cmp-2025-" + WorkloadEvent.digits(month, 2))
                add("response", response)
                add("channel", channel)
                add("note", note())
            case .customerRegistered:
                break
            }
        }
        state.version += 1
        customers[customer] = state
        return WorkloadEvent(
            index: index, customer: customer, version: state.version, type: type, occurredAt: occurredAt,
            fields: fields)
    }
}
