extension FindingsJSONWriter {
    /// The value of a SARIF run's `"results"`, for a key at nesting depth `depth`, byte for byte as
    /// Foundation's `JSONEncoder` writes ``SARIFLog/Result`` (sorted keys; a test compares the two).
    func writeSARIFResults(_ results: [SARIFLog.Result], depth: Int, to sink: any ReportSink) {
        ChunkedArrayWriter(writer: self).array(results, depth: depth, to: sink) { r, depth, out in
            out.append(UInt8(ascii: "{"))
            var first = true
            let d = depth + 1
            if let v = r.baselineState { key("baselineState", &first, d, &out); string(v, &out) }
            key("level", &first, d, &out); string(r.level, &out)
            key("locations", &first, d, &out)
            array(r.locations, depth: d, &out) { l, depth, out in location(l, depth: depth, &out) }
            key("message", &first, d, &out); text(r.message.text, depth: d, &out)
            key("partialFingerprints", &first, d, &out)
            out.append(UInt8(ascii: "{"))
            var inner = true
            for (k, v) in r.partialFingerprints.sorted(by: { $0.key < $1.key }) {
                separator(first: inner, depth: d + 1, &out)
                inner = false
                string(k, &out)
                if pretty { out.append(" : ") } else { out.append(UInt8(ascii: ":")) }
                string(v, &out)
            }
            close(UInt8(ascii: "}"), depth: d, empty: inner, &out)
            key("properties", &first, d, &out)
            out.append(UInt8(ascii: "{"))
            inner = true
            key("remedy", &inner, d + 1, &out); string(r.properties.remedy, &out)
            key("severity", &inner, d + 1, &out); string(r.properties.severity, &out)
            close(UInt8(ascii: "}"), depth: d, empty: inner, &out)
            if let related = r.relatedLocations {
                key("relatedLocations", &first, d, &out)
                array(related, depth: d, &out) { l, depth, out in location(l, depth: depth, &out) }
            }
            key("ruleId", &first, d, &out); string(r.ruleId, &out)
            key("ruleIndex", &first, d, &out); int(r.ruleIndex, &out)
            if let suppressions = r.suppressions {
                key("suppressions", &first, d, &out)
                array(suppressions, depth: d, &out) { s, depth, out in
                    out.append(UInt8(ascii: "{"))
                    var first = true
                    let d = depth + 1
                    key("justification", &first, d, &out); string(s.justification, &out)
                    key("kind", &first, d, &out); string(s.kind, &out)
                    key("properties", &first, d, &out)
                    out.append(UInt8(ascii: "{"))
                    var inner = true
                    key("ramguardKind", &inner, d + 1, &out); string(s.properties.ramguardKind, &out)
                    close(UInt8(ascii: "}"), depth: d, empty: inner, &out)
                    key("status", &first, d, &out); string(s.status, &out)
                    close(UInt8(ascii: "}"), depth: depth, empty: first, &out)
                }
            }
            close(UInt8(ascii: "}"), depth: depth, empty: first, &out)
        }
    }

    /// `{"text" : …}` at `depth`.
    private func text(_ value: String, depth: Int, _ out: inout JSONBytes) {
        out.append(UInt8(ascii: "{"))
        var first = true
        key("text", &first, depth + 1, &out); string(value, &out)
        close(UInt8(ascii: "}"), depth: depth, empty: first, &out)
    }

    private func location(_ l: SARIFLog.Location, depth: Int, _ out: inout JSONBytes) {
        out.append(UInt8(ascii: "{"))
        var first = true
        let d = depth + 1
        if let v = l.id { key("id", &first, d, &out); int(v, &out) }
        if let logical = l.logicalLocations {
            key("logicalLocations", &first, d, &out)
            array(logical, depth: d, &out) { ll, depth, out in
                out.append(UInt8(ascii: "{"))
                var first = true
                key("fullyQualifiedName", &first, depth + 1, &out); string(ll.fullyQualifiedName, &out)
                close(UInt8(ascii: "}"), depth: depth, empty: first, &out)
            }
        }
        if let m = l.message { key("message", &first, d, &out); text(m.text, depth: d, &out) }
        key("physicalLocation", &first, d, &out)
        out.append(UInt8(ascii: "{"))
        var p = true
        key("artifactLocation", &p, d + 1, &out)
        out.append(UInt8(ascii: "{"))
        var a = true
        key("uri", &a, d + 2, &out); string(l.physicalLocation.artifactLocation.uri, &out)
        if let v = l.physicalLocation.artifactLocation.uriBaseId { key("uriBaseId", &a, d + 2, &out); string(v, &out) }
        close(UInt8(ascii: "}"), depth: d + 1, empty: a, &out)
        if let region = l.physicalLocation.region {
            key("region", &p, d + 1, &out)
            out.append(UInt8(ascii: "{"))
            var g = true
            if let v = region.endColumn { key("endColumn", &g, d + 2, &out); int(v, &out) }
            if let v = region.endLine { key("endLine", &g, d + 2, &out); int(v, &out) }
            if let v = region.startColumn { key("startColumn", &g, d + 2, &out); int(v, &out) }
            key("startLine", &g, d + 2, &out); int(region.startLine, &out)
            close(UInt8(ascii: "}"), depth: d + 1, empty: g, &out)
        }
        close(UInt8(ascii: "}"), depth: d, empty: p, &out)
        close(UInt8(ascii: "}"), depth: depth, empty: first, &out)
    }
}
