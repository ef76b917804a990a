import CRM
import PropertyBased
import Testing

@Suite("Properties")
struct PropertyTests {
    private static let currency = Gen.oneOf(Gen.always("EUR"), Gen.always("JPY"), Gen.always("KWD"))
    private static let minorUnits = Gen.int64(in: -1_000_000_000_000...1_000_000_000_000)
    private static let word = Gen.character(in: "\u{20}"..."\u{24F}").string(of: 0...30)

    @Test func moneyTextRoundTripsExactly() async {
        await propertyCheck(count: 300, input: Self.minorUnits, Self.currency) { minor, currency in
            let money = Money(minorUnits: minor, currency: currency)
            #expect((try? Money(money.amountText, currency: currency)) == money)
        }
    }

    @Test func moneyArithmeticIsExact() async {
        await propertyCheck(count: 300, input: Self.minorUnits, Self.minorUnits) { a, b in
            let x = Money(minorUnits: a, currency: "EUR"), y = Money(minorUnits: b, currency: "EUR")
            #expect((try? x.adding(y).subtracting(y)) == x)
        }
    }

    @Test func nameSimilarityIsBetweenZeroAndOneAndOneForEqualNames() async {
        await propertyCheck(count: 300, input: Self.word, Self.word) { a, b in
            let score = NameSimilarity.jaroWinkler(a, b)
            #expect(score >= 0 && score <= 1.000_000_1)
            #expect(NameSimilarity.jaroWinkler(a, a) == 1)
        }
    }

    @Test func normalisationIsIdempotent() async {
        let normal = ContactNormalisation(defaultCountryCallingCode: "358")
        await propertyCheck(count: 300, input: Self.word, Self.word) { local, name in
            let address = local + "@gmail.com"
            #expect(normal.email(address).flatMap(normal.email) == normal.email(address))
            #expect(normal.name(name).flatMap(normal.name) == normal.name(name))
        }
    }
}

@Suite("E-mail normalisation edge cases")
struct EmailNormalisationEdgeTests {
    @Test(arguments: ["+news@gmail.com", ".@gmail.com", "..+x@googlemail.com"])
    func aGmailAddressWithNothingLeftOfItsNameIsNoAddress(address: String) {
        #expect(ContactNormalisation(defaultCountryCallingCode: "358").email(address) == nil)
    }
}
