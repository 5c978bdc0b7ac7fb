import Testing
import LaminaTensor
import LaminaGraph

/// Joining slices in place: `concatenate([a, h[:-1]])` reads `h[:-1]` where it lies.
@Suite struct CompileConcatOfSlicesTests {
    let h = Expr.input("h", dtype: .float64, shape: [4, 2, 3])
    let a = Expr.input("a", dtype: .float64, shape: [1, 2, 3])
    /// h[t, i, j] = 100t + 10i + j, a = −1 − (10i + j).
    let hv = NDArray((0..<4).flatMap { t in Self.row(t) }, shape: [4, 2, 3])
    let av = NDArray(Self.row(0).map { -1 - $0 }, shape: [1, 2, 3])

    /// The values 100t + 10i + j of step t, in order.
    static func row(_ t: Int) -> [Double] {
        var values: [Double] = []
        for i in 0..<2 { for j in 0..<3 { values.append(Double(100 * t + 10 * i + j)) } }
        return values
    }

    var plain: CompileOptions {
        var o = CompileOptions.default
        o.concatenateSlicesInPlace = false
        return o
    }

    @Test(arguments: [
        (SliceIndex.range(start: nil, stop: -1, step: 1), [0, 1, 2]),
        (SliceIndex.range(start: 1, stop: nil, step: 1), [1, 2, 3]),
        (SliceIndex.range(start: 2, stop: 3, step: 1), [2]),
        (SliceIndex.range(start: -2, stop: nil, step: 1), [2, 3]),
    ])
    func aJoinedRangeIsReadInPlace(range: SliceIndex, steps: [Int]) throws {
        let joined = try Expr.concatenate([a, h.subtensor([range])], axis: 0)
        let f = try function(inputs: [a, h], outputs: [joined])
        #expect(f.steps == ["concatenate{axis=0, : | \(range)}"], "\(f.steps)")
        let g = try function(inputs: [a, h], outputs: [joined], options: plain)
        #expect(g.steps == ["subtensor[\(range)]", "concatenate{axis=0}"], "\(g.steps)")
        // Expected by hand: a, then the rows of h at `steps`.
        let expected: [Double] = av.doubles + steps.flatMap { Self.row($0) }
        let out = try f(av, hv)[0]
        #expect(out.shape == [1 + steps.count, 2, 3])
        #expect(out.doubles == expected)
        #expect(try g(av, hv)[0].doubles == expected)
    }

    @Test func slicesUsedElsewhereOrStridedOrOnOtherAxesAreCopied() throws {
        let prefix = try h.subtensor([.range(start: nil, stop: -1, step: 1)])
        let shared = try function(inputs: [a, h], outputs: [Expr.concatenate([a, prefix], axis: 0), prefix.sum()])
        #expect(shared.steps.contains("concatenate{axis=0}"), "\(shared.steps)")
        let strided = try function(inputs: [a, h], outputs: [Expr.concatenate([a, h.subtensor([.range(start: nil, stop: nil, step: 2)])], axis: 0)])
        #expect(strided.steps.contains("concatenate{axis=0}"), "\(strided.steps)")
        let inner = try function(inputs: [h], outputs: [Expr.concatenate([h, h.subtensor([.all, .range(start: 0, stop: 1, step: 1)])], axis: 1)])
        #expect(inner.steps.contains("concatenate{axis=1}"), "\(inner.steps)")
    }

    @Test func theJoinedOpHasNoGradientAndChecksItsOperands() throws {
        let op = ConcatOfRangesOp(ranges: [nil, .range(start: nil, stop: -1, step: 1)])
        let e = try Expr.apply(op, [a, h])
        #expect(e.shape == [4, 2, 3])
        #expect(throws: GraphError.self) { try op.gradient(inputs: [a, h], output: e, outputGradient: e) }
        #expect(throws: GraphError.self) { try Expr.apply(op, [a]) }
        #expect(throws: GraphError.self) { try Expr.apply(op, [a, Expr.input("b", dtype: .float64, shape: [4, 3, 3])]) }
    }
}
