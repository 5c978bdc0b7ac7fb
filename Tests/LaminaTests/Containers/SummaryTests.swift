import Testing
import LaminaTensor
import LaminaGraph
@testable import Lamina

@Suite("summary(of:)")
struct SummaryTests {
    @Test func listsNestedLayersShapesAndCountsWithATotal() throws {
        let input = try InputLayer(shape: [nil, 4], name: "x")
        let mlp = try Sequential(incoming: input, name: "mlp", layers: [
            { try DenseLayer(incoming: $0, units: 8, name: "hidden") },
            { try DenseLayer(incoming: $0, units: 2, nonlinearity: .softmax, name: "out") },
        ])
        // By hand: hidden 4·8 + 8 = 40, out 8·2 + 2 = 18, mlp 40 + 18 = 58.
        #expect(try summary(of: mlp) == """
            Layer         Kind        Output shape  Params
            x             InputLayer  (?, 4)             0
            mlp           Sequential  (?, 2)            58
              mlp/hidden  DenseLayer  (?, 8)            40
              mlp/out     DenseLayer  (?, 2)            18
            Total: 58 parameter values (58 trainable)

            """)
    }

    @Test func indentsEachLevelAndCountsATiedWeightOnce() throws {
        let net = try TwoLevelNetwork()
        let text = try summary(of: net.top)
        #expect(text.contains("\n    model/encoder/h1  DenseLayer        (?, 4)            16\n"))   // 3·4 + 4
        #expect(text.contains("\n  model/sum "))
        #expect(!text.contains("model/a ") && !text.contains("encoder/input"), "inner inputs are left out")
        #expect(text.hasSuffix("Total: 51 parameter values (51 trainable)\n"))   // see NestedNetworkTests: 51
        let x = try InputLayer(shape: [nil, 3], name: "x")
        let a = try DenseLayer(incoming: x, units: 3, name: "a")
        let tied = try DenseLayer(incoming: a, units: 3, W: a.W, name: "tied")
        #expect(try summary(of: tied).hasSuffix("Total: 15 parameter values (15 trainable)\n"))   // a: 3·3 + 3, tied: its b (3), the tied W once
    }
}
