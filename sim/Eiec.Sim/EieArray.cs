using Eiec.Contract.Config;
using Eiec.Contract.Image;
using Eiec.Sim.Stats;

namespace Eiec.Sim;

/// <summary>
/// The reference engine: the accelerator's top level (RTL <c>eie_top</c>) built from one class per
/// RTL unit, every unit ticked every SCAN cycle. Construction is reset (registers and accumulators
/// zero, i.e. after INIT); state then persists across inferences like the hardware's between start
/// pulses. It is written to be read against docs/microarchitecture.md, not to be fast: the event
/// engine (<see cref="EventEngine.EventTimeArray"/>) must agree with it on every cycle and statistic.
/// </summary>
public sealed class EieArray : IEieArray
{
    private readonly CompiledImage _image;
    private readonly AccelConfig _config;
    private readonly Pe[] _pes;
    private readonly ActRw[] _rw;
    private readonly Ccu _ccu;

    public EieArray(CompiledImage image, int fifoDepth)
    {
        TopLevel.Validate(image);
        _image = image;
        _config = image.Config;
        int n = _config.Pes;
        _rw = new ActRw[n];
        _pes = new Pe[n];
        for (int k = 0; k < n; k++)
        {
            _rw[k] = new ActRw(_config.ActivationDepth, image.Pes[k].Bias);
            _pes[k] = new Pe(k, image.Pes[k], image.Codebook, fifoDepth, _rw[k],
                             _config.EntriesPerWord, _config.EntryBits, _config.CodeBits);
        }
        _ccu = new Ccu(_rw);
        FifoDepth = fifoDepth;
    }

    public int FifoDepth { get; }

    /// <inheritdoc/>
    public void Load(ReadOnlySpan<short> input) => TopLevel.Load(_image, _rw, input);

    /// <inheritdoc/>
    public LayerStats RunLayer(int l)
    {
        var layer = _image.Layers[l];
        _ccu.StartLayer(l, layer.Inputs, layer.Groups);
        foreach (var pe in _pes) pe.StartLayer(layer, l * _config.CodebookSize);

        long scanCycles = Scan();
        long saturations = TopLevel.WriteBack(layer, _rw);

        var pes = _pes.Select(p => p.TakeLayerStats()).ToArray();
        return TopLevel.Collect(layer, FifoDepth, scanCycles, TopLevel.WriteBackCycles(layer), saturations, pes, _ccu);
    }

    /// <summary>SCAN, one cycle at a time; returns its cycles.</summary>
    private long Scan()
    {
        long cycle = 0;
        while (true)
        {
            // Start-of-cycle state: SCAN ends after the first cycle that starts with ccu_done and
            // every PE idle; any_full is the queues' registered counts.
            bool done = _ccu.Done && _pes.All(pe => pe.Idle);
            bool anyFull = _pes.Any(pe => pe.Queue.Full);
            bool wants = _ccu.Wants;
            // The control unit: broadcast unless a queue is full, load cur, fetch the next group.
            bool bc = _ccu.Tick(anyFull, out int j, out short a);
            // Every PE: its units from start-of-cycle state; the broadcast enters its queue at the edge.
            foreach (var pe in _pes) pe.Tick(bc, j, a, wants);
            cycle++;
            if (done) return cycle;
        }
    }

    /// <inheritdoc/>
    public short[] ReadOutputs(int l) => TopLevel.ReadOutputs(_image.Layers[l], _rw);
}
