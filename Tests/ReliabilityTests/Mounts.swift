import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Small file systems made for a test (a tmpfs of a given size, an ext4 image on a loop device), where the machine
/// allows it: root, and a sandbox that permits `mount`. Elsewhere the tests that need them are disabled, with the
/// reason printed.
enum Mounts {
    /// Runs a command; returns its exit status and output.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String]) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do { try process.run() } catch { return (-1, "\(error)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Whether a tmpfs can be mounted here (tried once).
    static let canMountTmpfs: Bool = {
        guard geteuid() == 0 else {
            print("reliability: file-system fault tests disabled: not root, so no tmpfs can be mounted")
            return false
        }
        guard let directory = try? ScratchDirectory("probe") else { return false }
        defer { directory.remove() }
        let result = run("/bin/mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", directory.path])
        guard result.status == 0 else {
            print("reliability: file-system fault tests disabled: mount refused (\(result.output.trimmingCharacters(in: .whitespacesAndNewlines)))")
            return false
        }
        run("/bin/umount", [directory.path])
        return true
    }()

    /// Whether an ext4 image can be made and mounted on a loop device here (tried once).
    static let canMountLoop: Bool = {
        guard canMountTmpfs, FileManager.default.isExecutableFile(atPath: "/sbin/mkfs.ext4") else {
            print("reliability: power-loss test disabled: needs root, mount and mkfs.ext4")
            return false
        }
        guard let directory = try? ScratchDirectory("loop-probe") else { return false }
        defer { directory.remove() }
        let image = directory.file("image")
        let mountPoint = directory.file("mnt")
        try? FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: image, contents: nil),
            truncate(image, 16 << 20) == 0,
            run("/sbin/mkfs.ext4", ["-q", "-F", image]).status == 0
        else { return false }
        let result = run("/bin/mount", ["-o", "loop", image, mountPoint])
        guard result.status == 0 else {
            print("reliability: power-loss test disabled: no loop mount (\(result.output.trimmingCharacters(in: .whitespacesAndNewlines)))")
            return false
        }
        run("/bin/umount", [mountPoint])
        return true
    }()

    /// A tmpfs of `size` bytes mounted on a fresh directory; `unmount` removes it.
    struct Tmpfs {
        let directory: ScratchDirectory
        var path: String { directory.path }

        init(size: Int) throws {
            directory = try ScratchDirectory("tmpfs")
            let result = run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", directory.path])
            guard result.status == 0 else { throw ChildError("mount tmpfs: \(result.output)") }
        }

        /// Changes the size, or makes it read-only (`ro`) or writable again (`rw`).
        func remount(_ options: String) throws {
            let result = run("/bin/mount", ["-o", "remount,\(options)", directory.path])
            guard result.status == 0 else { throw ChildError("remount \(options): \(result.output)") }
        }

        func unmount() {
            run("/bin/umount", [directory.path])
            directory.remove()
        }
    }
}
