import Testing

/// Runs `body` and records an error it throws as a failure.
///
/// For the bodies of `propertyCheck`: swift-property-based 2.0 runs a body under `try?`, so an error thrown by it is
/// dropped and the input passes. Every property body goes through this, so that a `try` that fails fails the check
/// (and the library then shrinks the input, as for a failed expectation).
func recordingErrors(
    _ body: () async throws -> Void, sourceLocation: SourceLocation = #_sourceLocation
) async {
    do {
        try await body()
    } catch {
        Issue.record(error, "thrown by a property check's body", sourceLocation: sourceLocation)
    }
}
