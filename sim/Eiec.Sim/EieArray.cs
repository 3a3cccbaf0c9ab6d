using Eiec.Contract.Config;
using Eiec.Contract.Diagnostics;
using Eiec.Contract.Image;
using Eiec.Sim.Energy;
using Eiec.Sim.Stats;

namespace Eiec.Sim;

/// <summary>
/// The accelerator's top level (RTL <c>eie_top</c>): the control unit, N PEs and the top
/// controller's sequence LOAD → (SCAN → WB) per layer → OUT. Construction is reset (registers and
/// accumulators zero, i.e. after INIT); state then persists across inferences like the hardware's
/// between start pulses.
/// </summary>
public sealed partial class EieArray
{
    private readonly CompiledImage _image;
    private readonly AccelConfig _config;
    private readonly Pe[] _pes;
    private readonly Ccu _ccu;
    private readonly BroadcastLog _broadcasts;
    private readonly long[] _wake;   // each PE's Pe.WakeCycle, kept together for the per-cycle loop
    private readonly int[] _waiting; // PEs asleep until the next broadcast (see Pe.WaitsForBroadcast)
    private readonly bool[] _listed; // PE k is in _waiting
    private readonly int _n;

    private readonly bool _reference;

    public EieArray(CompiledImage image, int fifoDepth, bool referenceEngine = false)
    {
        _reference = referenceEngine;
        _image = image;
        _config = image.Config;
        _n = _config.Pes;
        Validate(image);
        var cfg = _config;
        _pes = new Pe[_n];
        _wake = new long[_n];
        _waiting = new int[_n];
        _listed = new bool[_n];
        _broadcasts = new BroadcastLog(image.Layers.Max(l => l.Inputs), fifoDepth);
        for (int k = 0; k < _n; k++)
            _pes[k] = new Pe(k, image.Pes[k], image.Codebook, _broadcasts, fifoDepth, new ActRw(cfg.ActivationDepth, image.Pes[k].Bias), cfg.EntriesPerWord, cfg.EntryBits, cfg.CodeBits);
        _ccu = new Ccu(_pes.Select(p => p.Rw).ToArray());
        FifoDepth = fifoDepth;
    }

    public int FifoDepth { get; }
    public IReadOnlyList<Pe> Pes => _pes;
    public Ccu Ccu => _ccu;

    /// <summary>LOAD: input element i goes to PE i mod N, act0[i / N] (not counted in cycles).</summary>
    public void Load(ReadOnlySpan<short> input)
    {
        int inputs = _image.Layers[0].Inputs;
        if (input.Length != inputs)
            throw new EiecException($"input has {input.Length} elements but layer 0 ('{_image.Layers[0].Name}') of model '{_image.Manifest.Model}' takes {inputs}");
        for (int i = 0; i < input.Length; i++) _pes[i % _n].Rw.Load(i / _n, input[i]);
    }

    /// <summary>SCAN(l) then WB(l); returns the layer's statistics.</summary>
    public LayerStats RunLayer(int l)
    {
        var layer = _image.Layers[l];
        int codebookBase = l * _config.CodebookSize;
        _ccu.StartLayer(l, layer.Inputs, layer.Groups);
        _broadcasts.Clear(layer.Inputs);
        Array.Clear(_wake);
        Array.Clear(_listed);
        int full = 0, idle = 0;
        foreach (var pe in _pes)
        {
            pe.StartLayer(layer, codebookBase);
            if (pe.Queue.Full) full++;
            if (pe.Idle) idle++;
        }

        long scanCycles = _reference ? ScanTicks(full, idle) : ScanEvents(layer);

        // WB: R + 1 cycles; every PE requantizes its R local rows into act[(l+1) mod 2].
        int rows = layer.RowsPerPe;
        long saturations = 0;
        for (int k = 0; k < _n; k++)
        {
            int validRows = Math.Max(0, (layer.Outputs - k + _n - 1) / _n);
            saturations += _pes[k].Rw.WriteBack((l + 1) & 1, rows, layer.BiasBase, layer.WeightFracBits, layer.Relu, validRows);
        }
        long wbCycles = rows + 1;

        return Collect(layer, scanCycles, wbCycles, saturations);
    }

    /// <summary>SCAN with the per-cycle unit models (the reference engine); returns the SCAN cycles.</summary>
    private long ScanTicks(int full, int idle)
    {
        // SCAN: ends after the first cycle that starts with ccu_done and every PE idle.
        long cycle = 0;
        int waitingCount = 0;
        while (true)
        {
            bool done = _ccu.Done && idle == _n;  // start-of-cycle
            bool wants = _ccu.Wants;
            bool bc = _ccu.Tick(full > 0, out int j, out short a);
            full = 0;
            idle = 0;
            var pes = _pes;
            var wake = _wake;
            var waiting = _waiting;
            var listed = _listed;
            for (int k = 0; k < pes.Length && k < wake.Length; k++)
            {
                if (cycle < wake[k]) continue; // streaming: not idle, full only as the log tells
                var pe = pes[k];
                int flags = pe.Tick(bc, wants, cycle);
                wake[k] = pe.WakeCycle;
                if (pe.WaitsForBroadcast && !listed[k])
                {
                    listed[k] = true;
                    waiting[waitingCount++] = k;
                }
                full += flags & Pe.FullFlag;
                idle += flags >> 1;
            }
            // The broadcast enters every queue at the edge.
            if (bc)
            {
                _broadcasts.Append(j, a, cycle);
                // PEs asleep with an empty queue must pop it next cycle (a stale entry only wakes a PE early).
                for (int w = 0; w < waitingCount; w++)
                {
                    int k = waiting[w];
                    wake[k] = Math.Min(wake[k], cycle + 1);
                    listed[k] = false;
                }
                waitingCount = 0;
            }
            if (_broadcasts.SleeperFull(_broadcasts.Length)) full++;
            cycle++;
            if (done) break;
        }
        return cycle;
    }

    /// <summary>The outputs of layer <paramref name="l"/> after its WB (element i from PE i mod N), as OUT streams them.</summary>
    public short[] ReadOutputs(int l)
    {
        var layer = _image.Layers[l];
        var result = new short[layer.Outputs];
        for (int i = 0; i < result.Length; i++) result[i] = _pes[i % _n].Rw.Peek((l + 1) & 1, i / _n);
        return result;
    }

    private LayerStats Collect(ImageLayer layer, long scanCycles, long wbCycles, long saturations)
    {
        var pes = _pes.Select(p => p.TakeLayerStats()).ToArray();
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
            [EnergyAction.LnzdCycle] = _ccu.LnzdCycles,
            [EnergyAction.PeIdleCycle] = pes.Sum(p => p.NotBusy),
        };
        var stats = new LayerStats
        {
            Index = layer.Index,
            Name = layer.Name,
            Inputs = layer.Inputs,
            Outputs = layer.Outputs,
            Pes = _n,
            FifoDepth = FifoDepth,
            ScanCycles = scanCycles,
            WbCycles = wbCycles,
            Broadcasts = _ccu.Broadcasts,
            BroadcastStallCycles = _ccu.StallCycles,
            GroupReads = _ccu.GroupReads,
            LnzdCycles = _ccu.LnzdCycles,
            IssuedEntries = issued,
            PaddingEntries = pes.Sum(p => p.Padding),
            IdealScanCycles = (issued + _n - 1) / _n,
            Saturations = saturations,
            PeStats = pes,
            Actions = actions,
        };
        _ccu.ResetCounters();
        return stats;
    }

    /// <summary>The image must describe a network this array can run (the compiler guarantees it; a hand-edited image may not).</summary>
    private static void Validate(CompiledImage image)
    {
        var cfg = image.Config;
        string model = $"image of model '{image.Manifest.Model}'";
        if (image.Pes.Length != cfg.Pes)
            throw new EiecException($"{model}: {image.Pes.Length} PE memories but pes = {cfg.Pes}");
        if (image.Layers.Count == 0) throw new EiecException($"{model}: no layers");
        if (image.Codebook.Length < image.Layers.Count * cfg.CodebookSize)
            throw new EiecException($"{model}: codebook ROM holds {image.Codebook.Length} values, fewer than {image.Layers.Count} layers × {cfg.CodebookSize}");
        for (int l = 0; l < image.Layers.Count; l++)
        {
            var layer = image.Layers[l];
            string where = $"{model}, layer {l} ('{layer.Name}')";
            if (layer.Index != l) throw new EiecException($"{where}: index is {layer.Index}");
            if (layer.Inputs < 1 || layer.Outputs < 1) throw new EiecException($"{where}: {layer.Inputs} inputs, {layer.Outputs} outputs");
            if (layer.Groups != cfg.Groups(layer.Inputs))
                throw new EiecException($"{where}: groups = {layer.Groups}, expected ceil({layer.Inputs} / {cfg.Pes})");
            if (layer.RowsPerPe != cfg.RowsPerPe(layer.Outputs))
                throw new EiecException($"{where}: rows_per_pe = {layer.RowsPerPe}, expected ceil({layer.Outputs} / {cfg.Pes})");
            if (layer.Groups > cfg.ActivationDepth || layer.RowsPerPe > cfg.ActivationDepth)
                throw new EiecException($"{where}: {layer.Groups} groups / {layer.RowsPerPe} rows per PE exceed the activation depth {cfg.ActivationDepth}");
            if (l > 0 && layer.Inputs != image.Layers[l - 1].Outputs)
                throw new EiecException($"{where}: {layer.Inputs} inputs but layer {l - 1} has {image.Layers[l - 1].Outputs} outputs");
        }
    }
}
