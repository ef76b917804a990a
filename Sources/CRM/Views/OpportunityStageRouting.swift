import EventSourcing

/// What the customer 360° view needs of an ``OpportunityStageChanged``: the opportunity and the id of the stage it
/// entered, without the stage's name, order and categories or the pipeline (what the pipeline view reads).
///
/// Stage changes are a fifth of the standard workload's events.
struct OpportunityStageRouting: EventExcerpt, Hashable {
    /// The opportunity's identifier.
    var opportunityId: String
    /// The id of the stage it entered.
    var stageId: String

    /// The routing of a whole event.
    init(_ event: OpportunityStageChanged) {
        (opportunityId, stageId) = (event.opportunityId, event.stage.stageId)
    }

    /// Reads the two fields from the event's payload, skipping the others.
    init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        opportunityId = try fields.string("opportunityId")
        stageId = try fields.decode(StageIdentity.self, "stage").stageId
    }

    /// The stage's id alone, read from the event's stage snapshot.
    private struct StageIdentity: BinaryPayloadDecodable {
        var stageId: String

        init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
            stageId = try fields.string("stageId")
        }
    }
}
