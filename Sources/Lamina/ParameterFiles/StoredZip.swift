import Foundation

/// A minimal zip archive of stored (uncompressed) entries: what
/// `numpy.savez` writes. Reading also understands the ZIP64 extra fields
/// NumPy's writer may add; compressed entries (`numpy.savez_compressed`)
/// are refused with a message.
enum StoredZip {
    /// The archive bytes for `entries`, in order. Entries are stored with a
    /// fixed timestamp (1980-01-01), so equal contents give equal files.
    static func encode(_ entries: [(name: String, data: Data)]) throws -> Data {
        var archive = Data(), directory = Data()
        for (name, data) in entries {
            guard data.count < 0xFFFF_FFFF, archive.count < 0xFFFF_FFFF else { throw NpyError("entry \(name) is too large for a zip without ZIP64") }
            let nameBytes = Array(name.utf8)
            let crc = crc32(data)
            let offset = UInt32(archive.count)
            // Local file header.
            archive.appendLE(UInt32(0x0403_4B50)); archive.appendLE(UInt16(20)); archive.appendLE(UInt16(0)); archive.appendLE(UInt16(0))
            archive.appendLE(UInt16(0)); archive.appendLE(UInt16(0x21))   // time 00:00, date 1980-01-01
            archive.appendLE(crc); archive.appendLE(UInt32(data.count)); archive.appendLE(UInt32(data.count))
            archive.appendLE(UInt16(nameBytes.count)); archive.appendLE(UInt16(0))
            archive.append(contentsOf: nameBytes)
            archive.append(data)
            // Central directory entry.
            directory.appendLE(UInt32(0x0201_4B50)); directory.appendLE(UInt16(0x0314)); directory.appendLE(UInt16(20))
            directory.appendLE(UInt16(0)); directory.appendLE(UInt16(0)); directory.appendLE(UInt16(0)); directory.appendLE(UInt16(0x21))
            directory.appendLE(crc); directory.appendLE(UInt32(data.count)); directory.appendLE(UInt32(data.count))
            directory.appendLE(UInt16(nameBytes.count)); directory.appendLE(UInt16(0)); directory.appendLE(UInt16(0))
            directory.appendLE(UInt16(0)); directory.appendLE(UInt16(0)); directory.appendLE(UInt32(0o100644 << 16))
            directory.appendLE(offset)
            directory.append(contentsOf: nameBytes)
        }
        let directoryOffset = UInt32(archive.count)
        archive.append(directory)
        // End of central directory.
        archive.appendLE(UInt32(0x0605_4B50)); archive.appendLE(UInt16(0)); archive.appendLE(UInt16(0))
        archive.appendLE(UInt16(entries.count)); archive.appendLE(UInt16(entries.count))
        archive.appendLE(UInt32(directory.count)); archive.appendLE(directoryOffset); archive.appendLE(UInt16(0))
        return archive
    }

    /// The entries of an archive, in directory order. Every count, size and
    /// offset (32-bit or ZIP64) is checked against the archive's length
    /// before it is used, so a damaged or hostile archive gives an error
    /// naming the record and field, never a trap.
    static func decode(_ archive: Data) throws -> [(name: String, data: Data)] {
        let bytes = ZipBytes(bytes: [UInt8](archive))
        let total = bytes.count

        // The end-of-central-directory record is in the last 22 + 65535 bytes.
        guard total >= 22 else { throw NpyError("not a zip archive (\(total) bytes, shorter than an end of central directory)") }
        var end = total - 22
        while end > 0 && end > total - 22 - 0xFFFF && bytes.u32(end) != 0x0605_4B50 { end -= 1 }
        guard bytes.u32(end) == 0x0605_4B50 else { throw NpyError("not a zip archive (no end of central directory)") }
        var count = Int(bytes.u16(end + 10)), directoryOffset = Int(bytes.u32(end + 16))
        if count == 0xFFFF || directoryOffset == 0xFFFF_FFFF, end >= 20, bytes.u32(end - 20) == 0x0706_4B50 {
            let record = try bytes.offset(UInt64(bytes.u64(end - 20 + 8)), field: "ZIP64 locator: end-of-directory offset", size: 56)
            guard bytes.u32(record) == 0x0606_4B50 else { throw NpyError("bad ZIP64 end of central directory at offset \(record)") }
            count = try bytes.offset(bytes.u64(record + 32), field: "ZIP64 end of central directory: entry count", size: 0)
            directoryOffset = try bytes.offset(bytes.u64(record + 48), field: "ZIP64 end of central directory: directory offset", size: 0)
        }
        guard directoryOffset <= total else {
            throw NpyError("end of central directory: directory offset \(directoryOffset) is out of range (the archive has \(total) bytes)")
        }
        // Each directory entry takes at least 46 bytes, so a larger count cannot be right.
        guard count <= (total - directoryOffset) / 46 else {
            throw NpyError("the central directory claims \(count) entries, more than its \(total - directoryOffset) bytes can hold")
        }
        var entries: [(name: String, data: Data)] = []
        var at = directoryOffset
        for index in 0..<count {
            guard at <= total - 46, bytes.u32(at) == 0x0201_4B50 else { throw NpyError("bad central directory entry \(index) at offset \(at)") }
            let method = bytes.u16(at + 10), crc = bytes.u32(at + 16)
            var size = UInt64(bytes.u32(at + 20))
            let nameLength = Int(bytes.u16(at + 28)), extraLength = Int(bytes.u16(at + 30)), commentLength = Int(bytes.u16(at + 32))
            var localOffset = UInt64(bytes.u32(at + 42))
            let extraEnd = at + 46 + nameLength + extraLength
            guard extraEnd <= total else { throw NpyError("central directory entry \(index) runs past the end of the archive") }
            let name = String(decoding: bytes.bytes[(at + 46)..<(at + 46 + nameLength)], as: UTF8.self)
            // ZIP64 extra field: the 64-bit sizes and offset that the 32-bit fields mark as 0xFFFFFFFF.
            var extra = at + 46 + nameLength
            while extra + 4 <= extraEnd {
                let id = bytes.u16(extra), length = Int(bytes.u16(extra + 2))
                if id == 0x0001 {
                    var field = extra + 4
                    func next(_ what: String) throws -> UInt64 {
                        guard field + 8 <= min(extra + 4 + length, extraEnd) else {
                            throw NpyError("entry \(name): ZIP64 extra field too short for its \(what)")
                        }
                        defer { field += 8 }
                        return bytes.u64(field)
                    }
                    if bytes.u32(at + 24) == 0xFFFF_FFFF { _ = try next("uncompressed size") }
                    if size == 0xFFFF_FFFF { size = try next("compressed size") }
                    if localOffset == 0xFFFF_FFFF { localOffset = try next("local header offset") }
                }
                extra += 4 + length
            }
            guard method == 0 else {
                throw NpyError("entry \(name) is compressed (method \(method)); save with numpy.savez, not numpy.savez_compressed")
            }
            let local = try bytes.offset(localOffset, field: "entry \(name): local header offset", size: 30)
            guard bytes.u32(local) == 0x0403_4B50 else { throw NpyError("bad local header for entry \(name)") }
            let start = local + 30 + Int(bytes.u16(local + 26)) + Int(bytes.u16(local + 28))
            let length = try bytes.offset(size, field: "entry \(name): size", size: 0)
            guard start <= total, length <= total - start else {
                throw NpyError("entry \(name) runs past the end of the archive (size \(size) from offset \(start) in \(total) bytes)")
            }
            let data = Data(bytes.bytes[start..<(start + length)])
            guard crc32(data) == crc else { throw NpyError("entry \(name) fails its CRC-32 check (the file is damaged)") }
            entries.append((name, data))
            at = extraEnd + commentLength
        }
        return entries
    }

    private static let crcTable: [UInt32] = (0..<256).map { n in
        (0..<8).reduce(UInt32(n)) { c, _ in c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
    }

    /// The CRC-32 (ISO 3309, as zip uses it) of `data`.
    static func crc32(_ data: Data) -> UInt32 {
        ~data.reduce(~UInt32(0)) { crcTable[Int(($0 ^ UInt32($1)) & 0xFF)] ^ ($0 >> 8) }
    }
}

/// Little-endian reads from archive bytes. Reads past the end give 0 (the
/// callers check every offset against ``count`` before trusting a field).
struct ZipBytes {
    let bytes: [UInt8]
    var count: Int { bytes.count }

    func u16(_ at: Int) -> UInt16 {
        guard at >= 0, at <= count - 2 else { return 0 }
        return UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8
    }

    func u32(_ at: Int) -> UInt32 { UInt32(u16(at)) | UInt32(u16(at + 2)) << 16 }

    func u64(_ at: Int) -> UInt64 { UInt64(u32(at)) | UInt64(u32(at + 4)) << 32 }

    /// `value` as an offset or size that leaves `size` bytes inside the archive.
    /// - Throws: naming `field` when it does not.
    func offset(_ value: UInt64, field: String, size: Int) throws -> Int {
        guard let offset = Int(exactly: value), offset <= count - size else {
            throw NpyError("\(field) \(value) is out of range (the archive has \(count) bytes)")
        }
        return offset
    }
}

extension Data {
    mutating func appendLE<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }
}
