using Eiec.Sim.Stats;

namespace Eiec.Sim.EventEngine;

/// <summary>
/// SCAN's timing as event times (max-plus recurrences) per broadcast pair, exactly the register
/// transfers of docs/microarchitecture.md evaluated per pair instead of per cycle. The control unit
/// still ticks cycle by cycle; the PEs are handled through their event times. For PE k and the b-th
/// broadcast pair (broadcast in cycle t_b, n entries in PE k):
/// <list type="bullet">
/// <item>pop P = max(t_b + 2, T_prev): the pair is on the broadcast bus in t_b + 1, in the queue from
/// t_b + 2; the column register frees in the cycle its previous column leaves it (T_prev: taken by
/// the sparse-matrix read unit, or dropped if empty), or is already free.</item>
/// <item>n &gt; 0: take T = max(R, P + 1): the column is in col from P + 1; the sparse-matrix read unit
/// is ready R = the cycle of the previous non-empty column's last issue (T' + n'); it issues
/// T + 1 … T + n. n = 0: the pointer read unit drops the column in P + 1 (recorded as its T), the
/// read unit is untouched.</item>
/// <item>any_full in cycle t iff some PE's occupancy at the start of t − 1 (the bus pair included)
/// plus the broadcast of t − 1, i.e. broadcasts before t − pops before t − 1, reached D: broadcast b
/// may happen in cycle t iff every PE popped pair b − D before t − 1: any_full = t ≤ max_k P_k(b − D) + 1.</item>
/// <item>The PE is not idle in [t_b + 1, F): F = T + n + 5 (the last entry leaves E4), or T + 1
/// = P + 2 for an empty column (dropped in T). SCAN ends one cycle after the first cycle c with
/// ccu_done and every PE idle (the end condition is registered): SCAN takes c + 2 cycles.</item>
/// </list>
/// Per-cycle statistics follow from the event times: queue occupancy changes only at pushes and
/// pops, stalled cycles are the full cycles with the control unit wanting and the PE not issuing,
/// starved cycles are the idle ones.
/// </summary>
internal sealed class EventTimes
{
    private readonly int _n;
    private readonly int _depth;
    private int _cap;                       // pairs per PE the arrays below hold
    private int[] _pop = [], _take = [];    // [k * cap + b]: cycles of pair b's pop and take in PE k
    private int[] _bc = [], _maxPop = [];   // [b]: broadcast cycle; the latest pop over the PEs
    private int[] _wantsBefore = [];        // [t]: cycles before t with cur_mask ≠ 0
    private readonly int[] _peTake, _peReady; // [k]: when the column register frees; when the read unit is ready
    private readonly long[] _ge;            // [c]: cycles with queue count ≥ c (one PE at a time)
    private PeTimeline? _timeline;          // the current SCAN's recorder, if any

    public EventTimes(int pes, int fifoDepth)
    {
        _n = pes;
        _depth = fifoDepth;
        _peTake = new int[pes];
        _peReady = new int[pes];
        _ge = new long[fifoDepth + 2];
        Stalled = new long[pes];
        Starved = new long[pes];
        Blocking = new long[pes];
        BlockingAlone = new long[pes];
        Occupancy = new long[pes][];
        for (int k = 0; k < pes; k++) Occupancy[k] = new long[fifoDepth + 1];
    }

    /// <summary>Per PE, the last SCAN's stalled cycles.</summary>
    public long[] Stalled { get; }
    /// <summary>Per PE, the last SCAN's broadcast-stall cycles its full queue caused (alone or not).</summary>
    public long[] Blocking { get; }
    /// <summary>Per PE, the last SCAN's broadcast-stall cycles in which it alone was full.</summary>
    public long[] BlockingAlone { get; }
    /// <summary>Per PE, the last SCAN's starved (idle) cycles.</summary>
    public long[] Starved { get; }
    /// <summary>Per PE, the last SCAN's start-of-cycle queue count histogram, [k][count].</summary>
    public long[][] Occupancy { get; }

    /// <summary>
    /// One SCAN: ticks <paramref name="ccu"/> until ccu_done and returns the SCAN cycles.
    /// <paramref name="js"/>: the pairs the control unit will broadcast, in order (its broadcasts are
    /// checked against them); <paramref name="lengths"/>[k * <paramref name="cap"/> + b]: the entries
    /// of pair b's column in PE k.
    /// </summary>
    public long Scan(Ccu ccu, int[] js, int pairs, int[] lengths, int cap, PeTimeline? timeline = null)
    {
        _timeline = timeline;
        if (_cap < cap)
        {
            _cap = cap;
            _pop = new int[cap * _n];
            _take = new int[cap * _n];
            _bc = new int[cap];
            _maxPop = new int[cap];
        }
        int n = _n, depth = _depth;
        var pops = _pop;
        var takes = _take;
        var bcs = _bc;
        var maxPop = _maxPop;
        var peTake = _peTake;
        var peReady = _peReady;
        Array.Clear(peTake);
        Array.Clear(peReady);
        Array.Clear(Blocking);
        Array.Clear(BlockingAlone);

        // Control unit, cycle by cycle, until ccu_done (after it nothing of the CCU changes).
        int cycle = 0, b = 0, wants = 0;
        while (!ccu.Done)
        {
            if (_wantsBefore.Length <= cycle + 1)
                Array.Resize(ref _wantsBefore, Math.Max(1024, _wantsBefore.Length * 2));
            _wantsBefore[cycle] = wants;
            if (ccu.Wants) wants++;
            bool anyFull = b >= depth && cycle <= maxPop[b - depth] + 1;
            if (anyFull && ccu.Wants) Block(b - depth, cycle, cap);
            if (ccu.Tick(anyFull, out int j, out _))
            {
                if (b >= pairs || j != js[b])
                    throw new InvalidOperationException(
                        $"event engine: broadcast {b} is input {j}, expected the next non-zero input");
                bcs[b] = cycle;
                int latest = int.MinValue;
                for (int k = 0, row = b; k < n; k++, row += cap)
                {
                    int pop = Math.Max(cycle + 2, peTake[k]);
                    int len = lengths[row];
                    int take;
                    if (len > 0)
                    {
                        take = Math.Max(peReady[k], pop + 1);
                        peReady[k] = take + len;
                    }
                    else
                    {
                        take = pop + 1; // dropped by the pointer read unit: the read unit never sees it
                    }
                    peTake[k] = take;
                    pops[row] = pop;
                    takes[row] = take;
                    if (pop > latest) latest = pop;
                }
                maxPop[b] = latest;
                b++;
            }
            cycle++;
        }
        int ccuDone = cycle;
        _wantsBefore[cycle] = wants;
        if (b != pairs) throw new InvalidOperationException($"event engine: {b} broadcasts, {pairs} non-zero inputs");

        // The end condition: the first cycle c ≥ ccuDone in which every PE is idle; SCAN ends after c + 1.
        int scanEnd = ccuDone;
        for (int k = 0; k < n; k++)
            for (int x = 0, row = k * cap; x < pairs; x++, row++)
                scanEnd = Math.Max(scanEnd, Finish(takes[row], lengths[row]));
        long total = scanEnd + 2L;

        // Per-PE statistics from the event times.
        var ge = _ge;
        for (int k = 0; k < n; k++)
        {
            long stalled = 0;
            // Occupancy: between pops, in [P_{x−1} + 1, P_x + 1), the PE has popped x pairs, so its
            // count is at least c from the push of pair x + c − 1 on (cycle t_{x+c−1} + 1).
            Array.Clear(ge);
            int lo = 0, h = 0, row = k * cap;
            for (int x = 0; x <= pairs; x++)
            {
                int hi = x < pairs ? pops[row + x] + 1 : (int)total;
                int lim = Math.Min(depth, pairs - x);
                for (int c = 1; c <= lim; c++)
                {
                    int s = Math.Max(lo, bcs[x + c - 1] + 1);
                    if (s >= hi) break;
                    ge[c] += hi - s;
                    if (c == depth)
                    {
                        int h0 = h;
                        stalled += StalledIn(row, s, hi, ref h, pairs, ccuDone, lengths);
                        if (_timeline is not null) RecordStalled(k, row, s, hi, h0, pairs, ccuDone, lengths);
                    }
                }
                lo = hi;
            }
            var occ = Occupancy[k];
            occ[0] = total - ge[1];
            for (int c = 1; c <= depth; c++) occ[c] = ge[c] - ge[c + 1];

            // Starved: cycles outside the union of [t_b + 1, F_b).
            long covered = 0;
            int cs = 0, ce = 0;
            for (int x = 0; x < pairs; x++)
            {
                int s = bcs[x] + 1;
                int f = Finish(takes[row + x], lengths[row + x]);
                if (s >= ce)
                {
                    covered += ce - cs;
                    _timeline?.Add(k, PeTimeline.Starved, ce, s);
                    cs = s;
                    ce = f;
                }
                else if (f > ce) ce = f;
                if (_timeline is { } tl && lengths[row + x] > 0)
                    tl.Add(k, PeTimeline.Busy, takes[row + x] + 1, takes[row + x] + 1 + lengths[row + x]);
            }
            covered += ce - cs;
            _timeline?.Add(k, PeTimeline.Starved, ce, total);
            Stalled[k] = stalled;
            Starved[k] = total - covered;
        }
        return total;
    }

    /// <summary>
    /// The timeline's stalled cycles of [from, until), PE k's queue full throughout: cycle by cycle, the
    /// ones with cur_mask ≠ 0 and no entry issuing (what <see cref="StalledIn"/> counts). Only with --plot.
    /// </summary>
    private void RecordStalled(int k, int row, int from, int until, int h, int pairs, int ccuDone, int[] lengths)
    {
        for (int c = from; c < until && c < ccuDone; c++)
        {
            if (_wantsBefore[c + 1] == _wantsBefore[c]) continue;
            while (h < pairs && _take[row + h] + lengths[row + h] + 1 <= c) h++;
            bool issuing = false;
            for (int x = h; x < pairs && _take[row + x] + 1 <= c; x++)
                if (lengths[row + x] > 0 && c < _take[row + x] + 1 + lengths[row + x]) { issuing = true; break; }
            if (!issuing) _timeline!.Add(k, PeTimeline.Stalled, c, c + 1);
        }
    }

    /// <summary>
    /// A broadcast stall in <paramref name="cycle"/>: PE k's occupancy plus the broadcast reached D in the
    /// cycle before iff it had not popped pair <paramref name="oldest"/> (the pending pair's D-th
    /// predecessor) by then, i.e. its pop is at cycle − 1 or later.
    /// </summary>
    private void Block(int oldest, int cycle, int cap)
    {
        int full = 0, last = 0;
        for (int k = 0, row = oldest; k < _n; k++, row += cap)
            if (_pop[row] + 1 >= cycle)
            {
                Blocking[k]++;
                _timeline?.Add(k, PeTimeline.Blocking, cycle, cycle + 1);
                full++;
                last = k;
            }
        if (full == 1) BlockingAlone[last]++;
    }

    /// <summary>
    /// First idle cycle after a column taken in cycle <paramref name="take"/> with
    /// <paramref name="len"/> entries.
    /// </summary>
    private static int Finish(int take, int len) => len > 0 ? take + len + 5 : take + 1;

    /// <summary>Cycles in [from, until) with cur_mask ≠ 0 (none from ccu_done on).</summary>
    private int WantsIn(int from, int until, int ccuDone)
    {
        from = Math.Min(from, ccuDone);
        until = Math.Min(until, ccuDone);
        return _wantsBefore[until] - _wantsBefore[from];
    }

    /// <summary>
    /// Cycles of [from, until) (the PE's queue full throughout) with cur_mask ≠ 0 and no entry issuing;
    /// <paramref name="row"/> is the PE's first pair, <paramref name="h"/> its first issue interval
    /// that may still overlap (the calls come in increasing order).
    /// </summary>
    private long StalledIn(int row, int from, int until, ref int h, int pairs, int ccuDone, int[] lengths)
    {
        long stalled = WantsIn(from, until, ccuDone);
        // Issue intervals [T + 1, T + len + 1) are disjoint and in order; skip those ending before from.
        while (h < pairs && _take[row + h] + lengths[row + h] + 1 <= from) h++;
        for (int x = h; x < pairs; x++)
        {
            int s = _take[row + x] + 1;
            if (s >= until) break;
            int len = lengths[row + x];
            if (len == 0) continue;
            int lo = Math.Max(s, from), hi = Math.Min(s + len, until);
            if (hi > lo) stalled -= WantsIn(lo, hi, ccuDone);
        }
        return stalled;
    }
}
