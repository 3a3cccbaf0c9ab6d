using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Eiec.FrontEnd.Training;

/// <summary>Adam's moment estimates for one parameter array; the update is element-wise (order-free).</summary>
internal sealed class AdamState(int size)
{
    private const double Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1e-8;
    private const int Slices = 8;

    private readonly float[] _m = new float[size], _v = new float[size];

    public void Step(float[] parameters, float[] gradient, float[]? mask, float learningRate, long step)
    {
        float b1 = (float)Beta1, b2 = (float)Beta2;
        float c1 = (float)(1 / (1 - Math.Pow(Beta1, step))), c2 = (float)(1 / (1 - Math.Pow(Beta2, step)));
        float eps = (float)Epsilon;
        var m = _m; var v = _v;
        int n = parameters.Length;
        int slices = n >= 1 << 16 ? Slices : 1;
        Parallel.For(0, slices, s =>
        {
            int lo = (int)((long)n * s / slices), hi = (int)((long)n * (s + 1) / slices);
            int k = lo;
            ref float p0 = ref MemoryMarshal.GetArrayDataReference(parameters);
            ref float g0 = ref MemoryMarshal.GetArrayDataReference(gradient);
            ref float m0 = ref MemoryMarshal.GetArrayDataReference(m);
            ref float v0 = ref MemoryMarshal.GetArrayDataReference(v);
            var vb1 = Vector256.Create(b1); var vb2 = Vector256.Create(b2);
            var v1b1 = Vector256.Create(1 - b1); var v1b2 = Vector256.Create(1 - b2);
            var vc1 = Vector256.Create(c1 * learningRate); var vc2 = Vector256.Create(c2);
            var veps = Vector256.Create(eps);
            if (mask is null)
                for (; k + 8 <= hi; k += 8)
                {
                    var g = Vector256.LoadUnsafe(ref g0, (nuint)k);
                    var mk = vb1 * Vector256.LoadUnsafe(ref m0, (nuint)k) + v1b1 * g;
                    var vk = vb2 * Vector256.LoadUnsafe(ref v0, (nuint)k) + v1b2 * g * g;
                    mk.StoreUnsafe(ref m0, (nuint)k);
                    vk.StoreUnsafe(ref v0, (nuint)k);
                    var p = Vector256.LoadUnsafe(ref p0, (nuint)k) - vc1 * mk / (Vector256.Sqrt(vk * vc2) + veps);
                    p.StoreUnsafe(ref p0, (nuint)k);
                }
            for (; k < hi; k++)
            {
                float keep = mask is null ? 1f : mask[k];
                float g = gradient[k] * keep;
                m[k] = b1 * m[k] + (1 - b1) * g;
                v[k] = b2 * v[k] + (1 - b2) * g * g;
                parameters[k] = (parameters[k] - c1 * learningRate * m[k] / (MathF.Sqrt(v[k] * c2) + eps)) * keep;
            }
        });
    }
}
