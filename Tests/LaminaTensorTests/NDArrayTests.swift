import Testing
@testable import LaminaTensor
import LaminaTestSupport

/// NDArray construction, element access, copy on write, conversions and printing.
@Suite struct NDArrayTests {
    @Test func constructionAndAccess() {
        let a = NDArray([1, 2, 3, 4, 5, 6] as [Float], shape: [2, 3])
        #expect(a.dtype == .float32)
        #expect(a.rank == 2)
        #expect(a.count == 6)
        #expect(a.byteCount == 24)
        #expect(a[1, 2] == 6)
        #expect(a[0, 1] == 2)
        #expect(a.loadDouble(at: 4) == 5)
        let s = NDArray(scalar: Int32(-3))
        #expect(s.shape == [])
        #expect(s.count == 1)
        #expect(s.scalarValue == -3)
        #expect(s[] == -3)
        #expect(NDArray([true, false]).shape == [2])
        #expect(NDArray(zeros: [0, 5]).count == 0)
    }

    @Test(arguments: [
        (DType.float32, 2.75, 2.75), (.float64, -1e300, -1e300), (.int32, -2.9, -2), (.int32, 1e12, 2_147_483_647),
        (.bool, 0.5, 1), (.bool, .nan, 1), (.float32, .nan, .nan),
    ])
    func repeatingConvertsTheValue(dtype: DType, value: Double, stored: Double) {
        let a = NDArray(repeating: value, shape: [3], dtype: dtype)
        #expect(a.dtype == dtype)
        expectClose(a.doubles, [stored, stored, stored], absolute: 0, relative: 0)
        #expect(NDArray(zeros: [2], dtype: dtype).doubles == [0, 0])
    }

    @Test func byteSizes() {
        #expect(DType.allCases.map(\.byteSize) == [4, 8, 4, 1])
        #expect(DType.allCases.filter(\.isFloatingPoint) == [.float32, .float64])
    }

    @Test func copyOnWrite() {
        let a = NDArray([1, 2, 3] as [Double])
        var b = a
        #expect(b.buffer === a.buffer)
        b.withUnsafeMutableBufferPointer(as: Double.self) { $0[1] = 20 }
        #expect(b.buffer !== a.buffer)
        #expect(a.doubles == [1, 2, 3])
        #expect(b.doubles == [1, 20, 3])
        // a uniquely referenced array is written in place
        let before = ObjectIdentifier(b.buffer) // (not a reference, which would share the buffer)
        b.withUnsafeMutableBufferPointer(as: Double.self) { $0[2] = 30 }
        #expect(ObjectIdentifier(b.buffer) == before)
        #expect(b.doubles == [1, 20, 30])
        // copy() never shares
        let c = a.copy()
        #expect(c.buffer !== a.buffer)
        #expect(c.doubles == a.doubles)
    }

    @Test func scalarConversions() {
        // Int32(fromDouble:) truncates toward zero, saturates, and maps NaN to 0
        #expect([2.9, -2.9, 3e9, -3e9, .nan, .infinity].map(Int32.init(fromDouble:)) == [2, -2, .max, .min, 0, .max])
        #expect(Bool(fromDouble: -0.0) == false)
        #expect(Bool(fromDouble: .nan) == true)
        #expect(Float(fromDouble: 0.1) == Float(0.1))
        #expect(true.doubleValue == 1)
        #expect(Int32(-7).doubleValue == -7)
    }

    @Test func descriptions() {
        #expect(NDArray([1, 2.5, 3, 4] as [Float], shape: [2, 2]).description == "[[1., 2.5], [3., 4.]]")
        #expect(NDArray([1, -2] as [Int32]).description == "[1, -2] (int32)")
        #expect(NDArray([true, false]).description == "[true, false] (bool)")
        #expect(NDArray([.nan, .infinity, -.infinity] as [Double]).description == "[nan, inf, -inf] (float64)")
        #expect(NDArray(scalar: Float(0.125)).description == "0.125")
        #expect(NDArray(zeros: [0, 2]).description == "[]")
        // long axes are elided after six entries each side
        let long = NDArray((0..<20).map { Int32($0) }).description
        #expect(long == "[0, 1, 2, 3, 4, 5, ..., 14, 15, 16, 17, 18, 19] (int32)")
    }

    @Test func formatShapes() {
        #expect(formatShape([]) == "()")
        #expect(formatShape([5]) == "(5,)")
        #expect(formatShape([2, 3]) == "(2, 3)")
        #expect(TensorError("op", "what").description == "op: what")
    }
}
