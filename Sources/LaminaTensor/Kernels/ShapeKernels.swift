import CKernels

/// One entry of a basic slice: a single index (drops the axis) or a range
/// with Python semantics (negative positions count from the end, `nil`
/// bounds mean "from the start/end in the direction of `step`").
public enum SliceIndex: Hashable, Sendable, CustomStringConvertible {
    case index(Int)
    case range(start: Int?, stop: Int?, step: Int)

    /// Every element of the axis.
    public static let all = SliceIndex.range(start: nil, stop: nil, step: 1)

    /// A range with step 1.
    public static func range(_ start: Int?, _ stop: Int?) -> SliceIndex { .range(start: start, stop: stop, step: 1) }

    public var description: String {
        switch self {
        case .index(let i): return "\(i)"
        case .range(let start, let stop, let step):
            let a = start.map(String.init) ?? "", b = stop.map(String.init) ?? ""
            return step == 1 ? "\(a):\(b)" : "\(a):\(b):\(step)"
        }
    }
}

/// A slice resolved against a concrete shape.
public struct ResolvedSlice: Sendable, Equatable {
    /// Per input axis: first position, number of elements taken, step.
    public var start: [Int], count: [Int], step: [Int]
    /// Input axes that a single index removes from the result.
    public var dropped: [Bool]

    /// Shape of the sliced region with dropped axes kept as size 1.
    public var regionShape: [Int] { count }
    /// Shape of the result (dropped axes removed).
    public var resultShape: [Int] { count.enumerated().filter { !dropped[$0.offset] }.map(\.element) }

    /// Resolves `indices` (missing trailing entries mean `.all`) against `shape`.
    /// - Throws: ``TensorError`` for too many entries, a zero step, or an index out of range.
    public init(_ indices: [SliceIndex], shape: [Int]) throws {
        guard indices.count <= shape.count else {
            throw TensorError("slice", "\(indices.count) indices for an array of rank \(shape.count) and shape \(formatShape(shape))")
        }
        start = []; count = []; step = []; dropped = []
        for axis in 0..<shape.count {
            let size = shape[axis]
            switch axis < indices.count ? indices[axis] : .all {
            case .index(let i):
                let j = i < 0 ? i + size : i
                guard j >= 0 && j < size else {
                    throw TensorError("slice", "index \(i) is out of range for axis \(axis) of size \(size)")
                }
                start.append(j); count.append(1); step.append(1); dropped.append(true)
            case .range(let s, let e, let st):
                guard st != 0 else { throw TensorError("slice", "slice step cannot be zero") }
                // Python's slice.indices
                func clampBound(_ v: Int?, _ dflt: Int, lo: Int, hi: Int) -> Int {
                    guard var v else { return dflt }
                    if v < 0 { v += size }
                    return min(max(v, lo), hi)
                }
                let first: Int, last: Int, n: Int
                if st > 0 {
                    first = clampBound(s, 0, lo: 0, hi: size)
                    last = clampBound(e, size, lo: 0, hi: size)
                    n = last > first ? (last - first + st - 1) / st : 0
                } else {
                    first = clampBound(s, size - 1, lo: -1, hi: size - 1)
                    last = clampBound(e, -1, lo: -1, hi: size - 1)
                    n = first > last ? (first - last - st - 1) / (-st) : 0
                }
                start.append(n > 0 ? first : 0); count.append(n); step.append(st); dropped.append(false)
            }
        }
    }

    /// Calls `body(inputOffset, outputOffset, count, inputStride)` for each run
    /// of the region along its last axis, in row-major order: the run's
    /// elements sit at `inputOffset + j·inputStride` in the input and at
    /// `outputOffset + j` in the (contiguous) region.
    func forEachRun(inputShape: [Int], _ body: (Int, Int, Int, Int) -> Void) {
        let rank = inputShape.count
        if rank == 0 { body(0, 0, 1, 1); return }
        let strides = Broadcasting.strides(inputShape)
        let runLength = count[rank - 1], runStride = step[rank - 1] * strides[rank - 1]
        let runs = count.dropLast().reduce(1, *)
        if runLength == 0 || runs == 0 { return }
        var index = [Int](repeating: 0, count: rank)
        var offset = 0
        for a in 0..<rank { offset += start[a] * strides[a] }
        for run in 0..<runs {
            body(offset, run * runLength, runLength, runStride)
            var a = rank - 2
            while a >= 0 {
                index[a] += 1
                offset += step[a] * strides[a]
                if index[a] < count[a] { break }
                offset -= index[a] * step[a] * strides[a]
                index[a] = 0
                a -= 1
            }
        }
    }
}

/// Kernels that move elements without arithmetic (or with only addition).
package enum ShapeKernels {
    /// Copies `input` into `output` with axes permuted: output axis i is input axis `permutation[i]`.
    public static func permute(_ input: UnsafeRawPointer, shape: [Int], elementSize: Int, permutation: [Int],
                               into output: UnsafeMutableRawPointer) {
        let rank = shape.count
        let total = shape.reduce(1, *)
        if total == 0 { return }
        let inStrides = Broadcasting.strides(shape)
        let outShape = permutation.map { shape[$0] }
        let srcStrides = permutation.map { inStrides[$0] }
        if rank == 0 { output.copyMemory(from: input, byteCount: elementSize); return }
        // A last axis that stays last and spans 4 or 8 bytes is copied as one wider element
        // ((…, 2) float32 steps of a sequence, swapped to time-major, move 8 bytes at a time), when
        // both ends are aligned to it.
        let runBytes = shape[rank - 1] * elementSize
        if rank > 1, permutation[rank - 1] == rank - 1, elementSize < runBytes, runBytes == 4 || runBytes == 8,
           Int(bitPattern: input) % runBytes == 0, Int(bitPattern: output) % runBytes == 0 {
            permute(input, shape: Array(shape.dropLast()), elementSize: runBytes, permutation: Array(permutation.dropLast()), into: output)
            return
        }
        var index = [Int](repeating: 0, count: rank)
        var offset = 0
        let last = rank - 1
        let innerCount = outShape[last], innerStride = srcStrides[last]
        var out = 0
        func copyRun<T>(_: T.Type) {
            let s = input.assumingMemoryBound(to: T.self), d = output.assumingMemoryBound(to: T.self)
            while out < total {
                for j in 0..<innerCount { d[out + j] = s[offset + j * innerStride] }
                out += innerCount
                var a = last - 1
                while a >= 0 {
                    index[a] += 1
                    offset += srcStrides[a]
                    if index[a] < outShape[a] { break }
                    offset -= index[a] * srcStrides[a]
                    index[a] = 0
                    a -= 1
                }
                if a < 0 { break }
            }
        }
        switch elementSize {
        case 8: copyRun(UInt64.self)
        case 4: copyRun(UInt32.self)
        default: copyRun(UInt8.self)
        }
    }

    /// Copies the sliced region of `input` into a contiguous `output`.
    public static func sliceCopy(_ input: UnsafeRawPointer, shape: [Int], elementSize: Int, slice: ResolvedSlice,
                                 into output: UnsafeMutableRawPointer) {
        slice.forEachRun(inputShape: shape) { src, dst, n, stride in
            if stride == 1 {
                (output + dst * elementSize).copyMemory(from: input + src * elementSize, byteCount: n * elementSize)
            } else {
                for j in 0..<n {
                    (output + (dst + j) * elementSize).copyMemory(from: input + (src + j * stride) * elementSize, byteCount: elementSize)
                }
            }
        }
    }

    /// Writes `values` (contiguous, the region's element count, broadcast already applied)
    /// into the sliced region of `target`, replacing or adding.
    public static func sliceWrite(_ target: UnsafeMutableRawPointer, shape: [Int], dtype: DType, slice: ResolvedSlice,
                                  values: UnsafeRawPointer, accumulate: Bool) {
        let size = dtype.byteSize
        slice.forEachRun(inputShape: shape) { dst, src, n, stride in
            if !accumulate && stride == 1 {
                (target + dst * size).copyMemory(from: values + src * size, byteCount: n * size)
            } else if accumulate && stride == 1 && dtype == .float32 {
                let t = target.assumingMemoryBound(to: Float.self) + dst, v = values.assumingMemoryBound(to: Float.self) + src
                for j in 0..<n { t[j] += v[j] }
            } else if accumulate && stride == 1 && dtype == .float64 {
                let t = target.assumingMemoryBound(to: Double.self) + dst, v = values.assumingMemoryBound(to: Double.self) + src
                for j in 0..<n { t[j] += v[j] }
            } else {
                for j in 0..<n {
                    if accumulate {
                        addElement(target, dst + j * stride, values, src + j, dtype)
                    } else {
                        (target + (dst + j * stride) * size).copyMemory(from: values + (src + j) * size, byteCount: size)
                    }
                }
            }
        }
    }

    @inline(__always)
    static func addElement(_ target: UnsafeMutableRawPointer, _ t: Int, _ values: UnsafeRawPointer, _ v: Int, _ dtype: DType) {
        switch dtype {
        case .float32: target.assumingMemoryBound(to: Float.self)[t] += values.assumingMemoryBound(to: Float.self)[v]
        case .float64: target.assumingMemoryBound(to: Double.self)[t] += values.assumingMemoryBound(to: Double.self)[v]
        case .int32: target.assumingMemoryBound(to: Int32.self)[t] &+= values.assumingMemoryBound(to: Int32.self)[v]
        case .bool:
            let p = target.assumingMemoryBound(to: UInt8.self)
            p[t] = (p[t] != 0 || values.assumingMemoryBound(to: UInt8.self)[v] != 0) ? 1 : 0
        }
    }

    /// Concatenates arrays that agree on every axis but `axis` into `output`.
    ///
    /// Each output row along the axes before `axis` is the inputs' rows one after another (a loop's
    /// gate gradients: 50 rows of four 128-byte pieces), copied by `lamina_interleave_rows`.
    public static func concatenate(_ inputs: [(pointer: UnsafeRawPointer, shape: [Int])], axis: Int, elementSize: Int,
                                   into output: UnsafeMutableRawPointer) {
        interleaveRows(count: inputs.count, axis: axis, elementSize: elementSize, into: output) { inputs[$0] }
    }

    /// ``concatenate(_:axis:elementSize:into:)`` for engine operands (their `dtype` is not read;
    /// `elementSize` gives the bytes per element).
    public static func concatenate(_ inputs: [RawOperand], axis: Int, elementSize: Int, into output: UnsafeMutableRawPointer) {
        interleaveRows(count: inputs.count, axis: axis, elementSize: elementSize, into: output) {
            (inputs[$0].pointer, inputs[$0].shape)
        }
    }

    /// Hands `lamina_interleave_rows` the pieces' pointers and row sizes in bytes (the product of
    /// `shape[axis...]` times `elementSize`), both lists on the stack: a loop body concatenates
    /// every step, and heap lists cost as much as the copy.
    private static func interleaveRows(count: Int, axis: Int, elementSize: Int, into output: UnsafeMutableRawPointer,
                                       part: (Int) -> (pointer: UnsafeRawPointer, shape: [Int])) {
        guard count > 0 else { return }
        var outer = 1
        for extent in part(0).shape[..<axis] { outer *= extent }
        withUnsafeTemporaryAllocation(of: UnsafeRawPointer?.self, capacity: count) { sources in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: count) { rowBytes in
                for k in 0..<count {
                    let (pointer, shape) = part(k)
                    var bytes = elementSize
                    for extent in shape[axis...] { bytes *= extent }
                    sources[k] = pointer
                    rowBytes[k] = bytes
                }
                lamina_interleave_rows(outer, count, sources.baseAddress, rowBytes.baseAddress, output)
            }
        }
    }

    /// Checks int32 `indices` against an axis of `size`, resolving negative ones.
    static func resolvedIndex(_ i: Int32, size: Int, operation: String) throws -> Int {
        let j = i < 0 ? Int(i) + size : Int(i)
        guard j >= 0 && j < size else {
            throw TensorError(operation, "index \(i) is out of range for an axis of size \(size)")
        }
        return j
    }

    /// `output = input.take(indices, axis)`: output shape is
    /// `shape[..<axis] + indexShape + shape[(axis+1)...]`.
    /// - Throws: ``TensorError`` for an index out of range (nothing is read out of bounds).
    public static func gather(_ input: UnsafeRawPointer, shape: [Int], elementSize: Int, axis: Int,
                              indices: UnsafePointer<Int32>, indexCount: Int, into output: UnsafeMutableRawPointer) throws {
        let outer = shape[..<axis].reduce(1, *), size = shape[axis]
        let inner = shape[(axis + 1)...].reduce(1, *) * elementSize
        let resolved = try (0..<indexCount).map { try resolvedIndex(indices[$0], size: size, operation: "gather") }
        for o in 0..<outer {
            for (k, j) in resolved.enumerated() {
                (output + (o * indexCount + k) * inner).copyMemory(from: input + (o * size + j) * inner, byteCount: inner)
            }
        }
    }

    /// The adjoint of ``gather``: `output` (shape `shape`, zero-filled by the caller)
    /// receives `values[..., k, ...]` added at position `indices[k]` along `axis`.
    public static func scatterAdd(into output: UnsafeMutableRawPointer, shape: [Int], dtype: DType, axis: Int,
                                  indices: UnsafePointer<Int32>, indexCount: Int, values: UnsafeRawPointer) throws {
        let outer = shape[..<axis].reduce(1, *), size = shape[axis]
        let inner = shape[(axis + 1)...].reduce(1, *)
        let resolved = try (0..<indexCount).map { try resolvedIndex(indices[$0], size: size, operation: "scatter_add") }
        for o in 0..<outer {
            for (k, j) in resolved.enumerated() {
                let dst = (o * size + j) * inner, src = (o * indexCount + k) * inner
                for i in 0..<inner { addElement(output, dst + i, values, src + i, dtype) }
            }
        }
    }
}
