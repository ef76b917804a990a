import Foundation

extension EventStore {
    /// Writes the events after `position` as JSON Lines (see ``JSONLines``), in log order, calling `write` with
    /// each batch of lines (each ending in a newline).
    ///
    /// The log is read in slices of 10,000 events, each in its own snapshot, so memory stays bounded and appends
    /// go on meanwhile; the export ends at the head it finds when it starts.
    /// - Parameter progress: called after each slice with the events written so far and the number the export
    ///   will write in all.
    /// - Returns: how many events were written.
    /// - Throws: ``EventStoreError``, or what `write` throws.
    @discardableResult
    public func exportJSONLines(
        after position: LogPosition = .start, codecs: PayloadCodecRegistry = .standard,
        progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }, _ write: (String) throws -> Void
    ) throws -> Int {
        try exportJSONLines(after: position, codecs: codecs, selecting: { $0 }, progress: progress, write)
    }

    /// Writes an extract of the events after `position` as JSON Lines: `select` sees each event as stored
    /// (personal fields sealed) and returns it, a changed copy (redacted, say), or `nil` to leave it out. Otherwise
    /// as ``exportJSONLines(after:codecs:progress:_:)``; `progress` counts the events read.
    /// - Returns: how many events were written.
    /// - Throws: ``EventStoreError``, or what `select` or `write` throws.
    @discardableResult
    public func exportJSONLines(
        after position: LogPosition = .start, codecs: PayloadCodecRegistry = .standard,
        selecting select: (RecordedEvent) throws -> RecordedEvent?,
        progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }, _ write: (String) throws -> Void
    ) throws -> Int {
        let end = try head()
        var scanned = 0
        var next = position
        var exported = 0
        while next < end {
            let (text, last, count, written) = try self.read { snapshot -> (String, LogPosition, Int, Int) in
                var text = ""
                var last = next
                var count = 0
                var written = 0
                try snapshot.forEach(after: next) { view in
                    guard view.position <= end else { return false }
                    if let event = try select(try view.storedEvent()) {
                        text += JSONLines.line(for: event, codecs: codecs)
                        text += "\n"
                        written += 1
                    }
                    last = view.position
                    count += 1
                    return count < 10_000
                }
                return (text, last, count, written)
            }
            guard count > 0 else { break }
            if written > 0 { try write(text) }
            exported += written
            scanned += count
            next = last
            progress(scanned, Int(end.rawValue - min(position.rawValue, end.rawValue)))
        }
        return exported
    }

    /// Writes the events after `position` as JSON Lines to the file at `path` (created or replaced).
    /// - Parameter progress: called after each slice of 10,000 events with the events written and the total.
    /// - Returns: how many events were written.
    /// - Throws: ``EventStoreError`` (``EventStoreError/invalidInput(_:)`` when the file cannot be written).
    @discardableResult
    public func exportJSONLines(
        after position: LogPosition = .start, toFile path: String,
        progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }
    ) throws(EventStoreError) -> Int {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw .invalidInput("cannot create \(path)")
        }
        defer { try? handle.close() }
        do {
            return try exportJSONLines(after: position, progress: progress) { text in
                try handle.write(contentsOf: Data(text.utf8))
            }
        } catch let error as EventStoreError {
            throw error
        } catch {
            throw .invalidInput("cannot write \(path): \(error)")
        }
    }

    /// Imports JSON Lines, `batchSize` lines per atomic write.
    ///
    /// Each batch is parsed and checked whole before anything of it is written: an invalid line throws
    /// ``EventStoreError/invalidImport(line:reason:)`` with its number and the reason, and nothing of its batch is
    /// written (earlier batches stay imported; with ``ImportMode/preservePositions`` a new import can continue
    /// after them). Blank lines are skipped.
    /// - Parameters:
    ///   - mode: keep the exported positions (the default, for a store that ends where the export starts) or
    ///     append as new events.
    ///   - progress: called after each batch with the lines read so far.
    /// - Throws: ``EventStoreError``.
    @discardableResult
    public func importJSONLines(
        _ lines: some Sequence<String>, mode: ImportMode = .preservePositions, batchSize: Int = 10_000,
        codecs: PayloadCodecRegistry = .standard, progress: (Int) -> Void = { _ in }
    ) async throws(EventStoreError) -> ImportSummary {
        var iterator = lines.makeIterator()
        return try await importLines(
            next: { () throws(EventStoreError) in iterator.next() }, mode: mode, batchSize: batchSize, codecs: codecs,
            progress: progress)
    }

    /// Imports the JSON Lines file at `path` (see ``importJSONLines(_:mode:batchSize:codecs:progress:)``), reading
    /// it in blocks; a line that is not valid UTF-8 is an invalid line.
    /// - Throws: ``EventStoreError`` (``EventStoreError/invalidInput(_:)`` when the file cannot be read).
    @discardableResult
    public func importJSONLines(
        fromFile path: String, mode: ImportMode = .preservePositions, batchSize: Int = 10_000,
        codecs: PayloadCodecRegistry = .standard, progress: (Int) -> Void = { _ in }
    ) async throws(EventStoreError) -> ImportSummary {
        guard let reader = LineReader(path: path) else { throw .invalidInput("cannot open \(path)") }
        return try await importLines(
            next: { () throws(EventStoreError) in try reader.next() }, mode: mode, batchSize: batchSize, codecs: codecs,
            progress: progress)
    }

    private func importLines(
        next: () throws(EventStoreError) -> String?, mode: ImportMode, batchSize: Int, codecs: PayloadCodecRegistry,
        progress: (Int) -> Void
    ) async throws(EventStoreError) -> ImportSummary {
        guard !configuration.readOnly else { throw .invalidInput("the store was opened read-only") }
        var summary = ImportSummary(lines: 0, imported: 0, alreadyPresent: 0, head: try head())
        var batch: [ImportedEvent] = []
        var numbers: [Int] = []
        let size = max(1, batchSize)
        while let line = try next() {
            summary.lines += 1
            if line.allSatisfy(\.isWhitespace) { continue }
            let imported = try JSONLines.parse(line, number: summary.lines, codecs: codecs)
            do {
                try validate(imported.event, in: imported.stream)
            } catch {
                throw .invalidImport(line: summary.lines, reason: "\(error)")
            }
            batch.append(imported)
            numbers.append(summary.lines)
            if batch.count == size {
                try await importBatch(batch, lines: numbers, mode: mode, into: &summary)
                batch.removeAll(keepingCapacity: true)
                numbers.removeAll(keepingCapacity: true)
                progress(summary.lines)
            }
        }
        if !batch.isEmpty {
            try await importBatch(batch, lines: numbers, mode: mode, into: &summary)
            progress(summary.lines)
        }
        summary.head = try head()
        return summary
    }

    private func importBatch(
        _ batch: [ImportedEvent], lines: [Int], mode: ImportMode, into summary: inout ImportSummary
    ) async throws(EventStoreError) {
        switch mode {
        case .preservePositions:
            _ = try await writePreservingPositions(batch, lines: lines)
            summary.imported += batch.count
        case .appendAsNew:
            var order: [StreamName] = []
            var grouped: [StreamName: [NewEvent]] = [:]
            for imported in batch {
                if grouped[imported.stream] == nil { order.append(imported.stream) }
                grouped[imported.stream, default: []].append(imported.event)
            }
            let writes = order.map { StreamWrite(stream: $0, events: grouped[$0] ?? []) }
            let result = try await append(writes)
            if result.wasAlreadyRecorded {
                summary.alreadyPresent += batch.count
            } else {
                summary.imported += batch.count
            }
        }
    }
}

/// The lines of a file, read in blocks of 1 MiB (a line may be any length).
final class LineReader {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var start = 0
    private var finished = false
    private var number = 0

    init?(path: String) {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        self.handle = handle
    }

    deinit { try? handle.close() }

    /// The next line without its newline, `nil` at the end.
    /// - Throws: ``EventStoreError/invalidImport(line:reason:)`` for a line that is not UTF-8,
    ///   ``EventStoreError/invalidInput(_:)`` when the file cannot be read.
    func next() throws(EventStoreError) -> String? {
        while true {
            if let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
                defer { start = newline + 1 }
                return try text(buffer[start..<newline])
            }
            if finished {
                guard start < buffer.count else { return nil }
                defer { start = buffer.count }
                return try text(buffer[start...])
            }
            buffer.removeFirst(start)
            start = 0
            let block: Data
            do { block = try handle.read(upToCount: 1 << 20) ?? Data() } catch { throw .invalidInput("cannot read the file: \(error)") }
            if block.isEmpty { finished = true } else { buffer.append(contentsOf: block) }
        }
    }

    private func text(_ bytes: ArraySlice<UInt8>) throws(EventStoreError) -> String {
        number += 1
        guard let line = String(validating: bytes, as: UTF8.self) else {
            throw .invalidImport(line: number, reason: "the line is not valid UTF-8")
        }
        return line
    }
}
