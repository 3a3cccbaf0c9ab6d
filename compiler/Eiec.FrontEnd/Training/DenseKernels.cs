using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Eiec.FrontEnd.Training;

/// <summary>
/// The three matrix products of minibatch training of an FC layer, register-blocked with 256-bit
/// vectors (8 floats) and fused multiply-adds. Each output element is computed by exactly one thread,
/// always in the same order, so results are identical whatever the thread count or scheduling (the
/// fixed-partitioning rule of our determinism). Vector256 is used explicitly, not Vector&lt;T&gt;
/// or TensorPrimitives' reductions, whose vector width (and so summation order) varies by CPU.
/// </summary>
public static class DenseKernels
{
    private const int Width = 8;

    /// <summary>
    /// z[b, o] = Σ_i a[b, i] · w[o, i] + bias[o]; a is batch × inputs, w outputs × inputs, z batch × outputs.
    /// </summary>
    public static void Forward(float[] a, float[] w, float[] bias, float[] z, int batch, int inputs, int outputs)
    {
        int blocks = (outputs + 3) / 4;
        Parallel.For(0, Chunks(blocks), chunk =>
        {
            var (lo, hi) = Range(blocks, chunk);
            for (int blk = lo; blk < hi; blk++)
            {
                int o0 = blk * 4;
                if (o0 + 4 <= outputs)
                {
                    int b = 0;
                    for (; b + 2 <= batch; b += 2) Dot2x4(a, w, bias, z, b, o0, inputs, outputs);
                    for (; b < batch; b++)
                        for (int o = o0; o < o0 + 4; o++)
                            z[b * outputs + o] = Dot(a, b * inputs, w, o * inputs, inputs) + bias[o];
                }
                else
                    for (int o = o0; o < outputs; o++)
                        for (int b = 0; b < batch; b++)
                            z[b * outputs + o] = Dot(a, b * inputs, w, o * inputs, inputs) + bias[o];
            }
        });
    }

    /// <summary>dw[o, i] = Σ_b dz[b, o] · a[b, i] (overwrites dw); db[o] = Σ_b dz[b, o].</summary>
    public static void WeightGradient(float[] dz, float[] a, float[] dw, float[] db, int batch, int inputs, int outputs)
    {
        int blocks = (outputs + 3) / 4;
        Parallel.For(0, Chunks(blocks), chunk =>
        {
            var (lo, hi) = Range(blocks, chunk);
            for (int blk = lo; blk < hi; blk++)
            {
                int o0 = blk * 4, oEnd = Math.Min(o0 + 4, outputs);
                for (int o = o0; o < oEnd; o++)
                {
                    float s = 0;
                    for (int b = 0; b < batch; b++) s += dz[b * outputs + o];
                    db[o] = s;
                }
                int i = 0;
                if (oEnd - o0 == 4)
                    for (; i + 2 * Width <= inputs; i += 2 * Width)
                        OuterProduct4x16(dz, a, dw, batch, inputs, outputs, o0, i);
                for (int o = o0; o < oEnd; o++)
                    for (int ii = i; ii < inputs; ii++)
                    {
                        float s = 0;
                        for (int b = 0; b < batch; b++)
                            s = MathF.FusedMultiplyAdd(dz[b * outputs + o], a[b * inputs + ii], s);
                        dw[(long)o * inputs + ii] = s;
                    }
            }
        });
    }

    /// <summary>da[b, i] = Σ_o dz[b, o] · w[o, i] (overwrites da).</summary>
    public static void InputGradient(float[] dz, float[] w, float[] da, int batch, int inputs, int outputs)
    {
        Parallel.For(0, Chunks(batch), chunk =>
        {
            var (lo, hi) = Range(batch, chunk);
            for (int b = lo; b < hi; b++)
            {
                int i = 0;
                for (; i + 2 * Width <= inputs; i += 2 * Width)
                {
                    var acc0 = Vector256<float>.Zero;
                    var acc1 = Vector256<float>.Zero;
                    for (int o = 0; o < outputs; o++)
                    {
                        var s = Vector256.Create(dz[b * outputs + o]);
                        acc0 = Vector256.FusedMultiplyAdd(s, Load(w, (long)o * inputs + i), acc0);
                        acc1 = Vector256.FusedMultiplyAdd(s, Load(w, (long)o * inputs + i + Width), acc1);
                    }
                    Store(acc0, da, b * inputs + i);
                    Store(acc1, da, b * inputs + i + Width);
                }
                for (; i < inputs; i++)
                {
                    float s = 0;
                    for (int o = 0; o < outputs; o++)
                        s = MathF.FusedMultiplyAdd(dz[b * outputs + o], w[(long)o * inputs + i], s);
                    da[b * inputs + i] = s;
                }
            }
        });
    }

    private static void Dot2x4(float[] a, float[] w, float[] bias, float[] z, int b, int o0, int inputs, int outputs)
    {
        Vector256<float> c00 = default, c01 = default, c02 = default, c03 = default;
        Vector256<float> c10 = default, c11 = default, c12 = default, c13 = default;
        long a0 = (long)b * inputs, a1 = a0 + inputs;
        long w0 = (long)o0 * inputs, w1 = w0 + inputs, w2 = w1 + inputs, w3 = w2 + inputs;
        int i = 0;
        for (; i + Width <= inputs; i += Width)
        {
            var x0 = Load(a, a0 + i);
            var x1 = Load(a, a1 + i);
            var v0 = Load(w, w0 + i);
            var v1 = Load(w, w1 + i);
            var v2 = Load(w, w2 + i);
            var v3 = Load(w, w3 + i);
            c00 = Vector256.FusedMultiplyAdd(x0, v0, c00); c01 = Vector256.FusedMultiplyAdd(x0, v1, c01);
            c02 = Vector256.FusedMultiplyAdd(x0, v2, c02); c03 = Vector256.FusedMultiplyAdd(x0, v3, c03);
            c10 = Vector256.FusedMultiplyAdd(x1, v0, c10); c11 = Vector256.FusedMultiplyAdd(x1, v1, c11);
            c12 = Vector256.FusedMultiplyAdd(x1, v2, c12); c13 = Vector256.FusedMultiplyAdd(x1, v3, c13);
        }
        Span<float> s = stackalloc float[8];
        s[0] = Vector256.Sum(c00); s[1] = Vector256.Sum(c01); s[2] = Vector256.Sum(c02); s[3] = Vector256.Sum(c03);
        s[4] = Vector256.Sum(c10); s[5] = Vector256.Sum(c11); s[6] = Vector256.Sum(c12); s[7] = Vector256.Sum(c13);
        for (; i < inputs; i++)
            for (int k = 0; k < 4; k++)
            {
                float wk = w[(long)(o0 + k) * inputs + i];
                s[k] = MathF.FusedMultiplyAdd(a[a0 + i], wk, s[k]);
                s[4 + k] = MathF.FusedMultiplyAdd(a[a1 + i], wk, s[4 + k]);
            }
        for (int k = 0; k < 4; k++)
        {
            z[b * outputs + o0 + k] = s[k] + bias[o0 + k];
            z[(b + 1) * outputs + o0 + k] = s[4 + k] + bias[o0 + k];
        }
    }

    private static void OuterProduct4x16(float[] dz, float[] a, float[] dw, int batch, int inputs, int outputs,
        int o0, int i)
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector256<float> c20 = default, c21 = default, c30 = default, c31 = default;
        for (int b = 0; b < batch; b++)
        {
            var x0 = Load(a, (long)b * inputs + i);
            var x1 = Load(a, (long)b * inputs + i + Width);
            int d = b * outputs + o0;
            var s0 = Vector256.Create(dz[d]);
            var s1 = Vector256.Create(dz[d + 1]);
            var s2 = Vector256.Create(dz[d + 2]);
            var s3 = Vector256.Create(dz[d + 3]);
            c00 = Vector256.FusedMultiplyAdd(s0, x0, c00); c01 = Vector256.FusedMultiplyAdd(s0, x1, c01);
            c10 = Vector256.FusedMultiplyAdd(s1, x0, c10); c11 = Vector256.FusedMultiplyAdd(s1, x1, c11);
            c20 = Vector256.FusedMultiplyAdd(s2, x0, c20); c21 = Vector256.FusedMultiplyAdd(s2, x1, c21);
            c30 = Vector256.FusedMultiplyAdd(s3, x0, c30); c31 = Vector256.FusedMultiplyAdd(s3, x1, c31);
        }
        long r = (long)o0 * inputs + i;
        Store(c00, dw, r); Store(c01, dw, r + Width); r += inputs;
        Store(c10, dw, r); Store(c11, dw, r + Width); r += inputs;
        Store(c20, dw, r); Store(c21, dw, r + Width); r += inputs;
        Store(c30, dw, r); Store(c31, dw, r + Width);
    }

    private static float Dot(float[] a, long aOffset, float[] w, long wOffset, int n)
    {
        var acc = Vector256<float>.Zero;
        int i = 0;
        for (; i + Width <= n; i += Width)
            acc = Vector256.FusedMultiplyAdd(Load(a, aOffset + i), Load(w, wOffset + i), acc);
        float s = Vector256.Sum(acc);
        for (; i < n; i++) s = MathF.FusedMultiplyAdd(a[aOffset + i], w[wOffset + i], s);
        return s;
    }

    // The bounds check the unsafe vector loads and stores would otherwise skip; a bug here must fail loudly.
    private static ArgumentOutOfRangeException OutOfRange(long offset, float[] array) =>
        new(nameof(offset), offset, $"a {Width}-float vector at {offset} does not fit an array of {array.LongLength}");

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Load(float[] array, long offset)
    {
        if ((ulong)offset + Width > (ulong)array.LongLength) throw OutOfRange(offset, array);
        return Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(array), (nuint)offset);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector256<float> value, float[] array, long offset)
    {
        if ((ulong)offset + Width > (ulong)array.LongLength) throw OutOfRange(offset, array);
        value.StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(array), (nuint)offset);
    }

    /// <summary>Work is cut into a fixed number of chunks; which thread runs a chunk never changes a result.</summary>
    private static int Chunks(int items) => Math.Max(1, Math.Min(items, 4 * Environment.ProcessorCount));

    private static (int Lo, int Hi) Range(int items, int chunk)
    {
        int chunks = Chunks(items);
        return ((int)((long)items * chunk / chunks), (int)((long)items * (chunk + 1) / chunks));
    }
}
