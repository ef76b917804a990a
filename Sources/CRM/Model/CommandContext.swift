public import EventSourcing

/// Who issues a command and why: every event the command appends records the actor, a causation id and a
/// correlation id, so the log is the operation log.
///
/// ```swift
/// let context = CommandContext(actor: "usr-7")
/// try await crm.advanceOpportunity("opp-6001", to: "proposal", context: context)
/// ```
public struct CommandContext: Sendable, Hashable {
    /// The user, service or job acting (1 to 255 bytes).
    public var actor: String
    /// The command's own identifier; the events' causation id unless ``causationID`` is set.
    public var commandID: EventID
    /// The command or event that led to this command (for instance the event a process manager reacted to).
    public var causationID: EventID?
    /// The business operation or conversation the command belongs to (defaults to ``commandID``).
    public var correlationID: EventID?
    /// When it happened in the business's world; defaults to the store's clock.
    public var occurredAt: Timestamp?
    /// The channel or client the command came through (`web`, `api`, `import`), recorded in the metadata.
    public var channel: String?

    /// Creates a context.
    public init(
        actor: String, commandID: EventID = .make(), causationID: EventID? = nil, correlationID: EventID? = nil,
        occurredAt: Timestamp? = nil, channel: String? = nil
    ) {
        self.actor = actor
        self.commandID = commandID
        self.causationID = causationID
        self.correlationID = correlationID
        self.occurredAt = occurredAt
        self.channel = channel
    }
}
