"""A hint for compiled kernels: fetch an array element into the caches before it is read.

Kernels that hop at random through arrays of tens of megabytes (swap chains,
breadth-first searches on :math:`10^5` nodes) spend most of their time waiting on
memory. When a kernel knows early which element it will read, :func:`prefetch`
asks the processor to start loading it (``llvm.prefetch``), and the kernel goes on
meanwhile. It is only a hint: it never faults and changes no result, only timing.
Usable inside ``numba.njit`` functions only.

Examples
--------
>>> import numba, numpy as np
>>> @numba.njit
... def total(x):
...     s = 0.0
...     for i in range(x.size):
...         if i + 8 < x.size:
...             prefetch(x, i + 8)
...         s += x[i]
...     return s
>>> total(np.arange(100.0))
4950.0
"""

from __future__ import annotations

import numba
from llvmlite import ir
from numba.core import cgutils
from numba.extending import intrinsic

__all__ = ["prefetch"]


@intrinsic
def prefetch(typingctx, arr, idx):  # pragma: no cover - compiled
    """Ask the processor to fetch ``arr[idx]`` into its caches (for reading, kept close)."""
    sig = numba.types.void(arr, idx)

    def codegen(context, builder, signature, args):
        arrty = signature.args[0]
        ary = context.make_array(arrty)(context, builder, args[0])
        at = context.cast(builder, args[1], signature.args[1], numba.types.intp)  # any integer
        ptr = cgutils.get_item_pointer(context, builder, arrty, ary, [at], wraparound=False)
        i8p, i32 = ir.IntType(8).as_pointer(), ir.IntType(32)
        fnty = ir.FunctionType(ir.VoidType(), [i8p, i32, i32, i32])
        fn = builder.module.declare_intrinsic("llvm.prefetch", [i8p], fnty)
        read, keep, data = ir.Constant(i32, 0), ir.Constant(i32, 3), ir.Constant(i32, 1)
        builder.call(fn, [builder.bitcast(ptr, i8p), read, keep, data])
        return context.get_dummy_value()

    return sig, codegen
