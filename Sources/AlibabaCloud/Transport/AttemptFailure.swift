/// Why an attempt did not succeed: the service's error answer, or the transport's failure.
public enum AttemptFailure: Sendable, Hashable, CustomStringConvertible {
    case service(ServiceError)
    case transport(TransportError)

    public var serviceError: ServiceError? {
        if case .service(let error) = self { return error }
        return nil
    }

    public var transportError: TransportError? {
        if case .transport(let error) = self { return error }
        return nil
    }

    public var description: String {
        switch self {
        case .service(let error): "\(error)"
        case .transport(let error): "\(error)"
        }
    }
}
