// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A note was added to records.
///
/// Stream: `note-<noteId>`. Schema version 1.
public struct NoteAdded: PersonalData, Hashable {
    /// The stable type name, `NoteAdded`.
    public static let eventType = "NoteAdded"
    /// The fields sealed for the data subject (the event's stream).
    public static let personalFields = ["body"]
    /// The note's identifier.
    public var noteId: String
    /// The records it is about.
    public var subjects: [EntityRef]
    /// The text. (personal data)
    public var body: String

    /// Creates the event from its fields.
    public init(noteId: String, subjects: [EntityRef], body: String) {
        self.noteId = noteId
        self.subjects = subjects
        self.body = body
    }
}

extension NoteAdded: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        noteId = try fields.string("noteId")
        subjects = try fields.array(of: EntityRef.self, "subjects")
        body = try fields.string("body")
    }
}

extension NoteAdded: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("noteId", noteId)
        try fields.array("subjects", subjects)
        try fields.string("body", body)
    }
}
