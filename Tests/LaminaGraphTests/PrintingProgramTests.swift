import Testing
import LaminaTensor
import LaminaGraph

/// `Function.programDescription`: the compiled program, one line per value.
@Suite struct PrintingProgramTests {
    @Test func aDenseLayer() throws {
        let x = Expr.input("x", shape: [nil, 2])
        let w = Shared(NDArray(zeros: [2, 3]), name: "W")
        let b = Shared(NDArray(zeros: [3]), name: "b")
        let f = try function(inputs: [x], outputs: [(x.dot(w) + b).tanh()])
        #expect(f.programDescription == """
            %0 = input 0 "x" :: float32(?, 2)
            %1 = shared "W" :: float32(2, 3)
            %2 = shared "b" :: float32(3,)
            %3 = gemm{NN}(%0, %1, %2) :: float32(?, 3) [buffer 0]
            %4 = tanh(%3) :: float32(?, 3) [buffer 0]
            outputs: %4
            """)
    }

    @Test func everyStepIsListedInOrder() throws {
        let x = Expr.input("x", dtype: .float64, shape: [nil, 4])
        let w = Shared(NDArray(zeros: [4, 4], dtype: .float64), name: "W")
        var h = x
        for _ in 0..<3 { h = try h.dot(w).softmax() }
        let f = try function(inputs: [x], outputs: [h.sum()], options: .none)
        let stepLines = f.programDescription.split(separator: "\n").filter { $0.contains("(%") }
        #expect(stepLines.count == f.steps.count)
        for (line, step) in zip(stepLines, f.steps) {
            #expect(line.contains("= \(step)(%"), "\(line) vs \(step)")
        }
        #expect(f.steps == ["dot", "softmax", "dot", "softmax", "dot", "softmax", "sum{axes=[0, 1]}"])
    }

    @Test func constantsViewsAndUpdates() throws {
        let x = Expr.input("x", shape: [2, 3])
        let counter = Shared(NDArray(scalar: Float(0)), name: "counter")
        let f = try function(inputs: [x], outputs: [x.reshape([6]) * 2],
                             updates: [(counter, counter + 1)], options: .none)
        #expect(f.programDescription == """
            %0 = input 0 "x" :: float32(2, 3)
            %1 = reshape{6}(%0) :: float32(6,) [view]
            %2 = 2. :: float32()
            %3 = multiply(%1, %2) :: float32(6,) [buffer 0]
            %4 = shared "counter" :: float32()
            %5 = 1. :: float32()
            %6 = add(%4, %5) :: float32() [buffer 1]
            outputs: %3
            updates: counter <- %6
            """)
        #expect(f.steps == ["reshape{6}", "multiply", "add"])
        #expect(f.bufferCount == 2)
        #expect(try f(Feed.f32([1, 2, 3, 4, 5, 6], [2, 3]))[0].doubles == [2, 4, 6, 8, 10, 12])
        #expect(counter.value.scalarValue == 1)
    }

    @Test func aFullyFoldedFunctionHasNoSteps() throws {
        let f = try function(inputs: [], outputs: [try Expr.scalar(2) * Expr.scalar(3)])
        #expect(f.programDescription == """
            %0 = 6. :: float32()
            outputs: %0
            """)
    }
}
