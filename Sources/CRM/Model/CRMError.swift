public import EventSourcing

/// Why a CRM command was rejected. Nothing was appended when a command throws one.
///
/// ``description`` says it in a salesperson's or agent's words, for instance "Opportunity opp-12 is closed
/// (won); reopen it before changing its stage".
public enum CRMError: Error, Sendable, Hashable, CustomStringConvertible {
    /// An input value is missing, malformed or out of range.
    case invalidInput(field: String, reason: String)
    /// The record does not exist.
    case notFound(EntityRef)
    /// A record with this identifier exists already.
    case alreadyExists(EntityRef)
    /// The record was merged into another one; act on the survivor instead.
    case absorbed(EntityRef, survivorId: String)
    /// The record's personal data was erased; it cannot be changed any more.
    case erased(EntityRef)
    /// The command needs configuration that has not been defined (a pipeline, lost reasons, an SLA policy).
    case notConfigured(String)
    /// The pipeline has no stage with this identifier.
    case unknownStage(pipelineId: String, stageId: String)
    /// The stage is a won or lost stage; opportunities get there only by being won or lost.
    case stageNotOpen(pipelineId: String, stageId: String, category: StageCategory)
    /// The opportunity is already in this stage.
    case alreadyInStage(opportunityId: String, stageId: String)
    /// The opportunity is closed (won or lost) and must be reopened first.
    case opportunityClosed(opportunityId: String, outcome: OpportunityOutcome)
    /// The opportunity is still open, so it cannot be reopened.
    case opportunityNotClosed(opportunityId: String)
    /// The lost reason is not one of the configured ones.
    case unknownLostReason(code: String, known: [String])
    /// The lost reason needs a note explaining it.
    case lostReasonNeedsNote(code: String)
    /// The lifecycle policy does not know this stage.
    case unknownLifecycleStage(String, known: [String])
    /// A backward lifecycle move was asked for, which the policy forbids or which has no reason.
    case lifecycleMoveBackNotAllowed(customerId: String, from: String, to: String, reason: String)
    /// The action is not possible in the record's current state; `state` and `action` say which.
    case invalidTransition(EntityRef, state: String, action: String)
    /// Possible duplicates were found and the registration asked to be rejected in that case.
    case possibleDuplicates([DuplicateCandidate])
    /// Amounts in different currencies were combined.
    case currencyMismatch(expected: String, found: String)
    /// The actor may not issue the command (with ``AccessControl/registeredUsers``).
    case notAuthorized(actor: String, command: String, reason: String)
    /// Someone else kept changing the same records; the command was retried and gave up.
    case concurrentModification(stream: String, attempts: Int)
    /// A stored event of this domain could not be read.
    case unreadableHistory(stream: String, reason: String)
    /// The event store failed.
    case store(EventStoreError)

    /// A sentence a person can act on.
    public var description: String {
        switch self {
        case .invalidInput(let field, let reason):
            return "The \(field) is not valid: \(reason)"
        case .notFound(let ref):
            return "There is no \(ref); check the identifier"
        case .alreadyExists(let ref):
            return "\(ref.sentenceStart) exists already; choose another identifier"
        case .absorbed(let ref, let survivor):
            return "\(ref.sentenceStart) was merged into \(survivor); work with \(survivor) instead"
        case .erased(let ref):
            return "The personal data of \(ref) was erased at their request; the record cannot be changed"
        case .notConfigured(let what):
            return "\(what) is not configured yet; an administrator must define it first"
        case .unknownStage(let pipeline, let stage):
            return "Pipeline \(pipeline) has no stage '\(stage)'"
        case .stageNotOpen(let pipeline, let stage, let category):
            return "Stage '\(stage)' of pipeline \(pipeline) is a \(category.rawValue) stage; "
                + (category == .won ? "mark the opportunity as won instead" : "mark the opportunity as lost instead")
        case .alreadyInStage(let opportunity, let stage):
            return "Opportunity \(opportunity) is already in stage '\(stage)'"
        case .opportunityClosed(let opportunity, let outcome):
            return "Opportunity \(opportunity) is closed (\(outcome.rawValue)); reopen it before changing it"
        case .opportunityNotClosed(let opportunity):
            return "Opportunity \(opportunity) is still open; only a won or lost opportunity can be reopened"
        case .unknownLostReason(let code, let known):
            return "'\(code)' is not a lost reason; choose one of: \(known.joined(separator: ", "))"
        case .lostReasonNeedsNote(let code):
            return "The lost reason '\(code)' needs a note saying what happened"
        case .unknownLifecycleStage(let stage, let known):
            return "'\(stage)' is not a lifecycle stage; the stages are: \(known.joined(separator: ", "))"
        case .lifecycleMoveBackNotAllowed(let customer, let from, let to, let reason):
            return "Customer \(customer) cannot move back from \(from) to \(to): \(reason)"
        case .invalidTransition(let ref, let state, let action):
            return "\(ref.sentenceStart) is \(state); it cannot \(action)"
        case .possibleDuplicates(let candidates):
            let names = candidates.prefix(3).map { "\($0.recordId) (\($0.rule.rawValue))" }.joined(separator: ", ")
            return "This looks like a record we already have: \(names); merge or register anyway"
        case .currencyMismatch(let expected, let found):
            return "The amount is in \(found) but this record is in \(expected)"
        case .notAuthorized(let actor, let command, let reason):
            return "\(actor) may not \(command): \(reason)"
        case .concurrentModification(let stream, let attempts):
            return "Someone else changed \(stream) at the same time, \(attempts) times in a row; try again"
        case .unreadableHistory(let stream, let reason):
            return "The history of \(stream) cannot be read (\(reason)); contact your administrator"
        case .store(let error):
            return "The event store failed: \(error)"
        }
    }
}
