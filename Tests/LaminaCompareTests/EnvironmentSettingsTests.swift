import Foundation
import Testing
@testable import LaminaCompare

/// Environment variables that change a run's numbers enter its settings fingerprint, so records made under
/// them are never resumed into or pooled with records made without them.
@Suite struct EnvironmentSettingsTests {
    @Test func anUnknownProductKernelIsRefused() throws {
        for value in ["fixed", "openblas"] { try EnvironmentSettings.check(environment: ["LAMINA_PRODUCTS": value]) }
        try EnvironmentSettings.check(environment: [:])
        let error = #expect(throws: EnvironmentSettings.Problem.self) {
            try EnvironmentSettings.check(environment: ["LAMINA_PRODUCTS": "bogus"])
        }
        #expect(error?.description == "LAMINA_PRODUCTS=bogus is not a product kernel; use fixed or openblas, or leave it unset (fixed)")
    }

    @Test func anUnknownVectorWidthIsRefused() throws {
        for value in ["8", "16"] { try EnvironmentSettings.check(environment: ["LAMINA_VECTOR_WIDTH": value]) }
        for value in ["4", "512", "avx2", ""] {
            let error = #expect(throws: EnvironmentSettings.Problem.self) {
                try EnvironmentSettings.check(environment: ["LAMINA_VECTOR_WIDTH": value])
            }
            #expect(error?.description == "LAMINA_VECTOR_WIDTH=\(value) is not a vector width; use 8 or 16 (floats per vector), "
                    + "or leave it unset (the widest the processor has)")
        }
    }

    @Test func overriddenDataEnterTheFingerprint() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let first = dir.appendingPathComponent("a.txt"), second = dir.appendingPathComponent("b/a.txt")
        try FileManager.default.createDirectory(at: second.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("hello\n".utf8).write(to: first)
        try Data("hellO\n".utf8).write(to: second)
        // Python: h = 0xcbf29ce484222325; for b in b"a.txt\x00hello\n": h = ((h ^ b) * 0x100000001b3) % 2**64
        #expect(EnvironmentSettings.fields(task: "shakespeare", environment: ["LAMINA_SHAKESPEARE_TEXT": first.path])
                == ["data=73612d6a23f768ac"])
        #expect(EnvironmentSettings.fields(task: "shakespeare", environment: ["LAMINA_SHAKESPEARE_TEXT": second.path])
                != ["data=73612d6a23f768ac"])
        #expect(EnvironmentSettings.fields(task: "shakespeare", environment: [:]).isEmpty)
        #expect(EnvironmentSettings.fields(task: "adding", environment: ["LAMINA_SHAKESPEARE_TEXT": first.path]).isEmpty)
        // A folder (the vowels override) hashes its files in name order.
        let folder = EnvironmentSettings.fields(task: "vowels", environment: ["LAMINA_VOWELS_DIR": dir.path])
        #expect(folder.count == 1 && folder[0].hasPrefix("data=") && folder != ["data=73612d6a23f768ac"])
    }

    /// A results file made with the default kernel is not resumed under `LAMINA_PRODUCTS=openblas`: every run
    /// is done again (with its own fingerprint); a bogus value stops before any run.
    @Test func anotherProductKernelDoesNotResume() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let study = try writeTinyStudy(in: dir, seeds: 1)
        let results = dir.appendingPathComponent("r.jsonl").path
        #expect(try runLamina(["compare", study, "--results", results]).status == 0)
        let again = try runLamina(["compare", study, "--results", results], environment: ["LAMINA_PRODUCTS": "openblas"])
        #expect(again.status == 0 && again.err.contains("(3 to do)"), "\(again.err)")
        let bogus = try runLamina(["compare", study, "--results", results], environment: ["LAMINA_PRODUCTS": "bogus"])
        #expect(bogus.status != 0 && bogus.err.contains("LAMINA_PRODUCTS=bogus is not a product kernel"), "\(bogus.err)")
    }
}
