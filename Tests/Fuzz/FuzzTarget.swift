// libFuzzer targets for the readers of untrusted files; built by Tests/Fuzz/run.sh with one of
// -D FUZZ_NPZ, -D FUZZ_STUDY or -D FUZZ_RECORDS. Each input must either be refused with the
// reader's own error or be accepted with the reader's promises kept; anything else aborts, and a
// trap is a crash, so libFuzzer saves the input.
import Foundation
#if FUZZ_NPZ
@testable import Lamina
#else
@testable import LaminaCompare
#endif

/// Stops the fuzzer with `message` when `condition` is false.
func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition {
        FileHandle.standardError.write(Data("property violated: \(message())\n".utf8))
        abort()
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: start, count: count)
    #if FUZZ_NPZ
    do {
        for (name, array) in try Npz.decode(data, path: "fuzz.npz") {
            require(!name.isEmpty && !name.contains("/") && !name.contains(".."), "member name \(name)")
            require(array.count == array.shape.reduce(1, *) && array.count <= count, "array of shape \(array.shape) from \(count) bytes")
        }
    } catch let error as LaminaError {
        require(!"\(error)".contains("\n"), "multi-line error \(error)")
    } catch {
        require(false, "error of another type: \(error)")
    }
    #elseif FUZZ_STUDY
    do {
        let study = try StudyParser.parse(data: data, fileName: "fuzz.json")
        require(StudyFields.seeds.accepts(Double(study.seedCount)) && StudyFields.units.accepts(Double(study.units))
                && StudyFields.epochs.accepts(Double(study.epochs)) && StudyFields.batchSize.accepts(Double(study.batchSize))
                && StudyFields.learningRate.accepts(study.learningRate) && StudyFields.clipNorm.accepts(study.clipNorm)
                && StudyFields.isSafeName(study.name), "accepted values out of range: \(study)")
        for (task, options) in study.taskOptions {
            for (name, value) in options {
                require(StudyFields.taskOptions[task]?.first { $0.path == name }?.accepts(value) == true, "option \(task).\(name) = \(value)")
            }
        }
    } catch let error as StudyError {
        require(!error.message.isEmpty && !error.description.contains("\n"), "empty or multi-line message: \(error)")
    } catch {
        require(false, "error of another type: \(error)")
    }
    #elseif FUZZ_RECORDS
    let loaded = ResultsFile.parse(data, path: "fuzz.jsonl")
    let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).count
    require(loaded.records.count + loaded.warnings.count <= lines, "more records and warnings than lines")
    _ = try? ResultsMerger.merge(loaded.records.map { ($0, "fuzz.jsonl") }, warnings: [])
    #endif
    return 0
}
