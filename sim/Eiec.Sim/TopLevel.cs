using Eiec.Contract.Config;
using Eiec.Contract.Diagnostics;
using Eiec.Contract.Image;
using Eiec.Sim.Energy;
using Eiec.Sim.Stats;

namespace Eiec.Sim;

/// <summary>
/// The parts of the top controller's sequence (RTL <c>eie_top</c>) that do not depend on how SCAN is
/// evaluated, shared by both engines: the image check, LOAD, WB, OUT and the layer's statistics.
/// </summary>
internal static class TopLevel
{
    /// <summary>
    /// LOAD: input element i goes to PE i mod N, local element i / N of the vector's input slot (not counted in
    /// cycles). The engines run one vector at a time, so one slot stands for both (<see cref="ActRw.Load"/>);
    /// when LOAD's cycles overlap compute is <see cref="EieAxiTop"/>'s schedule.
    /// </summary>
    public static void Load(CompiledImage image, ActRw[] rw, ReadOnlySpan<short> input)
    {
        int inputs = image.Layers[0].Inputs;
        if (input.Length != inputs)
            throw new EiecException($"input has {input.Length} elements but layer 0 ('{image.Layers[0].Name}') " +
                                    $"of model '{image.Manifest.Model}' takes {inputs}");
        for (int i = 0; i < input.Length; i++) rw[i % rw.Length].Load(i / rw.Length, input[i]);
    }

    /// <summary>
    /// WB(l): every PE requantizes its R local rows into act[(l+1) mod 2]. Returns
    /// the saturations.
    /// </summary>
    public static long WriteBack(ImageLayer layer, ActRw[] rw)
    {
        int n = rw.Length;
        long saturations = 0;
        for (int k = 0; k < n; k++)
        {
            int validRows = Math.Max(0, (layer.Outputs - k + n - 1) / n);
            saturations += rw[k].WriteBack((layer.Index + 1) & 1, layer.RowsPerPe, layer.BiasBase,
                                           layer.WeightFracBits, layer.Relu, validRows);
        }
        return saturations;
    }

    /// <summary>
    /// WB(l) takes rows_per_pe + <see cref="AccelConfig.WriteBackLatency"/> cycles: rows are read in
    /// cycles 0 .. R−1 and the last is written by the requantizer pipeline that many cycles later.
    /// </summary>
    public static long WriteBackCycles(ImageLayer layer) => layer.RowsPerPe + AccelConfig.WriteBackLatency;

    /// <summary>
    /// OUT: the last layer's outputs in index order from its slots, element i from PE OutputMap[i] (PE i mod N
    /// without a map), local row i / N (docs/microarchitecture.md). Not counted in cycles.
    /// </summary>
    public static short[] Out(CompiledImage image, short[] slots) => image.OutputOrder(slots);

    /// <summary>The outputs of a layer after its WB in slot order (slot s from PE s mod N, local row s / N).</summary>
    public static short[] ReadOutputs(ImageLayer layer, ActRw[] rw)
    {
        var result = new short[layer.Outputs];
        int n = rw.Length, buffer = (layer.Index + 1) & 1;
        for (int i = 0; i < result.Length; i++) result[i] = rw[i % n].Peek(buffer, i / n);
        return result;
    }

    /// <summary>The activation unit's counters into a PE's figures for the layer; clears them.</summary>
    public static PeLayerStats WithActivationCounts(PeLayerStats stats, ActRw rw)
    {
        var result = stats with { ActReads = rw.ActReads, ActWrites = rw.ActWrites, WriteBackRows = rw.WriteBackRows };
        rw.ResetCounters();
        return result;
    }

    /// <summary>
    /// The layer's statistics from every PE's figures and the control unit's counters (which it
    /// clears).
    /// </summary>
    public static LayerStats Collect(ImageLayer layer, int fifoDepth, long scanCycles, long wbCycles, long saturations,
                                     PeLayerStats[] pes, Ccu ccu)
    {
        int n = pes.Length;
        long issued = pes.Sum(p => p.Issued);
        long writeBackRows = pes.Sum(p => p.WriteBackRows);
        var actions = new ActionCounts
        {
            [EnergyAction.SpmatWordRead] = pes.Sum(p => p.SpmatWordReads),
            [EnergyAction.PointerRead] = pes.Sum(p => p.PointerReads),
            [EnergyAction.CodebookRead] = issued,
            [EnergyAction.Mac] = issued,
            [EnergyAction.AccRead] = issued + writeBackRows,
            [EnergyAction.AccWrite] = issued + writeBackRows,
            [EnergyAction.ActRead] = pes.Sum(p => p.ActReads),
            [EnergyAction.ActWrite] = pes.Sum(p => p.ActWrites),
            [EnergyAction.BiasRead] = writeBackRows,
            [EnergyAction.QueuePush] = pes.Sum(p => p.QueuePushes),
            [EnergyAction.QueuePop] = pes.Sum(p => p.QueuePops),
            [EnergyAction.LnzdCycle] = ccu.LnzdCycles,
            [EnergyAction.PeIdleCycle] = pes.Sum(p => p.NotBusy),
        };
        var stats = new LayerStats
        {
            Index = layer.Index,
            Name = layer.Name,
            Inputs = layer.Inputs,
            Outputs = layer.Outputs,
            Pes = n,
            FifoDepth = fifoDepth,
            ScanCycles = scanCycles,
            WbCycles = wbCycles,
            Broadcasts = ccu.Broadcasts,
            BroadcastStallCycles = ccu.StallCycles,
            GroupReads = ccu.GroupReads,
            LnzdCycles = ccu.LnzdCycles,
            IssuedEntries = issued,
            PaddingEntries = pes.Sum(p => p.Padding),
            IdealScanCycles = (issued + n - 1) / n,
            WorkBoundCycles = n == 0 ? 0 : pes.Max(p => p.Issued),
            ColumnBoundCycles = n == 0 ? 0 : pes.Max(p => p.ColumnCycles),
            Saturations = saturations,
            PeStats = pes,
            Actions = actions,
        };
        ccu.ResetCounters();
        return stats;
    }

    /// <summary>
    /// The image must describe a network the array can run (the compiler guarantees it; a
    /// hand-edited image may not).
    /// </summary>
    public static void Validate(CompiledImage image)
    {
        var cfg = image.Config;
        string model = $"image of model '{image.Manifest.Model}'";
        if (image.Pes.Length != cfg.Pes)
            throw new EiecException($"{model}: {image.Pes.Length} PE memories but pes = {cfg.Pes}");
        if (image.Layers.Count == 0) throw new EiecException($"{model}: no layers");
        if (image.Codebook.Length < image.Layers.Count * cfg.CodebookSize)
            throw new EiecException($"{model}: codebook ROM holds {image.Codebook.Length} values, " +
                                    $"fewer than {image.Layers.Count} layers × {cfg.CodebookSize}");
        for (int l = 0; l < image.Layers.Count; l++)
        {
            var layer = image.Layers[l];
            string where = $"{model}, layer {l} ('{layer.Name}')";
            if (layer.Index != l) throw new EiecException($"{where}: index is {layer.Index}");
            if (layer.Inputs < 1 || layer.Outputs < 1)
                throw new EiecException($"{where}: {layer.Inputs} inputs, {layer.Outputs} outputs");
            if (layer.Groups != cfg.Groups(layer.Inputs))
                throw new EiecException($"{where}: groups = {layer.Groups}, expected ceil({layer.Inputs} / {cfg.Pes})");
            if (layer.RowsPerPe != cfg.RowsPerPe(layer.Outputs))
                throw new EiecException(
                    $"{where}: rows_per_pe = {layer.RowsPerPe}, expected ceil({layer.Outputs} / {cfg.Pes})");
            if (layer.Groups > cfg.ActivationDepth || layer.RowsPerPe > cfg.ActivationDepth)
                throw new EiecException($"{where}: {layer.Groups} groups / {layer.RowsPerPe} rows per PE " +
                                        $"exceed the activation depth {cfg.ActivationDepth}");
            if (l > 0 && layer.Inputs != image.Layers[l - 1].Outputs)
                throw new EiecException(
                    $"{where}: {layer.Inputs} inputs but layer {l - 1} has {image.Layers[l - 1].Outputs} outputs");
        }
    }
}
