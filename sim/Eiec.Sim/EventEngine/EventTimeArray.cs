using Eiec.Contract.Config;
using Eiec.Contract.Image;
using Eiec.Sim.Stats;

namespace Eiec.Sim.EventEngine;

/// <summary>
/// The event engine: the accelerator's top level with SCAN evaluated from event times instead of
/// cycle by cycle. The control unit and the activation units are the reference engine's
/// (<see cref="Ccu"/>, <see cref="ActRw"/>); each PE's datapath is split into what it computes
/// (<see cref="PeColumns"/>, which does not depend on timing) and when (<see cref="EventTimes"/>).
/// The pairs a SCAN broadcasts are the layer's non-zero inputs in index order (stalls only delay
/// them), so every PE's columns are known before the timing runs: the columns' entries are computed
/// on a worker thread meanwhile (they touch only the PEs' accumulators and counters, which the timing
/// never reads, so the results are deterministic). Equal to <see cref="EieArray"/> on every cycle,
/// output and statistic (EngineEquivalenceTests).
/// </summary>
internal sealed class EventTimeArray : IEieArray
{
    private readonly CompiledImage _image;
    private readonly AccelConfig _config;
    private readonly ActRw[] _rw;
    private readonly PeColumns[] _columns;
    private readonly Ccu _ccu;
    private readonly EventTimes _times;
    private readonly int _fifoDepth;

    // The layer's broadcast pairs, [b], and every PE's columns for them, [k * cap + b].
    private int _cap;
    private int[] _js = [];
    private short[] _acts = [];
    private int[] _starts = [];
    private int[] _lengths = [];

    public EventTimeArray(CompiledImage image, int fifoDepth)
    {
        TopLevel.Validate(image);
        _image = image;
        _config = image.Config;
        int n = _config.Pes;
        _rw = new ActRw[n];
        _columns = new PeColumns[n];
        // Sized by what the layers use (validated to fit), not by the configured capacity (issue 11).
        int actDepth = Math.Max(1, image.Layers.Max(l => Math.Max(l.Groups, l.RowsPerPe)));
        for (int k = 0; k < n; k++)
        {
            _rw[k] = new ActRw(actDepth, image.Pes[k].Bias);
            _columns[k] = new PeColumns(k, image.Pes[k], image.Codebook, _rw[k].Accumulators, _config);
        }
        _ccu = new Ccu(_rw);
        _times = new EventTimes(n, fifoDepth);
        _fifoDepth = fifoDepth;
    }

    /// <inheritdoc/>
    public PeTimeline? Timeline { get; set; }

    /// <inheritdoc/>
    public void Load(ReadOnlySpan<short> input) => TopLevel.Load(_image, _rw, input);

    /// <inheritdoc/>
    public LayerStats RunLayer(int l)
    {
        var layer = _image.Layers[l];
        _ccu.StartLayer(l, layer.Inputs, layer.Groups);
        foreach (var columns in _columns) columns.StartLayer(layer, l * _config.CodebookSize);

        Timeline?.StartLayer();
        int pairs = Scan(layer, out long scanCycles);
        long saturations = TopLevel.WriteBack(layer, _rw);
        Timeline?.EndLayer(scanCycles, TopLevel.WriteBackCycles(layer));

        var pes = new PeLayerStats[_columns.Length];
        for (int k = 0; k < pes.Length; k++) pes[k] = TakeLayerStats(k, pairs, scanCycles);
        return TopLevel.Collect(layer, _fifoDepth, scanCycles, TopLevel.WriteBackCycles(layer), saturations, pes, _ccu);
    }

    /// <inheritdoc/>
    public short[] ReadOutputs(int l) => TopLevel.ReadOutputs(_image.Layers[l], _rw);

    /// <inheritdoc/>
    public HeldWord HeldWord(int pe) => _columns[pe].HeldWord;

    /// <summary>
    /// SCAN of <paramref name="layer"/>: returns the pairs broadcast; <paramref name="cycles"/>,
    /// its cycles.
    /// </summary>
    private int Scan(ImageLayer layer, out long cycles)
    {
        int n = _columns.Length;
        int cap = Math.Max(1, layer.Inputs);
        if (_cap < cap)
        {
            _cap = cap;
            _js = new int[cap];
            _acts = new short[cap];
            _starts = new int[cap * n];
            _lengths = new int[cap * n];
        }
        cap = _cap;
        var js = _js;
        var acts = _acts;
        var starts = _starts;
        var lengths = _lengths;

        // The pairs the control unit will broadcast: the non-zero inputs in index order (a peek,
        // not the control unit's counted group reads). The timing checks the order.
        int source = layer.Index & 1, pairs = 0;
        for (int g = 0; g < layer.Groups; g++)
            for (int k = 0; k < n && g * n + k < layer.Inputs; k++)
            {
                short v = _rw[k].Peek(source, g);
                if (v != 0) { js[pairs] = g * n + k; acts[pairs++] = v; }
            }
        // Every PE pops every pair: its pointer reads give its columns' lengths, which the timing needs.
        for (int k = 0; k < n; k++) _columns[k].ReadPointers(js, pairs, starts, lengths, k * cap);

        var columns = _columns;
        var entries = Task.Run(() =>
        {
            for (int k = 0; k < n; k++) columns[k].StreamColumns(starts, lengths, k * cap, acts, pairs);
        });
        try
        {
            cycles = _times.Scan(_ccu, js, pairs, lengths, cap, Timeline);
        }
        finally
        {
            entries.GetAwaiter().GetResult();
        }
        return pairs;
    }

    /// <summary>PE k's figures for the layer just scanned and written back; clears its counters.</summary>
    private PeLayerStats TakeLayerStats(int k, int pairs, long scanCycles)
    {
        var columns = _columns[k];
        var occupancy = _times.Occupancy[k];
        long occupancySum = 0;
        for (int c = 0; c < occupancy.Length; c++) occupancySum += c * occupancy[c];
        long stalled = _times.Stalled[k], starved = _times.Starved[k];
        var stats = new PeLayerStats
        {
            Busy = columns.Issued,
            Stalled = stalled,
            Starved = starved,
            Drain = scanCycles - columns.Issued - stalled - starved,
            Blocking = _times.Blocking[k],
            BlockingAlone = _times.BlockingAlone[k],
            EmptyColumns = columns.Bound.EmptyColumns,
            ColumnCycles = columns.Bound.Cycles,
            Issued = columns.Issued,
            Padding = columns.Padding,
            PointerReads = columns.PointerReads,
            SpmatWordReads = columns.WordReads,
            QueuePushes = pairs,
            QueuePops = pairs,
            QueueOccupancySum = occupancySum,
            QueueOccupancy = (long[])occupancy.Clone(),
        };
        columns.ResetCounters();
        return TopLevel.WithActivationCounts(stats, _rw[k]);
    }
}
