using Eiec.Contract.Config;
using Eiec.Contract.Cz;

namespace Eiec.Compiler.Lowering;

/// <summary>
/// Local search after the greedy placement (`--balance search`, docs/balancing.md): swaps two rows of one group
/// between their PEs (so every invariant of <see cref="RowBalancer"/> holds: row counts, local rows, groups). Phase
/// 1 evens out each PE's work in short windows of kept columns (a fast proxy, kept only if the estimate falls);
/// phase 2 keeps a swap only when it lowers the estimated SCAN cycles summed over a few sampled inputs
/// (<see cref="ScanEstimate.Active"/>), trying first to move work off the PEs that hold the broadcast.
/// The samples keep each column with its calibrated probability (or
/// <see cref="ColumnActivity.DefaultKeepProbability"/>), drawn from a fixed seed; the number of evaluations is
/// fixed by the layer's size, so the result never depends on the machine or the clock.
/// </summary>
public sealed class RowSearch
{
    /// <summary>Sampled inputs per layer (one when every column is always or never kept).</summary>
    public const int SampleCount = 4;
    /// <summary>Estimate work (PE-columns modelled) the search may spend per layer, all evaluations together.
    /// </summary>
    public const long WorkBudget = 50_000_000;
    /// <summary>Most evaluations per layer (small layers).</summary>
    public const int MaxEvaluations = 1000;
    private const ulong Seed = 0x9E3779B97F4A7C15;

    private readonly CzLayer _layer;
    private readonly int[]? _columnOrder;
    private readonly int _pes, _fifoDepth, _cols, _rows;
    private readonly EntryCoding _coding;
    private readonly int[][] _samples;
    private readonly int[] _activeCount;

    /// <param name="keep">Per physical column, the probability an input keeps it (non-zero activation).</param>
    /// <param name="salt">Varies the samples between layers (the layer index).</param>
    public RowSearch(CzLayer layer, int[]? columnOrder, int pes, int fifoDepth, EntryCoding coding, double[] keep,
        int salt)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(keep);
        _layer = layer;
        _columnOrder = columnOrder;
        _pes = pes;
        _fifoDepth = fifoDepth;
        _coding = coding;
        _cols = layer.Inputs;
        _rows = layer.Outputs;
        bool certain = keep.All(p => p is 0 or 1);
        int samples = certain ? 1 : SampleCount;
        ulong state = Seed ^ (ulong)salt * 0xBF58476D1CE4E5B9;
        _samples = new int[samples][];
        _activeCount = new int[_cols];
        var list = new List<int>(_cols);
        for (int s = 0; s < samples; s++)
        {
            list.Clear();
            for (int p = 0; p < _cols; p++)
            {
                // SplitMix64: a fixed generator, so the samples are the same on every runtime.
                state += 0x9E3779B97F4A7C15;
                ulong z = state;
                z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
                z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
                z ^= z >> 31;
                double u = (z >> 11) * (1.0 / (1UL << 53));
                if (u < keep[p]) { list.Add(p); _activeCount[p]++; }
            }
            _samples[s] = list.ToArray();
        }
    }

    /// <summary>The estimated SCAN cycles of a placement, summed over the samples.</summary>
    public long Estimate(EncodedLayer encoded)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        var counts = new int[(long)_cols * _pes];
        for (int k = 0; k < _pes; k++)
        {
            var ptr = encoded.Pointers[k];
            for (int p = 0; p < _cols; p++) counts[(long)p * _pes + k] = ptr[p + 1] - ptr[p];
        }
        return Estimate(counts, null);
    }

    private long Estimate(int[] counts, long[]? blame)
    {
        long total = 0;
        foreach (var active in _samples) total += ScanEstimate.Active(counts, _pes, active, _fifoDepth, blame);
        return total;
    }

    /// <summary>
    /// Refines <paramref name="pe"/> (the PE of every logical row, as <see cref="RowBalancer.Place"/> gives) by
    /// accepted swaps; returns the new placement (the argument is not changed) and the estimates before and after.
    /// </summary>
    public int[] Refine(int[] pe, out long before, out long after)
    {
        ArgumentNullException.ThrowIfNull(pe);
        int pes = _pes, rows = _rows, cols = _cols;
        var peOf = (int[])pe.Clone();
        int groups = (rows + pes - 1) / pes;
        var rowAt = new int[(long)groups * pes];
        Array.Fill(rowAt, -1);
        for (int r = 0; r < rows; r++) rowAt[(long)(r / pes) * pes + peOf[r]] = r;

        // Physical columns of every row (CSR) and the logical column of every physical one.
        var logical = new int[cols];
        for (int p = 0; p < cols; p++) logical[p] = _columnOrder is null ? p : _columnOrder[p];
        var rowStart = new int[rows + 1];
        foreach (int r in _layer.Indices) rowStart[r + 1]++;
        for (int r = 0; r < rows; r++) rowStart[r + 1] += rowStart[r];
        var rowCols = new int[_layer.Indices.Length];
        var fill = rowStart[..rows];
        for (int p = 0; p < cols; p++)
            for (int e = _layer.IndPtr[logical[p]]; e < _layer.IndPtr[logical[p] + 1]; e++)
                rowCols[fill[_layer.Indices[e]]++] = p;

        var counts = new int[(long)cols * pes];
        var last = new int[pes];
        for (int p = 0; p < cols; p++)
        {
            Array.Fill(last, -1);
            int j = logical[p];
            for (int e = _layer.IndPtr[j]; e < _layer.IndPtr[j + 1]; e++)
            {
                int r = _layer.Indices[e], k = peOf[r], g = r / pes;
                counts[(long)p * pes + k] += 1 + _coding.PaddingEntriesFor(g - last[k] - 1);
                last[k] = g;
            }
        }
        // Sampled work: of each row (entries in sampled columns) and each PE (issued entries there).
        var rowWork = new long[rows];
        for (int r = 0; r < rows; r++)
            for (int e = rowStart[r]; e < rowStart[r + 1]; e++) rowWork[r] += _activeCount[rowCols[e]];
        var load = new long[pes];
        for (int p = 0; p < cols; p++)
            for (int k = 0; k < pes; k++) load[k] += (long)_activeCount[p] * counts[(long)p * pes + k];

        before = Estimate(counts, null);
        // Phase 1 follows a proxy, so it is undone if the estimate did not fall; phase 2 keeps only improvements.
        var (peStart, rowAtStart, countsStart, loadStart) =
            ((int[])peOf.Clone(), (int[])rowAt.Clone(), (int[])counts.Clone(), (long[])load.Clone());
        SmoothWindows(peOf, rowAt, counts, load, rowStart, rowCols, logical);
        var blame = new long[pes];
        long current = Estimate(counts, blame);
        if (current > before)
        {
            (peOf, rowAt, counts, load) = (peStart, rowAtStart, countsStart, loadStart);
            Array.Clear(blame);
            current = Estimate(counts, blame);
        }
        long perEvaluation = Math.Max(1, _samples.Sum(s => (long)s.Length) * pes);
        int budget = (int)Math.Clamp(WorkBudget / perEvaluation, 1, MaxEvaluations);
        var rejected = new HashSet<long>();
        var touched = new List<int>();
        var saved = new List<int>();
        var mark = new bool[cols];
        var trialBlame = new long[pes];
        var byBlame = new int[pes];
        for (int evaluation = 1; evaluation < budget; evaluation++)
        {
            // The PEs that hold the array up most, first: move work from one of them to a lighter PE of a group.
            for (int k = 0; k < pes; k++) byBlame[k] = k;
            Array.Sort(byBlame, (a, b) => blame[a] != blame[b] ? blame[b].CompareTo(blame[a])
                : load[a] != load[b] ? load[b].CompareTo(load[a]) : a.CompareTo(b));
            int from = -1, to = -1;
            for (int t = 0; t < Math.Min(4, pes) && from < 0; t++)
            {
                int heavy = byBlame[t];
                long bestGain = 0;
                for (int g = 0; g < groups; g++)
                {
                    int r = rowAt[(long)g * pes + heavy];
                    if (r < 0) continue;
                    for (int k = 0; k < pes; k++)
                    {
                        int r2 = rowAt[(long)g * pes + k];
                        if (k == heavy || r2 < 0) continue;
                        long delta = rowWork[r] - rowWork[r2];
                        long gain = load[heavy] - Math.Max(load[heavy] - delta, load[k] + delta);
                        if (gain > bestGain && !rejected.Contains((long)r * rows + r2))
                        {
                            bestGain = gain;
                            from = r;
                            to = r2;
                        }
                    }
                }
            }
            if (from < 0) break;

            int k1 = peOf[from], k2 = peOf[to];
            // Affected columns: those of either row; their counts on both PEs are recomputed exactly (padding too).
            touched.Clear();
            foreach (int r in (ReadOnlySpan<int>)[from, to])
                for (int e = rowStart[r]; e < rowStart[r + 1]; e++)
                    if (!mark[rowCols[e]]) { mark[rowCols[e]] = true; touched.Add(rowCols[e]); }
            saved.Clear();
            foreach (int p in touched)
            {
                mark[p] = false;
                saved.Add(counts[(long)p * pes + k1]);
                saved.Add(counts[(long)p * pes + k2]);
            }
            peOf[from] = k2;
            peOf[to] = k1;
            foreach (int p in touched) Recount(counts, peOf, p, logical[p], k1, k2);
            Array.Clear(trialBlame);
            long trial = Estimate(counts, trialBlame);
            if (trial < current)
            {
                current = trial;
                (blame, trialBlame) = (trialBlame, blame);
                int g = from / pes;
                rowAt[(long)g * pes + k1] = to;
                rowAt[(long)g * pes + k2] = from;
                for (int i = 0; i < touched.Count; i++)
                {
                    long w = _activeCount[touched[i]];
                    load[k1] += w * (counts[(long)touched[i] * pes + k1] - saved[2 * i]);
                    load[k2] += w * (counts[(long)touched[i] * pes + k2] - saved[2 * i + 1]);
                }
            }
            else
            {
                peOf[from] = k1;
                peOf[to] = k2;
                for (int i = 0; i < touched.Count; i++)
                {
                    counts[(long)touched[i] * pes + k1] = saved[2 * i];
                    counts[(long)touched[i] * pes + k2] = saved[2 * i + 1];
                }
                rejected.Add((long)from * rows + to);
            }
        }
        after = current;
        return peOf;
    }

    /// <summary>
    /// First phase: swaps that even out every PE's work in short windows of each sample's kept columns. The array
    /// follows its slowest PE within a few queue depths of columns (a PE whose queue is full holds the broadcast,
    /// the others starve), so its time is about the sum over such windows of the busiest PE's work there; making
    /// each PE's work in each window close to the array's mean there shortens it. Windows of D and 2·D kept
    /// columns, each at two offsets (so no boundary is privileged); the objective is the sum of squared excesses
    /// over the window means at the start (one-sided: padding added to a light PE must not look like progress).
    /// A swap is screened with the rows' own entries, then applied with exact counts (padding included) and kept
    /// only if the exact objective falls. Bounded by <see cref="ScreenBudget"/> row entries screened.
    /// </summary>
    private void SmoothWindows(int[] peOf, int[] rowAt, int[] counts, long[] load, int[] rowStart, int[] rowCols,
        int[] logical)
    {
        int pes = _pes, samples = _samples.Length, groups = (_rows + pes - 1) / pes, d = Math.Max(1, _fifoDepth);
        int[] lengths = [d, d, 2 * d, 2 * d, 8 * d, 8 * d, 32 * d, int.MaxValue / 2];
        int[] offsets = [0, d / 2, 0, d, 0, 4 * d, 0, 0];
        int scales = lengths.Length;
        var keptStart = new int[samples][];
        var kept = new int[samples][];
        var views = new Window[samples * scales];
        for (int s = 0; s < samples; s++)
        {
            var active = _samples[s];
            var pos = new int[_cols];
            Array.Fill(pos, -1);
            for (int i = 0; i < active.Length; i++) pos[active[i]] = i;
            // Each row's kept columns as positions in the sample (ascending, as rowCols is).
            var start = new int[_rows + 1];
            for (int r = 0; r < _rows; r++)
            {
                int n = 0;
                for (int e = rowStart[r]; e < rowStart[r + 1]; e++) if (pos[rowCols[e]] >= 0) n++;
                start[r + 1] = start[r] + n;
            }
            var at = new int[start[_rows]];
            for (int r = 0, o = 0; r < _rows; r++)
                for (int e = rowStart[r]; e < rowStart[r + 1]; e++)
                    if (pos[rowCols[e]] >= 0) at[o++] = pos[rowCols[e]];
            keptStart[s] = start;
            kept[s] = at;
            for (int q = 0; q < scales; q++)
            {
                var v = new Window(s, lengths[q], offsets[q], active.Length, pes);
                for (int i = 0; i < active.Length; i++)
                    for (int k = 0; k < pes; k++) v.Mean[v.Of(i)] += counts[(long)active[i] * pes + k];
                for (int w = 0; w < v.Mean.Length; w++) v.Mean[w] /= pes;
                for (int k = 0; k < pes; k++) Fill(v, counts, k);
                views[s * scales + q] = v;
            }
        }
        var contribution = new double[pes];
        var order = new int[pes];
        var touched = new List<int>();
        var saved = new List<int>();
        var mark = new bool[_cols];
        long work = 0;
        for (int pass = 0; pass < 16 && work < ScreenBudget; pass++)
        {
            Array.Clear(contribution);
            foreach (var v in views)
                for (int k = 0; k < pes; k++) contribution[k] += SumOfExcess(v.Of(k, v.Dev));
            for (int k = 0; k < pes; k++) order[k] = k;
            Array.Sort(order, (a, b) => contribution[a] != contribution[b]
                ? contribution[b].CompareTo(contribution[a]) : a.CompareTo(b));
            int accepted = 0;
            for (int t = 0; t < pes && work < ScreenBudget; t++)
            {
                int k1 = order[t];
                for (int g = 0; g < groups && work < ScreenBudget; g++)
                {
                    int r = rowAt[(long)g * pes + k1];
                    if (r < 0) continue;
                    double best = 0;
                    int bestK = -1;
                    for (int k2 = 0; k2 < pes; k2++)
                    {
                        int r2 = rowAt[(long)g * pes + k2];
                        if (k2 == k1 || r2 < 0) continue;
                        double change = 0;
                        foreach (var v in views)
                        {
                            var ks = keptStart[v.Sample];
                            var x = kept[v.Sample].AsSpan(ks[r], ks[r + 1] - ks[r]);
                            var y = kept[v.Sample].AsSpan(ks[r2], ks[r2 + 1] - ks[r2]);
                            change += Screen(x, y, v, k1, k2);
                            work += x.Length + y.Length;
                        }
                        if (change < best) { best = change; bestK = k2; }
                    }
                    if (bestK < 0) continue;
                    int to = rowAt[(long)g * pes + bestK];
                    // Exact: recount the touched columns on both PEs, recompute both PEs' windows, compare.
                    touched.Clear();
                    foreach (int row in (ReadOnlySpan<int>)[r, to])
                        for (int e = rowStart[row]; e < rowStart[row + 1]; e++)
                            if (!mark[rowCols[e]]) { mark[rowCols[e]] = true; touched.Add(rowCols[e]); }
                    saved.Clear();
                    foreach (int p in touched)
                    {
                        mark[p] = false;
                        saved.Add(counts[(long)p * pes + k1]);
                        saved.Add(counts[(long)p * pes + bestK]);
                    }
                    peOf[r] = bestK;
                    peOf[to] = k1;
                    foreach (int p in touched) Recount(counts, peOf, p, logical[p], k1, bestK);
                    double exact = 0;
                    foreach (var v in views)
                    {
                        exact -= SumOfExcess(v.Of(k1, v.Dev)) + SumOfExcess(v.Of(bestK, v.Dev));
                        Fill(v, counts, k1);
                        Fill(v, counts, bestK);
                        exact += SumOfExcess(v.Of(k1, v.Dev)) + SumOfExcess(v.Of(bestK, v.Dev));
                        work += v.Mean.Length;
                    }
                    if (exact < 0)
                    {
                        accepted++;
                        rowAt[(long)g * pes + k1] = to;
                        rowAt[(long)g * pes + bestK] = r;
                        for (int i = 0; i < touched.Count; i++)
                        {
                            long w = _activeCount[touched[i]];
                            load[k1] += w * (counts[(long)touched[i] * pes + k1] - saved[2 * i]);
                            load[bestK] += w * (counts[(long)touched[i] * pes + bestK] - saved[2 * i + 1]);
                        }
                        continue;
                    }
                    peOf[r] = k1;
                    peOf[to] = bestK;
                    for (int i = 0; i < touched.Count; i++)
                    {
                        counts[(long)touched[i] * pes + k1] = saved[2 * i];
                        counts[(long)touched[i] * pes + bestK] = saved[2 * i + 1];
                    }
                    foreach (var v in views)
                    {
                        Fill(v, counts, k1);
                        Fill(v, counts, bestK);
                    }
                }
            }
            if (accepted == 0) break;
        }
    }

    /// <summary>Screening budget of the first phase: row entries looked at, over all candidate swaps.</summary>
    public const long ScreenBudget = 150_000_000;

    /// <summary>One window scale of one sample: per PE and window, issued entries minus the mean at the start.
    /// </summary>
    private sealed class Window
    {
        public int Sample { get; }
        public int Length { get; }
        public int Offset { get; }
        public double[] Mean { get; }
        public double[] Dev { get; }

        public Window(int sample, int length, int offset, int kept, int pes)
        {
            Sample = sample;
            Length = length;
            Offset = offset;
            Mean = new double[Of(Math.Max(0, kept - 1)) + 1];
            Dev = new double[(long)Mean.Length * pes];
        }

        public int Of(int position) => (position + Offset) / Length;

        public Span<double> Of(int k, double[] values) => values.AsSpan(k * Mean.Length, Mean.Length);
    }

    private void Fill(Window v, int[] counts, int k)
    {
        var active = _samples[v.Sample];
        var dev = v.Of(k, v.Dev);
        for (int w = 0; w < dev.Length; w++) dev[w] = -v.Mean[w];
        for (int i = 0; i < active.Length; i++) dev[v.Of(i)] += counts[(long)active[i] * _pes + k];
    }

    private static double SumOfExcess(ReadOnlySpan<double> values)
    {
        double sum = 0;
        foreach (double v in values) sum += Excess(v);
        return sum;
    }

    /// <summary>
    /// The change of the window objective over PEs a and b when row r (on a, kept positions <paramref name="r"/>)
    /// and row r2 (on b) swap, counting their own entries only: in each window a gains δ = (r2's − r's entries
    /// there) and b loses it; only the windows where either row has kept entries change.
    /// </summary>
    private static double Screen(ReadOnlySpan<int> r, ReadOnlySpan<int> r2, Window v, int a, int b)
    {
        var da = v.Of(a, v.Dev);
        var db = v.Of(b, v.Dev);
        int i = 0, j = 0, window = -1;
        long delta = 0;
        double change = 0;
        while (i < r.Length || j < r2.Length)
        {
            int pi = i < r.Length ? r[i] : int.MaxValue, pj = j < r2.Length ? r2[j] : int.MaxValue;
            int next = Math.Min(pi, pj), w = v.Of(next);
            if (w != window)
            {
                if (delta != 0) change += Excess(da[window] + delta) - Excess(da[window])
                    + Excess(db[window] - delta) - Excess(db[window]);
                window = w;
                delta = 0;
            }
            if (pi == next) { delta--; i++; }
            if (pj == next) { delta++; j++; }
        }
        if (delta != 0) change += Excess(da[window] + delta) - Excess(da[window])
            + Excess(db[window] - delta) - Excess(db[window]);
        return change;
    }

    /// <summary>The objective's term for one PE and window: squared work above the mean (work below it is idle
    /// time only when another PE is above, which that PE's term counts).</summary>
    private static double Excess(double deviation) => deviation > 0 ? deviation * deviation : 0;

    /// <summary>Issued entries (padding included) of physical column p on PEs a and b.</summary>
    private void Recount(int[] counts, int[] peOf, int p, int j, int a, int b)
    {
        int pes = _pes, lastA = -1, lastB = -1, na = 0, nb = 0;
        for (int e = _layer.IndPtr[j]; e < _layer.IndPtr[j + 1]; e++)
        {
            int r = _layer.Indices[e], k = peOf[r], g = r / pes;
            if (k == a) { na += 1 + _coding.PaddingEntriesFor(g - lastA - 1); lastA = g; }
            else if (k == b) { nb += 1 + _coding.PaddingEntriesFor(g - lastB - 1); lastB = g; }
        }
        counts[(long)p * pes + a] = na;
        counts[(long)p * pes + b] = nb;
    }
}
