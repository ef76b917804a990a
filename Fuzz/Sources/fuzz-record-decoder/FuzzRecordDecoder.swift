// libFuzzer entry point: any bytes given to the record decoder must parse or be a typed error, and every accessor
// of a record that parsed must stay inside its bytes (AddressSanitizer checks that when built with it).
import EventSourcing

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRecordDecoder(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    do {
        let view = try RecordView(position: LogPosition(1), bytes: bytes)
        _ = (view.type, view.stream, view.streamVersion, view.id, view.schemaVersion, view.recordedAt, view.occurredAt)
        _ = try view.recordedEvent()
    } catch {
        // A typed error is the expected outcome for most inputs.
    }
    return 0
}
