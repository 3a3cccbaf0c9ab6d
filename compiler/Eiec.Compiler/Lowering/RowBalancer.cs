using Eiec.Contract.Cz;

namespace Eiec.Compiler.Lowering;

/// <summary>
/// Chooses, for every output row of a layer, the PE it is computed on (docs/balancing.md). Row i stays in
/// its group g = i / N at local row g, so every PE keeps the row count of the interleaved layout and the
/// physical slots stay 0 .. outputs − 1; only which PE of the group takes it changes. The choice is greedy,
/// heaviest rows first: each row goes to the free PE of its group whose current load is smallest along the
/// row's own columns, counted per column (a sparse input vector keeps any subset of the columns, so each
/// column should be balanced on its own), per window of columns (what the activation queues can absorb) and
/// in total. Deterministic: ties go to the lower row index and the lower PE.
/// </summary>
public static class RowBalancer
{
    /// <summary>The PE of every logical row: slot of row i = (i / N) · N + result[i].</summary>
    /// <param name="layer">The layer (CSC, logical column order).</param>
    /// <param name="columnOrder">Physical column p reads logical column columnOrder[p] (null: identity): the
    /// order in which the control unit broadcasts them.</param>
    /// <param name="pes">N.</param>
    /// <param name="window">Columns per window (about what the activation queues absorb).</param>
    /// <param name="paddingRun">Rows one padding entry stands for (a power of two, <c>EntryCoding.PaddingRun</c>).
    /// </param>
    /// <param name="byGroup">Place the groups in local-row order, counting each row's padding exactly (its
    /// previous entry on every PE is known then); otherwise the heaviest rows of the whole layer first (better
    /// totals when rows differ a lot), padding not counted.</param>
    /// <param name="columnWeight">Per physical column, how much an entry there counts (null: 1 each): a calibrated
    /// build weighs each column by how often it is non-zero (<see cref="ColumnActivity"/>), so that the columns an
    /// input keeps are the ones balanced.</param>
    /// <param name="windowOf">Per physical column, its window (null: p / window): a calibrated build cuts windows
    /// of equal expected non-zero columns.</param>
    public static int[] Place(CzLayer layer, int[]? columnOrder, int pes, int window, int paddingRun, bool byGroup,
        int[]? columnWeight = null, int[]? windowOf = null)
    {
        ArgumentNullException.ThrowIfNull(layer);
        int rows = layer.Outputs, cols = layer.Inputs;
        window = Math.Max(1, window);
        // Rows as lists of physical columns (CSR over the broadcast order).
        var rowStart = new int[rows + 1];
        foreach (int r in layer.Indices) rowStart[r + 1]++;
        for (int r = 0; r < rows; r++) rowStart[r + 1] += rowStart[r];
        var rowCols = new int[layer.Indices.Length];
        var fill = rowStart[..rows];
        for (int p = 0; p < cols; p++)
        {
            int j = columnOrder is null ? p : columnOrder[p];
            for (int e = layer.IndPtr[j]; e < layer.IndPtr[j + 1]; e++) rowCols[fill[layer.Indices[e]]++] = p;
        }

        // A row's weight: its entries (uncalibrated) or their columns' weights summed.
        var rowWeight = new long[rows];
        for (int r = 0; r < rows; r++)
            if (columnWeight is null) rowWeight[r] = rowStart[r + 1] - rowStart[r];
            else
                for (int e = rowStart[r]; e < rowStart[r + 1]; e++) rowWeight[r] += columnWeight[rowCols[e]];
        var order = new int[rows];
        for (int r = 0; r < rows; r++) order[r] = r;
        Array.Sort(order, (a, b) =>
        {
            int ga = a / pes, gb = b / pes;
            if (byGroup && ga != gb) return ga.CompareTo(gb);
            long na = rowWeight[a], nb = rowWeight[b];
            return na != nb ? nb.CompareTo(na) : a.CompareTo(b);
        });

        // Loads in issued entries (padding included), PE-minor so that one row's scores over all PEs read
        // consecutive memory. The objective is window · Σ colLoad² + Σ winLoad² + window / cols · Σ total²
        // (each scale weighted by its number of columns); a row goes where it raises it least.
        int windows = windowOf is null ? (cols + window - 1) / window : (cols == 0 ? 0 : windowOf[cols - 1] + 1);
        int runShift = System.Numerics.BitOperations.Log2((uint)paddingRun);
        var colLoad = new int[(long)cols * pes];
        var winLoad = new int[(long)windows * pes];
        var lastLocal = new int[(long)cols * pes];
        Array.Fill(lastLocal, -1);
        var total = new long[pes];
        var taken = new bool[(long)((rows + pes - 1) / pes) * pes];
        var score = new long[pes];
        var added = new long[pes];
        var result = new int[rows];
        foreach (int r in order)
        {
            int g = r / pes, free = Math.Min(pes, rows - g * pes);
            var groupTaken = taken.AsSpan(g * pes, free);
            Array.Clear(score);
            Array.Clear(added);
            var span = score.AsSpan(0, free);
            var x = added.AsSpan(0, free);
            int start = rowStart[r], end = rowStart[r + 1];
            for (int e = start; e < end; e++)
            {
                int p = rowCols[e];
                int weight = columnWeight is null ? 1 : columnWeight[p];
                var c = colLoad.AsSpan(p * pes, free);
                var w = winLoad.AsSpan((windowOf is null ? p / window : windowOf[p]) * pes, free);
                var last = lastLocal.AsSpan(p * pes, free);
                for (int k = 0; k < span.Length; k++)
                {
                    // Heaviest first, the previous entry may not be placed yet: count 1 per entry.
                    long cost = (byGroup ? 1 + ((g - last[k] - 1) >> runShift) : 1) * weight;
                    span[k] += cost * (2 * ((long)c[k] * window + w[k]) + (window + 1) * cost);
                    x[k] += cost;
                }
            }
            int best = -1;
            long bestScore = long.MaxValue;
            for (int k = 0; k < free; k++)
            {
                if (groupTaken[k]) continue;
                long s = span[k] + (2 * total[k] + x[k]) * x[k] * window / Math.Max(1, cols);
                if (s < bestScore) { bestScore = s; best = k; }
            }
            groupTaken[best] = true;
            result[r] = best;
            total[best] += x[best];
            for (int e = start; e < end; e++)
            {
                int p = rowCols[e];
                long i = (long)p * pes + best;
                int cost = (byGroup ? 1 + ((g - lastLocal[i] - 1) >> runShift) : 1)
                    * (columnWeight is null ? 1 : columnWeight[p]);
                colLoad[i] += cost;
                winLoad[(long)(windowOf is null ? p / window : windowOf[p]) * pes + best] += cost;
                lastLocal[i] = g;
            }
        }
        return result;
    }
}
