/// How a ``CRMStore`` stores personal data (``CRMOptions/personalData``): a choice the embedding service makes
/// explicitly, since nothing written in clear can be sealed or erased by shredding later.
public enum PersonalDataStorage: Sendable, Hashable {
    /// Sealed per data subject under the configuration's master key (``EventStoreConfiguration/masterKey``), which
    /// must be given; erasure destroys a subject's key.
    case sealed
    /// In clear, with no master key: for development and tests only. Erasure then only records the erasure.
    case inClear
}
