import Foundation

/// How many applications of each op a graph holds, by op name.
struct OpCensus: Equatable {
    var counts: [String: Int] = [:]
    var total: Int { counts.values.reduce(0, +) }

    init(_ roots: [Expr]) {
        for node in GraphTraversal.topologicalOrder(roots) {
            if let op = node.op { counts[op.name, default: 0] += 1 }
        }
    }
}

/// What each pass of one compilation did: printable as a table with a line
/// per pass (its time, the number of op applications before and after, and
/// which ops it added or removed), loop bodies indented under the pass that
/// compiled them. ``Function/compileTrace`` holds a function's.
public struct CompileTrace: Sendable, CustomStringConvertible {
    /// One pass's part of the compilation.
    public struct Entry: Sendable {
        /// The pass's name (see ``CompilePipeline/passes``).
        public let pass: String
        /// Whether it ran (false when switched off, or when a pass it requires is).
        public let ran: Bool
        /// The time it took, in seconds (0 when it did not run).
        public let seconds: Double
        /// Op applications in the graph before and after it.
        public let nodesBefore: Int, nodesAfter: Int
        /// By op name, how many applications it added (positive) or removed (negative); unchanged ops are left out.
        public let changes: [String: Int]
        /// The traces of the loop bodies it compiled, in the order of the loops.
        public let loopBodies: [CompileTrace]

        init(pass: String, ran: Bool, seconds: Double = 0, before: OpCensus? = nil, after: OpCensus? = nil,
             loopBodies: [CompileTrace] = []) {
            self.pass = pass
            self.ran = ran
            self.seconds = seconds
            nodesBefore = before?.total ?? 0
            nodesAfter = after?.total ?? 0
            var changes: [String: Int] = [:]
            if let before, let after {
                for name in Set(before.counts.keys).union(after.counts.keys) {
                    let delta = (after.counts[name] ?? 0) - (before.counts[name] ?? 0)
                    if delta != 0 { changes[name] = delta }
                }
            }
            self.changes = changes
            self.loopBodies = loopBodies
        }

        /// Whether the pass changed the set of op applications.
        public var changedGraph: Bool { !changes.isEmpty }
    }

    /// One entry per pass of ``CompilePipeline/passes``, in order.
    public internal(set) var entries: [Entry]

    /// The entry of the pass named `name`.
    public subscript(pass name: String) -> Entry? { entries.first { $0.pass == name } }

    /// The total time of the passes, loop bodies included, in seconds.
    public var seconds: Double { entries.reduce(0) { $0 + $1.seconds } }

    /// A line per pass, for example
    /// `gemm                      0.21 ms   42 → 40   dot −2, gemm +2, transpose −1`.
    public var description: String { lines(indent: "").joined(separator: "\n") }

    func lines(indent: String) -> [String] {
        entries.flatMap { entry -> [String] in
            let name = (indent + entry.pass).padding(toLength: 34, withPad: " ", startingAt: 0)
            guard entry.ran else { return [name + "off"] }
            let changes = entry.changes.sorted { $0.key < $1.key }
                .map { "\($0.key) \($0.value > 0 ? "+" : "−")\(abs($0.value))" }.joined(separator: ", ")
            let time = String(format: "%8.2f ms", entry.seconds * 1000)
            var result = [name + time + "  \(entry.nodesBefore) → \(entry.nodesAfter)" + (changes.isEmpty ? "" : "  " + changes)]
            for (k, body) in entry.loopBodies.enumerated() {
                result.append(indent + "  loop body \(k + 1):")
                result += body.lines(indent: indent + "    ")
            }
            return result
        }
    }
}
