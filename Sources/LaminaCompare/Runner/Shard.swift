/// A slice of a study: every `count`-th run starting at `index` (0-based), written `i/n`.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    /// 0-based shard index, less than ``count``.
    public let index: Int
    /// Number of shards.
    public let count: Int

    /// The whole study.
    public static let whole = Shard(index: 0, count: 1)

    /// Creates a shard; `index` must be in `0..<count`.
    public init(index: Int, count: Int) {
        precondition(count >= 1 && index >= 0 && index < count, "shard index must be in 0..<count")
        self.index = index
        self.count = count
    }

    /// Parses `i/n` with `0 <= i < n`; nil when malformed.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, i >= 0, i < n else { return nil }
        self.init(index: i, count: n)
    }

    /// The runs of this shard, keeping their order.
    public func select<T>(_ runs: [T]) -> [T] {
        runs.enumerated().filter { $0.offset % count == index }.map(\.element)
    }

    public var description: String { "\(index)/\(count)" }
}
