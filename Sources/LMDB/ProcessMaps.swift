#if os(Linux)
import Glibc

/// The memory maps of this process, as Linux lists them in `/proc/self/maps`: where a file is mapped.
enum ProcessMaps {
    /// The bytes of a file such as one of `/proc` (whose size `stat` does not tell), as text; empty when it cannot be
    /// read.
    private static func readSmallFile(_ path: String) -> String {
        let descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return "" }
        defer { _ = Glibc.close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// This process's resident memory backed by files or shared memory, in bytes: the third figure of
    /// `/proc/self/statm`, in pages; `nil` when it cannot be read.
    static func residentSharedBytes() -> Int? {
        let fields = readSmallFile("/proc/self/statm").split(separator: " ")
        guard fields.count >= 3, let pages = Int(fields[2]) else { return nil }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// The address ranges where the file of `device` and `inode` is mapped in this process (`/proc/self/maps`).
    static func ranges(device: UInt64?, inode: UInt64) -> [(start: UInt, end: UInt)] {
        let maps = readSmallFile("/proc/self/maps")
        // The device is written `major:minor` in hexadecimal (glibc's encoding of `dev_t`); `nil` matches any.
        let major = device.map { (($0 >> 32) & 0xFFFF_F000) | (($0 >> 8) & 0xFFF) }
        let minor = device.map { (($0 >> 12) & 0xFFFF_FF00) | ($0 & 0xFF) }
        var ranges: [(start: UInt, end: UInt)] = []
        for line in maps.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 5, UInt64(fields[4]) == inode else { continue }
            let numbers = fields[3].split(separator: ":")
            guard numbers.count == 2 else { continue }
            if let major, let minor {
                guard UInt64(numbers[0], radix: 16) == major, UInt64(numbers[1], radix: 16) == minor else { continue }
            }
            let bounds = fields[0].split(separator: "-")
            guard bounds.count == 2, let start = UInt(bounds[0], radix: 16), let end = UInt(bounds[1], radix: 16), end > start
            else { continue }
            ranges.append((start, end))
        }
        return ranges
    }
}
#endif
