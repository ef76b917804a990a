public import EventSourcing

/// A pipeline as currently configured: its latest ``PipelineDefined`` or ``PipelineRevised`` event.
public struct PipelineDefinition: AggregateState, Hashable {
    /// The stream category, `pipeline`.
    public static var category: String { "pipeline" }
    /// The pipeline's identifier.
    public let id: String
    /// The stream's version.
    public private(set) var version: UInt64 = 0
    /// The definition's version (1 for the first).
    public private(set) var definitionVersion = 0
    /// The pipeline's name.
    public private(set) var name = ""
    /// The stages, sorted by their order.
    public private(set) var stages: [PipelineStage] = []

    /// An undefined pipeline.
    public init(id: String) { self.id = id }

    /// Folds a definition or revision.
    public mutating func apply(_ event: RecordedEvent) throws(EventStoreError) {
        version = event.streamVersion
        switch event.type {
        case PipelineDefined.eventType:
            let defined = try event.decode(PipelineDefined.self)
            (definitionVersion, name, stages) = (defined.version, defined.name, defined.stages.sorted { $0.order < $1.order })
        case PipelineRevised.eventType:
            let revised = try event.decode(PipelineRevised.self)
            (definitionVersion, name, stages) = (revised.version, revised.name, revised.stages.sorted { $0.order < $1.order })
        default: break
        }
    }

    /// The stage `stageId`.
    /// - Throws: ``CRMError/unknownStage(pipelineId:stageId:)``.
    public func stage(_ stageId: String) throws(CRMError) -> PipelineStage {
        guard let stage = stages.first(where: { $0.stageId == stageId }) else {
            throw .unknownStage(pipelineId: id, stageId: stageId)
        }
        return stage
    }

    /// The open stage `stageId`.
    /// - Throws: ``CRMError/unknownStage(pipelineId:stageId:)``, ``CRMError/stageNotOpen(pipelineId:stageId:category:)``.
    public func openStage(_ stageId: String) throws(CRMError) -> PipelineStage {
        let stage = try stage(stageId)
        guard stage.category == .open else {
            throw .stageNotOpen(pipelineId: id, stageId: stageId, category: stage.category)
        }
        return stage
    }

    /// The first stage of `category` (the won or the lost stage).
    /// - Throws: ``CRMError/notConfigured(_:)`` when the pipeline has none.
    public func firstStage(_ category: StageCategory) throws(CRMError) -> PipelineStage {
        guard let stage = stages.first(where: { $0.category == category }) else {
            throw .notConfigured("A \(category.rawValue) stage in pipeline \(id)")
        }
        return stage
    }

    /// Checks a set of stages: at least one of each category, unique ids and orders, probabilities 0 to 100.
    /// - Throws: ``CRMError/invalidInput(field:reason:)``.
    static func validate(_ stages: [PipelineStage]) throws(CRMError) {
        for category in StageCategory.allCases where !stages.contains(where: { $0.category == category }) {
            throw .invalidInput(field: "pipeline stages", reason: "a pipeline needs at least one \(category.rawValue) stage")
        }
        guard Set(stages.map(\.stageId)).count == stages.count, Set(stages.map(\.order)).count == stages.count else {
            throw .invalidInput(field: "pipeline stages", reason: "two stages have the same id or the same order")
        }
        for stage in stages {
            _ = try Validate.identifier(stage.stageId, field: "stage id")
            _ = try Validate.text(stage.name, field: "stage name")
            _ = try Validate.number(stage.defaultProbability, in: 0...100, field: "probability of stage \(stage.stageId)")
        }
    }
}

extension PipelineStage {
    /// What the stage means now, for an event to carry.
    public var snapshot: StageSnapshot {
        StageSnapshot(
            stageId: stageId, name: name, order: order, probability: defaultProbability, category: category,
            forecastCategory: forecastCategory)
    }
}
