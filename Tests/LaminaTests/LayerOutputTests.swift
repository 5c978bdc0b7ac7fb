import Testing
import LaminaTensor
import LaminaGraph
@testable import Lamina
import LaminaTestSupport

@Suite("output(of:) and outputShape(of:)")
struct LayerOutputTests {
    /// input (?, 2) → hidden (3, rectify) → out (2, linear), float64, fixed seed.
    func network() throws -> (InputLayer, DenseLayer, DenseLayer) {
        try float64(seed: 3) {
            let input = try InputLayer(shape: [nil, 2], name: "x")
            let hidden = try DenseLayer(incoming: input, units: 3, b: Normal(std: 1), name: "hidden")
            let out = try DenseLayer(incoming: hidden, units: 2, nonlinearity: nil, name: "out")
            return (input, hidden, out)
        }
    }

    @Test func oneCallSharesTheIntermediateSubgraph() throws {
        let (_, hidden, out) = try network()
        let both = try output(of: [hidden, out])
        // The final output is computed from the very expression returned for the hidden layer.
        #expect(GraphTraversal.topologicalOrder([both[1]]).contains { $0 === both[0] })
        // Separate calls build separate graphs.
        let again = try output(of: hidden)
        #expect(again !== both[0])
    }

    @Test func outputsAreAnnotatedWithTheirLayerAndFoundByAGraphWalker() throws {
        let (_, hidden, out) = try network()
        let y = try output(of: out)
        let cost = try y.square().sum()
        let found = GraphTraversal.find(in: [cost], where: [Role.layerKey: "hidden", Role.key: Role.output])
        #expect(found.count == 1)
        let weights = GraphTraversal.find(in: [cost], where: [Role.key: Role.weight])
        #expect(weights.map(\.name) == [hidden.W.name, out.W.name])
        #expect(y.annotations == [Role.layerKey: "out", Role.key: Role.output])
    }

    @Test func anIntermediateLayerCanBeReplacedByAnExpression() throws {
        let (input, hidden, out) = try network()
        let h = Expr.input("h", dtype: .float64, shape: [nil, 3])
        let y = try output(of: out, inputs: [hidden: h])
        // The input layer is not visited: the output depends on h only.
        let order = GraphTraversal.topologicalOrder([y])
        #expect(order.contains { $0 === h } && !order.contains { $0 === input.inputVar })
        let W = (out.W as! Shared).value, b = (out.b as! Shared).value
        let hValue = f64([1, 0, 2, 0.5, 0.5, 0.5], [2, 3])
        let expected = try hValue.matmul(W) + b
        expectClose(try y.eval([h: hValue]), expected.doubles, shape: [2, 2], absolute: 1e-9, relative: 1e-9)
    }

    @Test func anInputLayerCanBeReplacedAndTheReplacementMustHaveTheRightRank() throws {
        let (input, _, out) = try network()
        let constant = Expr.constant(f64([1, 2], [1, 2]))
        let y = try output(of: out, inputs: [input: constant])
        #expect(try y.eval().shape == [1, 2])
        let text = message { _ = try output(of: out, inputs: [input: Expr.constant(f64([1, 2], [2]))]) }
        #expect(text.contains("the replacement") && text.contains("for x has rank 1, but the layer's output has rank 2"))
    }

    @Test func outputShapesPropagateWithOverrides() throws {
        let (input, hidden, out) = try network()
        #expect(try outputShape(of: [hidden, out]) == [[nil, 3], [nil, 2]])
        #expect(try outputShape(of: out, inputShapes: [input: [7, 2]]) == [7, 2])
        #expect(try outputShape(of: hidden, inputShapes: [hidden: [5, 3]]) == [5, 3])
    }

    @Test func theComputedOutputMatchesAHandComputedForwardPass() throws {
        let (input, hidden, out) = try network()
        let x = f64([0.5, -1, 2, 0.25], [2, 2])
        let W1 = (hidden.W as! Shared).value, b1 = (hidden.b as! Shared).value
        let W2 = (out.W as! Shared).value, b2 = (out.b as! Shared).value
        let h = try (x.matmul(W1) + b1).applying(.rectify)
        let expected = try h.matmul(W2) + b2
        expectClose(try output(of: out).eval([input.inputVar: x]), expected.doubles, shape: [2, 2], absolute: 1e-12, relative: 1e-9)
    }
}
