/// Jaro-Winkler similarity of two strings, 0 (nothing alike) to 1 (equal).
///
/// Jaro counts the characters two strings share within a window and their transpositions; Winkler adds a bonus
/// of 0.1 per character of a common prefix (up to 4), as names that start alike are more likely the same.
public enum NameSimilarity {
    /// The similarity of `a` and `b`.
    public static func jaroWinkler(_ a: String, _ b: String) -> Double {
        let first = Array(a), second = Array(b)
        if first.isEmpty && second.isEmpty { return 1 }
        if first.isEmpty || second.isEmpty { return 0 }
        let window = max(0, max(first.count, second.count) / 2 - 1)
        var firstMatched = [Bool](repeating: false, count: first.count)
        var secondMatched = [Bool](repeating: false, count: second.count)
        var matches = 0
        for (index, character) in first.enumerated() {
            let low = max(0, index - window), high = min(second.count - 1, index + window)
            guard low <= high else { continue }
            for other in low...high where !secondMatched[other] && second[other] == character {
                (firstMatched[index], secondMatched[other]) = (true, true)
                matches += 1
                break
            }
        }
        guard matches > 0 else { return 0 }
        var transpositions = 0, cursor = 0
        for index in first.indices where firstMatched[index] {
            while !secondMatched[cursor] { cursor += 1 }
            if first[index] != second[cursor] { transpositions += 1 }
            cursor += 1
        }
        let m = Double(matches)
        let jaro = (m / Double(first.count) + m / Double(second.count) + (m - Double(transpositions / 2)) / m) / 3
        let prefix = zip(first, second).prefix(4).prefix { $0 == $1 }.count
        return jaro + Double(prefix) * 0.1 * (1 - jaro)
    }
}
