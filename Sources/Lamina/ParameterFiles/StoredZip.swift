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

    /// The entries of an archive, in directory order.
    static func decode(_ archive: Data) throws -> [(name: String, data: Data)] {
        let bytes = [UInt8](archive)
        func u16(_ at: Int) throws -> Int {
            guard at >= 0, at + 2 <= bytes.count else { throw NpyError("truncated zip archive") }
            return Int(bytes[at]) | Int(bytes[at + 1]) << 8
        }
        func u32(_ at: Int) throws -> Int { try u16(at) | u16(at + 2) << 16 }
        func u64(_ at: Int) throws -> Int { try u32(at) | u32(at + 4) << 32 }

        // The end-of-central-directory record is in the last 22 + 65535 bytes.
        var end = bytes.count - 22
        while end >= 0 && end >= bytes.count - 22 - 0xFFFF {
            if try u32(end) == 0x0605_4B50 { break }
            end -= 1
        }
        guard end >= 0, try u32(end) == 0x0605_4B50 else { throw NpyError("not a zip archive (no end of central directory)") }
        var count = try u16(end + 10), directoryOffset = try u32(end + 16)
        if count == 0xFFFF || directoryOffset == 0xFFFF_FFFF, end >= 20, try u32(end - 20) == 0x0706_4B50 {
            let record = try u64(end - 20 + 8)
            guard try u32(record) == 0x0606_4B50 else { throw NpyError("bad ZIP64 end of central directory") }
            count = try u64(record + 32)
            directoryOffset = try u64(record + 48)
        }
        var entries: [(name: String, data: Data)] = []
        var at = directoryOffset
        for _ in 0..<count {
            guard try u32(at) == 0x0201_4B50 else { throw NpyError("bad central directory entry") }
            let method = try u16(at + 10), crc = try u32(at + 16)
            var size = try u32(at + 20)
            let nameLength = try u16(at + 28), extraLength = try u16(at + 30), commentLength = try u16(at + 32)
            var localOffset = try u32(at + 42)
            guard at + 46 + nameLength <= bytes.count else { throw NpyError("truncated zip archive") }
            let name = String(decoding: bytes[(at + 46)..<(at + 46 + nameLength)], as: UTF8.self)
            // ZIP64 extra field: the 64-bit sizes and offset that the 32-bit fields mark as 0xFFFFFFFF.
            var extra = at + 46 + nameLength
            while extra + 4 <= at + 46 + nameLength + extraLength {
                let id = try u16(extra), length = try u16(extra + 2)
                if id == 0x0001 {
                    var field = extra + 4
                    if try u32(at + 24) == 0xFFFF_FFFF { field += 8 }                     // uncompressed size
                    if size == 0xFFFF_FFFF { size = try u64(field); field += 8 }
                    if localOffset == 0xFFFF_FFFF { localOffset = try u64(field) }
                }
                extra += 4 + length
            }
            guard method == 0 else {
                throw NpyError("entry \(name) is compressed (method \(method)); save with numpy.savez, not numpy.savez_compressed")
            }
            guard try u32(localOffset) == 0x0403_4B50 else { throw NpyError("bad local header for entry \(name)") }
            let start = try localOffset + 30 + u16(localOffset + 26) + u16(localOffset + 28)
            guard start + size <= bytes.count else { throw NpyError("entry \(name) runs past the end of the archive") }
            let data = Data(bytes[start..<(start + size)])
            guard crc32(data) == UInt32(crc) else { throw NpyError("entry \(name) fails its CRC-32 check (the file is damaged)") }
            entries.append((name, data))
            at += 46 + nameLength + extraLength + commentLength
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

extension Data {
    mutating func appendLE<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }
}
