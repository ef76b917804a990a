import CRM
import Foundation
import PropertyBased
import Testing

@Suite("CSV table (RFC 4180)")
struct CSVTableTests {
    @Test func quotedFieldsHoldSeparatorsLineBreaksAndQuotes() throws {
        let table = try CSVTable(text: "\u{FEFF}id, name ,note\r\n1,\"Initech, Oy\",\"say \"\"hi\"\"\"\r\n\r\n2,Globex,\"two\r\nlines\"\n3,,")
        #expect(table.header == ["id", "name", "note"])
        #expect(table.rows == [["1", "Initech, Oy", "say \"hi\""], ["2", "Globex", "two\r\nlines"], ["3", "", ""]])
        #expect(table.lines == [2, 4, 6])
        #expect(try CSVTable(text: "a;b\nx;\"y;z\"\n", separator: ";").rows == [["x", "y;z"]])
    }

    @Test func malformedFilesNameTheirLine() {
        let cases: [(String, Int, String)] = [
            ("a,b\n1,2\n3\n", 3, "the record has 1 fields; the header has 2"),
            ("a,b\n1,x\"y\n", 2, "a quote inside an unquoted field"),
            ("a,b\n1,\"x\"y\n", 2, "a closing quote must be followed by a comma"),
            ("a,b\n1,\"open\n2,3\n", 2, "a quoted field is not closed"),
            ("a,a\n", 1, "the column \"a\" appears twice"),
            ("a,\n", 1, "a column of the header has no name"),
            ("", 1, "the file has no header row"),
        ]
        for (text, line, reason) in cases {
            #expect {
                try CSVTable(text: text)
            } throws: { error in
                guard case .malformed(let found, let message) = error as? CSVImportError else { return false }
                return found == line && message.hasPrefix(reason)
            }
        }
    }

    /// Fields written by the RFC's rules (quoted when they hold a comma, quote or line break) read back exactly.
    @Test func writtenTablesReadBack() async {
        let cell = Gen.oneOf(
            Gen.character(in: " "..."~").string(of: 0...12), Gen.always("a,b"), Gen.always("\"q\""), Gen.always("x\r\ny"),
            Gen.always("ä€😀"))
        await propertyCheck(count: 200, input: cell.array(of: 3...3).array(of: 1...6)) { rows in await recordingErrors {
            func write(_ field: String) -> String {
                field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
                    ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
            }
            // A row of empty fields is written quoted, so that it is not a blank line.
            let text = (["h1,h2,h3"] + rows.map { row in
                row.allSatisfy(\.isEmpty) ? "\"\",\"\",\"\"" : row.map(write).joined(separator: ",")
            }).joined(separator: "\r\n")
            do {
                let table = try CSVTable(text: text)
                #expect(table.rows == rows)
            } catch {
                Issue.record("\(error) for \(text.debugDescription)")
            }
        } }
    }
}
