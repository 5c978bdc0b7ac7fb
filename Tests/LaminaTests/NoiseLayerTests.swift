import Testing
import LaminaTensor
import LaminaGraph
@testable import Lamina

@Suite("DropoutLayer and GaussianNoiseLayer")
struct NoiseLayerTests {
    let ones = NDArray(repeating: 1, shape: [200, 50], dtype: .float64)

    func dropout(p: Double = 0.5, rescale: Bool = true, sharedAxes: [Int] = []) throws -> (InputLayer, DropoutLayer) {
        try float64(seed: 8) {
            let input = try InputLayer(shape: [nil, 50])
            return (input, try DropoutLayer(incoming: input, p: p, rescale: rescale, sharedAxes: sharedAxes))
        }
    }

    @Test func deterministicDropoutPassesTheInputThrough() throws {
        let (input, layer) = try dropout()
        #expect(try output(of: layer, deterministic: true) === input.inputVar)
        let (zeroInput, zero) = try dropout(p: 0)
        #expect(try output(of: zero) === zeroInput.inputVar)
        #expect(layer.params.isEmpty)
    }

    @Test func dropoutZeroesAboutPAndRescalesTheRest() throws {
        let (input, layer) = try dropout(p: 0.25)
        let y = try output(of: layer).eval([input.inputVar: ones]).doubles
        let zeros = Double(y.filter { $0 == 0 }.count) / Double(y.count)
        #expect(abs(zeros - 0.25) < 0.02, "fraction dropped \(zeros)")
        #expect(y.allSatisfy { $0 == 0 || abs($0 - 1 / 0.75) < 1e-12 })
        let (plainInput, plain) = try dropout(p: 0.25, rescale: false)
        #expect(try output(of: plain).eval([plainInput.inputVar: ones]).doubles.allSatisfy { $0 == 0 || $0 == 1 })
    }

    @Test func sharedAxesDropWholeRows() throws {
        let (input, layer) = try dropout(sharedAxes: [1])
        let y = try output(of: layer).eval([input.inputVar: ones])
        for row in 0..<200 {
            let values = Set((0..<50).map { y[row, $0] })
            #expect(values == [0] || values == [2], "row \(row): \(values)")
        }
    }

    @Test func oneCallSharesTheMaskAndEachCompiledCallDrawsANewOne() throws {
        let (input, layer) = try dropout()
        let doubled = try ExpressionLayer(incoming: layer) { try $0 * 2 }
        let outputs = try output(of: [layer, doubled])
        let f = try function(inputs: [input.inputVar], outputs: outputs)
        let first = try f(ones)
        #expect(first[0].doubles.map { $0 * 2 } == first[1].doubles)
        let second = try f(ones)
        #expect(first[0].doubles != second[0].doubles)
        // Two layers built under the same scoped seed draw the same masks.
        let (otherInput, other) = try dropout()
        let g = try function(inputs: [otherInput.inputVar], outputs: [output(of: other)])
        #expect(try g(ones)[0].doubles == first[0].doubles)
    }

    @Test func dropoutRefusesBadProbabilities() throws {
        #expect(message { _ = try dropout(p: 1) }.contains("p must be in [0, 1), got 1.0"))
        #expect(message { _ = try dropout(p: -0.1) }.contains("p must be in [0, 1)"))
        #expect(message { _ = try dropout(sharedAxes: [2]) }.contains("out of range"))
    }

    @Test func gaussianNoiseHasItsStdAndIsOffWhenDeterministic() throws {
        let (input, layer) = try float64(seed: 2) {
            let input = try InputLayer(shape: [nil, 50])
            return (input, try GaussianNoiseLayer(incoming: input, sigma: 0.3))
        }
        #expect(try output(of: layer, deterministic: true) === input.inputVar)
        let noise = try (output(of: layer).eval([input.inputVar: ones]) - ones)
        let (mean, std) = statistics(noise)
        #expect(abs(mean) < 0.01 && abs(std - 0.3) < 0.01, "mean \(mean), std \(std)")
    }
}
