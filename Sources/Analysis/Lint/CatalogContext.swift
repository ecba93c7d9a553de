import ActionCatalog
import RAMPolicy

/// The catalogue facts every document needs, computed once per linter run rather than per action.
struct CatalogContext {
    let catalog: ActionCatalog
    /// The catalogue's service code, lower-cased; empty when the catalogue could not be loaded.
    let service: String

    init(_ catalog: ActionCatalog) {
        self.catalog = catalog
        service = catalog.actions.isEmpty ? "" : Glob.fold(catalog.service)
    }

    /// True when `code` (any case) is the catalogue's service code; no copy of `code` is made.
    func covers(service code: Substring) -> Bool {
        guard !service.isEmpty, code.utf8.count == service.utf8.count else { return false }
        var mine = service.utf8.makeIterator()
        for b in code.utf8 where ASCIIFold.byte(b) != mine.next() { return false }
        return true
    }
}
