namespace Eiec.Sim.Stats;

/// <summary>
/// Per-PE activity over time for <c>eiec sim --plot</c>: for every PE and time bin, the SCAN cycles
/// that were busy, stalled, starved (the classes of <see cref="PeLayerStats"/>; drain is the rest of
/// the bin's SCAN cycles) and blocking (overlapping the others), plus each bin's SCAN and write-back
/// cycles. Time is the counted cycles (SCAN and WB of every layer, back to back). Bins start one cycle
/// wide and double in width (neighbours merged) whenever the run outgrows <see cref="MaxBins"/>, so
/// memory is bounded (PEs × bins × 4 counts) however many cycles a run takes. The engine that runs
/// the layers records into it, the reference engine cycle by cycle, the event engine by intervals.
/// </summary>
public sealed class PeTimeline
{
    /// <summary>Recorded per-PE classes, the index into a bin's counts.</summary>
    public const int Busy = 0, Stalled = 1, Starved = 2, Blocking = 3;
    private const int Classes = 4;

    private readonly long[] _counts;   // [(pe * MaxBins + bin) * Classes + class], cycles
    private readonly long[] _scan;     // [bin]: SCAN cycles in the bin
    private readonly long[] _wb;       // [bin]: write-back cycles in the bin
    private readonly List<long> _layerStarts = [];
    private long _base;                // the current layer's first cycle

    public PeTimeline(int pes, int maxBins = 512)
    {
        if (pes < 1) throw new ArgumentOutOfRangeException(nameof(pes), pes, "at least one PE");
        if (maxBins < 2 || maxBins % 2 != 0)
            throw new ArgumentOutOfRangeException(nameof(maxBins), maxBins, "an even number of bins, at least 2");
        Pes = pes;
        MaxBins = maxBins;
        _counts = new long[pes * maxBins * Classes];
        _scan = new long[maxBins];
        _wb = new long[maxBins];
        BinWidth = 1;
    }

    public int Pes { get; }
    /// <summary>The most bins kept; the width doubles instead of growing past it.</summary>
    public int MaxBins { get; }
    /// <summary>Cycles per bin (a power of two).</summary>
    public long BinWidth { get; private set; }
    /// <summary>Counted cycles recorded so far (the end of the last layer's write-back).</summary>
    public long Cycles => _base;
    /// <summary>Bins in use: ceil(<see cref="Cycles"/> / <see cref="BinWidth"/>).</summary>
    public int Bins => (int)((_base + BinWidth - 1) / BinWidth);
    /// <summary>The first cycle of every layer recorded, in order.</summary>
    public IReadOnlyList<long> LayerStarts => _layerStarts;

    /// <summary>Cycles of class <paramref name="cls"/> of PE <paramref name="pe"/> in <paramref name="bin"/>.</summary>
    public long Count(int pe, int bin, int cls) => _counts[(pe * MaxBins + bin) * Classes + cls];
    /// <summary>SCAN cycles in bin <paramref name="bin"/>.</summary>
    public long ScanCycles(int bin) => _scan[bin];
    /// <summary>Write-back cycles in bin <paramref name="bin"/>.</summary>
    public long WriteBackCycles(int bin) => _wb[bin];

    /// <summary>A layer's SCAN begins at the current time; the engine then records relative to it.</summary>
    public void StartLayer() => _layerStarts.Add(_base);

    /// <summary>
    /// PE <paramref name="pe"/> spent SCAN cycles [<paramref name="from"/>, <paramref name="to"/>) of the
    /// current layer (relative to its first cycle) in class <paramref name="cls"/>.
    /// </summary>
    public void Add(int pe, int cls, long from, long to)
    {
        if (to <= from) return;
        from += _base;
        to += _base;
        Fit(to);
        long width = BinWidth;
        for (long bin = from / width; bin * width < to; bin++)
        {
            long lo = Math.Max(from, bin * width), hi = Math.Min(to, (bin + 1) * width);
            _counts[(pe * MaxBins + bin) * Classes + cls] += hi - lo;
        }
    }

    /// <summary>The current layer took <paramref name="scan"/> SCAN and <paramref name="wb"/> WB cycles.</summary>
    public void EndLayer(long scan, long wb)
    {
        Fit(_base + scan + wb);
        Spread(_scan, _base, _base + scan);
        Spread(_wb, _base + scan, _base + scan + wb);
        _base += scan + wb;
    }

    private void Spread(long[] bins, long from, long to)
    {
        long width = BinWidth;
        for (long bin = from / width; bin * width < to; bin++)
            bins[bin] += Math.Min(to, (bin + 1) * width) - Math.Max(from, bin * width);
    }

    /// <summary>Doubles the bin width until cycle <paramref name="end"/> − 1 falls in a bin.</summary>
    private void Fit(long end)
    {
        while (end > BinWidth * MaxBins)
        {
            int half = MaxBins / 2;
            for (int pe = 0; pe < Pes; pe++)
                for (int bin = 0; bin < half; bin++)
                    for (int c = 0; c < Classes; c++)
                    {
                        int at = pe * MaxBins * Classes + c;
                        _counts[at + bin * Classes] =
                            _counts[at + 2 * bin * Classes] + _counts[at + (2 * bin + 1) * Classes];
                    }
            for (int pe = 0; pe < Pes; pe++)
                Array.Clear(_counts, (pe * MaxBins + half) * Classes, half * Classes);
            Merge(_scan);
            Merge(_wb);
            BinWidth *= 2;
        }
    }

    private void Merge(long[] bins)
    {
        int half = MaxBins / 2;
        for (int bin = 0; bin < half; bin++) bins[bin] = bins[2 * bin] + bins[2 * bin + 1];
        Array.Clear(bins, half, half);
    }
}
