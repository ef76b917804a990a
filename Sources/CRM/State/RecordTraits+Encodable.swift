extension RecordTraits: Encodable {
    private enum CodingKeys: String, CodingKey {
        case tags, customFields, absorbedInto, absorbingMergeEventID, activeMerges, revertedMerges, consent
        case erasureRequested, erased
    }

    /// Encodes the traits with sets sorted and merges keyed by their event id's text, so that the same traits
    /// always encode to the same value (for `rapport show` and field differences between states).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(tags.sorted(), forKey: .tags)
        try container.encode(customFields, forKey: .customFields)
        try container.encodeIfPresent(absorbedInto, forKey: .absorbedInto)
        try container.encodeIfPresent(absorbingMergeEventID?.description, forKey: .absorbingMergeEventID)
        let merges = Dictionary(uniqueKeysWithValues: activeMerges.map { ($0.key.description, $0.value) })
        try container.encode(merges, forKey: .activeMerges)
        try container.encode(revertedMerges.map(\.description).sorted(), forKey: .revertedMerges)
        try container.encode(consent, forKey: .consent)
        try container.encode(erasureRequested, forKey: .erasureRequested)
        try container.encode(erased, forKey: .erased)
    }
}
