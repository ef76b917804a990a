// libFuzzer entry point: any line given to the JSON Lines parser must parse or be a typed error.
import EventSourcing

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONLines(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let line = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        let parsed = try JSONLines.parse(line, number: 1)
        _ = parsed.event.payload.count
    } catch {
        // A typed error is the expected outcome for most inputs.
    }
    return 0
}
