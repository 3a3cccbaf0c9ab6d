using Eiec.Contract.Config;
using Eiec.Contract.Cz;
using Eiec.Contract.Diagnostics;
using Eiec.Contract.FixedPoint;
using Eiec.Contract.Image;

namespace Eiec.Compiler.Lowering;

/// <summary>
/// Lowers a validated <see cref="CzModel"/> to a <see cref="CompiledImage"/>: per-layer interleaved
/// CSC, fixed-point codebooks and biases, and the memory layout of docs/microarchitecture.md. Every
/// capacity limit is checked here and reported naming the layer (and PE) that does not fit.
/// </summary>
public static class ImageCompiler
{
    public const string GeneratorName = ImageManifest.CurrentGenerator;
    public const int DefaultActivationFracBits = 8;
    /// <summary>
    /// The row placement `eiec build`, `eiec sweep` and `eiec eval` use unless told otherwise (docs/balancing.md):
    /// balanced, since it was never slower on the Table III benchmarks (bench/README.md). The library's
    /// <see cref="Compile"/> defaults to <see cref="BalanceMode.None"/>, which callers that reason about the
    /// interleaved layout rely on.
    /// </summary>
    public const BalanceMode DefaultBalance = BalanceMode.Rows;

    public static CompiledImage Compile(CzModel model, AccelConfig config,
        int activationFracBits = DefaultActivationFracBits, string sourceName = "model.cz",
        BalanceMode balance = BalanceMode.None, ColumnActivity? activity = null)
    {
        config.Validated();
        if (activity is not null && balance == BalanceMode.None)
            throw new EiecException("calibration is for balanced placements; use --balance rows or search");
        if (activity is not null && (activity.KeepProbability.Count != model.Layers.Count
            || activity.KeepProbability.Select(p => p.Length).Where((n, l) => n != model.Layers[l].Inputs).Any()))
            throw new EiecException($"{sourceName}: the column activity does not match the model's layers");
        if (activationFracBits is < 0 or > 15)
            throw new EiecException($"activation fraction bits = {activationFracBits} is out of range [0, 15]");
        CzValidator.Validate(model, sourceName, config.CodebookSize);
        if (model.Layers.Count > config.MaxLayers)
            throw new EiecException($"{sourceName}: the model has {model.Layers.Count} layers but the accelerator's " +
                $"layer table holds max_layers = {config.MaxLayers}");

        int pes = config.Pes;
        var layers = new List<ImageLayer>();
        var encoded = new EncodedLayer[model.Layers.Count];
        var codebookRom = new short[config.CodebookDepth];
        var biasPerLayer = new short[model.Layers.Count][];
        int ptrBase = 0, spmatBase = 0, biasBase = 0;
        // Balanced placement: layer l's rows permuted within groups of N (RowBalancer); the next layer's columns
        // follow its inputs' physical order, so the permutation costs nothing between layers.
        int[]? columnOrder = null, slotOfRow = null, lastPes = null;

        for (int l = 0; l < model.Layers.Count; l++)
        {
            var layer = model.Layers[l];
            int[]? columnOrderNext = null;
            string where = $"{sourceName}: layer '{layer.Name}' (index {l})";
            int groups = config.Groups(layer.Inputs), rowsPerPe = config.RowsPerPe(layer.Outputs);
            if (groups > config.ActivationDepth || rowsPerPe > config.ActivationDepth)
                throw new EiecException($"{where}: {layer.Inputs} inputs and {layer.Outputs} outputs need " +
                    $"{Math.Max(groups, rowsPerPe)} activations per PE at {pes} PE(s), " +
                    $"but each activation buffer holds {config.ActivationDepth} " +
                    $"(activation_sram_bytes = {config.ActivationSramBytes}); " +
                    "use more PEs or a larger activation SRAM");

            int frac = FixedPointMath.ChooseWeightFracBits(layer.Codebook);
            if (frac < 0)
                throw new EiecException($"{where}: codebook value {layer.Codebook.MaxBy(Math.Abs)} does not fit " +
                    $"{config.WeightBits}-bit fixed point");
            var cbq = new short[config.CodebookSize];
            for (int v = 0; v < layer.Codebook.Length; v++)
                cbq[v] = FixedPointMath.Quantize(layer.Codebook[v], frac, out _);
            cbq.CopyTo(codebookRom, l * config.CodebookSize);

            var bias = new short[rowsPerPe * pes];
            long biasSaturations = 0;
            if (layer.Bias is { } b)
                for (int i = 0; i < b.Length; i++)
                {
                    bias[i] = FixedPointMath.Quantize(b[i], activationFracBits, out bool sat);
                    if (sat) biasSaturations++;
                }
            int accBits = AccumulatorBitsNeeded(layer, cbq, bias, frac, out int worstRow);
            EncodedLayer? enc = null;
            if (balance != BalanceMode.None)
            {
                (var pe, enc) = ChoosePlacement(layer, l, columnOrder, config, balance == BalanceMode.Search,
                    activity?.KeepProbability[l]);
                slotOfRow = new int[layer.Outputs];
                var rowAtSlot = new int[layer.Outputs];
                var placed = new short[bias.Length];
                for (int i = 0; i < slotOfRow.Length; i++)
                {
                    slotOfRow[i] = OutputMapping.Slot(pe, pes, i);
                    rowAtSlot[slotOfRow[i]] = i;
                    placed[slotOfRow[i]] = bias[i];
                }
                bias = placed;
                lastPes = pe;
                columnOrderNext = rowAtSlot;
            }
            biasPerLayer[l] = bias;
            if (accBits > config.AccumulatorBits)
                throw new EiecException($"{where}: row {worstRow} can reach a {accBits}-bit sum but " +
                    $"accumulator_bits = {config.AccumulatorBits}");

            enc ??= LayerEncoder.Encode(layer, pes, config.Entries, null, columnOrder);
            columnOrder = columnOrderNext;
            encoded[l] = enc;
            int worstPe = Array.IndexOf(enc.Counts, enc.Counts.Max());
            long most = enc.Counts[worstPe];
            if (most > config.MaxPointer)
                throw new EiecException($"{where}: PE {worstPe} needs {most} sparse-matrix entries, " +
                    $"but pointer_bits = {config.PointerBits} addresses at most {config.MaxPointer} per layer; " +
                    "use more PEs or a wider pointer");
            int ptrRows = AccelConfig.PointerRows(layer.Inputs);
            if (ptrBase + ptrRows > config.PointerBankDepth)
                throw new EiecException($"{where}: its {layer.Inputs + 1} column pointers need pointer-bank rows " +
                    $"{ptrBase}..{ptrBase + ptrRows - 1} in every PE, but each bank holds {config.PointerBankDepth} " +
                    $"(pointer_sram_bytes = {config.PointerSramBytes})");
            int words = (int)config.SpmatWordsFor(most);
            if ((long)spmatBase + words > config.SpmatWords)
                throw new EiecException($"{where}: PE {worstPe} needs sparse-matrix words " +
                    $"{spmatBase}..{spmatBase + words - 1} ({most} entries), but the sparse-matrix SRAM holds " +
                    $"{config.SpmatWords} words (spmat_sram_bytes = {config.SpmatSramBytes})");
            if (biasBase + rowsPerPe > config.BiasEntries)
                throw new EiecException($"{where}: needs bias entries {biasBase}..{biasBase + rowsPerPe - 1} " +
                    $"in every PE, but the bias memory holds bias_entries = {config.BiasEntries}");

            layers.Add(new ImageLayer
            {
                Index = l, Name = layer.Name, Inputs = layer.Inputs, Outputs = layer.Outputs,
                Activation = layer.Activation == LayerActivation.Relu ? "relu" : "none",
                HasBias = layer.Bias is not null, WeightFracBits = frac,
                PtrBase = ptrBase, SpmatBase = spmatBase, SpmatWords = words, BiasBase = biasBase,
                Groups = groups, RowsPerPe = rowsPerPe, NonZeros = enc.NonZeros, Padding = enc.Padding,
                AccumulatorBitsNeeded = accBits, BiasSaturations = biasSaturations,
                EntriesPerPe = enc.Counts.Select(c => (long)c).ToArray(),
            });
            ptrBase += ptrRows;
            spmatBase += words;
            biasBase += rowsPerPe;
        }

        var pesMem = new PeMemories[pes];
        ParallelFor.Run(pes, k => pesMem[k] =
            BuildPe(k, config, layers, encoded, biasPerLayer, ptrBase, spmatBase, biasBase));
        var table = layers.Select((layer, l) => layer.TableFields(l == layers.Count - 1, lastPes is not null))
            .ToArray();
        var manifest = new ImageManifest
        {
            Model = model.Name, Source = Path.GetFileName(sourceName), Generator = GeneratorName,
            Accelerator = config, ActivationFracBits = activationFracBits, Layers = layers,
            InputNormalization = model.Input, Balance = lastPes is null ? null : "rows",
            Memories = Memories(config, layers.Count, ptrBase, spmatBase, biasBase,
                lastPes is null ? null : layers[^1].Outputs),
        };
        return new CompiledImage
        {
            Manifest = manifest, LayerTable = table, Codebook = codebookRom, Pes = pesMem, OutputMap = lastPes,
        };
    }

    private static PeMemories BuildPe(int k, AccelConfig config, List<ImageLayer> layers, EncodedLayer[] encoded,
        short[][] bias, int ptrRows, int words, int biasRows)
    {
        var spmat = new ulong[words];
        var even = new uint[ptrRows];
        var odd = new uint[ptrRows];
        var biasMem = new short[biasRows];
        int epw = config.EntriesPerWord, entryBits = config.EntryBits;
        for (int l = 0; l < layers.Count; l++)
        {
            var layer = layers[l];
            var enc = encoded[l];
            var entries = enc.Entries[k];
            int count = enc.Counts[k];
            for (int e = 0; e < count; e++)
                spmat[layer.SpmatBase + e / epw] |= (ulong)entries[e] << (e % epw * entryBits);
            var p = enc.Pointers[k];
            for (int i = 0; i < p.Length; i++)
                ((i & 1) == 0 ? even : odd)[layer.PtrBase + (i >> 1)] = (uint)p[i];
            for (int r = 0; r < layer.RowsPerPe; r++)
                biasMem[layer.BiasBase + r] = bias[l][r * config.Pes + k];
        }
        return new PeMemories { Spmat = spmat, PtrEven = even, PtrOdd = odd, Bias = biasMem };
    }

    /// <summary>
    /// The placement of a layer's rows with the fewest estimated SCAN cycles among the interleaved one and
    /// <see cref="RowBalancer"/>'s two orders, so balancing never picks a placement it expects to be slower; one
    /// that needs more entries in a PE than the memories hold is not considered. Uncalibrated without search, the
    /// estimate is <see cref="ScanEstimate.Cycles"/> (every column active); calibrated or with search, the
    /// greedy weighs columns by their keep probability and the estimate is <see cref="RowSearch"/>'s, over
    /// sampled inputs, after which the search refines the best greedy placement.
    /// </summary>
    /// <param name="keep">Per logical column, how often it is non-zero (null: not calibrated).</param>
    private static (int[] Pe, EncodedLayer Encoded) ChoosePlacement(CzLayer layer, int index, int[]? columnOrder,
        AccelConfig config, bool search, double[]? keep)
    {
        int pes = config.Pes, window = BalanceWindow(config), run = config.Entries.PaddingRun;
        bool sampled = search || keep is not null;
        // Per physical column: keep probability, greedy weight and window.
        double[]? physical = null;
        int[]? weight = null, windowOf = null;
        if (sampled)
        {
            physical = new double[layer.Inputs];
            for (int p = 0; p < physical.Length; p++)
                physical[p] = keep is null ? ColumnActivity.DefaultKeepProbability
                    : keep[columnOrder is null ? p : columnOrder[p]];
        }
        if (keep is not null)
        {
            weight = new int[layer.Inputs];
            windowOf = new int[layer.Inputs];
            // Windows of equal expected non-zero columns: as many as an uncalibrated window expects.
            double perWindow = window * ColumnActivity.DefaultKeepProbability, before = 0;
            for (int p = 0; p < weight.Length; p++)
            {
                weight[p] = (int)Math.Round(physical![p] * ColumnActivity.WeightScale);
                windowOf[p] = (int)(before / perWindow);
                before += physical[p];
            }
        }
        var searcher = physical is null ? null
            : new RowSearch(layer, columnOrder, pes, config.FifoDepth, config.Entries, physical, index);
        var identity = new int[layer.Outputs];
        for (int i = 0; i < identity.Length; i++) identity[i] = i % pes;
        // Independent candidates: built in parallel, compared in a fixed order (deterministic).
        var pe = new int[4][];
        var encoded = new EncodedLayer[4];
        var cycles = new long[4];
        var fits = new bool[4];
        void Evaluate(int c)
        {
            var slots = new int[pe[c].Length];
            for (int i = 0; i < slots.Length; i++) slots[i] = OutputMapping.Slot(pe[c], pes, i);
            encoded[c] = LayerEncoder.Encode(layer, pes, config.Entries, slots, columnOrder);
            long most = encoded[c].Counts.Max();
            fits[c] = most <= config.MaxPointer && config.SpmatWordsFor(most) <= config.SpmatWords;
            cycles[c] = searcher is null ? ScanEstimate.Cycles(encoded[c], pes, config.FifoDepth)
                : searcher.Estimate(encoded[c]);
        }
        ParallelFor.Run(3, c =>
        {
            pe[c] = c == 0 ? identity
                : RowBalancer.Place(layer, columnOrder, pes, window, run, byGroup: c == 2, weight, windowOf);
            Evaluate(c);
        });
        // The interleaved placement is the fallback: if it does not fit, the usual capacity errors follow.
        int best = 0;
        for (int c = 1; c < 3; c++)
            if (fits[c] && cycles[c] < cycles[best]) best = c;
        if (search)
        {
            pe[3] = searcher!.Refine(pe[best], out _, out _);
            Evaluate(3);
            if (fits[3] && cycles[3] < cycles[best]) best = 3;
        }
        return (pe[best], encoded[best]);
    }

    /// <summary>Columns per balancing window: what the activation queues absorb (D non-zero activations),
    /// stretched because a typical input keeps only part of the columns (docs/balancing.md).</summary>
    public static int BalanceWindow(AccelConfig config) => 4 * config.FifoDepth;

    private static List<ImageMemory> Memories(AccelConfig config, int layerCount, int ptrRows, int words, int biasRows,
        int? outMapUsed)
    {
        var list = new List<ImageMemory>
        {
            new()
            {
                Kind = "layers", File = ImageFiles.LayerTable, Width = LayerTableWord.Bits, Depth = config.MaxLayers,
                Used = layerCount,
            },
            new()
            {
                Kind = "codebook", File = ImageFiles.Codebook, Width = config.WeightBits, Depth = config.CodebookDepth,
                Used = layerCount * config.CodebookSize,
            },
        };
        if (outMapUsed is int used)
            list.Add(new()
            {
                Kind = ImageFiles.OutMapKind, File = ImageFiles.OutMap, Width = config.PeIndexBits,
                Depth = config.OutMapDepth, Used = used,
            });
        for (int k = 0; k < config.Pes; k++)
        {
            list.Add(new()
            {
                Kind = ImageFiles.Spmat, Pe = k, File = ImageFiles.PeMemory(k, ImageFiles.Spmat),
                Width = config.WordBits, Depth = config.SpmatWords, Used = words
            });
            list.Add(new()
            {
                Kind = ImageFiles.PtrEven, Pe = k, File = ImageFiles.PeMemory(k, ImageFiles.PtrEven),
                Width = config.PointerBits, Depth = config.PointerBankDepth, Used = ptrRows
            });
            list.Add(new()
            {
                Kind = ImageFiles.PtrOdd, Pe = k, File = ImageFiles.PeMemory(k, ImageFiles.PtrOdd),
                Width = config.PointerBits, Depth = config.PointerBankDepth, Used = ptrRows
            });
            list.Add(new()
            {
                Kind = ImageFiles.Bias, Pe = k, File = ImageFiles.PeMemory(k, ImageFiles.Bias),
                Width = config.ActivationBits, Depth = config.BiasEntries, Used = biasRows
            });
        }
        return list;
    }

    /// <summary>Worst-case signed accumulator width over the rows (docs/fixed-point.md, "Accumulator bound").</summary>
    private static int AccumulatorBitsNeeded(CzLayer layer, short[] cbq, short[] bias, int frac, out int worstRow)
    {
        var sum = new long[layer.Outputs];
        for (int e = 0; e < layer.Indices.Length; e++)
            sum[layer.Indices[e]] += Math.Abs((int)cbq[layer.Codes[e]]);
        long worst = -1;
        worstRow = 0;
        for (int i = 0; i < sum.Length; i++)
        {
            long bound = sum[i] * -(long)FixedPointMath.Min16 + ((long)Math.Abs((int)bias[i]) << frac);
            if (bound > worst) { worst = bound; worstRow = i; }
        }
        return FixedPointMath.SignedBitsFor(worst);
    }
}
