import RAMPolicy

/// The request contexts in which the layers allow one action, as the engine combines them: every
/// layer in force must have an applying Allow, and no Deny of any layer may apply.
///
/// allowed = ⋂ over layers (⋃ Allow boxes of the layer) − ⋃ Deny boxes.
struct AccessRegion: Sendable {
    struct Part: Sendable {
        let match: StatementMatch
        let box: Box
    }

    /// Allow statements by layer in force (control, session, identity), with their boxes.
    let allows: [(layer: PolicyLayer, parts: [Part])]
    let denies: [Part]
    /// Before Deny statements: where every layer has an applying Allow.
    let granted: Region
    /// The answer: where the engine allows.
    let allowed: Region

    enum Failure: Error {
        case undecidable
        case tooLarge
    }

    init(layers: [(layer: PolicyLayer, statements: [StatementMatch])], space: ConditionSpace) throws(Failure) {
        var allows: [(PolicyLayer, [Part])] = []
        var denies: [Part] = []
        for (layer, statements) in layers {
            var parts: [Part] = []
            for m in statements {
                guard let b = space.box(m) else { throw .undecidable }
                if m.statement.effect == .deny { denies.append(Part(match: m, box: b)) } else { parts.append(Part(match: m, box: b)) }
            }
            allows.append((layer, parts))
        }
        self.allows = allows
        self.denies = denies
        do throws(RegionTooLarge) {
            var granted = Region.universe
            for (_, parts) in allows {
                granted = try granted.intersection(Region(parts.map(\.box)).simplified())
            }
            self.granted = granted
            var allowed = granted
            for d in denies where !allowed.isEmpty { allowed = try allowed.subtracting(d.box) }
            self.allowed = allowed
        } catch {
            throw .tooLarge
        }
    }

    /// Deny statements that remove some context from `granted`.
    var carvingDenies: [Part] { denies.filter { granted.intersects($0.box) } }

    /// Allow statements (any layer) that apply in some allowed context.
    var grantingAllows: [StatementMatch] {
        // One array, without a filtered copy of each layer's parts.
        var out: [StatementMatch] = []
        for layer in allows {
            for part in layer.parts where allowed.intersects(part.box) { out.append(part.match) }
        }
        return out
    }
}
