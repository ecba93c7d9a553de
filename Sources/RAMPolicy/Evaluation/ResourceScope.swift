/// Tells which actions have no resource-level permission ("All Resources"), so that RAM evaluates
/// the resource `*` for them whatever resource the caller names.
///
/// The engine ships a rule for services that authorize per operation only (VOD's RAM granularity is
/// OPERATION); the action catalogue can supply a finer table later.
public protocol ResourceScope: Sendable {
    func isAllResources(action: String) -> Bool
}

/// Every action of the listed service codes is an All-Resources action.
public struct OperationGranularServices: ResourceScope {
    public var serviceCodes: Set<String>

    public init(serviceCodes: Set<String> = ["vod"]) {
        self.serviceCodes = Set(serviceCodes.map(Glob.fold))
    }

    public func isAllResources(action: String) -> Bool {
        guard let code = ActionName.serviceCode(of: action) else { return false }
        return serviceCodes.contains(Glob.fold(String(code)))
    }
}
