import Foundation
import Testing
@testable import Lamina
@testable import LaminaCompare
import LaminaTensor

/// Property-based fuzzing of the three readers of untrusted files: seeded random mutations of a
/// seed corpus. Properties: no input traps; every refusal is the reader's own error with a
/// one-line message; every accepted input satisfies the reader's promises.
@Suite struct ReaderFuzzTests {
    /// The .npz seed corpus: NumPy's fixtures, every dtype written by Lamina, and a ZIP64 archive.
    func npzCorpus() throws -> [[UInt8]] {
        let fixtures = repositoryRoot.appendingPathComponent("Tests/LaminaTests/Fixtures")
        var corpus = try ["numpy_savez.npz", "numpy_positional.npz", "numpy_int64.npz", "numpy_compressed.npz"].map {
            [UInt8](try Data(contentsOf: fixtures.appendingPathComponent($0)))
        }
        let arrays: [(String, NDArray)] = [("w.npy", NDArray([1.5, -2] as [Float], shape: [2])), ("d.npy", NDArray([2.5] as [Double], shape: [])),
                                           ("i.npy", NDArray([7, 8, 9] as [Int32], shape: [3, 1])), ("b.npy", NDArray([true, false], shape: [1, 2]))]
        corpus.append([UInt8](try StoredZip.encode(arrays.map { ($0.0, Npy.encode($0.1)) })))
        return corpus
    }

    @Test func npzReaderNeverTrapsAndKeepsItsPromises() throws {
        var mutator = Mutator(state: 1)
        let corpus = try npzCorpus()
        var accepted = 0
        for _ in 0..<fuzzIterations(3000) {
            let input = mutator.mutate(corpus.randomElement(using: &mutator)!)
            do {
                let arrays = try Npz.decode(Data(input), path: "fuzz.npz")
                accepted += 1
                for (name, array) in arrays {
                    // Plain names, or names joined by single '/' (nested networks): no empty component, no '..'.
                    #expect(!name.split(separator: "/", omittingEmptySubsequences: false).contains(where: \.isEmpty)
                            && !name.contains("..") && !name.contains("\\") && !name.contains("\u{0}"), "\(name)")
                    #expect(array.count == array.shape.reduce(1, *) && array.count <= input.count)
                }
            } catch let error as LaminaError {
                #expect(!"\(error)".contains("\n"), "a multi-line message: \(error)")
            } catch {
                Issue.record("an error of another type: \(error)")
            }
        }
        #expect(accepted > 0, "no mutation was accepted: the corpus or the mutator is broken")
    }

    /// The study seed corpus: the shipped studies, the Slurm test's study and one with every field.
    func studyCorpus() throws -> [[UInt8]] {
        let paths = ["Comparisons/studies/default.json", "Comparisons/studies/publication.json", "Comparisons/slurm/local/tiny.json"]
        var corpus = try paths.map { [UInt8](try Data(contentsOf: repositoryRoot.appendingPathComponent($0))) }
        corpus.append(Array(StudyParserTests.valid.utf8))
        return corpus
    }

    @Test func studyParserNeverTrapsAndAcceptsOnlyValuesInRange() throws {
        var mutator = Mutator(state: 2)
        let corpus = try studyCorpus()
        var accepted = 0
        for _ in 0..<fuzzIterations(3000) {
            let input = mutator.mutate(corpus.randomElement(using: &mutator)!)
            do {
                let study = try StudyParser.parse(data: Data(input), fileName: "fuzz.json")
                accepted += 1
                #expect(StudyFields.seeds.accepts(Double(study.seedCount)) && StudyFields.units.accepts(Double(study.units)))
                #expect(StudyFields.epochs.accepts(Double(study.epochs)) && StudyFields.batchSize.accepts(Double(study.batchSize)))
                #expect(StudyFields.learningRate.accepts(study.learningRate) && StudyFields.clipNorm.accepts(study.clipNorm))
                #expect(StudyFields.isSafeName(study.name) && Set(study.tasks).count == study.tasks.count)
                for (task, options) in study.taskOptions {
                    #expect(study.tasks.contains(task))
                    let rules = StudyFields.taskOptions[task] ?? []
                    for (name, value) in options { #expect(rules.first { $0.path == name }?.accepts(value) == true, "\(task).\(name)") }
                }
            } catch let error as StudyError {
                #expect(!error.message.isEmpty && error.file == "fuzz.json")
                #expect(!error.description.contains("\n"), "a multi-line message: \(error)")
            } catch {
                Issue.record("an error of another type: \(error)")
            }
        }
        #expect(accepted > 0, "no mutation was accepted: the corpus or the mutator is broken")
    }

    /// A results-file seed: ordinary, diverged (NaN) and failed records, and a torn last line.
    func resultsCorpus() throws -> [[UInt8]] {
        let study = Study(name: "f", tasks: ["adding"], profiles: .named(["keras2", "pytorch"]), seedCount: 2, epochs: 2)
        let specs = study.runSpecifications(allProfiles: [])
        var records = specs.map(recordedRun)
        records[1].diverged = true
        records[1].testMetric = .nan
        records.append(RunRecord.failure(of: specs[2], seconds: 0.5))
        let lines = try records.map { try RecordCoding.encoder().encode($0) + Data("\n".utf8) }
        let whole = lines.reduce(Data(), +)
        return [[UInt8](whole), [UInt8](whole + lines[0].prefix(40))]
    }

    @Test func resultsReaderNeverTrapsAndAccountsForEveryLine() throws {
        var mutator = Mutator(state: 3)
        let corpus = try resultsCorpus()
        for _ in 0..<fuzzIterations(3000) {
            let input = mutator.mutate(corpus.randomElement(using: &mutator)!)
            let loaded = ResultsFile.parse(Data(input), path: "fuzz.jsonl")
            let lines = input.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).count
            #expect(loaded.records.count + loaded.warnings.count <= lines)
            // What was read writes back and reads again the same (NaN compared by its encoding).
            let again = ResultsFile.parse(try loaded.records.map { try RecordCoding.encoder().encode($0) + Data("\n".utf8) }.reduce(Data(), +), path: "again")
            #expect(again.warnings.isEmpty && again.records.count == loaded.records.count)
            #expect(try again.records.map { try RecordCoding.encoder().encode($0) } == loaded.records.map { try RecordCoding.encoder().encode($0) })
            _ = try? ResultsMerger.merge(loaded.records.map { ($0, "fuzz.jsonl") }, warnings: [])
        }
    }
}
