#!/usr/bin/env python3
"""Generates the CRM catalogue types (Sources/CRM/Events/) and Documentation/EventCatalogue.md
from Scripts/catalogue.txt. Run from anywhere: `python3 Scripts/generate-catalogue.py`."""
import json
import os
import re
import shutil

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCE = os.path.join(ROOT, "Scripts", "catalogue.txt")
OUT = os.path.join(ROOT, "Sources", "CRM", "Events")
DOC = os.path.join(ROOT, "Documentation", "EventCatalogue.md")
DOC_INTRO = os.path.join(ROOT, "Scripts", "catalogue-intro.md")
DOC_COVERAGE = os.path.join(ROOT, "Scripts", "catalogue-coverage.md")
HEADER = "// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.\n"

# Examples of the hand-written value types.
BUILTIN_EXAMPLES = {"Money": {"currency": "EUR", "minorUnits": 4800000}}
# How the generated `init(binaryPayload:)` reads a field of each hand-written or standard type: the reader's name
# for a required field, for an optional one, and for an array (None: no array reader).
SCALAR_READERS = {
    "String": ("string(\"{key}\")", "stringIfPresent(\"{key}\")", "strings(\"{key}\")"),
    "Int": ("int(\"{key}\")", "intIfPresent(\"{key}\")", None),
    "Int64": ("int64(\"{key}\")", "int64IfPresent(\"{key}\")", None),
    "Bool": ("bool(\"{key}\")", "boolIfPresent(\"{key}\")", None),
    "Double": ("double(\"{key}\")", "doubleIfPresent(\"{key}\")", None),
    # Values stored as their text (LosslessStringConvertible), and timestamps.
    "LocalDate": ("text(LocalDate.self, \"{key}\")", "textIfPresent(LocalDate.self, \"{key}\")",
                  "texts(LocalDate.self, \"{key}\")"),
    "Timestamp": ("timestamp(\"{key}\")", "timestampIfPresent(\"{key}\")", None),
    # Objects with a hand-written BinaryPayloadDecodable conformance, or Codable-only values.
    "Money": ("decode(Money.self, \"{key}\")", "decodeIfPresent(Money.self, \"{key}\")",
              "array(of: Money.self, \"{key}\")"),
    "EventID": ("decode(EventID.self, \"{key}\")", "decodeIfPresent(EventID.self, \"{key}\")", None),
}


class Kind:
    def __init__(self, kind, name, doc, area, folder, version=1, stream=None):
        self.kind, self.name, self.doc, self.area, self.folder = kind, name, doc, area, folder
        self.version, self.stream = version, stream
        self.fields = []  # (name, type, example, doc)
        self.cases = []  # (name, doc)


def parse():
    items, area, folder, current = [], None, None, None
    for raw in open(SOURCE, encoding="utf-8"):
        line = raw.rstrip("\n")
        if not line.strip() or (line.startswith("#") and not line.startswith("## ")):
            continue
        if line.startswith("## "):
            area, folder = [part.strip() for part in line[3:].split("|")]
            continue
        if line.startswith("- "):
            body, doc = line[2:].split(" | ", 1)
            if current.kind == "enum":
                current.cases.append((body.strip(), doc.strip()))
            else:
                match = re.match(r"(\w+): ([^=]+?) = (.*)$", body)
                if not match:
                    raise SystemExit(f"cannot read field line: {line}")
                current.fields.append((match.group(1), match.group(2).strip(), match.group(3).strip(), doc.strip()))
            continue
        head, doc = line.split(" | ", 1)
        words = head.split()
        if words[0] == "event":
            stream = head.split("@", 1)[1].strip()
            current = Kind("event", words[1], doc, area, folder, int(words[2][1:]), stream)
        else:
            current = Kind(words[0], words[1], doc, area, folder)
        items.append(current)
    return items


def example_of(type_name, literal, by_name):
    base = type_name.rstrip("?")
    if literal == "null":
        return None
    if literal == "*":
        return type_example(base, by_name)
    if literal == "[*]":
        return [type_example(base[1:-1], by_name)]
    return json.loads(literal)


def type_example(name, by_name):
    if name in BUILTIN_EXAMPLES:
        return BUILTIN_EXAMPLES[name]
    item = by_name[name]
    if item.kind == "enum":
        return item.cases[0][0]
    result = {}
    for field, type_name, literal, _ in item.fields:
        value = example_of(type_name, literal, by_name)
        if value is not None:
            result[field] = value
    return result


def is_personal(field_doc):
    return field_doc.startswith("🔒")


def personal_paths(item, by_name, prefix=""):
    """The dotted paths of the personal fields of `item`: a 🔒 field whole, and the 🔒 fields of a struct-typed
    field."""
    paths = []
    for field, type_name, _, field_doc in item.fields:
        path = prefix + field
        if is_personal(field_doc):
            paths.append(path)
            continue
        base = type_name.strip("[]?")
        nested = by_name.get(base)
        if nested is not None and nested.kind == "struct" and nested is not item:
            paths.extend(personal_paths(nested, by_name, path + "."))
    return paths


def field_reader(type_name, by_name):
    """The `BinaryPayloadFields` call that reads a field of type `type_name` (with `{key}` for its name)."""
    optional = type_name.endswith("?")
    base = type_name.rstrip("?")
    if base.startswith("["):
        if optional:
            raise SystemExit(f"optional arrays have no binary reader: {type_name}")
        element = base[1:-1]
        if element in SCALAR_READERS:
            reader = SCALAR_READERS[element][2]
            if reader is None:
                raise SystemExit(f"no binary reader for arrays of {element}")
            return reader
        kind = by_name[element].kind
        return f"values({element}.self, \"{{key}}\")" if kind == "enum" else f"array(of: {element}.self, \"{{key}}\")"
    if base in SCALAR_READERS:
        return SCALAR_READERS[base][1 if optional else 0]
    kind = by_name[base].kind
    if kind == "enum":
        return f"value{'IfPresent' if optional else ''}({base}.self, \"{{key}}\")"
    return f"decode{'IfPresent' if optional else ''}({base}.self, \"{{key}}\")"

# How the generated `encode(binaryPayload:)` writes a field of each hand-written or standard type: the writer's
# name for a required field, for an optional one, and for an array (None: no array writer).
SCALAR_WRITERS = {
    "String": ("string", "stringIfPresent", "strings"),
    "Int": ("int", "intIfPresent", "ints"),
    "Int64": ("int64", "int64IfPresent", None),
    "Bool": ("bool", "boolIfPresent", None),
    "Double": ("double", "doubleIfPresent", None),
    "LocalDate": ("text", "textIfPresent", "texts"),
    "Timestamp": ("timestamp", "timestampIfPresent", None),
    # Money has a hand-written BinaryPayloadEncodable conformance; EventID is written through Codable.
    "Money": ("encode", "encodeIfPresent", "array"),
    "EventID": ("encode", "encodeIfPresent", None),
}


def field_writer(type_name, by_name):
    """The `BinaryPayloadFieldWriter` method that writes a field of type `type_name`."""
    optional = type_name.endswith("?")
    base = type_name.rstrip("?")
    if base.startswith("["):
        element = base[1:-1]
        if element in SCALAR_WRITERS:
            writer = SCALAR_WRITERS[element][2]
            if writer is None:
                raise SystemExit(f"no binary writer for arrays of {element}")
            return writer
        return "values" if by_name[element].kind == "enum" else "array"
    if base in SCALAR_WRITERS:
        return SCALAR_WRITERS[base][1 if optional else 0]
    if by_name[base].kind == "enum":
        return "valueIfPresent" if optional else "value"
    return "encodeIfPresent" if optional else "encode"


def binary_encoder(item, by_name):
    """The extension that writes the type straight into the binary payload format (see BinaryPayloadEncodable)."""
    lines = ["", f"extension {item.name}: BinaryPayloadEncodable {{"]
    lines.append("    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).")
    lines.append("    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {")
    for field, type_name, _, _ in item.fields:
        lines.append(f"        try fields.{field_writer(type_name, by_name)}(\"{field}\", {field})")
    lines.append("    }")
    lines.append("}")
    return lines


def binary_initialiser(item, by_name):
    """The extension that reads the type straight from the binary payload format (see BinaryPayloadDecodable)."""
    lines = ["", f"extension {item.name}: BinaryPayloadDecodable {{"]
    lines.append("    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).")
    lines.append("    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {")
    for field, type_name, _, _ in item.fields:
        reader = field_reader(type_name, by_name).replace("{key}", field)
        lines.append(f"        {field} = try fields.{reader}")
    lines.append("    }")
    lines.append("}")
    return lines


def swift(item, by_name):
    lines = [HEADER]
    if item.kind != "enum":
        lines.append("public import EventSourcing\n")
    doc = item.doc.replace("🔒", "(personal data)")
    lines.append(f"/// {doc}")
    if item.kind == "enum":
        lines.append(f"public enum {item.name}: String, Codable, Sendable, Hashable, CaseIterable {{")
        for case, case_doc in item.cases:
            lines.append(f"    /// {case_doc}")
            lines.append(f"    case {case}")
        lines.append("}")
        return "\n".join(lines) + "\n"
    if item.kind == "event":
        lines.append("///")
        lines.append(f"/// Stream: `{item.stream}`. Schema version {item.version}.")
        paths = personal_paths(item, by_name)
        conformance = "PersonalData" if paths else "Event"
        lines.append(f"public struct {item.name}: {conformance}, Hashable {{")
        lines.append(f"    /// The stable type name, `{item.name}`.")
        lines.append(f"    public static let eventType = \"{item.name}\"")
        if paths:
            listed = ", ".join(f'"{path}"' for path in paths)
            lines.append("    /// The fields sealed for the data subject (the event's stream).")
            lines.append(f"    public static let personalFields = [{listed}]")
        if item.version != 1:
            lines.append(f"    /// The payload's schema version.")
            lines.append(f"    public static let schemaVersion: UInt32 = {item.version}")
    else:
        lines.append(f"public struct {item.name}: Codable, Sendable, Hashable {{")
    parameters, assignments = [], []
    for field, type_name, _, field_doc in item.fields:
        marker = " (personal data)" if "🔒" in field_doc else ""
        lines.append(f"    /// {field_doc.replace('🔒 ', '')}{marker}")
        lines.append(f"    public var {field}: {type_name}")
        default = " = nil" if type_name.endswith("?") else ""
        parameters.append(f"{field}: {type_name}{default}")
        assignments.append(f"        self.{field} = {field}")
    noun = "event" if item.kind == "event" else "value"
    lines.append("")
    lines.append(f"    /// Creates the {noun} from its fields.")
    signature = f"    public init({', '.join(parameters)}) {{"
    if len(signature) > 120:
        lines.append("    public init(")
        lines.append(",\n".join(f"        {parameter}" for parameter in parameters))
        lines.append("    ) {")
    else:
        lines.append(signature)
    lines.extend(assignments)
    lines.append("    }")
    lines.append("}")
    lines.extend(binary_initialiser(item, by_name))
    lines.extend(binary_encoder(item, by_name))
    return "\n".join(lines) + "\n"


def catalogue_swift(events):
    lines = [HEADER, "public import EventSourcing\n"]
    lines.append("/// Every event type of the CRM domain, in the order of `Documentation/EventCatalogue.md`.")
    lines.append("public enum EventCatalogue {")
    lines.append("    /// The event types, in catalogue order.")
    lines.append("    public static var eventTypes: [any Event.Type] {")
    lines.append("        [")
    for item in events:
        lines.append(f"            {item.name}.self,")
    lines.append("        ]")
    lines.append("    }")
    lines.append("}")
    return "\n".join(lines) + "\n"


def markdown_type(type_name):
    return f"`{type_name}`"


def markdown(items, by_name):
    out = [open(DOC_INTRO, encoding="utf-8").read().rstrip() + "\n"]
    areas = []
    for item in items:
        if item.area not in areas:
            areas.append(item.area)
    out.append("## Contents\n")
    for area in areas:
        names = [i.name for i in items if i.area == area and i.kind == "event"]
        anchor = re.sub(r"[^a-z0-9 -]", "", area.lower()).replace(" ", "-")
        line = f"- [{area}](#{anchor})"
        if names:
            line += ": " + ", ".join(names)
        out.append(line)
    out.append("")
    for area in areas:
        out.append(f"## {area}\n")
        values = [i for i in items if i.area == area and i.kind != "event"]
        if values:
            out.append("### Values\n")
            for item in values:
                if item.kind == "enum":
                    cases = "; ".join(f"`{c}`: {d.rstrip('.')}" for c, d in item.cases)
                    out.append(f"- **`{item.name}`** (text): {item.doc} {cases}.")
                else:
                    fields = "; ".join(f"`{f}` ({markdown_type(t)}): {d.rstrip('.')}" for f, t, _, d in item.fields)
                    out.append(f"- **`{item.name}`** (object): {item.doc} Fields: {fields}.")
            out.append("")
        for item in (i for i in items if i.area == area and i.kind == "event"):
            out.append(f"### {item.name}\n")
            out.append(f"{item.doc}\n")
            out.append(f"Stream `{item.stream}` · schema version {item.version}\n")
            out.append("| field | type | meaning |")
            out.append("| --- | --- | --- |")
            for field, type_name, _, field_doc in item.fields:
                optional = " (optional)" if type_name.endswith("?") else ""
                out.append(f"| `{field}` | {markdown_type(type_name.rstrip('?'))}{optional} | {field_doc} |")
            out.append("")
            out.append("```json")
            out.append(json.dumps(type_example(item.name, by_name), indent=2, sort_keys=True, ensure_ascii=False))
            out.append("```\n")
    out.append(open(DOC_COVERAGE, encoding="utf-8").read().rstrip() + "\n")
    return re.sub(r"(?<!`)``(?!`)", "`", "\n".join(out))


def main():
    items = parse()
    by_name = {item.name: item for item in items}
    if len(by_name) != len(items):
        raise SystemExit("a type name is used twice")
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    for item in items:
        folder = os.path.join(OUT, item.folder)
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, item.name + ".swift"), "w", encoding="utf-8") as file:
            file.write(swift(item, by_name))
    events = [item for item in items if item.kind == "event"]
    with open(os.path.join(OUT, "EventCatalogue.swift"), "w", encoding="utf-8") as file:
        file.write(catalogue_swift(events))
    with open(DOC, "w", encoding="utf-8") as file:
        file.write(markdown(items, by_name))
    print(f"{len(events)} events, {len(items) - len(events)} value types")


main()
