using Eiec.Contract.FixedPoint;

namespace Eiec.Sim;

/// <summary>
/// Activation read/write unit of one PE (RTL <c>eie_act_rw</c>): the two activation buffers
/// act0/act1 (local element r holds global element r·N + k), the accumulator file and the bias
/// memory. Layer l reads act[l mod 2] and its write-back fills act[(l+1) mod 2]: requantize
/// (docs/fixed-point.md), ReLU, saturate, and clear each accumulator it reads.
/// </summary>
public sealed class ActRw
{
    private readonly short[][] _act;
    private readonly short[] _bias;

    public ActRw(int depth, short[] bias)
    {
        _act = [new short[depth], new short[depth]];
        Accumulators = new long[depth];
        _bias = bias;
    }

    /// <summary>The accumulator file (zero at the start of every layer: INIT and write-back clear it).</summary>
    public long[] Accumulators { get; }

    /// <summary>Activation-buffer reads by the control unit's group fetch, reads.</summary>
    public long ActReads { get; private set; }
    /// <summary>Activation-buffer writes (LOAD and write-back), writes.</summary>
    public long ActWrites { get; private set; }
    /// <summary>Write-back rows: one accumulator read, bias read and accumulator clear each, rows.</summary>
    public long WriteBackRows { get; private set; }

    /// <summary>
    /// SCAN group fetch: the value at local address <paramref name="address"/> of buffer
    /// <paramref name="buffer"/>.
    /// </summary>
    public short Read(int buffer, int address)
    {
        ActReads++;
        return _act[buffer][address];
    }

    /// <summary>
    /// LOAD: one accepted input element into the input slot (RTL: in[v mod 2]; here buffer 0, which layer 0
    /// reads: the engines run one vector at a time, and which region holds a value changes no result).
    /// </summary>
    public void Load(int address, short value)
    {
        _act[0][address] = value;
        ActWrites++;
    }

    /// <summary>OUT (and reports): the value at a local address, not counted as an access.</summary>
    public short Peek(int buffer, int address) => _act[buffer][address];

    /// <summary>
    /// WB(l): for local rows w = 0..rows−1, read acc[w] and bias[bias_base + w] in cycle w, then in
    /// cycle w+1 write act[dst][w] ← requantize(acc + (bias &lt;&lt; F)) and acc[w] ← 0.
    /// Returns the number of saturations among rows that exist (global row &lt; outputs).
    /// </summary>
    public long WriteBack(int destination, int rows, int biasBase, int weightFracBits, bool relu, int validRows)
    {
        var act = _act[destination];
        var acc = Accumulators;
        long saturations = 0;
        for (int w = 0; w < rows; w++)
        {
            int biasAddress = biasBase + w;
            short bias = (uint)biasAddress < (uint)_bias.Length ? _bias[biasAddress] : (short)0;
            act[w] = FixedPointMath.Requantize(acc[w], bias, weightFracBits, relu, out bool saturated);
            acc[w] = 0;
            if (saturated && w < validRows) saturations++;
        }
        WriteBackRows += rows;
        ActWrites += rows;
        return saturations;
    }

    public void ResetCounters()
    {
        ActReads = 0;
        ActWrites = 0;
        WriteBackRows = 0;
    }
}
