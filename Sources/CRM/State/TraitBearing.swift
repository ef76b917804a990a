/// A record state that carries ``RecordTraits`` (tags, custom fields, merges, consent, erasure).
public protocol TraitBearing: EntityState {
    /// The record's traits.
    var traits: RecordTraits { get }
}

extension CustomerState: TraitBearing {}
extension ContactState: TraitBearing {}
extension LeadState: TraitBearing {}
extension OpportunityState: TraitBearing {}
extension TicketState: TraitBearing {}
extension CampaignState: TraitBearing {}
extension ContractState: TraitBearing {}
extension OrderState: TraitBearing {}
