import Testing
import LaminaTensor
import LaminaGraph
@testable import Lamina
import LaminaTestSupport

@Suite("Parameter helpers: tags, counts, values")
struct ParameterHelperTests {
    func network() throws -> (DenseLayer, TaggedLayer) {
        try float64 {
            let input = try InputLayer(shape: [nil, 2], name: "in")
            let tagged = try TaggedLayer(incoming: input, name: "t")
            let out = try DenseLayer(incoming: tagged, units: 3, name: "out")
            return (out, tagged)
        }
    }

    @Test func tagsFilterByRequiredAndExcludedTags() throws {
        let (out, _) = try network()
        #expect(allParams(of: out).map(\.name) == ["out.W", "out.b", "t.W", "t.c", "t.frozen"])
        #expect(allParams(of: out, tags: [.trainable]).map(\.name) == ["out.W", "out.b", "t.W", "t.c"])
        #expect(allParams(of: out, tags: [.regularizable]).map(\.name) == ["out.W", "t.W", "t.frozen"])
        #expect(allParams(of: out, tags: [.trainable, .regularizable]).map(\.name) == ["out.W", "t.W"])
        #expect(allParams(of: out, excluding: [.trainable]).map(\.name) == ["t.frozen"])
        #expect(allParams(of: out, tags: ["frozen"]).map(\.name) == ["t.frozen"])
        #expect(allParams(of: out, tags: [.regularizable], excluding: ["frozen"]).map(\.name) == ["out.W", "t.W"])
        #expect(allParams(of: out, tags: ["unknown"]).isEmpty)
    }

    @Test func countParamsSumsElementCounts() throws {
        let (out, _) = try network()
        // t: W 2×2, c 2, frozen 2; out: W 2×3, b 3.
        #expect(countParams(of: [out]) == 4 + 2 + 2 + 6 + 3)
        #expect(countParams(of: [out], tags: [.trainable]) == 4 + 2 + 6 + 3)
        #expect(countParams(of: [out], tags: [.regularizable], excluding: [.trainable]) == 2)
    }

    @Test func valuesRoundTripInParameterOrder() throws {
        let (out, _) = try network()
        let values = allParamValues(of: [out])
        #expect(values.map(\.shape) == [[2, 3], [3], [2, 2], [2], [2]])
        let replaced = values.map { NDArray(repeating: 0.5, shape: $0.shape, dtype: .float64) }
        try setAllParamValues(of: [out], replaced)
        #expect(allParamValues(of: [out]).allSatisfy { $0.doubles.allSatisfy { $0 == 0.5 } })
        try setAllParamValues(of: [out], [f64([7, 7], [2])], tags: ["frozen"])
        #expect((allParams(of: out, tags: ["frozen"])[0]).value.doubles == [7, 7])
    }

    @Test func aMismatchedCountChangesNothing() throws {
        let (out, _) = try network()
        let before = allParamValues(of: [out]).map(\.doubles)
        let values = allParamValues(of: [out]).map { NDArray(repeating: 9, shape: $0.shape, dtype: .float64) }
        let text = message { try setAllParamValues(of: [out], Array(values.dropLast())) }
        #expect(text.contains("4 values were given for 5 parameters"))
        #expect(allParamValues(of: [out]).map(\.doubles) == before)
    }

    @Test func aMismatchedShapeOrDtypeChangesNothing() throws {
        let (out, _) = try network()
        let before = allParamValues(of: [out]).map(\.doubles)
        var values = allParamValues(of: [out]).map { NDArray(repeating: 9, shape: $0.shape, dtype: .float64) }
        values[3] = NDArray(repeating: 9, shape: [3], dtype: .float64)
        let text = message { try setAllParamValues(of: [out], values) }
        #expect(text.contains("value 3 is a float64 array of shape (3,), but parameter t.c holds float64 of shape (2,)"))
        values[3] = NDArray(repeating: 9, shape: [2], dtype: .float32)
        #expect(message { try setAllParamValues(of: [out], values) }.contains("value 3 is a float32 array"))
        #expect(allParamValues(of: [out]).map(\.doubles) == before)
    }
}
