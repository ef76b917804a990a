// `import CRM` is enough: the CRM's API is built from the event store's types (EventID, Timestamp,
// RecordedEvent, EventStoreError, Event), so they are re-exported.
@_exported public import EventSourcing
