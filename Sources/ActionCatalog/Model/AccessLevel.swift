/// What an action does to the resources it touches, in the vocabulary of Alibaba's current RAM
/// authorization tables (older pages said Read/Write/List).
///
/// Reviewers use it to judge a grant at a glance: a policy that only needs `list`/`get` actions should
/// not carry `create`/`delete` ones.
public enum AccessLevel: String, Sendable, Hashable, CaseIterable, Codable {
    case list
    case get
    case create
    case update
    case delete
}
