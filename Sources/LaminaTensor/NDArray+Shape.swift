/// Shape manipulation: permuting, slicing, joining and gathering.
extension NDArray {
    /// The array with axes permuted: axis `i` of the result is axis `permutation[i]` of `self`.
    /// - Throws: ``TensorError`` if `permutation` is not a permutation of `0..<rank`.
    public func permuted(_ permutation: [Int]) throws -> NDArray {
        guard permutation.sorted() == Array(0..<rank) else {
            throw TensorError("permute", "\(permutation) is not a permutation of the axes of an array of shape \(formatShape(shape))")
        }
        let result = NDArray(zeros: permutation.map { shape[$0] }, dtype: dtype)
        ShapeKernels.permute(buffer.pointer, shape: shape, elementSize: dtype.byteSize, permutation: permutation,
                             into: result.buffer.pointer)
        return result
    }

    /// The array with its axes reversed (a matrix's transpose).
    public var transposed: NDArray { try! permuted(Array((0..<rank).reversed())) }

    /// The elements selected by a basic slice (see ``SliceIndex``), as a new array.
    public func slice(_ indices: [SliceIndex]) throws -> NDArray {
        let resolved = try ResolvedSlice(indices, shape: shape)
        let result = NDArray(zeros: resolved.resultShape, dtype: dtype)
        ShapeKernels.sliceCopy(buffer.pointer, shape: shape, elementSize: dtype.byteSize, slice: resolved,
                               into: result.buffer.pointer)
        return result
    }

    /// A copy with the sliced region replaced by `values` (or incremented by
    /// them when `accumulate` is true); `values` broadcasts to the region.
    public func updatingSlice(_ indices: [SliceIndex], with values: NDArray, accumulate: Bool = false) throws -> NDArray {
        let resolved = try ResolvedSlice(indices, shape: shape)
        let region = try NDArray.broadcast(values.cast(to: dtype), to: resolved.resultShape, operation: accumulate ? "inc_subtensor" : "set_subtensor")
        let result = copy()
        ShapeKernels.sliceWrite(result.buffer.pointer, shape: shape, dtype: dtype, slice: resolved,
                                values: region.buffer.pointer, accumulate: accumulate)
        return result
    }

    /// `value` broadcast to `shape` as a new array.
    public static func broadcast(_ value: NDArray, to shape: [Int], operation: String = "broadcast") throws -> NDArray {
        let target = try Broadcasting.shape([value.shape, shape], operation: operation)
        guard target == shape else {
            throw TensorError(operation, "cannot broadcast shape \(formatShape(value.shape)) to \(formatShape(shape))")
        }
        if value.shape == shape { return value }
        return elementwise(.unary(.identity), [value], outputTypes: [value.dtype], shape: shape)[0]
    }

    /// Joins arrays along `axis`; all other axes must agree, and so must the dtypes.
    public static func concatenate(_ arrays: [NDArray], axis: Int) throws -> NDArray {
        guard let first = arrays.first else { throw TensorError("concatenate", "needs at least one array") }
        let a = axis < 0 ? axis + first.rank : axis
        guard a >= 0 && a < first.rank else {
            throw TensorError("concatenate", "axis \(axis) is out of range for arrays of rank \(first.rank)")
        }
        for x in arrays {
            guard x.dtype == first.dtype else {
                throw TensorError("concatenate", "dtypes differ: \(arrays.map(\.dtype.rawValue).joined(separator: ", "))")
            }
            guard x.rank == first.rank,
                  x.shape.enumerated().allSatisfy({ $0.offset == a || $0.element == first.shape[$0.offset] }) else {
                throw TensorError("concatenate", "shapes \(arrays.map { formatShape($0.shape) }.joined(separator: ", ")) differ outside axis \(a)")
            }
        }
        var shape = first.shape
        shape[a] = arrays.reduce(0) { $0 + $1.shape[a] }
        let result = NDArray(zeros: shape, dtype: first.dtype)
        withExtendedLifetime(arrays) {
            ShapeKernels.concatenate(arrays.map { (UnsafeRawPointer($0.buffer.pointer), $0.shape) }, axis: a,
                                     elementSize: first.dtype.byteSize, into: result.buffer.pointer)
        }
        return result
    }

    /// Stacks equally shaped arrays along a new axis.
    public static func stack(_ arrays: [NDArray], axis: Int = 0) throws -> NDArray {
        guard let first = arrays.first else { throw TensorError("stack", "needs at least one array") }
        let a = axis < 0 ? axis + first.rank + 1 : axis
        guard a >= 0 && a <= first.rank else { throw TensorError("stack", "axis \(axis) is out of range") }
        guard arrays.allSatisfy({ $0.shape == first.shape }) else {
            throw TensorError("stack", "shapes differ: \(arrays.map { formatShape($0.shape) }.joined(separator: ", "))")
        }
        var expanded = first.shape
        expanded.insert(1, at: a)
        return try concatenate(arrays.map { try $0.reshaped(expanded) }, axis: a)
    }

    /// `take` along `axis`: the result's shape is `shape[..<axis] + indices.shape + shape[(axis+1)...]`.
    /// - Throws: ``TensorError`` if `indices` is not int32 or holds an index out of range.
    public func gathering(_ indices: NDArray, axis: Int = 0) throws -> NDArray {
        guard indices.dtype == .int32 else { throw TensorError("gather", "indices must be int32, not \(indices.dtype)") }
        let a = try Reduction.normalizedAxes([axis], rank: rank, operation: "gather")[0]
        let result = NDArray(zeros: Array(shape[..<a]) + indices.shape + Array(shape[(a + 1)...]), dtype: dtype)
        try ShapeKernels.gather(buffer.pointer, shape: shape, elementSize: dtype.byteSize, axis: a,
                                indices: indices.buffer.pointer.assumingMemoryBound(to: Int32.self),
                                indexCount: indices.count, into: result.buffer.pointer)
        return result
    }
}

extension NDArray {
    /// Runs an elementwise program with an explicit output shape, which every operand broadcasts to.
    static func elementwise(_ program: ElementwiseProgram, _ operands: [NDArray], outputTypes: [DType],
                            shape: [Int]) -> [NDArray] {
        let results = outputTypes.map { NDArray(zeros: shape, dtype: $0) }
        withExtendedLifetime(operands) {
            ElementwiseKernel.run(program,
                                  operands: operands.map { RawOperand(pointer: UnsafeRawPointer($0.buffer.pointer), dtype: $0.dtype, shape: $0.shape) },
                                  outputs: results.map { RawOutput(pointer: $0.buffer.pointer, dtype: $0.dtype) },
                                  shape: shape)
        }
        return results
    }
}
