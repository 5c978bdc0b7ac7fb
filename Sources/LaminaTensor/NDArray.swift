/// A dense, contiguous, row-major n-dimensional array.
///
/// `NDArray` has value semantics: copies share memory until one of them is
/// mutated (copy on write). Its element type is a run-time ``DType`` so that
/// one array type serves float32, float64, int32 and bool data.
///
/// ```swift
/// let a = NDArray([1, 2, 3, 4] as [Float], shape: [2, 2])
/// let b = try a + a          // [[2, 4], [6, 8]]
/// ```
public struct NDArray: @unchecked Sendable {
    /// The element type.
    public let dtype: DType
    /// The size of each axis; `[]` for a scalar.
    public let shape: [Int]
    /// The memory holding the elements (possibly shared with other arrays).
    public private(set) var buffer: TensorBuffer

    /// Wraps an existing buffer, which must hold at least `shape`'s element count.
    public init(buffer: TensorBuffer, dtype: DType, shape: [Int]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative axis size in \(shape)")
        precondition(buffer.byteCapacity >= shape.reduce(1, *) * dtype.byteSize, "buffer too small")
        self.buffer = buffer
        self.dtype = dtype
        self.shape = shape
    }

    /// An array of zeros (false for bool).
    public init(zeros shape: [Int], dtype: DType = .float32) {
        let count = shape.reduce(1, *)
        self.init(buffer: TensorBuffer(byteCapacity: count * dtype.byteSize), dtype: dtype, shape: shape)
    }

    /// An array holding `values` in row-major order.
    public init<T: TensorScalar>(_ values: [T], shape: [Int]) {
        precondition(values.count == shape.reduce(1, *),
                     "\(values.count) values do not fill shape \(formatShape(shape))")
        self.init(zeros: shape, dtype: T.dtype)
        values.withUnsafeBytes { src in
            buffer.pointer.copyMemory(from: src.baseAddress!, byteCount: src.count)
        }
    }

    /// A one-dimensional array holding `values`.
    public init<T: TensorScalar>(_ values: [T]) { self.init(values, shape: [values.count]) }

    /// A rank-0 array holding one value.
    public init<T: TensorScalar>(scalar value: T) { self.init([value], shape: []) }

    /// An array of the given shape and type filled with `value` (converted to `dtype`).
    public init(repeating value: Double, shape: [Int], dtype: DType = .float32) {
        self.init(zeros: shape, dtype: dtype)
        if value != 0 { fillUnchecked(with: value) }
    }

    /// The number of axes.
    @inlinable public var rank: Int { shape.count }
    /// The number of elements.
    @inlinable public var count: Int { shape.reduce(1, *) }
    /// The number of bytes the elements occupy.
    @inlinable public var byteCount: Int { count * dtype.byteSize }

    /// Calls `body` with the elements as a typed buffer. `T` must match ``dtype``.
    @inlinable
    public func withUnsafeBufferPointer<T: TensorScalar, R>(
        as type: T.Type, _ body: (UnsafeBufferPointer<T>) throws -> R
    ) rethrows -> R {
        precondition(T.dtype == dtype, "array of \(dtype) read as \(T.dtype)")
        let typed = buffer.pointer.assumingMemoryBound(to: T.self)
        return try body(UnsafeBufferPointer(start: typed, count: count))
    }

    /// Calls `body` with mutable access to the elements, copying the buffer
    /// first if another array shares it. `T` must match ``dtype``.
    @inlinable
    public mutating func withUnsafeMutableBufferPointer<T: TensorScalar, R>(
        as type: T.Type, _ body: (UnsafeMutableBufferPointer<T>) throws -> R
    ) rethrows -> R {
        precondition(T.dtype == dtype, "array of \(dtype) written as \(T.dtype)")
        makeUnique()
        let typed = buffer.pointer.assumingMemoryBound(to: T.self)
        return try body(UnsafeMutableBufferPointer(start: typed, count: count))
    }

    /// Gives this array its own buffer if it shares one.
    public mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&buffer) {
            let copy = TensorBuffer(byteCapacity: byteCount)
            copy.pointer.copyMemory(from: buffer.pointer, byteCount: byteCount)
            buffer = copy
        }
    }

    /// The elements in row-major order. `T` must match ``dtype``.
    public func scalars<T: TensorScalar>(as type: T.Type = T.self) -> [T] {
        withUnsafeBufferPointer(as: T.self) { Array($0) }
    }

    /// The elements converted to `Double` whatever the dtype (bool gives 0/1).
    public var doubles: [Double] {
        switch dtype {
        case .float32: return scalars(as: Float.self).map(Double.init)
        case .float64: return scalars(as: Double.self)
        case .int32: return scalars(as: Int32.self).map(Double.init)
        case .bool: return scalars(as: Bool.self).map { $0 ? 1 : 0 }
        }
    }

    /// The value of a one-element array, converted to `Double`.
    public var scalarValue: Double {
        precondition(count == 1, "scalarValue of an array of shape \(formatShape(shape))")
        return doubles[0]
    }

    /// The element at a multi-index, converted to `Double`.
    public subscript(index: Int...) -> Double {
        precondition(index.count == rank, "index \(index) for an array of rank \(rank)")
        var flat = 0
        for (axis, i) in index.enumerated() {
            precondition(i >= 0 && i < shape[axis], "index \(index) out of range for shape \(formatShape(shape))")
            flat = flat * shape[axis] + i
        }
        return loadDouble(at: flat)
    }

    /// The element at a flat (row-major) position, converted to `Double`.
    @inlinable
    public func loadDouble(at flat: Int) -> Double {
        switch dtype {
        case .float32: return Double(buffer.pointer.load(fromByteOffset: flat * 4, as: Float.self))
        case .float64: return buffer.pointer.load(fromByteOffset: flat * 8, as: Double.self)
        case .int32: return Double(buffer.pointer.load(fromByteOffset: flat * 4, as: Int32.self))
        case .bool: return buffer.pointer.load(fromByteOffset: flat, as: UInt8.self) != 0 ? 1 : 0
        }
    }

    /// An array with the same elements and a new shape of the same element
    /// count; shares memory with `self` (no copy).
    /// - Throws: ``TensorError`` if the counts differ.
    public func reshaped(_ newShape: [Int]) throws -> NDArray {
        let resolved = try resolveReshape(newShape, count: count, from: shape)
        return NDArray(buffer: buffer, dtype: dtype, shape: resolved)
    }

    /// A copy with its own buffer.
    public func copy() -> NDArray {
        let result = NDArray(zeros: shape, dtype: dtype)
        result.buffer.pointer.copyMemory(from: buffer.pointer, byteCount: byteCount)
        return result
    }

    /// Writes `value` (converted) into every element of a buffer the caller owns.
    mutating func fillUnchecked(with value: Double) {
        makeUnique()
        fillRaw(buffer.pointer, count: count, dtype: dtype, value: value)
    }
}

/// Fills `count` elements of `dtype` at `pointer` with `value` (converted).
package func fillRaw(_ pointer: UnsafeMutableRawPointer, count: Int, dtype: DType, value: Double) {
    switch dtype {
    case .float32: pointer.assumingMemoryBound(to: Float.self).update(repeating: Float(value), count: count)
    case .float64: pointer.assumingMemoryBound(to: Double.self).update(repeating: value, count: count)
    case .int32: pointer.assumingMemoryBound(to: Int32.self).update(repeating: Int32(fromDouble: value), count: count)
    case .bool: pointer.assumingMemoryBound(to: UInt8.self).update(repeating: value != 0 ? 1 : 0, count: count)
    }
}

/// Resolves one `-1` entry in a reshape target and checks the element count (`TensorError` if it cannot).
package func resolveReshape(_ target: [Int], count: Int, from shape: [Int]) throws -> [Int] {
    let unknown = target.indices.filter { target[$0] == -1 }
    if unknown.count > 1 || target.contains(where: { $0 < -1 }) {
        throw TensorError("reshape", "target \(formatShape(target)) may hold at most one -1 and no other negative size")
    }
    var resolved = target
    if let u = unknown.first {
        let known = target.enumerated().filter { $0.offset != u }.map(\.element).reduce(1, *)
        guard known > 0, count % known == 0 else {
            throw TensorError("reshape", "cannot reshape \(formatShape(shape)) (\(count) elements) to \(formatShape(target))")
        }
        resolved[u] = count / known
    }
    guard resolved.reduce(1, *) == count else {
        throw TensorError("reshape", "cannot reshape \(formatShape(shape)) (\(count) elements) to \(formatShape(target))")
    }
    return resolved
}

extension NDArray: CustomStringConvertible {
    /// NumPy-like text: nested brackets, with the dtype when it is not float32.
    public var description: String {
        let values = doubles
        func fmt(_ v: Double) -> String {
            switch dtype {
            case .bool: return v != 0 ? "true" : "false"
            case .int32: return String(Int(v))
            default:
                if v.isNaN { return "nan" }
                if v.isInfinite { return v > 0 ? "inf" : "-inf" }
                if v == v.rounded() && abs(v) < 1e15 { return String(Int(v)) + "." }
                return String(format: "%.6g", v)
            }
        }
        func render(_ axis: Int, _ offset: Int) -> String {
            if axis == rank { return fmt(values[offset]) }
            let stride = shape[(axis + 1)...].reduce(1, *)
            let limit = shape[axis]
            var parts: [String] = []
            for i in 0..<limit {
                if limit > 12 && i == 6 { parts.append("..."); continue }
                if limit > 12 && i > 6 && i < limit - 6 { continue }
                parts.append(render(axis + 1, offset + i * stride))
            }
            return "[" + parts.joined(separator: ", ") + "]"
        }
        let body = count == 0 ? "[]" : render(0, 0)
        return dtype == .float32 ? body : "\(body) (\(dtype))"
    }
}

import Foundation
