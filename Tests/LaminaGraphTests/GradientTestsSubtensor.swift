import Testing
import LaminaTensor
import LaminaGraph
import LaminaTestSupport

/// Gradients of basic slicing (including negative steps) and of set/inc subtensor.
@Suite struct GradientTestsSubtensor {
    struct Slice: Sendable, CustomTestStringConvertible {
        let indices: [SliceIndex]
        var testDescription: String { "[" + indices.map(\.description).joined(separator: ", ") + "]" }
    }

    static let slices: [Slice] = [
        .init(indices: [.range(start: nil, stop: nil, step: -1), .range(start: 1, stop: nil, step: 2)]),   // [::-1, 1::2]
        .init(indices: [.index(-1), .range(start: nil, stop: nil, step: -2)]),                             // [-1, ::-2]
        .init(indices: [.range(1, nil), .index(-1)]),                                                     // [1:, -1]
        .init(indices: [.range(start: -1, stop: 0, step: -1), .range(start: 3, stop: nil, step: -2)]),    // [-1:0:-1, 3::-2]
        .init(indices: [.index(1)]),                                                                       // [1]
        .init(indices: [.all, .range(1, 3)]),                                                              // [:, 1:3]
    ]

    @Test(arguments: slices)
    func subtensor(_ s: Slice) throws {
        try checkGradient({ x in try probe(x[0].subtensor(s.indices)) }, at: [uniform([3, 4], seed: 91)])
    }

    /// The region and the shape of the values written into it (values broadcast to the region).
    struct Region: Sendable, CustomTestStringConvertible {
        let indices: [SliceIndex]
        let values: [Int]
        var testDescription: String { "[" + indices.map(\.description).joined(separator: ", ") + "] ← \(values)" }
    }

    static let regions: [Region] = [
        .init(indices: [.range(1, nil), .range(start: nil, stop: nil, step: 2)], values: [2, 2]),            // x[1:, ::2]
        .init(indices: [.range(start: nil, stop: nil, step: -1), .range(start: 3, stop: 0, step: -2)], values: [3, 2]),
        .init(indices: [.range(0, 2)], values: [4]),              // rank difference
        .init(indices: [.range(0, 2)], values: [1, 4]),           // size-1 axis
        .init(indices: [.all, .index(2)], values: []),            // scalar
        .init(indices: [.range(1, 3), .range(0, 3)], values: [2, 1]),
        .init(indices: [.index(-1)], values: [4]),                // one row
    ]

    @Test(arguments: regions, [false, true])
    func settingSubtensor(_ r: Region, _ accumulate: Bool) throws {
        try checkGradient({ x in
            try probe(x[0].settingSubtensor(r.indices, to: x[1].tanh(), accumulate: accumulate))
        }, at: [uniform([3, 4], seed: 92), uniform(r.values, seed: 93)])
    }

    /// Hand-computed: set gives x a zero gradient on the region; inc passes it through.
    @Test func handComputedSetAndIncrement() throws {
        let x = Expr.input("x", dtype: .float64, shape: [2, 3]), v = Expr.input("v", dtype: .float64, shape: [3])
        let set = try x.settingSubtensor([.index(0)], to: v), inc = try x.settingSubtensor([.index(0)], to: v, accumulate: true)
        let w = Expr.constant(f64([1, 2, 3, 4, 5, 6], [2, 3]))
        let gs = try grad((set * w).sum(), wrt: [x, v]) + grad((inc * w).sum(), wrt: [x, v])
        let r = try function(inputs: [x, v], outputs: gs)(f64([0, 0, 0, 0, 0, 0], [2, 3]), f64([0, 0, 0], [3]))
        expectClose(r[0], [0, 0, 0, 4, 5, 6], shape: [2, 3], absolute: 1e-12, relative: 1e-12)
        expectClose(r[1], [1, 2, 3], shape: [3], absolute: 1e-12, relative: 1e-12)
        expectClose(r[2], [1, 2, 3, 4, 5, 6], shape: [2, 3], absolute: 1e-12, relative: 1e-12)
        expectClose(r[3], [1, 2, 3], shape: [3], absolute: 1e-12, relative: 1e-12)
    }
}
