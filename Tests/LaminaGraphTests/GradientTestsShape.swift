import Testing
import LaminaTensor
import LaminaGraph
import LaminaTestSupport

/// Gradients of reshape, flatten, dimshuffle and transposes.
@Suite struct GradientTestsShape {
    static let x232 = uniform([2, 3, 2], seed: 61)

    struct Reshape: Sendable, CustomTestStringConvertible {
        let target: [ReshapeEntry]
        let declared: [Int?]
        var testDescription: String { "\(target) from \(declared)" }
    }

    static let reshapes: [Reshape] = [
        .init(target: [3, 4], declared: [2, 3, 2]),
        .init(target: [.infer], declared: [2, 3, 2]),
        .init(target: [3, .infer], declared: [2, 3, 2]),
        .init(target: [.copy(0), .infer], declared: [2, 3, 2]),
        .init(target: [.copy(1), .infer, 1], declared: [nil, nil, 2]),
        .init(target: [.infer, .copy(0)], declared: [nil, 3, 2]),
    ]

    @Test(arguments: reshapes)
    func reshape(_ c: Reshape) throws {
        try checkGradient({ x in try x[0].reshape(c.target).tanh().square().sum() },
                          at: [Self.x232], shapes: [c.declared])
    }

    @Test func reshapeWithProbe() throws {
        try checkGradient({ x in try probe(x[0].reshape([4, .infer]).exp()) }, at: [Self.x232])
    }

    @Test(arguments: [1, 2, 3])
    func flatten(_ ndim: Int) throws {
        try checkGradient({ x in try probe(x[0].flatten(ndim: ndim).sigmoid()) }, at: [Self.x232])
    }

    struct Pattern: Sendable, CustomTestStringConvertible {
        let pattern: [Int?]
        let shape: [Int]
        var testDescription: String { "\(pattern.map { $0.map(String.init) ?? "x" }) on \(shape)" }
    }

    static let patterns: [Pattern] = [
        .init(pattern: [2, 0, 1], shape: [2, 3, 2]),          // permute
        .init(pattern: [1, 0], shape: [2, 3]),                // transpose
        .init(pattern: [0, nil, 1], shape: [2, 3]),           // insert
        .init(pattern: [nil, 1, 0, nil], shape: [2, 3]),      // insert and permute
        .init(pattern: [0, 2], shape: [2, 1, 3]),             // drop (a view)
        .init(pattern: [2, 0], shape: [2, 1, 3]),             // drop and permute
        .init(pattern: [nil, 2, 0], shape: [2, 1, 3]),        // drop, permute and insert
    ]

    @Test(arguments: patterns)
    func dimshuffle(_ c: Pattern) throws {
        try checkGradient({ x in try probe(x[0].dimshuffle(c.pattern)) }, at: [uniform(c.shape, seed: 62)])
    }

    /// Inserted axes broadcast in a following op; their gradient is summed away.
    @Test func insertedAxisThenBroadcast() throws {
        try checkGradient({ x in try probe(x[0].dimshuffle([nil, 0]) * x[1]) },
                          at: [uniform([3], seed: 63), uniform([2, 3], seed: 64)])
    }

    @Test func transposedAndExpandingAxis() throws {
        try checkGradient({ x in try probe(x[0].transposed()) }, at: [Self.x232])
        try checkGradient({ x in try probe(x[0].transposed([1, 2, 0])) }, at: [Self.x232])
        try checkGradient({ x in try probe(x[0].expandingAxis(at: -1)) }, at: [Self.x232])
    }
}
