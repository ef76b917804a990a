/// The SplitMix64 pseudo-random generator, which drives every choice of the standard workload.
///
/// Deterministic: the same seed always gives the same sequence (`SplitMix64(seed: 42)` starts with
/// 13679457532755275413, 2949826092126892291, 5139283748462763858).
public struct SplitMix64: RandomNumberGenerator, Sendable {
    /// The generator's state.
    public private(set) var state: UInt64

    /// A generator seeded with `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64-bit output.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// `next() % n`, the workload's `draw(n)`.
    /// - Precondition: `n > 0`.
    public mutating func draw(_ n: Int) -> Int { Int(next() % UInt64(n)) }

    /// An element of `list` by `draw(list.count)`, the workload's `pick`.
    public mutating func pick<T>(_ list: [T]) -> T { list[draw(list.count)] }
}
