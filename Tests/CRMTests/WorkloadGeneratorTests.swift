import CRM
import Crypto
import Testing

@Suite("Standard workload generator")
struct WorkloadGeneratorTests {
    private func dumpHash(_ configuration: WorkloadConfiguration) -> String {
        var hasher = SHA256()
        WorkloadGenerator.writeDump(configuration: configuration) { line in hasher.update(data: Array(line.utf8)) }
        return hasher.finalize().map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    @Test func splitMix64StartsWithThePublishedOutputs() {
        var random = SplitMix64(seed: 42)
        #expect([random.next(), random.next(), random.next()] == [13679457532755275413, 2949826092126892291, 5139283748462763858])
    }

    @Test func firstEventMatchesTheSpecification() {
        var generator = WorkloadGenerator(configuration: .standard)
        let first = generator.nextDatasetEvent()
        #expect(first.index == 0 && first.customer == 5413 && first.version == 1)
        #expect(first.type == .customerRegistered)
        #expect(
            first.canonicalJSON
                == #"{"customerId":"customer-005413","occurredAt":"2025-01-01T00:00:00Z","name":"David Krause","email":"david.krause@initech.example","company":"Southridge Video Oy","phone":"+49 425 7775908","segment":"mid-market"}"#
        )
        #expect(WorkloadGenerator.w7Customer(configuration: .standard) == 5413)
    }

    @Test func smallDumpHasThePublishedHash() throws {
        let configuration = try WorkloadConfiguration(environment: [
            "CRM_BENCH_EVENTS": "20000", "CRM_BENCH_CUSTOMERS": "200", "CRM_BENCH_W2_APPENDS": "300",
            "CRM_BENCH_W3_APPENDS": "50", "CRM_BENCH_W5_READS": "100",
        ])
        #expect(dumpHash(configuration) == "e39fa9127e1ee352c3cd645a101567bb0f52d88bf0e90a622ab7cab7264fc108")
    }

    @Test func hundredThousandEventDumpHasThePublishedHash() throws {
        let configuration = try WorkloadConfiguration(environment: ["CRM_BENCH_EVENTS": "100000"])
        #expect(configuration.customers == 1_000)
        #expect(dumpHash(configuration) == "32041ed0cd30396943cfdf61a0815f993369559538caffb639b9f3ae730d6aab")
    }

    @Test func foldTotalsMatchThePublishedTotals() {
        let configuration = WorkloadConfiguration(events: 100_000)
        var generator = WorkloadGenerator(configuration: configuration)
        var fold = WorkloadFold(customers: configuration.customers)
        for _ in 0..<configuration.events {
            let event = generator.nextDatasetEvent()
            fold.apply(customer: event.customer, type: event.type, amountCents: event.amountCents)
        }
        #expect(
            fold.totals.description
                == "events=100000 customers=1000 open_amount_cents=10485526754 open_tickets=3605 lead=0 prospect=143 customer=857"
        )
        _ = generator.w5Picks()
        for _ in 0..<configuration.w2Appends {
            let event = generator.nextW2Event()
            fold.apply(customer: event.customer, type: event.type, amountCents: event.amountCents)
        }
        for event in generator.w3Events().joined() {
            fold.apply(customer: event.customer, type: event.type, amountCents: event.amountCents)
        }
        #expect(
            fold.totals.description
                == "events=145000 customers=1000 open_amount_cents=12797869866 open_tickets=5052 lead=0 prospect=65 customer=935"
        )
    }

    @Test func canonicalJSONLengthsAndW3OwnershipMatchTheSpecification() {
        // GENERATOR.md section 7: over the 100,000-event dataset, min 155, average 224.3, max 299 bytes.
        let configuration = WorkloadConfiguration(events: 100_000)
        var generator = WorkloadGenerator(configuration: configuration)
        var lengths: [Int] = []
        for index in 0..<configuration.events {
            let event = generator.nextDatasetEvent()
            #expect(event.index == index)
            #expect(event.occurredAt == 1_735_689_600 + 30 * Int64(index))
            lengths.append(event.canonicalJSON.utf8.count)
        }
        #expect(lengths.min() == 155)
        #expect(lengths.max() == 299)
        let average = Double(lengths.reduce(0, +)) / Double(lengths.count)
        #expect((average * 10).rounded() / 10 == 224.3)
        _ = generator.w5Picks()
        for _ in 0..<configuration.w2Appends { _ = generator.nextW2Event() }
        // Section 3: writer w only appends for customers c with c % writers == w.
        for (writer, events) in generator.w3Events().enumerated() {
            #expect(events.count == configuration.w3Appends)
            #expect(events.allSatisfy { $0.customer % configuration.w3Writers == writer })
        }
    }

    @Test func configurationFromTheEnvironment() throws {
        #expect(try WorkloadConfiguration(environment: [:]) == .standard)
        let custom = try WorkloadConfiguration(environment: ["CRM_BENCH_EVENTS": "5000", "CRM_BENCH_W3_WRITERS": "2"])
        #expect(custom.events == 5_000 && custom.customers == 50 && custom.w3Writers == 2)
        #expect(throws: WorkloadConfigurationError(variable: "CRM_BENCH_EVENTS", value: "lots")) {
            try WorkloadConfiguration(environment: ["CRM_BENCH_EVENTS": "lots"])
        }
        #expect(throws: WorkloadConfigurationError(variable: "CRM_BENCH_W5_READS", value: "0")) {
            try WorkloadConfiguration(environment: ["CRM_BENCH_W5_READS": "0"])
        }
        do {
            _ = try WorkloadConfiguration(environment: ["CRM_BENCH_CUSTOMERS": "8", "CRM_BENCH_W3_WRITERS": "9"])
            Issue.record("expected an error for fewer customers than writers")
        } catch {
            #expect(error.variable == "CRM_BENCH_CUSTOMERS")
            #expect(error.description.contains("8 customers for 9 W3 writers"))
        }
        // Built directly, such a configuration gives the writers without customers no events instead of trapping.
        var generator = WorkloadGenerator(configuration: WorkloadConfiguration(events: 10, customers: 8, w3Writers: 9, w3Appends: 2))
        for _ in 0..<10 { _ = generator.nextDatasetEvent() }
        _ = generator.w5Picks()
        let w3 = generator.w3Events()
        #expect(w3.map(\.count) == [2, 2, 2, 2, 2, 2, 2, 2, 0])
    }
}
