#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether an LMDB data file is long enough for the pages its meta page says are in use, checked before anything
/// reads through the map (a page of the map past the file's end kills the process with `SIGBUS` when read).
///
/// A data file may be shorter than its last page number by pages that are free: a transaction that allocated pages at
/// the end and freed them again before committing (LMDB's "loose" pages) never writes them, though they count in the
/// last page number. Those pages are never read before they are written again, so the file is sound. Anything else
/// past the end means the file was cut short (a copy that stopped, a truncate).
///
/// The free-page list is read with `pread`, not through the map, and every page read is first checked to lie inside
/// the file, so that a cut file is reported rather than crashing the process. The layout read is LMDB's on-disk
/// format (format version 1 of LMDB 0.9 on a 64-bit machine, in its byte order): the meta pages, and the free database's branch, leaf and overflow
/// pages.
struct DataFileLength {
    let descriptor: Int32
    let pageSize: Int
    /// Whole pages in the file.
    let filePages: UInt64

    /// The bytes missing for the pages in use up to `lastPage`, or `nil` when none are (every page past the file's
    /// end, if any, is a free page).
    static func missingBytes(descriptor: Int32, pageSize: Int, lastPage: UInt64) -> Int? {
        var file = stat()
        guard pageSize > 0, fstat(descriptor, &file) == 0 else { return nil }
        let length = UInt64(max(0, file.st_size))
        let needed = (lastPage + 1) * UInt64(pageSize)
        guard length < needed else { return nil }
        let check = DataFileLength(descriptor: descriptor, pageSize: pageSize, filePages: length / UInt64(pageSize))
        if let free = check.freePages(), (check.filePages...lastPage).allSatisfy(free.contains) { return nil }
        return Int(needed - length)
    }

    // Offsets in LMDB's pages.
    private static let headerSize = 16
    private static let flagsOffset = 10
    private static let lowerOffset = 12
    private static let metaMagic: UInt32 = 0xBEEF_C0DE
    /// The free database's root page in a meta page: the meta starts after the page header, its two databases after
    /// magic, version, address and map size; a database's root is its last field.
    private static let freeRootOffset = 16 + 24 + 40
    private static let metaTransactionOffset = 16 + 24 + 2 * 48 + 8
    private static let branch: UInt16 = 0x01
    private static let leaf: UInt16 = 0x02
    private static let overflow: UInt16 = 0x04
    private static let bigData: UInt16 = 0x01
    private static let invalidPage = UInt64.max

    /// The page numbers on the free list of the newer meta page, or `nil` when the list cannot be read inside the
    /// file.
    func freePages() -> Set<UInt64>? {
        guard let first = page(0), let second = page(1) else { return nil }
        let metas = [first, second].filter { $0.load(Self.headerSize, as: UInt32.self) == Self.metaMagic }
        guard let meta = metas.max(by: { $0.load(Self.metaTransactionOffset, as: UInt64.self) < $1.load(Self.metaTransactionOffset, as: UInt64.self) })
        else { return nil }
        let root = meta.load(Self.freeRootOffset, as: UInt64.self)
        var free = Set<UInt64>()
        var visited = Set<UInt64>()
        guard root == Self.invalidPage || collect(root, into: &free, visited: &visited, depth: 0) else { return nil }
        return free
    }

    /// Adds the free page numbers held under `number` (a page of the free database) to `free`; `false` when a page
    /// is outside the file, seen before (a damaged tree that loops), not numbered as asked, or not what the tree
    /// needs.
    private func collect(_ number: UInt64, into free: inout Set<UInt64>, visited: inout Set<UInt64>, depth: Int) -> Bool {
        guard depth < 32, visited.insert(number).inserted, let page = page(number),
            page.load(0, as: UInt64.self) == number
        else { return false }
        let flags = page.load(Self.flagsOffset, as: UInt16.self)
        let count = (Int(page.load(Self.lowerOffset, as: UInt16.self)) - Self.headerSize) / 2
        guard count >= 0, Self.headerSize + 2 * count <= pageSize else { return false }
        for index in 0..<count {
            let node = Int(page.load(Self.headerSize + 2 * index, as: UInt16.self))
            guard node + 8 <= pageSize else { return false }
            let low = UInt64(page.load(node, as: UInt16.self))
            let high = UInt64(page.load(node + 2, as: UInt16.self))
            let nodeFlags = page.load(node + 4, as: UInt16.self)
            let keySize = Int(page.load(node + 6, as: UInt16.self))
            if flags & Self.branch != 0 {
                let child = low | high << 16 | UInt64(nodeFlags) << 32
                guard collect(child, into: &free, visited: &visited, depth: depth + 1) else { return false }
            } else if flags & Self.leaf != 0 {
                let size = Int(low | high << 16)
                let start = node + 8 + keySize
                let ids: [UInt8]
                if nodeFlags & Self.bigData != 0 {
                    guard start + 8 <= pageSize else { return false }
                    let first = page.load(start, as: UInt64.self)
                    guard let bytes = read(pages: first, bytes: Self.headerSize + size),
                        bytes.load(Self.flagsOffset, as: UInt16.self) & Self.overflow != 0
                    else { return false }
                    ids = Array(bytes[Self.headerSize...])
                } else {
                    guard start + size <= pageSize else { return false }
                    ids = Array(page[start..<start + size])
                }
                // An ID list: its length, then the page numbers.
                guard ids.count >= 8 else { return false }
                let stored = ids.load(0, as: UInt64.self)
                guard stored <= UInt64(ids.count / 8 - 1) else { return false }
                let listed = Int(stored)
                if listed > 0 {
                    for position in 1...listed { free.insert(ids.load(position * 8, as: UInt64.self)) }
                }
            } else {
                return false
            }
        }
        return true
    }

    /// Page `number`, read from the file when it lies inside it.
    private func page(_ number: UInt64) -> [UInt8]? {
        read(pages: number, bytes: pageSize)
    }

    /// `bytes` bytes from the start of page `number`, when they lie inside the file.
    private func read(pages number: UInt64, bytes: Int) -> [UInt8]? {
        let size = UInt64(pageSize)
        guard number < filePages, bytes > 0, number * size + UInt64(bytes) <= filePages * size else { return nil }
        var buffer = [UInt8](repeating: 0, count: bytes)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, bytes, off_t(number * size)) }
        return count == bytes ? buffer : nil
    }
}

extension [UInt8] {
    /// The `T` at `offset`, in the machine's byte order as LMDB writes it (the caller checked it lies inside).
    fileprivate func load<T: FixedWidthInteger>(_ offset: Int, as _: T.Type) -> T {
        withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: T.self) }
    }
}
