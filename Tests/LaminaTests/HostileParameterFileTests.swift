import Foundation
import Testing
import LaminaTensor
@testable import Lamina

/// `.npy` bytes (format 1.0) with the given header dict and data, padded as NumPy pads them.
func npyBytes(header dict: String, data: [UInt8]) -> Data {
    var header = dict
    let unpadded = 10 + header.utf8.count + 1
    header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
    var bytes = Data(Npy.magic + [1, 0])
    bytes.append(contentsOf: [UInt8(header.utf8.count & 0xFF), UInt8(header.utf8.count >> 8)])
    bytes.append(contentsOf: Array(header.utf8))
    bytes.append(contentsOf: data)
    return bytes
}

/// A one-entry stored zip whose sizes and entry count are given in ZIP64 records
/// (`size` in the entry's ZIP64 extra field, `count` in the ZIP64 end of central
/// directory), as APPNOTE 4.3.14–4.3.15 and 4.5.3 lay them out. With the true values
/// Python's `zipfile.ZipFile(...).read("a.npy")` returns `data` (checked by hand).
func zip64Archive(name: String = "a.npy", data: Data, size: UInt64? = nil, count: UInt64 = 1) -> Data {
    let nameBytes = Array(name.utf8)
    let crc = StoredZip.crc32(data)
    var archive = Data()
    archive.appendLE(UInt32(0x0403_4B50)); archive.appendLE(UInt16(45)); archive.appendLE(UInt16(0)); archive.appendLE(UInt16(0))
    archive.appendLE(UInt16(0)); archive.appendLE(UInt16(0x21)); archive.appendLE(crc)
    archive.appendLE(UInt32(data.count)); archive.appendLE(UInt32(data.count))
    archive.appendLE(UInt16(nameBytes.count)); archive.appendLE(UInt16(0))
    archive.append(contentsOf: nameBytes)
    archive.append(data)
    let directoryOffset = archive.count
    var directory = Data()
    directory.appendLE(UInt32(0x0201_4B50)); directory.appendLE(UInt16(0x032D)); directory.appendLE(UInt16(45))
    directory.appendLE(UInt16(0)); directory.appendLE(UInt16(0)); directory.appendLE(UInt16(0)); directory.appendLE(UInt16(0x21))
    directory.appendLE(crc); directory.appendLE(UInt32(0xFFFF_FFFF)); directory.appendLE(UInt32(0xFFFF_FFFF))
    directory.appendLE(UInt16(nameBytes.count)); directory.appendLE(UInt16(20)); directory.appendLE(UInt16(0))
    directory.appendLE(UInt16(0)); directory.appendLE(UInt16(0)); directory.appendLE(UInt32(0o100644 << 16))
    directory.appendLE(UInt32(0))
    directory.append(contentsOf: nameBytes)
    directory.appendLE(UInt16(1)); directory.appendLE(UInt16(16))
    directory.appendLE(size ?? UInt64(data.count)); directory.appendLE(size ?? UInt64(data.count))
    archive.append(directory)
    let zip64End = archive.count
    archive.appendLE(UInt32(0x0606_4B50)); archive.appendLE(UInt64(44)); archive.appendLE(UInt16(45)); archive.appendLE(UInt16(45))
    archive.appendLE(UInt32(0)); archive.appendLE(UInt32(0)); archive.appendLE(count); archive.appendLE(count)
    archive.appendLE(UInt64(directory.count)); archive.appendLE(UInt64(directoryOffset))
    archive.appendLE(UInt32(0x0706_4B50)); archive.appendLE(UInt32(0)); archive.appendLE(UInt64(zip64End)); archive.appendLE(UInt32(1))
    archive.appendLE(UInt32(0x0605_4B50)); archive.appendLE(UInt16(0)); archive.appendLE(UInt16(0))
    archive.appendLE(UInt16(0xFFFF)); archive.appendLE(UInt16(0xFFFF))
    archive.appendLE(UInt32(0xFFFF_FFFF)); archive.appendLE(UInt32(0xFFFF_FFFF)); archive.appendLE(UInt16(0))
    return archive
}

/// Reads `archive` as an .npz file and returns the error message ("no error" if it reads).
func npzMessage(_ archive: Data) throws -> String {
    let path = try temporaryFolder().appendingPathComponent("hostile.npz").path
    try archive.write(to: URL(fileURLWithPath: path))
    return message { _ = try Npz.read(from: path) }
}

/// Hostile and unusual `.npz`/`.npy` input: every failure is a thrown error naming the member and field.
@Suite("Hostile .npz files")
struct HostileParameterFileTests {
    let float32One = npyBytes(header: "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", data: [0, 0, 0x80, 0x3F])

    @Test func zip64ArchiveWithTrueSizesReads() throws {
        let path = try temporaryFolder().appendingPathComponent("zip64.npz").path
        try zip64Archive(data: float32One).write(to: URL(fileURLWithPath: path))
        let arrays = try Npz.read(from: path)
        #expect(arrays.map(\.name) == ["a"] && arrays[0].array.doubles == [1])   // bytes 00 00 80 3F are float32 1.0
    }

    @Test func shapeProductOverflowIsAnError() throws {
        let npy = npyBytes(header: "{'descr': '<f4', 'fortran_order': False, 'shape': (10000000000, 10000000000), }", data: [])
        let text = try npzMessage(try StoredZip.encode([("big.npy", npy)]))
        #expect(text.contains("entry big.npy: field 'shape' (10000000000, 10000000000) has more than"), "\(text)")
    }

    @Test func byteCountOverflowIsAnError() throws {
        // 2^61 float32 elements: the count fits in Int, the byte count 2^63 does not.
        let npy = npyBytes(header: "{'descr': '<f4', 'fortran_order': False, 'shape': (2305843009213693952,), }", data: [])
        let text = try npzMessage(try StoredZip.encode([("w.npy", npy)]))
        #expect(text.contains("entry w.npy: field 'shape' (2305843009213693952,) of <f4 needs more than 9223372036854775807 bytes"), "\(text)")
    }

    @Test func zeroSizedShapeWithHugeAxesIsRefusedNotTrapped() throws {
        let npy = npyBytes(header: "{'descr': '<f4', 'fortran_order': False, 'shape': (0, 10000000000, 10000000000), }", data: [])
        let text = try npzMessage(try StoredZip.encode([("z.npy", npy)]))
        #expect(text.contains("field 'shape'"), "\(text)")
    }

    @Test func zip64SizesThatAreNegativeOrHugeAreErrors() throws {
        let negative = try npzMessage(zip64Archive(data: float32One, size: UInt64(bitPattern: -1)))
        #expect(negative.contains("entry a.npy: size 18446744073709551615 is out of range"), "\(negative)")
        let huge = try npzMessage(zip64Archive(data: float32One, size: 1 << 62))
        #expect(huge.contains("entry a.npy: size 4611686018427387904 is out of range (the archive has 336 bytes)"), "\(huge)")
        // 133 bytes (one more than the .npy's 128-byte header + 4) stay inside the archive but run past the entry's data
        // into the directory, so the CRC-32 check refuses them.
        let long = try npzMessage(zip64Archive(data: float32One, size: 133))
        #expect(long.contains("entry a.npy fails its CRC-32 check"), "\(long)")
    }

    @Test func zip64CountsThatAreNegativeOrHugeAreErrors() throws {
        let negative = try npzMessage(zip64Archive(data: float32One, count: UInt64(bitPattern: -1)))
        #expect(negative.contains("entry count 18446744073709551615 is out of range"), "\(negative)")
        let huge = try npzMessage(zip64Archive(data: float32One, count: 1 << 40))
        #expect(huge.contains("entry count 1099511627776 is out of range (the archive has 336 bytes)"), "\(huge)")
        // 100 entries of at least 46 bytes cannot fit in the 169 bytes from the directory (at 167 = 30 + 5 + 132) to the end.
        let many = try npzMessage(zip64Archive(data: float32One, count: 100))
        #expect(many.contains("the central directory claims 100 entries, more than its 169 bytes can hold"), "\(many)")
    }

    @Test func truncatedArchivesAreErrors() throws {
        let whole = try StoredZip.encode([("a.npy", float32One)])
        // Every proper prefix fails with an error, never a trap.
        for length in 0..<whole.count {
            #expect(try npzMessage(whole.prefix(length)) != "no error", "prefix \(length)")
        }
    }

    @Test func int64MembersAreReadAsInt32WhenTheyFit() throws {
        let arrays = try Npz.read(from: fixture("numpy_int64.npz"))
        #expect(arrays.map(\.name) == ["small", "w"])
        #expect(arrays[0].array.dtype == .int32 && arrays[0].array.shape == [2, 2])
        #expect(arrays[0].array.doubles == [1, -2, 2_147_483_647, -2_147_483_648])   // the values given to numpy.savez
        #expect(arrays[1].array.doubles == [0.5])
    }

    @Test func int64ValuesOutsideInt32AreAnErrorNamingTheMember() {
        let text = message { _ = try Npz.read(from: fixture("numpy_int64_large.npz")) }
        #expect(text.contains("entry big.npy: int64 element 1 is 2147483648, outside int32's range"), "\(text)")
    }

    @Test func memberNamesWithPathsAreRefused() throws {
        for name in ["../../evil.npy", "/w.npy", "dir//w.npy", "dir/", "a\\b.npy", "..npy"] {
            let text = try npzMessage(try StoredZip.encode([(name, float32One)]))
            #expect(text.contains("keys must be plain names"), "\(name): \(text)")
        }
        let empty = try npzMessage(try StoredZip.encode([(".npy", float32One)]))
        #expect(empty.contains("empty name"), "\(empty)")
        let twice = try npzMessage(try StoredZip.encode([("a.npy", float32One), ("a.npy", float32One)]))
        #expect(twice.contains("member a.npy appears twice"), "\(twice)")
    }

    /// Found by the fuzz test: member names and headers quoted in errors may hold newlines.
    @Test func errorsQuotingTheFileStayOnOneLine() throws {
        var damaged = try StoredZip.encode([("a\nb.npy", float32One)])
        // The end of central directory (the last 22 bytes) has the directory's offset at +16; the entry's CRC-32 is at +16 of it.
        let directory = Int(damaged[damaged.count - 6]) | Int(damaged[damaged.count - 5]) << 8
        damaged[directory + 16] ^= 0xFF
        let crc = try npzMessage(damaged)
        #expect(crc.contains("entry a?b.npy fails its CRC-32 check") && !crc.contains("\n"), "\(crc)")
        let header = npyBytes(header: "{'descr': '<f4',\n 'fortran_order': False, }", data: [])
        let noShape = try npzMessage(try StoredZip.encode([("h.npy", header)]))
        #expect(noShape.contains("has no 'shape'") && !noShape.contains("\n"), "\(noShape)")
        #expect(oneLine(String(repeating: "x", count: 400)).count == 301)
    }

    @Test func boolBytesOtherThanZeroOrOneReadAsTrue() throws {
        let npy = npyBytes(header: "{'descr': '|b1', 'fortran_order': False, 'shape': (3,), }", data: [0, 7, 1])
        let array = try Npy.decode(npy)
        #expect(array.doubles == [0, 1, 1])   // NumPy: numpy.frombuffer(bytes([0, 7, 1]), bool) != 0 → [False, True, True]
    }
}
