// libFuzzer entry point: any line given to the JSON Lines parser must parse or be a typed error.
import EventSourcing
import FuzzSupport

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

/// The entry point SwiftPM links as `main` for this executable (it is built with -parse-as-library).
@_cdecl("fuzz_json_lines_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, seeds: .jsonLines) { data, size in
        guard let data else { return 0 }
        return fuzzJSONLines(data, size)
    }
}
