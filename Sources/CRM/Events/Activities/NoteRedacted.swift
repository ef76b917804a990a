// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A note's text was redacted.
///
/// Stream: `note-<noteId>`. Schema version 1.
public struct NoteRedacted: Event, Hashable {
    /// The stable type name, `NoteRedacted`.
    public static let eventType = "NoteRedacted"
    /// The note.
    public var noteId: String
    /// Why.
    public var reason: String

    /// Creates the event from its fields.
    public init(noteId: String, reason: String) {
        self.noteId = noteId
        self.reason = reason
    }
}

extension NoteRedacted: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        noteId = try fields.string("noteId")
        reason = try fields.string("reason")
    }
}

extension NoteRedacted: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("noteId", noteId)
        try fields.string("reason", reason)
    }
}
