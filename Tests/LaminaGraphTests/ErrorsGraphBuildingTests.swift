import Testing
import LaminaTensor
import LaminaGraph

/// Building a graph from operands that do not fit throws a GraphError whose
/// description names the op and the operand types.
@Suite struct ErrorsGraphBuildingTests {
    /// The error thrown by `body`, failing the test if there is none.
    func error(_ body: () throws -> Expr, sourceLocation: SourceLocation = #_sourceLocation) -> GraphError? {
        #expect(throws: GraphError.self, sourceLocation: sourceLocation) { try body() }
    }

    @Test func addingShapesThatDoNotBroadcast() throws {
        let a = Expr.input("a", shape: [2, 3]), b = Expr.input("b", shape: [4])
        let e = try #require(error { try a + b })
        #expect(e == .shapeMismatch(op: "add", operands: [TensorType(.float32, [2, 3]), TensorType(.float32, [4])],
                                    detail: "sizes 3 and 4 on axis 1 cannot be broadcast"))
        #expect(e.description == "add: shape mismatch for operands float32(2, 3), float32(4,): sizes 3 and 4 on axis 1 cannot be broadcast")
    }

    @Test func unknownSizesDoNotFailAtBuildTime() throws {
        let a = Expr.input("a", shape: [nil, 3]), b = Expr.input("b", shape: [4, nil])
        #expect(try (a + b).shape == [4, 3])
    }

    @Test func dotWithMismatchedInnerSizes() throws {
        let a = Expr.input("a", shape: [2, 3]), b = Expr.input("b", shape: [4, 5])
        let e = try #require(error { try a.dot(b) })
        let text = e.description
        #expect(text.hasPrefix("dot: shape mismatch"), "\(text)")
        #expect(text.contains("float32(2, 3)") && text.contains("float32(4, 5)"), "\(text)")
        #expect(text.contains("inner sizes 3 and 4 differ"), "\(text)")
    }

    @Test func dotOfFloat32AndFloat64() throws {
        let a = Expr.input("a", shape: [2, 3]), b = Expr.input("b", dtype: .float64, shape: [3, 2])
        let e = try #require(error { try a.dot(b) })
        guard case .typeMismatch(let op, let operands, _) = e else {
            Issue.record("expected a type mismatch, got \(e)")
            return
        }
        #expect(op == "dot")
        #expect(operands == [a.type, b.type])
        #expect(e.description.hasPrefix("dot: type mismatch for operands float32(2, 3), float64(3, 2)"), "\(e)")
    }

    @Test func dimshuffleDroppingAnAxisThatIsNotOne() throws {
        let a = Expr.input("a", shape: [2, 3])
        let e = try #require(error { try a.dimshuffle([0]) })
        #expect(e.description.hasPrefix("dimshuffle: "), "\(e)")
        #expect(e.description.contains("cannot drop axis 1 of float32(2, 3)"), "\(e)")
        // An axis of known size 1 can be dropped.
        let c = Expr.input("c", shape: [2, 1])
        #expect(try c.dimshuffle([0]).shape == [2])
        // An unknown size cannot: it is not known to be 1.
        let u = Expr.input("u", shape: [2, nil])
        #expect(throws: GraphError.self) { try u.dimshuffle([0]) }
    }

    @Test func reshapeToAWrongCount() throws {
        let a = Expr.input("a", shape: [2, 3])
        let e = try #require(error { try a.reshape([4, 2]) })
        #expect(e == .shapeMismatch(op: "reshape", operands: [a.type], detail: "cannot reshape 6 elements to [4, 2]"))
        #expect(e.description == "reshape: shape mismatch for operands float32(2, 3): cannot reshape 6 elements to [4, 2]")
        #expect(throws: GraphError.self) { try a.reshape([4, -1]) }
        #expect(try a.reshape([3, -1]).shape == [3, 2])
    }

    @Test func concatenatingDifferentDtypes() throws {
        let a = Expr.input("a", shape: [2]), b = Expr.input("b", dtype: .float64, shape: [2])
        let e = try #require(error { try Expr.concatenate([a, b], axis: 0) })
        #expect(e == .typeMismatch(op: "concatenate", operands: [a.type, b.type], detail: "dtypes differ"))
        #expect(e.description == "concatenate: type mismatch for operands float32(2,), float64(2,): dtypes differ")
    }

    @Test func concatenatingDifferentSizesOffTheAxis() throws {
        let a = Expr.input("a", shape: [2, 3]), b = Expr.input("b", shape: [2, 4])
        let e = try #require(error { try Expr.concatenate([a, b], axis: 0) })
        #expect(e.description == "concatenate: shape mismatch for operands float32(2, 3), float32(2, 4): sizes differ on axis 1")
        #expect(try Expr.concatenate([a, b], axis: 1).shape == [2, 7])
    }

    @Test func anAxisOutOfRange() throws {
        let a = Expr.input("a", shape: [2, 3])
        let e = try #require(error { try a.sum(axes: [2]) })
        #expect(e == .invalidArgument(op: "sum", detail: "axis 2 is out of range for rank 2"))
    }

    @Test func takeWithFloatIndices() throws {
        let table = Expr.input("table", shape: [5, 2]), idx = Expr.input("idx", shape: [3])
        let e = try #require(error { try table.take(idx) })
        #expect(e.description == "take: type mismatch for operands float32(5, 2), float32(3,): indices must be int32")
    }
}
