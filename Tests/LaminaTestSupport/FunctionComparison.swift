import Testing
import LaminaTensor
import LaminaGraph

/// Calls two compiled functions (for example the same graph with a compile pass on and off) on
/// `feed` and expects the same number of outputs, each element within `absolute` + `relative`·|b|.
package func expectSameOutputs(_ a: Function, _ b: Function, feed: [NDArray], absolute: Double, relative: Double,
                               _ label: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let x = try a.call(feed), y = try b.call(feed)
    #expect(x.count == y.count, sourceLocation: sourceLocation)
    for k in x.indices where k < y.count {
        expectClose(x[k].doubles, y[k].doubles, absolute: absolute, relative: relative, "\(label), output \(k)", sourceLocation: sourceLocation)
    }
}

/// The compile trace's entry for the pass named `pass` (a test failure if the function has none).
package func traceEntry(_ function: Function, _ pass: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> CompileTrace.Entry {
    try #require(function.compileTrace[pass: pass], sourceLocation: sourceLocation)
}
