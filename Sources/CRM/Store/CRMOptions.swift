public import Foundation

/// How a ``CRMStore`` behaves.
public struct CRMOptions: Sendable {
    /// The time zone business dates are taken in (a won deal's close date is "today" there).
    public var timeZone: TimeZone = TimeZone(identifier: "UTC") ?? .current
    /// How often a command is decided again when another writer changed one of its streams in between
    /// (each attempt re-reads the streams and re-checks the rules); after that it throws
    /// ``CRMError/concurrentModification(stream:attempts:)``.
    public var maximumAttempts = 3
    /// How e-mail addresses, phones, domains and names are normalised for duplicate detection.
    public var normalisation = ContactNormalisation()
    /// The lowest name similarity that counts as a duplicate (Jaro-Winkler, 0 to 1).
    public var nameSimilarityThreshold = 0.92

    /// How personal data is stored. `nil` (the default) states nothing, so a writable store must then have a master
    /// key, as with ``PersonalDataStorage/sealed``: a CRM never stores personal data in clear unless told to
    /// (``PersonalDataStorage/inClear``). Read-only stores are not checked.
    public var personalData: PersonalDataStorage?

    /// Whether commands check their actor's roles (off by default).
    public var accessControl = AccessControl.off
    /// The rules commands and actor-taking reads are checked against with ``AccessControl/registeredUsers``
    /// (``RoleAccessPolicy`` unless the embedding service gives its own).
    public var accessPolicy: any AccessPolicy = RoleAccessPolicy()
    /// Whether a command the access policy refuses appends an ``AccessDenied`` event (actor, command, reason) to
    /// the stream `audit-accessdenials` before ``CRMError/notAuthorized(actor:command:reason:)`` is thrown; the
    /// refused command's own events are never written (off by default).
    public var recordsDeniedAttempts = false

    /// How the events' payloads are stored: ``PayloadEncoding/binary`` (the default) or ``PayloadEncoding/json``.
    /// A store may hold both; every reader decodes either, and exports write JSON whichever it is.
    public var payloadEncoding = PayloadEncoding.binary

    /// The defaults: UTC, three attempts, threshold 0.92, personal data sealed (a master key is needed), no access
    /// control, binary payloads.
    public init() {}
}
