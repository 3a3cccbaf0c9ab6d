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
        // Buffers sized by what the layers use (validated above to fit the configured depth), not by the
        // configured capacity: activation_sram_bytes of 1 GiB must not cost gigabytes per PE.
        int actDepth = Math.Max(1, image.Layers.Max(l => Math.Max(l.Groups, l.RowsPerPe)));
        _pes = new Pe[n];
        for (int k = 0; k < n; k++)
        {
            _rw[k] = new ActRw(actDepth, image.Pes[k].Bias);
            _pes[k] = new Pe(k, image.Pes[k], image.Codebook, fifoDepth, _rw[k],
                             _config.EntriesPerWord, _config.EntryBits, _config.CodeBits);
        }
        _ccu = new Ccu(_rw);
        FifoDepth = fifoDepth;
    }

    public int FifoDepth { get; }

    /// <inheritdoc/>
    public PeTimeline? Timeline { get; set; }

    /// <inheritdoc/>
    public void Load(ReadOnlySpan<short> input) => TopLevel.Load(_image, _rw, input);

    /// <inheritdoc/>
    public LayerStats RunLayer(int l)
    {
        var layer = _image.Layers[l];
        _ccu.StartLayer(l, layer.Inputs, layer.Groups);
        foreach (var pe in _pes) pe.StartLayer(layer, l * _config.CodebookSize);

        Timeline?.StartLayer();
        long scanCycles = Scan();
        long saturations = TopLevel.WriteBack(layer, _rw);
        Timeline?.EndLayer(scanCycles, TopLevel.WriteBackCycles(layer));

        var pes = _pes.Select(p => p.TakeLayerStats()).ToArray();
        return TopLevel.Collect(layer, FifoDepth, scanCycles, TopLevel.WriteBackCycles(layer), saturations, pes, _ccu);
    }

    /// <summary>SCAN, one cycle at a time; returns its cycles.</summary>
    private long Scan()
    {
        // The broadcast bus register: the pair the queues take at the end of this cycle (empty at SCAN start).
        bool busV = false;
        int busJ = 0;
        short busA = 0;
        // The registered end condition: the previous cycle started with ccu_done, the bus empty and
        // every PE idle; SCAN ends at the end of the cycle that sees it.
        bool endNow = false;
        // any_full, a register: last cycle some PE's count + bus pair + broadcast reached D.
        bool anyFull = false;
        long cycle = 0;
        while (true)
        {
            bool done = _ccu.Done && !busV && _pes.All(pe => pe.Idle);
            // Start-of-cycle queue counts, for next cycle's any_full (the PEs' ticks change them).
            int maxCount = _pes.Max(pe => pe.Queue.Count);
            bool wants = _ccu.Wants;
            bool stall = wants && anyFull;
            int fullPes = stall ? _pes.Count(pe => pe.Full) : 0;
            // The control unit: broadcast unless a queue is full, load cur, fetch the next group.
            bool bc = _ccu.Tick(anyFull, out int j, out short a);
            anyFull = maxCount + (busV ? 1 : 0) + (bc ? 1 : 0) >= FifoDepth;
            // Every PE: its units from start-of-cycle state; the bus pair enters its queue at the edge.
            foreach (var pe in _pes) pe.Tick(busV, busJ, busA, wants, stall, fullPes, bc);
            if (Timeline is { } timeline)
                for (int k = 0; k < _pes.Length; k++)
                {
                    if (_pes[k].Class >= 0) timeline.Add(k, _pes[k].Class, cycle, cycle + 1);
                    if (_pes[k].Blocked) timeline.Add(k, PeTimeline.Blocking, cycle, cycle + 1);
                }
            (busV, busJ, busA) = (bc, j, a);
            cycle++;
            if (endNow) return cycle;
            endNow = done;
        }
    }

    /// <inheritdoc/>
    public short[] ReadOutputs(int l) => TopLevel.ReadOutputs(_image.Layers[l], _rw);

    /// <inheritdoc/>
    public HeldWord HeldWord(int pe) => _pes[pe].Spm.HeldWord;
}
