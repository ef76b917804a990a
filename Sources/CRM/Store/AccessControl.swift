/// Whether commands check that their actor is allowed to issue them.
public enum AccessControl: Sendable, Hashable {
    /// No checks: the actor is recorded, not checked (the default; for embedding behind an application that
    /// checks access itself).
    case off
    /// The actor must be an active registered user (``CRMStore/registerUser(id:name:email:roles:teamId:context:)``)
    /// with a role that may issue the command (``requiredRoles(for:)``). While no user is registered, only
    /// registering the first user is allowed, so that an administrator can be set up.
    case registeredUsers

    /// The roles that may issue `command` (by its name, the metadata key `command`), `nil` when any active user
    /// may. Which records each role reaches is its ``AccessScope`` (``RoleAccessPolicy``).
    public static func requiredRoles(for command: String) -> Set<UserRole>? {
        if administration.contains(command) || command.hasPrefix("define") { return [.administrator] }
        if dataQuality.contains(command) { return [.administrator, .salesManager, .serviceManager] }
        if command == "setQuota" { return [.administrator, .salesManager] }
        if marketing.contains(command) || command.hasPrefix("recordCampaign") || command.hasSuffix("Campaign") {
            return [.administrator, .marketer]
        }
        if leads.contains(command) { return [.administrator, .salesManager, .salesRepresentative, .marketer] }
        if service.contains(command) || command.hasSuffix("Ticket") || command.hasSuffix("Tickets") {
            return [.administrator, .serviceAgent, .serviceManager]
        }
        if auditable.contains(command) { return nil }
        if command == "recordPayment" { return [.administrator, .salesManager, .salesRepresentative] }
        if activities.contains(command) || command.hasPrefix("record") { return doers }
        return [.administrator, .salesManager, .salesRepresentative]
    }

    private static let doers: Set<UserRole> = Set(UserRole.allCases).subtracting([.auditor])
    private static let administration: Set<String> = [
        "retireCustomField", "registerUser", "deactivateUser", "grantUserRole", "revokeUserRole", "recordImportBatch",
        "confirmErasure",
    ]
    private static let dataQuality: Set<String> = ["mergeCustomers", "revertMerge", "dismissDuplicate"]
    private static let marketing: Set<String> = ["addCampaignMember", "removeCampaignMember", "moveCampaign"]
    private static let leads: Set<String> = ["captureLead", "qualifyLead", "disqualifyLead", "recycleLead", "changeLeadStatus"]
    private static let service: Set<String> = [
        "changeTicketPriority", "changeTicketStatus", "recordCustomerReply", "sendSurvey", "submitFeedback",
        "respondToTicket",
    ]
    private static let auditable: Set<String> = ["signIn", "signOut", "recordExport"]
    private static let activities: Set<String> = [
        "logInteraction", "addNote", "redactNote", "scheduleTask", "completeTask", "cancelTask", "reassignTask",
        "applyTag", "removeTag", "setCustomField", "requestErasure",
    ]
}
