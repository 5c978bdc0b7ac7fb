import Foundation
import Testing
import LaminaTensor
import LaminaGraph
import LaminaTestSupport

/// The compiler's passes: named, in a declared order, switched off by name,
/// and traced (time and op changes per pass).
@Suite struct CompilePipelineTests {
    @Test func thePassesHaveUniqueNamesInTheirDeclaredOrder() {
        let names = CompilePipeline.passes.map(\.name)
        #expect(names == ["mergeLoopSliceGradients", "pruneLoops", "mergeLoops", "pushOutLoopSums", "pushOutLoopProducts", "hoistLoopInputs", "packLoopWeights", "fuseLoopInputProjections", "stabilize", "constantFolding",
                          "mergeDuplicates", "mergeSliceGradients", "saveLoopMemory", "concatenateSlicesInPlace", "gemm",
                          "windowPackedProducts", "fuseElementwise", "fuseMultipleOutputs", "compileLoopBodies"])
        #expect(CompilePipeline.switchNames == names.dropLast() + ["reuseBuffers"])
        // A pass requires only passes that run before it.
        for (k, pass) in CompilePipeline.passes.enumerated() {
            #expect(pass.requires.allSatisfy { names[..<k].contains($0) }, "\(pass.name)")
            #expect(!pass.summary.isEmpty)
        }
        let listing = CompilePipeline.listing.split(separator: "\n")
        #expect(listing.count == names.count)
        #expect(listing[7].hasPrefix("fuseLoopInputProjections (requires packLoopWeights): "))
        #expect(listing[15].hasPrefix("windowPackedProducts (requires gemm, packLoopWeights): "))
        #expect(listing[18].hasPrefix("compileLoopBodies (always on): "))
    }

    @Test func everyOptionPropertySwitchesThePassOfItsName() throws {
        let properties: [(String, WritableKeyPath<CompileOptions, Bool>)] = [
            ("constantFolding", \.constantFolding), ("mergeDuplicates", \.mergeDuplicates), ("stabilize", \.stabilize),
            ("gemm", \.gemm), ("fuseElementwise", \.fuseElementwise), ("fuseMultipleOutputs", \.fuseMultipleOutputs),
            ("reuseBuffers", \.reuseBuffers), ("saveLoopMemory", \.saveLoopMemory), ("hoistLoopInputs", \.hoistLoopInputs),
            ("packLoopWeights", \.packLoopWeights), ("fuseLoopInputProjections", \.fuseLoopInputProjections), ("mergeSliceGradients", \.mergeSliceGradients),
            ("concatenateSlicesInPlace", \.concatenateSlicesInPlace),
        ]
        for (name, property) in properties {
            var options = CompileOptions()
            options[keyPath: property] = false
            #expect(options.switchedOff == [name])
            #expect(options == (try CompileOptions().switchingOff([name])))
            #expect(CompilePipeline.switchNames.contains(name))
        }
        #expect(CompileOptions.none.switchedOff == Set(CompilePipeline.switchNames))
        #expect(CompileOptions.default.switchedOff.isEmpty)
    }

    @Test func anUnknownOrMandatoryPassCannotBeSwitchedOff() throws {
        #expect(throws: GraphError.self) { try CompileOptions().switchingOff(["gem"]) }
        #expect(throws: GraphError.self) { try CompileOptions().switchingOff(["compileLoopBodies"]) }
        do {
            _ = try CompileOptions().switchingOff(["gem"])
        } catch {
            #expect("\(error)".contains("unknown pass gem"), "\(error)")
            #expect("\(error)".contains("windowPackedProducts"), "\(error)")
        }
    }

    @Test func theEnvironmentSwitchesPassesOffByName() throws {
        let variable = "LAMINA_COMPILE_OFF_TEST_\(UUID().uuidString.prefix(8))"
        #expect(try CompileOptions.fromEnvironment(variable) == .default)
        setenv(variable, "gemm, packLoopWeights", 1)
        defer { unsetenv(variable) }
        #expect(try CompileOptions.fromEnvironment(variable).switchedOff == ["gemm", "packLoopWeights"])
        setenv(variable, "gemm,nonsense", 1)
        do {
            _ = try CompileOptions.fromEnvironment(variable)
            Issue.record("an unknown pass was accepted")
        } catch {
            #expect("\(error)".contains(variable) && "\(error)".contains("unknown pass nonsense"), "\(error)")
        }
    }

    /// y = tanh(x·W + b): gemm turns dot + add into one gemm, then fusion
    /// leaves tanh alone in its own elementwise loop.
    func dense(_ options: CompileOptions) throws -> Function {
        let x = Expr.input("x", dtype: .float64, shape: [nil, 3])
        let W = Shared(f64([1, 2, 3, 4, 5, 6], [3, 2]), name: "W"), b = Shared(f64([0.5, -0.5], [2]), name: "b")
        return try function(inputs: [x], outputs: [try (x.dot(W) + b).tanh()], options: options)
    }

    @Test func theTraceShowsWhatEachPassChanged() throws {
        let f = try dense(.default)
        let trace = f.compileTrace
        #expect(trace.entries.map(\.pass) == CompilePipeline.passes.map(\.name))
        #expect(trace.entries.allSatisfy { $0.ran })
        let gemm = try #require(trace[pass: "gemm"])
        #expect(gemm.changes["gemm"] == 1, "\(trace)")
        #expect(gemm.changes["dot"] == -1, "\(trace)")
        #expect(gemm.nodesAfter < gemm.nodesBefore)
        #expect(try #require(trace[pass: "stabilize"]).changedGraph == false)
        #expect(trace.entries.allSatisfy { $0.seconds >= 0 })
        let text = "\(trace)"
        #expect(text.split(separator: "\n").count == CompilePipeline.passes.count, "\(text)")
        #expect(text.contains("dot −1") && text.contains("gemm +1"), "\(text)")
    }

    @Test func aPassSwitchedOffOrMissingWhatItRequiresDoesNotRun() throws {
        var options = CompileOptions()
        options.fuseElementwise = false
        let trace = try dense(options).compileTrace
        #expect(trace[pass: "fuseElementwise"]?.ran == false)
        #expect(trace[pass: "fuseMultipleOutputs"]?.ran == false) // requires fuseElementwise
        #expect(trace[pass: "gemm"]?.ran == true)
        #expect("\(trace)".contains("fuseMultipleOutputs") && "\(trace)".split(separator: "\n")[16].hasSuffix("off"))
        let none = try dense(.none).compileTrace
        #expect(none.entries.filter(\.ran).map(\.pass) == ["compileLoopBodies"])
    }
}
