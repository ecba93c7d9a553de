extension FindingsJSONWriter {
    /// The value of a SARIF run's `"results"`, for a key at nesting depth `depth`, written straight from the
    /// findings: byte for byte what Foundation's `JSONEncoder` writes for the ``SARIFLog/Result`` values
    /// ``SARIFReportEncoder`` builds from them (sorted keys; a test compares the two), without building
    /// 150,000 of those values first.
    ///
    /// - Parameters:
    ///   - ruleIndex: each code's index in `tool.driver.rules`.
    ///   - artifact: the artifact location of a file (looked up, not computed, per finding).
    func writeSARIFResults(findings: [FindingInfo], ruleIndex: [String: Int], depth: Int, to sink: any ReportSink,
                           artifact: @escaping @Sendable (String) -> SARIFLog.ArtifactLocation) {
        ChunkedArrayWriter(writer: self).array(findings, depth: depth, to: sink) { f, depth, out, cache in
            out.append(UInt8(ascii: "{"))
            var first = true
            let d = depth + 1
            if f.suppressed?.kind == "baseline" { key("baselineState", &first, d, &out); string("unchanged", &out) }
            key("level", &first, d, &out); string(SARIFReportEncoder.level(f.severity), &out)
            key("locations", &first, d, &out)
            out.append(UInt8(ascii: "["))
            separator(first: true, depth: d + 1, &out)
            // Related locations are mostly in the finding's own file: looked up once.
            let own = artifact(f.file)
            location(id: nil, path: f.path, message: nil, artifact: own,
                     region: SARIFReportEncoder.region(line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn),
                     depth: d + 1, &out)
            close(UInt8(ascii: "]"), depth: d, empty: false, &out)
            key("message", &first, d, &out); text(f.message, depth: d, &out)
            key("partialFingerprints", &first, d, &out)
            out.append(UInt8(ascii: "{"))
            separator(first: true, depth: d + 1, &out)
            string(SARIFReportEncoder.fingerprintKey, &out)
            if pretty { out.append(" : ") } else { out.append(UInt8(ascii: ":")) }
            string(f.fingerprint, &out)
            close(UInt8(ascii: "}"), depth: d, empty: false, &out)
            key("properties", &first, d, &out)
            out.append(UInt8(ascii: "{"))
            var inner = true
            key("remedy", &inner, d + 1, &out); cache.string(f.remedy, self, &out)
            key("severity", &inner, d + 1, &out); string(f.severity, &out)
            close(UInt8(ascii: "}"), depth: d, empty: inner, &out)
            if !f.related.isEmpty {
                key("relatedLocations", &first, d, &out)
                out.append(UInt8(ascii: "["))
                for (index, r) in f.related.enumerated() {
                    separator(first: index == 0, depth: d + 1, &out)
                    location(id: index + 1, path: r.path, message: r.message, artifact: r.file == f.file ? own : artifact(r.file),
                             region: SARIFReportEncoder.region(line: r.line, column: r.column, endLine: r.endLine, endColumn: r.endColumn),
                             depth: d + 1, &out)
                }
                close(UInt8(ascii: "]"), depth: d, empty: false, &out)
            }
            key("ruleId", &first, d, &out); string(f.code, &out)
            key("ruleIndex", &first, d, &out); int(ruleIndex[f.code] ?? 0, &out)
            if let s = f.suppressed {
                key("suppressions", &first, d, &out)
                out.append(UInt8(ascii: "["))
                separator(first: true, depth: d + 1, &out)
                out.append(UInt8(ascii: "{"))
                var first = true
                let e = d + 2
                key("justification", &first, e, &out); string(s.reason, &out)
                key("kind", &first, e, &out); string("external", &out)
                key("properties", &first, e, &out)
                out.append(UInt8(ascii: "{"))
                var inner = true
                key("ramguardKind", &inner, e + 1, &out); string(s.kind, &out)
                close(UInt8(ascii: "}"), depth: e, empty: inner, &out)
                key("status", &first, e, &out); string("accepted", &out)
                close(UInt8(ascii: "}"), depth: d + 1, empty: first, &out)
                close(UInt8(ascii: "]"), depth: d, empty: false, &out)
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

    /// A location with at most one logical location, the JSON path (none when empty), as the encoder
    /// builds them from findings.
    private func location(id: Int?, path: String, message: String?, artifact: SARIFLog.ArtifactLocation,
                          region: SARIFLog.Region?, depth: Int, _ out: inout JSONBytes) {
        location(id: id, logical: path.isEmpty ? nil : CollectionOfOne(path), message: message, artifact: artifact,
                 region: region, depth: depth, &out)
    }

    private func location<Names: Collection<String>>(id: Int?, logical: Names?, message: String?, artifact: SARIFLog.ArtifactLocation,
                                                     region: SARIFLog.Region?, depth: Int, _ out: inout JSONBytes) {
        out.append(UInt8(ascii: "{"))
        var first = true
        let d = depth + 1
        if let id { key("id", &first, d, &out); int(id, &out) }
        if let logical {
            key("logicalLocations", &first, d, &out)
            out.append(UInt8(ascii: "["))
            for (index, name) in logical.enumerated() {
                separator(first: index == 0, depth: d + 1, &out)
                out.append(UInt8(ascii: "{"))
                var inner = true
                key("fullyQualifiedName", &inner, d + 2, &out); string(name, &out)
                close(UInt8(ascii: "}"), depth: d + 1, empty: inner, &out)
            }
            close(UInt8(ascii: "]"), depth: d, empty: logical.isEmpty, &out)
        }
        if let message { key("message", &first, d, &out); text(message, depth: d, &out) }
        key("physicalLocation", &first, d, &out)
        out.append(UInt8(ascii: "{"))
        var p = true
        key("artifactLocation", &p, d + 1, &out)
        out.append(UInt8(ascii: "{"))
        var a = true
        key("uri", &a, d + 2, &out); string(artifact.uri, &out)
        if let v = artifact.uriBaseId { key("uriBaseId", &a, d + 2, &out); string(v, &out) }
        close(UInt8(ascii: "}"), depth: d + 1, empty: a, &out)
        if let region {
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
