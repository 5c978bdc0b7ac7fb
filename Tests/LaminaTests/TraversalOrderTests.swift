import Testing
import LaminaTensor
import LaminaGraph
@testable import Lamina

/// A branching and merging graph:
///
///     in ─ a ─┬─ b1 ─ c1 ─┐
///             └─ b2 ──────┴─ sum ─┐
///     in ─ side ──────────────────┴─ cat ─ out
///
/// With `tie`, b2 reuses b1's weight matrix.
struct BranchingNetwork {
    let input: InputLayer
    let a, b1, c1, b2, side, out: DenseLayer
    let sum: ElemwiseSumLayer
    let cat: ConcatLayer

    init(tie: Bool = false) throws {
        input = try InputLayer(shape: [nil, 3], name: "in")
        a = try DenseLayer(incoming: input, units: 3, name: "a")
        b1 = try DenseLayer(incoming: a, units: 3, name: "b1")
        c1 = try DenseLayer(incoming: b1, units: 3, name: "c1")
        b2 = tie ? try DenseLayer(incoming: a, units: 3, W: b1.W, name: "b2") : try DenseLayer(incoming: a, units: 3, name: "b2")
        sum = try ElemwiseSumLayer(incomings: [c1, b2], name: "sum")
        side = try DenseLayer(incoming: input, units: 2, name: "side")
        cat = try ConcatLayer(incomings: [sum, side], name: "cat")
        out = try DenseLayer(incoming: cat, units: 2, name: "out")
    }
}

@Suite("Layer traversal and parameter order")
struct TraversalOrderTests {
    @Test func allLayersIsTopologicalWithInputsFirst() throws {
        let net = try BranchingNetwork()
        #expect(allLayers(of: net.out).map(\.displayName) == ["in", "a", "b1", "c1", "b2", "sum", "side", "cat", "out"])
    }

    @Test func allLayersFollowsLasagnesDocumentedExamples() throws {
        let input = try InputLayer(shape: [nil, 2], name: "in")
        let l1 = try DenseLayer(incoming: input, units: 2, name: "l1")
        let l2 = try DenseLayer(incoming: input, units: 2, name: "l2")
        let l3 = try DenseLayer(incoming: l2, units: 2, name: "l3")
        #expect(allLayers(of: [l2, l1]).map(\.displayName) == ["in", "l2", "l1"])
        #expect(allLayers(of: l3, treatAsInput: [l2]).map(\.displayName) == ["l2", "l3"])
    }

    @Test func breadthFirstLayersFromTheOutputDown() throws {
        let net = try BranchingNetwork()
        #expect(layersBreadthFirst(of: [net.out]).map(\.displayName) == ["out", "cat", "sum", "side", "c1", "b2", "in", "b1", "a"])
    }

    /// Pins the specified parameter order on the branching and merging graph.
    @Test func parametersAreCollectedBreadthFirstFromTheOutputsDown() throws {
        let net = try BranchingNetwork()
        #expect(allParams(of: net.out).map(\.name) == [
            "out.W", "out.b", "side.W", "side.b", "c1.W", "c1.b", "b2.W", "b2.b", "b1.W", "b1.b", "a.W", "a.b",
        ])
    }

    @Test func aSharedParameterIsListedOnceWhereItFirstOccurs() throws {
        let net = try BranchingNetwork(tie: true)
        // b2 comes before b1 in breadth-first order, so b1.W is listed at b2's position.
        #expect(allParams(of: net.out).map(\.name) == [
            "out.W", "out.b", "side.W", "side.b", "c1.W", "c1.b", "b1.W", "b2.b", "b1.b", "a.W", "a.b",
        ])
        #expect(allParamExpressions(of: [net.out]).count == 11)
    }

    @Test func lasagnesInputsFirstOrderIsAvailable() throws {
        let net = try BranchingNetwork(tie: true)
        #expect(allParams(of: net.out, order: .inputsFirst).map(\.name) == [
            "a.W", "a.b", "b1.W", "b1.b", "c1.W", "c1.b", "b2.b", "side.W", "side.b", "out.W", "out.b",
        ])
    }

    @Test func severalOutputLayersStartTheBreadthFirstWalkInOrder() throws {
        let net = try BranchingNetwork()
        #expect(allParams(of: [net.c1, net.side]).map(\.name) == ["c1.W", "c1.b", "side.W", "side.b", "b1.W", "b1.b", "a.W", "a.b"])
    }

    @Test func mergedOutputsAreComputedOnceEach() throws {
        let net = try BranchingNetwork()
        let y = try output(of: net.out)
        let aOutputs = GraphTraversal.find(in: [y], where: [Role.layerKey: "a", Role.key: Role.output])
        #expect(aOutputs.count == 1)
    }
}
