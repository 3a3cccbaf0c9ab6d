using Eiec.Contract.Cz;

namespace Eiec.FrontEnd.Compress;

/// <summary>
/// Builds the SciPy-CSC <see cref="CzLayer"/> from a code map: one byte per weight of the
/// Outputs × Inputs row-major matrix, 0 = pruned, otherwise the codebook index of the kept weight.
/// Rows are scanned in order in fixed slices (counted, then placed), so row indices come out
/// strictly increasing in each column and the result does not depend on the thread count.
/// </summary>
public static class CscBuilder
{
    private const int Slices = 8;

    public static CzLayer Build(string name, int inputs, int outputs, LayerActivation activation,
        byte[] codeMap, float[] codebook, float[]? bias)
    {
        if (codeMap.LongLength != (long)inputs * outputs)
            throw new ArgumentException("code map size does not match the layer", nameof(codeMap));
        var counts = new int[Slices][];
        Parallel.For(0, Slices, s =>
        {
            var c = new int[inputs];
            for (int o = RowStart(outputs, s); o < RowStart(outputs, s + 1); o++)
            {
                long baseIndex = (long)o * inputs;
                for (int i = 0; i < inputs; i++)
                    if (codeMap[baseIndex + i] != 0) c[i]++;
            }
            counts[s] = c;
        });
        var indPtr = new int[inputs + 1];
        var cursor = new int[Slices][];
        for (int s = 0; s < Slices; s++) cursor[s] = new int[inputs];
        long total = 0;
        for (int i = 0; i < inputs; i++)
        {
            indPtr[i] = checked((int)total);
            for (int s = 0; s < Slices; s++) { cursor[s][i] = (int)total; total += counts[s][i]; }
        }
        indPtr[inputs] = checked((int)total);
        var indices = new int[total];
        var codes = new byte[total];
        Parallel.For(0, Slices, s =>
        {
            var pos = cursor[s];
            for (int o = RowStart(outputs, s); o < RowStart(outputs, s + 1); o++)
            {
                long baseIndex = (long)o * inputs;
                for (int i = 0; i < inputs; i++)
                {
                    byte code = codeMap[baseIndex + i];
                    if (code == 0) continue;
                    int p = pos[i]++;
                    indices[p] = o;
                    codes[p] = code;
                }
            }
        });
        return new CzLayer
        {
            Name = name, Inputs = inputs, Outputs = outputs, Activation = activation,
            IndPtr = indPtr, Indices = indices, Codes = codes, Codebook = codebook, Bias = bias,
        };
    }

    private static int RowStart(int outputs, int slice) => (int)((long)outputs * slice / Slices);
}
