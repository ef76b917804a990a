#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which sanitizer the test process (and so its child, built with the same flags) runs under; Swift has no
/// compile-time condition for it, so the sanitizer's runtime is looked up by one of its symbols.
enum Sanitizers {
    /// Whether AddressSanitizer's runtime is linked (`swift test --sanitize=address`).
    static let address = linked("__asan_init")

    private static func linked(_ symbol: String) -> Bool {
        guard let program = dlopen(nil, RTLD_NOW) else { return false }
        return dlsym(program, symbol) != nil
    }
}
