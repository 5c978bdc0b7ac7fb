import Foundation
import Testing

/// A study's records do not depend on the machine: the same bytes (but for
/// wall times) whichever kernel OpenBLAS picks (`OPENBLAS_CORETYPE`), at any
/// thread count and at either vector width of Lamina's kernels, because every
/// product goes through Lamina's fixed-order kernel. Runs the real `lamina compare` in fresh processes, since OpenBLAS
/// reads `OPENBLAS_CORETYPE` once, when it loads.
@Suite(.serialized) struct MachineIndependenceTests {
    /// Two tasks (one regression, one per-step classification) and three
    /// profiles (per-gate, stacked and orthogonal draws), one seed, one epoch.
    static let study = """
        {"name": "machine", "tasks": ["adding", "copy"], "profiles": ["pytorch", "keras2", "chainer"], "seeds": 1,
         "model": {"cell": "lstm", "units": 16}, "optimizer": {"name": "adam", "learningRate": 0.01, "clipNorm": 1.0},
         "budget": {"epochs": 1, "batchSize": 16},
         "taskOptions": {"adding": {"length": 20, "examples": 200}, "copy": {"length": 5, "examples": 200}}}
        """

    /// OpenBLAS core types this CPU can run: AVX-512 ones only where it has AVX-512.
    static var coreTypes: [String?] {
        let flags = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        return [nil, "Haswell", "Sandybridge", "Prescott"] + (flags.contains("avx512f") ? ["SkylakeX"] : [])
    }

    /// Runs the study in `directory` with `environment`; returns its records as sorted JSON lines without wall times.
    func records(in directory: URL, _ label: String, environment: [String: String?]) throws -> [String] {
        let studyFile = directory.appendingPathComponent("machine.json"), results = directory.appendingPathComponent("\(label).jsonl")
        try Self.study.write(to: studyFile, atomically: true, encoding: .utf8)
        let (status, _, err) = try runLamina(["compare", studyFile.path, "--results", results.path, "--jobs", "1"], environment: environment)
        #expect(status == 0, "\(label): \(err)")
        let lines = try String(contentsOf: results, encoding: .utf8).split(separator: "\n")
        return try lines.map { line in
            var object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            object["wallSeconds"] = nil
            return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
        }.sorted()
    }

    @Test func recordsAreTheSameWhateverKernelOpenBLASPicksAtAnyThreadCountAndVectorWidth() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        // The widest vectors for every run but the last, even if the caller's environment says otherwise.
        let reference = try records(in: dir, "reference", environment: ["OPENBLAS_CORETYPE": nil, "LAMINA_THREADS": "1",
                                                                         "LAMINA_VECTOR_WIDTH": nil])
        #expect(reference.count == 6)
        for coreType in Self.coreTypes.dropFirst() {
            let other = try records(in: dir, coreType!, environment: ["OPENBLAS_CORETYPE": coreType, "LAMINA_THREADS": "1",
                                                                       "LAMINA_VECTOR_WIDTH": nil])
            #expect(other == reference, "OPENBLAS_CORETYPE=\(coreType!) changed the records")
        }
        let threaded = try records(in: dir, "threads", environment: ["OPENBLAS_CORETYPE": nil, "LAMINA_THREADS": "2", "LAMINA_BLAS_THREADS": "2",
                                                                     "LAMINA_VECTOR_WIDTH": nil])
        #expect(threaded == reference, "two threads changed the records")
        // Lamina's own kernels kept at AVX2 (8 floats per vector): on a processor with AVX-512 the
        // reference ran the 16-float kernels.
        let narrow = try records(in: dir, "avx2", environment: ["OPENBLAS_CORETYPE": nil, "LAMINA_THREADS": "1", "LAMINA_VECTOR_WIDTH": "8"])
        #expect(narrow == reference, "LAMINA_VECTOR_WIDTH=8 changed the records")
    }

    /// The control: through OpenBLAS (`LAMINA_PRODUCTS=openblas`, as every product went before the
    /// fixed-order kernel), the same study gives different records under two core types, so the test
    /// above would see a kernel dependence if one were left.
    @Test func throughOpenBLASTheRecordsDependOnTheCoreType() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let haswell = try records(in: dir, "haswell", environment: ["OPENBLAS_CORETYPE": "Haswell", "LAMINA_PRODUCTS": "openblas"])
        let prescott = try records(in: dir, "prescott", environment: ["OPENBLAS_CORETYPE": "Prescott", "LAMINA_PRODUCTS": "openblas"])
        #expect(haswell.count == 6 && prescott.count == 6)
        #expect(haswell != prescott)
    }
}
