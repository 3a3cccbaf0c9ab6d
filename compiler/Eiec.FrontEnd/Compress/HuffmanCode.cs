namespace Eiec.FrontEnd.Compress;

/// <summary>
/// Huffman code lengths for a symbol histogram, the way Deep Compression's last stage would code
/// the weight codes and relative indices. Ties between equal weights are broken by the order in
/// which nodes were created (leaves by symbol), so the lengths are deterministic.
/// </summary>
public static class HuffmanCode
{
    /// <summary>Code length in bits of each symbol; 0 for symbols that never occur. A lone symbol gets 1 bit.</summary>
    public static int[] CodeLengths(IReadOnlyList<long> histogram)
    {
        var lengths = new int[histogram.Count];
        var queue = new PriorityQueue<int, (long Weight, int Order)>();
        var parent = new List<int>();
        int order = 0;
        for (int s = 0; s < histogram.Count; s++)
        {
            if (histogram[s] < 0) throw new ArgumentException($"negative count for symbol {s}", nameof(histogram));
            parent.Add(-1);
            if (histogram[s] > 0) queue.Enqueue(s, (histogram[s], order++));
        }
        if (queue.Count == 0) return lengths;
        if (queue.Count == 1) { lengths[queue.Dequeue()] = 1; return lengths; }
        while (queue.Count > 1)
        {
            queue.TryDequeue(out int a, out var pa);
            queue.TryDequeue(out int b, out var pb);
            int node = parent.Count;
            parent.Add(-1);
            parent[a] = node;
            parent[b] = node;
            queue.Enqueue(node, (pa.Weight + pb.Weight, order++));
        }
        for (int s = 0; s < histogram.Count; s++)
        {
            if (histogram[s] == 0) continue;
            int depth = 0;
            for (int x = s; parent[x] >= 0; x = parent[x]) depth++;
            lengths[s] = depth;
        }
        return lengths;
    }

    /// <summary>Total bits to Huffman-code the histogram's symbols.</summary>
    public static long TotalBits(IReadOnlyList<long> histogram)
    {
        var lengths = CodeLengths(histogram);
        long bits = 0;
        for (int s = 0; s < histogram.Count; s++) bits += histogram[s] * lengths[s];
        return bits;
    }
}
