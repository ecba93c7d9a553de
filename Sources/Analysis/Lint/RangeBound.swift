/// One end of an interval admitted by Numeric or Date conditions, and the condition that set it.
struct RangeBound<T: Comparable> {
    var value: T
    var open: Bool
    var index: Int
}
