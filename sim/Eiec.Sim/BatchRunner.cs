using Eiec.Sim.Energy;
using Eiec.Sim.Stats;

namespace Eiec.Sim;

/// <summary>
/// Runs a batch in contiguous pieces on several cores and returns exactly what one array running the
/// whole batch back to back returns (outputs, cycles and every statistic), whatever the number of
/// pieces or cores: the results do not depend on the machine.
/// </summary>
/// <remarks>
/// Each piece starts from a reset array. Of the state one inference leaves to the next, only the
/// sparse-matrix SRAM's held word changes a figure (<see cref="HeldWord"/>): a PE whose first read of
/// a piece is the word it would have held from the previous piece reads it once less back to back.
/// The pieces record each PE's first read (inference, layer, address) and last held word; a
/// sequential pass then takes that read off the inference and layer it happened in. Cycles and outputs
/// never depend on the held word (docs/microarchitecture.md, "Clarifications").
/// </remarks>
internal static class BatchRunner
{
    // Fewer vectors than this per piece cost more in array construction than they win.
    private const int MinVectorsPerPiece = 4;

    /// <summary>A PE's first sparse-matrix read of a piece: in which inference and layer, at which word.</summary>
    private readonly record struct FirstRead(int Vector, int Layer, int Address);

    public static BatchResult Run(IReadOnlyList<short[]> inputs, int pes, Func<IEieArray> createArray,
        Func<IEieArray, short[], Action<int>, SimResult> infer, int jobs, Action<int>? onProgress)
    {
        int n = inputs.Count;
        // One job: one piece, the plain back-to-back loop. More: a few pieces per core, so that a slow
        // piece does not leave the other cores idle at the end.
        int pieces = jobs <= 1 ? 1 : Math.Clamp(n / MinVectorsPerPiece, 1, jobs * 4);
        var results = new SimResult[n];
        var firsts = new FirstRead?[pieces][];
        var ends = new HeldWord[pieces][];
        int done = 0;
        Eiec.Contract.Diagnostics.ParallelFor.Run(pieces, p =>
        {
            var array = createArray();
            var first = new FirstRead?[pes];
            for (int v = Start(n, pieces, p); v < Start(n, pieces, p + 1); v++)
            {
                int vector = v;
                results[v] = infer(array, inputs[v], layer =>
                {
                    for (int k = 0; k < pes; k++)
                        if (first[k] is null && array.HeldWord(k).FirstRead is var a and >= 0)
                            first[k] = new FirstRead(vector, layer, a);
                });
                if (onProgress is not null) onProgress(Interlocked.Increment(ref done));
            }
            firsts[p] = first;
            ends[p] = Enumerable.Range(0, pes).Select(array.HeldWord).ToArray();
        }, jobs);

        // The held words back to back: what each PE holds when piece p starts.
        var held = new HeldWord[pes];
        for (int p = 0; p < pieces; p++)
            for (int k = 0; k < pes; k++)
            {
                if (p > 0 && firsts[p][k] is { } f && held[k].Held && held[k].Address == f.Address)
                    results[f.Vector] = OneWordReadLess(results[f.Vector], f.Layer, k);
                if (ends[p][k].Held) held[k] = ends[p][k];
            }

        SimStats total = results[0].Stats;
        for (int v = 1; v < n; v++) total += results[v].Stats;
        return new BatchResult { Results = results, Stats = total };
    }

    /// <summary>First vector of piece <paramref name="p"/> of <paramref name="pieces"/> over n vectors.</summary>
    private static int Start(int n, int pieces, int p) => (int)((long)n * p / pieces);

    private static SimResult OneWordReadLess(SimResult result, int layer, int pe)
    {
        var layers = result.Stats.Layers.ToArray();
        var stats = layers[layer];
        var peStats = stats.PeStats.ToArray();
        peStats[pe] = peStats[pe] with { SpmatWordReads = peStats[pe].SpmatWordReads - 1 };
        var actions = stats.Actions + new ActionCounts();
        actions[EnergyAction.SpmatWordRead]--;
        layers[layer] = stats with { PeStats = peStats, Actions = actions };
        return new SimResult
        {
            LayerOutputs = result.LayerOutputs,
            Output = result.Output,
            Saturations = result.Saturations,
            Stats = result.Stats with { Layers = layers },
        };
    }
}
