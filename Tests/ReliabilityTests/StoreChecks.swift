import EventSourcing
import Foundation
import ReliabilityFixtures
import Testing

/// The checks run on a store after a crash or a power cut.
enum StoreChecks {
    /// What a check found.
    struct Findings {
        var events = 0
        var acknowledgedAppends = 0
        var acknowledgedEvents = 0
        var unacknowledgedEvents = 0
        var problems: [String] = []
    }

    /// The acknowledged appends of a side file: each complete line `A id@position ...` (a line cut by the kill,
    /// without its newline, was never acknowledged to anyone and is ignored).
    static func acknowledged(sideFile: String) -> [[(EventID, UInt64)]] {
        guard let data = FileManager.default.contents(atPath: sideFile) else { return [] }
        var text = String(decoding: data, as: UTF8.self)
        if !text.hasSuffix("\n"), let last = text.lastIndex(of: "\n") {
            text = String(text[...last])
        } else if !text.hasSuffix("\n") {
            text = ""
        }
        return text.split(separator: "\n").map { line in
            line.split(separator: " ").dropFirst().compactMap { pair -> (EventID, UInt64)? in
                let parts = pair.split(separator: "@")
                guard parts.count == 2, let id = EventID(String(parts[0])), let position = UInt64(parts[1]) else { return nil }
                return (id, position)
            }
        }
    }

    /// Opens the store at `path` and checks, against the acknowledgements in `sideFiles`: every acknowledged event is at its acknowledged position, positions
    /// run 1...head without a gap, ids are unique, the chain and indexes verify, and both projections, once caught
    /// up, equal what an independent fold of the log gives.
    static func check(path: String, sideFiles: [String], projections: Bool = true) async throws -> Findings {
        var findings = Findings()
        var configuration = EventStoreConfiguration()
        configuration.initialMapSize = 1 << 20
        let store = try EventStore(path: path, configuration: configuration)
        defer { store.close() }
        let events = try await store.readAll()
        findings.events = events.count
        var byID: [EventID: UInt64] = [:]
        for (offset, event) in events.enumerated() {
            if event.position.rawValue != UInt64(offset + 1) {
                findings.problems.append("position \(event.position) where \(offset + 1) was expected (a gap)")
                break
            }
            if byID.updateValue(event.position.rawValue, forKey: event.id) != nil {
                findings.problems.append("event id \(event.id) appears twice")
            }
        }
        let acknowledged = sideFiles.flatMap { Self.acknowledged(sideFile: $0) }
        findings.acknowledgedAppends = acknowledged.count
        var acknowledgedIDs: Set<EventID> = []
        for append in acknowledged {
            for (id, position) in append {
                findings.acknowledgedEvents += 1
                acknowledgedIDs.insert(id)
                guard let found = byID[id] else {
                    findings.problems.append("acknowledged event \(id) at \(position) is missing")
                    continue
                }
                if found != position { findings.problems.append("acknowledged event \(id) is at \(found), not \(position)") }
            }
        }
        findings.unacknowledgedEvents = events.count - acknowledgedIDs.count
        let report = try store.verify()
        if !report.isIntact { findings.problems.append("verification: \(report.problem.map { "\($0)" } ?? "-")") }
        if report.eventsChecked != UInt64(events.count) {
            findings.problems.append("verification checked \(report.eventsChecked) of \(events.count) events")
        }
        guard projections else { return findings }

        // Both projections against a fold of the log done here, independently of the store's projection code.
        try await store.addProjection(EventsPerStream(), mode: .inline)
        try await store.addProjection(EventsPerType(), mode: .async)
        let head = LogPosition(UInt64(events.count))
        try await store.waitForProjection(EventsPerStream().name, toReach: head)
        try await store.waitForProjection(EventsPerType().name, toReach: head)
        var perStream: [String: Int] = [:]
        var perType: [String: Int] = [:]
        for event in events {
            perStream[event.stream.rawValue, default: 0] += 1
            perType[event.type, default: 0] += 1
            perType["position-sum", default: 0] += Int(event.position.rawValue)
        }
        var storedPerStream: [String: Int] = [:]
        var storedPerType: [String: Int] = [:]
        try store.read { snapshot in
            try snapshot.forEachValue(of: EventsPerStream()) { key, value in
                storedPerStream[key] = value
                return true
            }
            try snapshot.forEachValue(of: EventsPerType()) { key, value in
                storedPerType[key] = value
                return true
            }
        }
        if storedPerStream != perStream { findings.problems.append("events-per-stream \(storedPerStream) != fold \(perStream)") }
        if storedPerType != perType { findings.problems.append("events-per-type \(storedPerType) != fold \(perType)") }
        return findings
    }
}
