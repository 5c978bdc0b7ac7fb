import Testing
import LaminaTensor
import LaminaGraph
@testable import Lamina
import LaminaTestSupport

@Suite("ConcatLayer, ElemwiseSumLayer, ElemwiseMergeLayer")
struct MergeLayerTests {
    func inputs(_ shapes: [[Int?]]) throws -> [InputLayer] {
        try float64 { try shapes.enumerated().map { try InputLayer(shape: $0.element, name: "in\($0.offset)") } }
    }

    @Test func concatJoinsAlongAnAxis() throws {
        let ins = try inputs([[nil, 3], [nil, 2]])
        let cat = try ConcatLayer(incomings: ins)
        #expect(try cat.outputShape == [nil, 5])
        let a = f64([1, 2, 3, 4, 5, 6], [2, 3]), b = f64([7, 8, 9, 10], [2, 2])
        expectClose(try output(of: cat).eval([ins[0].inputVar: a, ins[1].inputVar: b]), [1, 2, 3, 7, 8, 4, 5, 6, 9, 10], shape: [2, 5], absolute: 1e-9, relative: 1e-9)
        try checkGradients(of: try output(of: cat), wrt: [], feeds: [ins[0].inputVar: a, ins[1].inputVar: b], differentiateInputs: true)
        let rows = try inputs([[2, 3], [nil, 3]])
        #expect(try ConcatLayer(incomings: rows, axis: 0).outputShape == [nil, 3])
        #expect(try ConcatLayer(incomings: try inputs([[2, 3], [4, nil]]), axis: 0).outputShape == [6, 3])
        #expect(message { _ = try ConcatLayer(incomings: try inputs([[2, 3], [2, 4]]), axis: 0, name: "c") }.contains("c: input sizes differ on axis 1: (2, 3), (2, 4)"))
        #expect(message { _ = try ConcatLayer(incomings: ins, axis: 2, name: "c") }.contains("axis 2 is out of range"))
    }

    @Test func elemwiseSumWeighsItsInputs() throws {
        let ins = try inputs([[nil, 2], [nil, 2]])
        let sum = try ElemwiseSumLayer(incomings: ins, coefficients: [1, -0.5])
        #expect(try sum.outputShape == [nil, 2] && sum.coefficients == [1, -0.5])
        let a = f64([1, 2], [1, 2]), b = f64([4, 8], [1, 2])
        expectClose(try output(of: sum).eval([ins[0].inputVar: a, ins[1].inputVar: b]), [-1, -2], shape: [1, 2], absolute: 1e-9, relative: 1e-9)
        let plain = try ElemwiseSumLayer(incomings: ins)
        expectClose(try output(of: plain).eval([ins[0].inputVar: a, ins[1].inputVar: b]), [5, 10], shape: [1, 2], absolute: 1e-9, relative: 1e-9)
        try checkGradients(of: try output(of: sum), wrt: [], feeds: [ins[0].inputVar: a, ins[1].inputVar: b], differentiateInputs: true)
        #expect(message { _ = try ElemwiseSumLayer(incomings: ins, coefficients: [1, 2, 3], name: "s") }.contains("s: 3 coefficients for 2 inputs"))
        #expect(message { _ = try ElemwiseSumLayer(incomings: try inputs([[nil, 2], [nil, 3]]), name: "s") }.contains("s: input sizes differ on axis 1"))
        #expect(try ElemwiseSumLayer(incomings: try inputs([[nil, 2], [4, nil]])).outputShape == [4, 2])
    }

    @Test func elemwiseMergeFoldsAFunction() throws {
        let ins = try inputs([[2], [2], [2]])
        let largest = try ElemwiseMergeLayer(incomings: ins) { try $0.maximum($1) }
        let feeds = [ins[0].inputVar: f64([1, 5], [2]), ins[1].inputVar: f64([3, 2], [2]), ins[2].inputVar: f64([2, 4], [2])]
        expectClose(try output(of: largest).eval(feeds), [3, 5], shape: [2], absolute: 1e-9, relative: 1e-9)
        let product = try ElemwiseMergeLayer(incomings: ins) { try $0 * $1 }
        expectClose(try output(of: product).eval(feeds), [6, 40], shape: [2], absolute: 1e-9, relative: 1e-9)
    }
}
