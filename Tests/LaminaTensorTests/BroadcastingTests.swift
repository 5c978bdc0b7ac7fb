import Testing
@testable import LaminaTensor
import LaminaTestSupport

/// NumPy broadcasting of shapes and of elementwise operands, and its errors.
@Suite struct BroadcastingTests {
    // Expected shapes from np.broadcast_shapes.
    @Test(arguments: [
        ([[2, 3], [3]], [2, 3]),
        ([[4, 1], [3]], [4, 3]),
        ([[], [2, 2]], [2, 2]),
        ([[1], [0]], [0]),
        ([[2, 1, 3], [5, 1]], [2, 5, 3]),
        ([[1, 3], [2, 1], [1]], [2, 3]),
        ([[3, 1, 4, 2], [4, 1], [5, 1, 1]], [3, 5, 4, 2]),
        ([[0, 1], [1, 4]], [0, 4]),
        ([[7]], [7]),
        ([], []),
    ] as [([[Int]], [Int])])
    func shapes(_ shapes: [[Int]], expected: [Int]) throws {
        #expect(try Broadcasting.shape(shapes, operation: "test") == expected)
    }

    @Test(arguments: [
        ([[2, 3], [4]], "shapes (2, 3), (4,) cannot be broadcast together"),
        ([[2, 1], [3, 4]], "shapes (2, 1), (3, 4) cannot be broadcast together"),
        ([[0], [2]], "shapes (0,), (2,) cannot be broadcast together"),
        ([[1, 3], [2, 1], [4]], "shapes (1, 3), (2, 1), (4,) cannot be broadcast together"),
    ] as [([[Int]], String)])
    func incompatibleShapesAreNamed(_ shapes: [[Int]], message: String) {
        expectTensorError("myop", mentioning: [message]) { _ = try Broadcasting.shape(shapes, operation: "myop") }
    }

    @Test func strides() {
        #expect(Broadcasting.strides([2, 3]) == [3, 1])
        #expect(Broadcasting.strides([2, 5, 3]) == [15, 3, 1])
        #expect(Broadcasting.strides([]) == [])
        #expect(Broadcasting.strides([4]) == [1])
        // broadcast axes (size 1 against more, or missing) read with stride 0
        #expect(Broadcasting.broadcastStrides([5, 1], to: [2, 5, 3]) == [0, 1, 0])
        #expect(Broadcasting.broadcastStrides([2, 1, 3], to: [2, 5, 3]) == [3, 0, 1])
        #expect(Broadcasting.broadcastStrides([1, 1], to: [1, 1]) == [1, 1])
    }

    @Test func operandsBroadcastLikeNumPy() throws {
        // a = np.arange(6.).reshape(2,1,3)*10; b = np.arange(4.).reshape(4,1)-1.5; (a*b).ravel()
        let a = try (NDArray.arange([6], dtype: .float64) * NDArray(scalar: 10.0)).reshaped([2, 1, 3])
        let b = try (NDArray.arange([4], dtype: .float64) - NDArray(scalar: 1.5)).reshaped([4, 1])
        let y = try a * b
        #expect(y.shape == [2, 4, 3])
        expectClose(y.doubles, [-0.0, -15.0, -30.0, -0.0, -5.0, -10.0, 0.0, 5.0, 10.0, 0.0, 15.0, 30.0,
                                -45.0, -60.0, -75.0, -15.0, -20.0, -25.0, 15.0, 20.0, 25.0, 45.0, 60.0, 75.0],
                    absolute: 0, relative: 0)
        // the operands commute
        expectClose(try (b * a).doubles, y.doubles, absolute: 0, relative: 0)
    }

    @Test func mixedDTypeOperandsBroadcast() throws {
        // np.array([1,2,3], np.int32) - np.array([[0.5],[-1]])
        let y = try NDArray([1, 2, 3] as [Int32]) - NDArray([0.5, -1], shape: [2, 1])
        #expect(y.dtype == .float64)
        #expect(y.shape == [2, 3])
        #expect(y.doubles == [0.5, 1.5, 2.5, 2.0, 3.0, 4.0])
    }

    @Test(arguments: [DType.float32, .float64])
    func broadcastAcrossChunkBoundaries(dtype: DType) throws {
        // a[i, 0, k] = k - 3i, b[0, j, 0] = 10j: a + b = k - 3i + 10j over (3, 5, 300),
        // 4500 elements, so chunks (9 of 504 elements) start in the middle of rows.
        let aValues = (0..<3).flatMap { i in (0..<300).map { k in Double(k - 3 * i) } }
        let a = NDArray.floats(aValues, shape: [3, 1, 300], dtype: dtype)
        let b = NDArray.floats((0..<5).map { Double(10 * $0) }, shape: [1, 5, 1], dtype: dtype)
        let y = try a + b
        #expect(y.shape == [3, 5, 300])
        var expected: [Double] = []
        for i in 0..<3 { for j in 0..<5 { for k in 0..<300 { expected.append(Double(k - 3 * i + 10 * j)) } } }
        #expect(y.doubles == expected)
    }

    @Test func elementwiseErrorsNameOperationAndShapes() {
        let a = NDArray(zeros: [2, 3]), b = NDArray(zeros: [4])
        expectTensorError("add", mentioning: ["(2, 3)", "(4,)"]) { _ = try a + b }
        expectTensorError("maximum", mentioning: ["(2, 3)", "(4,)"]) { _ = try a.combining(.maximum, b) }
        expectTensorError("where", mentioning: ["(3,)", "(2, 3)", "(4,)"]) {
            _ = try NDArray.select(NDArray(zeros: [3]), a, b)
        }
        expectTensorError("clip", mentioning: ["(2, 3)", "(2,)"]) {
            _ = try a.clipped(low: NDArray(zeros: [2]), high: NDArray(zeros: []))
        }
    }

    @Test func broadcastToAShape() throws {
        // np.broadcast_to(np.array([[7],[8]]), (2,3))
        let y = try NDArray.broadcast(NDArray([7, 8] as [Int32], shape: [2, 1]), to: [2, 3])
        #expect(y.dtype == .int32)
        #expect(y.shape == [2, 3])
        #expect(y.doubles == [7, 7, 7, 8, 8, 8])
        let s = try NDArray.broadcast(NDArray(scalar: true), to: [2, 2])
        #expect(s.dtype == .bool)
        #expect(s.doubles == [1, 1, 1, 1])
        #expect(try NDArray.broadcast(NDArray([1, 2] as [Float]), to: [2]).doubles == [1, 2])
    }

    @Test func broadcastToASmallerOrIncompatibleShapeFails() {
        // the target must be the broadcast shape itself, not merely compatible
        expectTensorError("broadcast", mentioning: ["cannot broadcast shape (1, 3) to (3,)"]) {
            _ = try NDArray.broadcast(NDArray(zeros: [1, 3]), to: [3])
        }
        expectTensorError("broadcast", mentioning: ["(3,)", "(2, 4)"]) {
            _ = try NDArray.broadcast(NDArray(zeros: [3]), to: [2, 4])
        }
        expectTensorError("expand", mentioning: ["(2, 2)", "(2,)"]) {
            _ = try NDArray.broadcast(NDArray(zeros: [2, 2]), to: [2], operation: "expand")
        }
    }
}
