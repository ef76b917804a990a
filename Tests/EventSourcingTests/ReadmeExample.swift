import EventSourcing

struct CustomerRegistered: Event {
    static let eventType = "CustomerRegistered"
    var name: String
    var email: String
}

func registerAndReadBack(storeAt path: String) async throws -> [CustomerRegistered] {
    let store = try EventStore(path: path)
    defer { store.close() }
    let customer = try StreamName("customer-42")
    let registered = try NewEvent(CustomerRegistered(name: "Ada", email: "ada@example.com"), actor: "user-7")
    try await store.append([registered], to: customer, expecting: .noStream)
    return try await store.readStream(customer).map { try $0.decode(CustomerRegistered.self) }
}
