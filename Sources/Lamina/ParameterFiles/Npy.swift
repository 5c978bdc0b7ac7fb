import Foundation
import LaminaTensor

/// NumPy's `.npy` format, version 1.0: the magic `\x93NUMPY`, the version,
/// a little-endian 16-bit header length, a header that is a Python dict
/// literal (`{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }`)
/// padded with spaces and a newline so the data starts at a multiple of 64
/// bytes, then the elements in row-major order.
enum Npy {
    static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]   // \x93NUMPY

    /// The dtype codes NumPy writes for Lamina's dtypes (little-endian).
    static func descriptor(_ dtype: DType) -> String {
        switch dtype {
        case .float32: return "<f4"
        case .float64: return "<f8"
        case .int32: return "<i4"
        case .bool: return "|b1"
        }
    }

    static func dtype(forDescriptor descriptor: String) -> DType? {
        switch descriptor {
        case "<f4", "=f4", "f4": return .float32
        case "<f8", "=f8", "f8": return .float64
        case "<i4", "=i4", "i4": return .int32
        case "|b1", "b1", "?", "|?": return .bool
        default: return nil
        }
    }

    /// The `.npy` bytes of an array.
    static func encode(_ array: NDArray) -> Data {
        let shape = array.shape.count == 1 ? "(\(array.shape[0]),)" : "(" + array.shape.map(String.init).joined(separator: ", ") + ")"
        var header = "{'descr': '\(descriptor(array.dtype))', 'fortran_order': False, 'shape': \(shape), }"
        let unpadded = magic.count + 2 + 2 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        var data = Data(magic + [1, 0])
        let length = UInt16(header.utf8.count)
        data.append(contentsOf: [UInt8(length & 0xFF), UInt8(length >> 8)])
        data.append(contentsOf: Array(header.utf8))
        data.append(Data(bytes: array.buffer.pointer, count: array.byteCount))
        return data
    }

    /// The array in `.npy` bytes. Every size in the header is checked
    /// before use: the element count and byte count must not overflow and
    /// must match the bytes present. An int64 array (`<i8`, NumPy's default
    /// integer) is read as int32 when every value fits.
    /// - Throws: a description of what is wrong, naming the header field
    ///   (the caller adds the file and entry).
    static func decode(_ bytes: Data) throws -> NDArray {
        let data = [UInt8](bytes)
        guard data.count >= 10, Array(data[0..<6]) == magic else { throw NpyError("not a .npy array (no \\x93NUMPY magic)") }
        let major = data[6]
        let headerLength: Int, headerStart: Int
        switch major {
        case 1:
            headerLength = Int(data[8]) | Int(data[9]) << 8
            headerStart = 10
        case 2, 3:
            guard data.count >= 12 else { throw NpyError("truncated header (the header length needs 12 bytes, the array has \(data.count))") }
            headerLength = (0..<4).reduce(0) { $0 | Int(data[8 + $1]) << (8 * $1) }
            headerStart = 12
        default:
            throw NpyError(".npy format version \(major) is not supported")
        }
        guard headerLength <= data.count - headerStart else {
            throw NpyError("truncated header (header length \(headerLength), but only \(data.count - headerStart) bytes follow)")
        }
        let header = String(decoding: data[headerStart..<(headerStart + headerLength)], as: UTF8.self)
        let (descriptor, fortranOrder, shape) = try parseHeader(header)
        let storage = try Storage(descriptor: descriptor)
        let count = try elementCount(shape)
        let start = headerStart + headerLength
        let (byteCount, overflow) = count.multipliedReportingOverflow(by: storage.byteSize)
        guard !overflow else {
            throw NpyError("field 'shape' \(formatShape(shape)) of \(descriptor) needs more than \(Int.max) bytes")
        }
        guard data.count - start == byteCount else {
            throw NpyError("holds \(data.count - start) data bytes, but field 'shape' \(formatShape(shape)) of \(descriptor) needs \(byteCount)")
        }
        let storedShape = fortranOrder ? Array(shape.reversed()) : shape
        let array = NDArray(zeros: storedShape, dtype: storage.dtype)
        try data.withUnsafeBytes { raw in
            try storage.copy(from: raw.baseAddress! + start, count: count, into: array.buffer.pointer)
        }
        // A Fortran-ordered array is the row-major array of the reversed shape, transposed.
        return fortranOrder ? try array.permuted(Array((0..<shape.count).reversed())) : array
    }

    /// The number of elements of `shape`, refusing shapes whose nonzero
    /// sizes multiply past `Int.max` (so no later product over the shape,
    /// in any order, can overflow).
    static func elementCount(_ shape: [Int]) throws -> Int {
        var product = 1
        for size in shape where size != 0 {
            let (next, overflow) = product.multipliedReportingOverflow(by: size)
            guard !overflow else { throw NpyError("field 'shape' \(formatShape(shape)) has more than \(Int.max) elements") }
            product = next
        }
        return shape.contains(0) ? 0 : product
    }

    /// How an element is stored in the file and which Lamina dtype it becomes.
    struct Storage {
        let dtype: DType
        /// Bytes per stored element.
        let byteSize: Int
        let descriptor: String

        init(descriptor: String) throws {
            self.descriptor = descriptor
            if let dtype = Npy.dtype(forDescriptor: descriptor) {
                self.dtype = dtype
                byteSize = dtype.byteSize
            } else if ["<i8", "=i8", "i8"].contains(descriptor) {
                dtype = .int32
                byteSize = 8
            } else {
                throw NpyError("field 'descr' '\(descriptor)' is not supported (Lamina reads little-endian float32 <f4, float64 <f8, int32 <i4, int64 <i8 that fits in int32, and bool |b1)")
            }
        }

        /// Copies `count` stored elements to `destination`, narrowing int64
        /// to int32 and normalizing bools to 0 or 1.
        func copy(from source: UnsafeRawPointer, count: Int, into destination: UnsafeMutableRawPointer) throws {
            if byteSize == 8 && dtype == .int32 {
                let target = destination.assumingMemoryBound(to: Int32.self)
                for i in 0..<count {
                    let value = Int64(littleEndian: source.loadUnaligned(fromByteOffset: 8 * i, as: Int64.self))
                    guard let narrow = Int32(exactly: value) else {
                        throw NpyError("int64 element \(i) is \(value), outside int32's range \(Int32.min)...\(Int32.max); Lamina's integers are int32")
                    }
                    target[i] = narrow
                }
            } else if dtype == .bool {
                let target = destination.assumingMemoryBound(to: UInt8.self)
                for i in 0..<count { target[i] = source.load(fromByteOffset: i, as: UInt8.self) == 0 ? 0 : 1 }
            } else {
                destination.copyMemory(from: source, byteCount: count * byteSize)
            }
        }
    }

    /// The descr, fortran_order and shape entries of a header dict.
    static func parseHeader(_ header: String) throws -> (String, Bool, [Int]) {
        func value(after key: String) throws -> Substring {
            guard let range = header.range(of: "'\(key)':") else { throw NpyError("the header \(header.trimmingCharacters(in: .whitespacesAndNewlines)) has no '\(key)'") }
            return header[range.upperBound...].drop { $0 == " " }
        }
        let descrText = try value(after: "descr")
        guard descrText.first == "'", let end = descrText.dropFirst().firstIndex(of: "'") else { throw NpyError("cannot read 'descr' in \(header)") }
        let descriptor = String(descrText[descrText.index(after: descrText.startIndex)..<end])
        let fortranOrder = try value(after: "fortran_order").hasPrefix("True")
        let shapeText = try value(after: "shape")
        guard shapeText.first == "(", let close = shapeText.firstIndex(of: ")") else { throw NpyError("cannot read 'shape' in \(header)") }
        let inner = shapeText[shapeText.index(after: shapeText.startIndex)..<close]
        let shape = try inner.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.map { part -> Int in
            guard let n = Int(part.hasSuffix("L") ? String(part.dropLast()) : part), n >= 0 else { throw NpyError("bad size '\(part)' in shape") }
            return n
        }
        return (descriptor, fortranOrder, shape)
    }
}

/// A problem in `.npy` or zip bytes, described for the caller to place.
struct NpyError: Error {
    let message: String
    /// The message as one line of at most 300 characters: the bytes it quotes from the file
    /// (member names, headers) may hold newlines and other control characters, shown as `?`.
    init(_ message: String) { self.message = oneLine(message) }
}

/// `text` with control characters (newlines included) as `?`, cut to `limit` characters with `…`.
func oneLine(_ text: String, limit: Int = 300) -> String {
    let scalars = text.unicodeScalars.map { $0.value < 32 || (0x7F..<0xA0).contains($0.value) ? "?" : Character($0) }
    return scalars.count > limit ? String(scalars.prefix(limit)) + "…" : String(scalars)
}
