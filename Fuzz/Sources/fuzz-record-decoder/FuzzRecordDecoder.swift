// libFuzzer entry point: any bytes given to the record decoder must parse or be a typed error, and every accessor
// of a record that parsed must stay inside its bytes (AddressSanitizer checks that when built with it).
import EventSourcing
import FuzzSupport

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

/// The entry point SwiftPM links as `main` for this executable (it is built with -parse-as-library).
@_cdecl("fuzz_record_decoder_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, seeds: .records) { data, size in
        guard let data else { return 0 }
        return fuzzRecordDecoder(data, size)
    }
}
