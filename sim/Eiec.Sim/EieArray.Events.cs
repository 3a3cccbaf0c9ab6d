using Eiec.Contract.Image;

namespace Eiec.Sim;

/// <summary>
/// The event-time (max-plus) SCAN engine: exactly the register transfers of
/// docs/microarchitecture.md, evaluated per broadcast pair instead of per cycle. The control unit
/// (one unit) still ticks cycle by cycle; the PEs are handled through their event times.
/// For PE k and the b-th broadcast pair (broadcast in cycle t_b, n entries in PE k):
/// <list type="bullet">
/// <item>pop P = max(t_b + 1, T_prev): the pair is poppable the cycle after its push; the column
/// register frees in the cycle the previous column is taken (spm_take), or is already free.</item>
/// <item>take T = max(R, P + 1): the column is in col from P + 1; the sparse-matrix read unit is
/// ready R = T_prev + max(n_prev, 1) (the cycle of the previous column's last issue, or the cycle
/// after an empty column was taken, when it is found empty); it issues T + 1 … T + n.</item>
/// <item>The queue is full in cycle t iff its count (pushes − pops before t) is D, so broadcast b
/// may happen in cycle t iff every PE popped pair b − D before t: any_full = t ≤ max_k P_k(b − D).</item>
/// <item>The PE is not idle in [t_b + 1, F): F = T + n + 4 (the last entry leaves E3), or T + 1
/// for an empty column. SCAN ends at the first cycle with ccu_done and every PE idle.</item>
/// </list>
/// Per-cycle statistics follow from the event times: queue occupancy changes only at pushes and
/// pops, stalled cycles are the full cycles with the control unit wanting and the PE not issuing,
/// starved cycles are the idle ones. Equivalence with the per-cycle units is tested.
/// </summary>
public sealed partial class EieArray
{
    private int[] _evPop = [], _evTake = [], _evLen = [], _evStart = [];  // [k * cap + b]
    private int _evCap;
    private short[] _evAct = [];
    private int[] _evJ = [];
    private int[] _evBc = [], _evMaxPop = [];                // [b]
    private int[] _wantsBefore = [];                         // [t]: cycles < t with cur_mask ≠ 0
    private int[] _peTake = [], _peReady = [];               // [k]
    private long[] _occ = [];

    private long ScanEvents(ImageLayer layer)
    {
        int n = _n, depth = FifoDepth;
        int cap = Math.Max(1, layer.Inputs);
        if (_evCap < cap)
        {
            _evCap = cap;
            _evStart = new int[cap * n];
            _evPop = new int[cap * n];
            _evTake = new int[cap * n];
            _evLen = new int[cap * n];
            _evBc = new int[cap];
            _evMaxPop = new int[cap];
        }
        if (_peTake.Length != n) { _peTake = new int[n]; _peReady = new int[n]; }
        if (_occ.Length != depth + 1) _occ = new long[depth + 1];
        Array.Clear(_peTake);
        Array.Clear(_peReady);
        cap = _evCap;
        var pops = _evPop; var takes = _evTake; var lens = _evLen; var starts = _evStart;
        var bcs = _evBc; var maxPop = _evMaxPop;
        var peTake = _peTake; var peReady = _peReady;
        var pes = _pes;

        // The pairs broadcast, in order, are the layer's non-zero inputs in index order (stalls only
        // delay them); each PE's columns depend on nothing else, so they are read and computed first,
        // one PE after the other. The control unit below checks the order.
        if (_evJ.Length < cap) { _evJ = new int[cap]; _evAct = new short[cap]; }
        var js = _evJ; var acts = _evAct;
        int source = layer.Index & 1, inputs = layer.Inputs, pairs = 0;
        for (int g = 0; g < layer.Groups; g++)
            for (int k = 0; k < n && g * n + k < inputs; k++)
            {
                short v = pes[k].Rw.Peek(source, g);
                if (v != 0) { js[pairs] = g * n + k; acts[pairs++] = v; }
            }
        for (int k = 0; k < n; k++)
        {
            var pe = pes[k];
            for (int bb = 0, row = k * cap; bb < pairs; bb++, row++)
            {
                pe.Ptr.ReadColumn(js[bb], out int start, out int end);
                starts[row] = start;
                lens[row] = Math.Max(0, end - start);
            }
        }
        // The columns' entries (held-word reads, arithmetic) touch only each PE's sparse-matrix read
        // and arithmetic units, which nothing below reads: a worker computes them meanwhile.
        var entries = Task.Run(() =>
        {
            for (int k = 0; k < n; k++) pes[k].Spm.TakeColumns(starts, lens, k * cap, acts, pairs, pes[k].Arith);
        });
        try
        {
            return ScanTiming(layer, pairs);
        }
        finally
        {
            entries.GetAwaiter().GetResult();
        }
    }

    private long ScanTiming(ImageLayer layer, int pairs)
    {
        int n = _n, depth = FifoDepth, cap = _evCap;
        var pops = _evPop; var takes = _evTake; var lens = _evLen;
        var bcs = _evBc; var maxPop = _evMaxPop;
        var peTake = _peTake; var peReady = _peReady;
        var pes = _pes;
        var js = _evJ;

        // Control unit, cycle by cycle, until ccu_done (after it nothing of the CCU changes).
        int cycle = 0, b = 0, wants = 0;
        while (!_ccu.Done)
        {
            if (_wantsBefore.Length <= cycle + 1) Array.Resize(ref _wantsBefore, Math.Max(1024, _wantsBefore.Length * 2));
            _wantsBefore[cycle] = wants;
            if (_ccu.Wants) wants++;
            bool anyFull = b >= depth && cycle <= maxPop[b - depth];
            if (_ccu.Tick(anyFull, out int j, out short a))
            {
                if (b >= pairs || j != js[b]) throw new InvalidOperationException($"event engine: broadcast {b} is input {j}, expected the next non-zero input");
                _broadcasts.Append(j, a, cycle);
                bcs[b] = cycle;
                int m = int.MinValue;
                for (int k = 0, row = b; k < n; k++, row += cap)
                {
                    int pop = Math.Max(cycle + 1, peTake[k]);
                    int len = lens[row];
                    int take = Math.Max(peReady[k], pop + 1);
                    peTake[k] = take;
                    peReady[k] = take + Math.Max(len, 1);
                    pops[row] = pop;
                    takes[row] = take;
                    if (pop > m) m = pop;
                }
                maxPop[b] = m;
                b++;
            }
            cycle++;
        }
        int ccuDone = cycle;
        _wantsBefore[cycle] = wants;
        int broadcasts = b;

        // End of SCAN: the first cycle c ≥ ccuDone in which every PE is idle.
        int scanEnd = ccuDone;
        for (int k = 0; k < n; k++)
        {
            for (int bb = 0, row = k * cap; bb < broadcasts; bb++, row++)
            {
                int f = Finish(takes[row], lens[row]);
                if (f > scanEnd) scanEnd = f;
            }
        }
        long total = scanEnd + 1L;

        if (broadcasts != pairs) throw new InvalidOperationException($"event engine: {broadcasts} broadcasts, {pairs} non-zero inputs");

        // Per-PE statistics from the event times.
        var occ = _occ;
        var ge = new long[depth + 2]; // cycles with count ≥ c
        for (int k = 0; k < n; k++)
        {
            long stalled = 0;
            // Occupancy: between pops, in [P_{x−1} + 1, P_x + 1), the PE has popped x pairs, so its
            // count is at least c from the push of pair x + c − 1 on (cycle t_{x+c−1} + 1).
            Array.Clear(ge);
            int lo = 0, h = 0, row = k * cap;
            for (int x = 0; x <= broadcasts; x++)
            {
                int hi = x < broadcasts ? pops[row + x] + 1 : (int)total;
                int lim = Math.Min(depth, broadcasts - x);
                for (int c = 1; c <= lim; c++)
                {
                    int s = Math.Max(lo, bcs[x + c - 1] + 1);
                    if (s >= hi) break;
                    ge[c] += hi - s;
                    if (c == depth) stalled += StalledIn(k, s, hi, ref h, broadcasts, ccuDone);
                }
                lo = hi;
            }
            occ[0] = total - ge[1];
            for (int c = 1; c <= depth; c++) occ[c] = ge[c] - ge[c + 1];

            // Starved: cycles outside the union of [t_b + 1, F_b).
            long covered = 0;
            int cs = 0, ce = 0;
            for (int bb = 0; bb < broadcasts; bb++)
            {
                int s = bcs[bb] + 1;
                int f = Finish(takes[k * cap + bb], lens[k * cap + bb]);
                if (s >= ce) { covered += ce - cs; cs = s; ce = f; }
                else if (f > ce) ce = f;
            }
            covered += ce - cs;
            var pe = pes[k];
            pe.Queue.PopAll();
            pe.AddEventStats(stalled, total - covered, occ);
        }
        return total;
    }

    /// <summary>First idle cycle after a column taken in cycle <paramref name="take"/> with <paramref name="len"/> entries.</summary>
    private static int Finish(int take, int len) => len > 0 ? take + len + 4 : take + 1;

    private int WantsIn(int from, int until, int ccuDone)
    {
        from = Math.Min(from, ccuDone);
        until = Math.Min(until, ccuDone);
        return _wantsBefore[until] - _wantsBefore[from];
    }

    /// <summary>PE k's cycles in [from, until) (its queue full) with cur_mask ≠ 0 and no entry issuing.</summary>
    private long StalledIn(int k, int from, int until, ref int h, int broadcasts, int ccuDone)
    {
        int row = k * _evCap;
        long stalled = WantsIn(from, until, ccuDone);
        // Issue intervals [T + 1, T + len + 1) are disjoint and in order; skip those ending before from.
        while (h < broadcasts && _evTake[row + h] + _evLen[row + h] + 1 <= from) h++;
        for (int x = h; x < broadcasts; x++)
        {
            int s = _evTake[row + x] + 1;
            if (s >= until) break;
            int len = _evLen[row + x];
            if (len == 0) continue;
            int e = s + len;
            int lo = Math.Max(s, from), hi = Math.Min(e, until);
            if (hi > lo) stalled -= WantsIn(lo, hi, ccuDone);
        }
        return stalled;
    }
}
