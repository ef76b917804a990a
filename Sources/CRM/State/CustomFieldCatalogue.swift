import EventSourcing

/// The custom fields defined (stream `config-customfields`).
public struct CustomFieldCatalogue: Sendable, Hashable {
    /// The fields in force, by entity kind and key.
    public private(set) var fields: [EntityKind: [String: CustomFieldDefined]] = [:]
    /// The fields retired, by entity kind.
    public private(set) var retired: [EntityKind: Set<String>] = [:]
    /// The stream's version.
    public private(set) var version: UInt64 = 0

    /// No fields.
    public init() {}

    /// Folds a definition or retirement.
    mutating func apply(_ event: RecordedEvent) throws(EventStoreError) {
        version = event.streamVersion
        switch event.type {
        case CustomFieldDefined.eventType:
            let defined = try event.decode(CustomFieldDefined.self)
            fields[defined.entityKind, default: [:]][defined.fieldKey] = defined
            retired[defined.entityKind]?.remove(defined.fieldKey)
        case CustomFieldRetired.eventType:
            let retiredField = try event.decode(CustomFieldRetired.self)
            fields[retiredField.entityKind]?.removeValue(forKey: retiredField.fieldKey)
            retired[retiredField.entityKind, default: []].insert(retiredField.fieldKey)
        default: break
        }
    }

    /// Checks `value` against the field's type.
    /// - Throws: ``CRMError/notConfigured(_:)`` for an unknown or retired field, ``CRMError/invalidInput(field:reason:)``.
    func check(_ value: String, field key: String, of kind: EntityKind) throws(CRMError) {
        guard let field = fields[kind]?[key] else { throw .notConfigured("A custom field '\(key)' for \(kind.rawValue)s") }
        let ok: Bool
        switch field.dataType {
        case .text: ok = value.count <= Validate.textLimit
        case .integer: ok = Int64(value) != nil
        case .decimal:
            let parts = (value.hasPrefix("-") ? value.dropFirst() : Substring(value)).split(
                separator: ".", omittingEmptySubsequences: false)
            ok = (1...2).contains(parts.count) && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }
        case .date: ok = LocalDate(value) != nil
        case .boolean: ok = value == "true" || value == "false"
        case .choice: ok = field.options.contains(value)
        }
        guard ok else {
            let article = "aeiou".contains(field.dataType.rawValue.prefix(1)) ? "an" : "a"
            let expected =
                field.dataType == .choice
                ? "one of \(field.options.joined(separator: ", "))" : "\(article) \(field.dataType.rawValue)"
            throw .invalidInput(field: "custom field \(key)", reason: "'\(value)' is not \(expected)")
        }
    }
}
