/// What every view of one read shares: the store's upcasters, the opener of sealed personal data and, when the
/// projection runner feeds each record to several projections, the decode they share.
///
/// One is made per read (a snapshot's walk, a projection batch's pass over the log) and kept alive by that read
/// for as long as its views exist. A ``RecordView`` points to it without counting the reference: a view is valid
/// only inside the read that produced it anyway (its bytes live in the read's transaction), and copying a view
/// (once per projection per record, in a rebuild) then costs no reference counting at all.
@usableFromInline
final class RecordContext {
    /// The upcasters typed decodes apply to payloads of older schema versions.
    let upcasters: EventUpcasters
    /// Whether any upcaster is registered (read on every typed decode).
    @usableFromInline let hasUpcasters: Bool
    /// Opens sealed personal data in the read's transaction (a record parsed on its own has no context, and so none).
    let opener: PayloadOpener
    /// The payload decoded by an earlier projection fed the same record, and its type name made once.
    @usableFromInline let sharedDecode: SharedDecode?

    /// A context for one read.
    init(upcasters: EventUpcasters, opener: PayloadOpener, sharedDecode: SharedDecode? = nil) {
        self.upcasters = upcasters
        hasUpcasters = !upcasters.isEmpty
        self.opener = opener
        self.sharedDecode = sharedDecode
    }
}
