import Foundation
import Testing
import LaminaTensor
import LaminaGraph
@testable import Lamina
import LaminaTestSupport

// The fixtures were made with NumPy:
//   numpy.savez("numpy_savez.npz", **{"dense.W": float32 [[1.5, -2, 0.25], [3, 4, -0.5]], "dense.b": float32 [0.1, 0.2, 0.3],
//               "scalar": float64(2.5), "ints": int32 [[1, -2], [3, 4]], "mask": [True, False, True],
//               "fortran": asfortranarray(arange(6.).reshape(2, 3))})
//   numpy.savez("numpy_positional.npz", [[1., 2.]], [3., 4.])
//   numpy.savez_compressed("numpy_compressed.npz", a=zeros(3))

/// The path of a committed fixture.
func fixture(_ name: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)").path
}

/// A fresh temporary folder for one test.
func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("lamina-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

@Suite("NumPy .npz files")
struct NpzTests {
    @Test func readsWhatNumpySavezWrites() throws {
        let arrays = try Npz.read(from: fixture("numpy_savez.npz"))
        #expect(arrays.map(\.name) == ["dense.W", "dense.b", "scalar", "ints", "mask", "fortran"])
        let byName = Dictionary(uniqueKeysWithValues: arrays.map { ($0.name, $0.array) })
        #expect(byName["dense.W"]!.dtype == .float32)
        expectClose(byName["dense.W"]!, [1.5, -2, 0.25, 3, 4, -0.5], shape: [2, 3], absolute: 1e-9, relative: 1e-9)
        expectClose(byName["dense.b"]!, [0.1, 0.2, 0.3], shape: [3], absolute: 1e-7, relative: 1e-9)
        #expect(byName["scalar"]!.shape == [] && byName["scalar"]!.dtype == .float64 && byName["scalar"]!.scalarValue == 2.5)
        #expect(byName["ints"]!.dtype == .int32 && byName["ints"]!.doubles == [1, -2, 3, 4])
        #expect(byName["mask"]!.dtype == .bool && byName["mask"]!.doubles == [1, 0, 1])
        expectClose(byName["fortran"]!, [0, 1, 2, 3, 4, 5], shape: [2, 3], absolute: 1e-9, relative: 1e-9)
    }

    @Test func roundTripsEveryDtypeAndShape() throws {
        let folder = try temporaryFolder()
        let path = folder.appendingPathComponent("all.npz").path
        let arrays: [(name: String, array: NDArray)] = [
            ("f32", f32([1.5, -2, 3.25, 1e-20], [2, 2])), ("f64", f64([Double.pi], [])), ("i32", i32([7, -8, 9], [3, 1])),
            ("bool", NDArray([true, false], shape: [2])), ("empty", NDArray(zeros: [0, 3], dtype: .float32)),
        ]
        try Npz.write(arrays, to: path)
        let back = try Npz.read(from: path)
        #expect(back.map(\.name) == arrays.map(\.name))
        for (a, b) in zip(arrays, back) {
            #expect(a.array.dtype == b.array.dtype && a.array.shape == b.array.shape && a.array.doubles == b.array.doubles, "\(a.name)")
        }
        // Only the file remains: the temporary file was renamed into place.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["all.npz"])
        // Rewriting replaces the file.
        try Npz.write([("only", f64([1], [1]))], to: path)
        #expect(try Npz.read(from: path).map(\.name) == ["only"])
    }

    @Test func arrayDataStartsAtA64ByteBoundary() throws {
        let npy = Npy.encode(f32([1, 2, 3], [3]))
        let headerLength = Int(npy[8]) | Int(npy[9]) << 8
        #expect((10 + headerLength) % 64 == 0 && npy[10 + headerLength - 1] == UInt8(ascii: "\n"))
    }

    @Test func numpyLoadsWhatLaminaWrites() throws {
        let path = try temporaryFolder().appendingPathComponent("from-lamina.npz").path
        try Npz.write([("hidden.W", f32([1.5, -2, 0.25, 3, 4, -0.5], [2, 3])), ("hidden.b", f64([0.5], [])),
                       ("labels", i32([1, 2], [2])), ("mask", NDArray([false, true], shape: [1, 2]))], to: path)
        let script = """
        import numpy as np, sys
        d = np.load(sys.argv[1])
        print(sorted(d.files))
        print(d['hidden.W'].dtype, d['hidden.W'].shape, d['hidden.W'].tolist())
        print(d['hidden.b'].dtype, d['hidden.b'].shape, float(d['hidden.b']))
        print(d['labels'].dtype, d['labels'].tolist(), d['mask'].dtype, d['mask'].tolist())
        """
        let lines = try runPython(script, arguments: [path]).split(separator: "\n").map(String.init)
        #expect(lines == [
            "['hidden.W', 'hidden.b', 'labels', 'mask']",
            "float32 (2, 3) [[1.5, -2.0, 0.25], [3.0, 4.0, -0.5]]",
            "float64 () 0.5",
            "int32 [1, 2] bool [[False, True]]",
        ])
    }

    @Test func refusesCompressedDamagedAndMissingFiles() throws {
        #expect(message { _ = try Npz.read(from: fixture("numpy_compressed.npz")) }.contains("entry a.npy is compressed (method 8); save with numpy.savez, not numpy.savez_compressed"))
        #expect(message { _ = try Npz.read(from: "/nonexistent/file.npz") }.contains("cannot read the file"))
        let folder = try temporaryFolder()
        var bytes = try Data(contentsOf: URL(fileURLWithPath: fixture("numpy_savez.npz")))
        bytes[200] ^= 0xFF
        let damaged = folder.appendingPathComponent("damaged.npz").path
        try bytes.write(to: URL(fileURLWithPath: damaged))
        #expect(message { _ = try Npz.read(from: damaged) }.contains("fails its CRC-32 check"))
        let text = folder.appendingPathComponent("text.npz").path
        try Data("hello".utf8).write(to: URL(fileURLWithPath: text))
        #expect(message { _ = try Npz.read(from: text) }.contains("not a zip archive"))
        #expect(message { try Npz.write([("a", f64([1], [1])), ("a", f64([1], [1]))], to: folder.appendingPathComponent("x.npz").path) }.contains("the key a appears twice"))
    }
}

/// Runs a Python script with NumPy (installed with python3-sklearn by .ci/setup) and returns its output.
func runPython(_ script: String, arguments: [String]) throws -> String {
    let outcome = try Subprocess.run(program: "python3", arguments: ["-c", script] + arguments)
    #expect(outcome.succeeded, "python3 failed (needs numpy: apt-get install -y python3-numpy): \(outcome.errorText)")
    return outcome.outputText
}

@Suite("Parameter files")
struct ParameterFileTests {
    /// in (?, 2) → hidden (3) → out (2), float64, named.
    func network(seed: UInt64 = 1, names: Bool = true) throws -> DenseLayer {
        try float64(seed: seed) {
            let input = try InputLayer(shape: [nil, 2])
            let hidden = try DenseLayer(incoming: input, units: 3, b: Normal(std: 1), name: names ? "hidden" : nil)
            return try DenseLayer(incoming: hidden, units: 2, b: Normal(std: 1), name: names ? "out" : nil)
        }
    }

    @Test func roundTripByNameIntoAnotherNetwork() throws {
        let path = try temporaryFolder().appendingPathComponent("net.npz").path
        let source = try network(seed: 1), target = try network(seed: 2)
        try saveParams(of: [source], to: path)
        #expect(try Npz.read(from: path).map(\.name) == ["out.W", "out.b", "hidden.W", "hidden.b"])
        #expect(allParamValues(of: [target]).map(\.doubles) != allParamValues(of: [source]).map(\.doubles))
        try loadParams(into: [target], from: path)
        #expect(allParamValues(of: [target]).map(\.doubles) == allParamValues(of: [source]).map(\.doubles))
    }

    @Test func roundTripByPositionWithNumpysKeys() throws {
        let path = try temporaryFolder().appendingPathComponent("net.npz").path
        let source = try network(seed: 1, names: false), target = try network(seed: 2, names: false)
        #expect(message { try saveParams(of: [source], to: path) }.contains("parameter names are not unique ('W', 'b'); name the layers, or use keys: .positions"))
        try saveParams(of: [source], to: path, keys: .positions)
        #expect(try Npz.read(from: path).map(\.name) == ["arr_0", "arr_1", "arr_2", "arr_3"])
        try loadParams(into: [target], from: path, matching: .positions)
        #expect(allParamValues(of: [target]).map(\.doubles) == allParamValues(of: [source]).map(\.doubles))
        // Lasagne's inputs-first order.
        try saveParams(of: [source], to: path, keys: .positions, order: .inputsFirst)
        #expect(try Npz.read(from: path)[0].array.shape == [2, 3])
    }

    @Test func loadsANumpyPositionalFile() throws {
        let layer = try float64 { try DenseLayer(incoming: try InputLayer(shape: [nil, 1]), units: 2) }
        try loadParams(into: [layer], from: fixture("numpy_positional.npz"), matching: .positions)
        #expect((layer.W as! Shared).value.doubles == [1, 2] && (layer.b as! Shared).value.doubles == [3, 4])
    }

    @Test func mismatchedFilesAreRefusedAndChangeNothing() throws {
        let folder = try temporaryFolder()
        let target = try network(seed: 2)
        let before = allParamValues(of: [target]).map(\.doubles)
        func refused(_ arrays: [(name: String, array: NDArray)], matching keys: ParameterKeys = .names) throws -> String {
            let path = folder.appendingPathComponent("bad.npz").path
            try Npz.write(arrays, to: path)
            let text = message { try loadParams(into: [target], from: path, matching: keys) }
            #expect(allParamValues(of: [target]).map(\.doubles) == before, "a refused file changed the network: \(text)")
            return text
        }
        let good = allParamValues(of: [try network(seed: 3)])
        let names = ["out.W", "out.b", "hidden.W", "hidden.b"]
        let complete = Array(zip(names, good)).map { (name: $0.0, array: $0.1) }

        #expect(try refused(Array(complete.dropLast())).contains("the file holds 3 array(s) for 4 parameter(s): it has no array for parameter(s) hidden.b"))
        #expect(try refused(complete + [("extra", f64([1], [1]))]).contains("its array(s) extra match no parameter"))
        var renamed = complete
        renamed[0].name = "output.W"
        let text = try refused(renamed)
        #expect(text.contains("no array for parameter(s) out.W") && text.contains("its array(s) output.W match no parameter"))
        var wrongShape = complete
        wrongShape[3].array = f64([1, 2], [2])
        #expect(try refused(wrongShape).contains("array hidden.b is a float64 array of shape (2,), but parameter hidden.b holds float64 of shape (3,)"))
        var wrongType = complete
        wrongType[2].array = wrongType[2].array.cast(to: .float32)
        #expect(try refused(wrongType).contains("array hidden.W is a float32 array of shape (2, 3)"))
        let positional = complete.enumerated().map { (name: "arr_\($0.offset)", array: $0.element.array) }
        #expect(try refused(Array(positional.dropFirst()), matching: .positions).contains("the file holds 3 array(s) for 4 parameter(s)"))
        #expect(message { try loadParams(into: [target], from: folder.appendingPathComponent("missing.npz").path) }.contains("cannot read the file"))
        #expect(allParamValues(of: [target]).map(\.doubles) == before)
    }

    @Test func positionalKeysAreOrderedByNumber() throws {
        let path = try temporaryFolder().appendingPathComponent("shuffled.npz").path
        let target = try network(seed: 2)
        let values = allParamValues(of: [try network(seed: 5)])
        // arr_10-style ordering: write the keys out of order.
        try Npz.write([("arr_2", values[2]), ("arr_0", values[0]), ("arr_3", values[3]), ("arr_1", values[1])], to: path)
        try loadParams(into: [target], from: path, matching: .positions)
        #expect(allParamValues(of: [target]).map(\.doubles) == values.map(\.doubles))
    }
}
