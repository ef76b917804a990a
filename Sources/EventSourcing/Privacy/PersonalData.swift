/// An event type whose payload holds personal data: the store seals the named fields for one data subject
/// before it hashes and writes the event, so that erasing the subject makes them unreadable everywhere.
///
/// ```swift
/// struct ContactAdded: PersonalData {
///     static let eventType = "ContactAdded"
///     static let personalFields = ["name", "emails", "address"]
///     var contactId: String
///     var name: String
///     var emails: [String]
///     var address: PostalAddress?
/// }
/// var configuration = EventStoreConfiguration()
/// configuration.personalData.register(ContactAdded.self)
/// configuration.masterKey = try MasterKey(contentsOfFile: "/run/secrets/rapport.key")
/// ```
///
/// The Swift type keeps plain `String` fields: sealing happens on the encoded ``PayloadValue``. Every text
/// inside a personal field (a string, the strings of an array, the text fields of a nested value, at any depth)
/// is replaced by a ``PayloadValue/sealed(_:)`` value; numbers, booleans, `null` and the field names stay in
/// clear. A field path may go into nested values with dots (`"changes.old"` seals `old` in every element of
/// the array `changes`).
///
/// When a sealed text cannot be opened it decodes as ``PersonalDataPolicy/erasedText`` (the subject was erased)
/// or ``PersonalDataPolicy/redactedText`` (the store was opened without the master key).
public protocol PersonalData: Event {
    /// The paths of the fields that hold personal data (top-level field names, or dotted paths into nested
    /// values).
    static var personalFields: [String] { get }
    /// Whose data it is: by default the stream the event is appended to.
    static var dataSubject: DataSubject { get }
}

extension PersonalData {
    /// The stream the event is appended to.
    public static var dataSubject: DataSubject { .stream }
}

/// How the data subject of a ``PersonalData`` event is found.
public enum DataSubject: Sendable, Hashable {
    /// The stream the event is appended to (`customer-42` is the subject of the customer's events).
    case stream
    /// The text of a top-level field of the payload (for example `"personId"`), which is never sealed.
    case field(String)
}

/// What personal fields that cannot be opened decode as.
public enum PersonalDataPolicy {
    /// The text of a sealed value whose subject was erased: `"[erased]"`.
    public static let erasedText = "[erased]"
    /// The text of a sealed value read without the master key (or whose key is not in this store):
    /// `"[redacted]"`.
    public static let redactedText = "[redacted]"
}
