using System.Globalization;
using Eiec.Contract.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Eiec.Sim.Energy;

/// <summary>
/// An energy table in Accelergy's shape (energy reference table): per hardware unit, energy per
/// action and energy per cycle. YAML data, never constants in code. Format:
/// <code>
/// name: eie-45nm            # optional: technology, reference_clock_mhz, description
/// units:
///   SpmatRead:              # every unit of EnergyActions.KnownUnits, once
///     per_cycle:            # paid every counted cycle (per PE; Ccu once per cycle)
///       clock:    {pj: 1.27, source: "...", derivation: "..."}
///       register: {pj: 0.70, source: "..."}
///       leakage:  {pj: 3.65, source: "..."}
///     actions:              # every counted action appears under exactly one unit
///       spmat_word_read: {pj: 3.33, source: "...", derivation: "..."}
/// </code>
/// <c>source</c> and <c>derivation</c> are optional text. Every problem is one line naming the file,
/// the line and the key.
/// </summary>
public sealed class EnergyTable
{
    /// <summary>Logical name of the embedded default table.</summary>
    public const string DefaultResource = "Eiec.Sim.Energy.eie-45nm.yaml";
    private static readonly string[] TopKeys = ["name", "technology", "reference_clock_mhz", "description", "units"];
    private static readonly string[] UnitKeys = ["per_cycle", "actions"];
    private static readonly string[] EntryKeys = ["pj", "source", "derivation"];

    private EnergyTable(string name, string origin, IReadOnlyDictionary<EnergyAction, EnergyEntry> entries,
        IReadOnlyDictionary<string, PerCycleEnergy> perCycle)
    {
        Name = name;
        Origin = origin;
        Entries = entries;
        PerCycle = perCycle;
    }

    public string Name { get; }
    /// <summary>The file it was read from (or the embedded resource's name).</summary>
    public string Origin { get; }
    /// <summary>Energy per action, with the unit each action is charged to.</summary>
    public IReadOnlyDictionary<EnergyAction, EnergyEntry> Entries { get; }
    /// <summary>Unit → energy per cycle, in <see cref="EnergyActions.KnownUnits"/> order.</summary>
    public IReadOnlyDictionary<string, PerCycleEnergy> PerCycle { get; }

    public EnergyEntry this[EnergyAction action] => Entries[action];

    /// <summary>The built-in 45 nm table calibrated to the EIE paper (sim/Eiec.Sim/Energy/eie-45nm.yaml).</summary>
    public static EnergyTable Default()
    {
        using var stream = typeof(EnergyTable).Assembly.GetManifestResourceStream(DefaultResource)
            ?? throw new InvalidOperationException($"embedded resource {DefaultResource} is missing");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), $"built-in {DefaultResource}");
    }

    public static EnergyTable Load(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        { throw new EiecException($"{path}: cannot read energy table: {e.Message}"); }
        return Parse(text, path);
    }

    /// <summary>
    /// Parses and validates a table; every problem is an <see cref="EiecException"/> naming
    /// <paramref name="origin"/>, the line and the key.
    /// </summary>
    public static EnergyTable Parse(string yaml, string origin)
    {
        var stream = new YamlStream();
        try { stream.Load(new StringReader(yaml)); }
        catch (YamlException e)
        {
            throw new EiecException(
                $"{origin}: malformed energy table at line {e.Start.Line}, column {e.Start.Column}: " +
                                    (e.InnerException ?? e).Message);
        }
        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new EiecException($"{origin}: an energy table is one YAML mapping with a 'units:' key");

        string name = Path.GetFileNameWithoutExtension(origin);
        YamlMappingNode? units = null;
        foreach (var (keyNode, value) in root.Children)
        {
            string key = Scalar(keyNode, origin, "top-level key");
            if (key == "actions")
                throw new EiecException(
                    $"{origin}: line {keyNode.Start.Line}: top-level 'actions:' is the old flat format; put each " +
                    "action under its unit: units: {<unit>: {per_cycle: {...}, actions: {...}}}");
            if (!TopKeys.Contains(key))
                throw new EiecException(
                    $"{origin}: line {keyNode.Start.Line}: unknown key '{key}'; known keys: " +
                    string.Join(", ", TopKeys));
            if (key == "name") name = Scalar(value, origin, "name");
            if (key == "units")
                units = value as YamlMappingNode ?? throw new EiecException(
                    $"{origin}: line {value.Start.Line}: 'units' must be a mapping of unit name to " +
                    "{per_cycle, actions}");
        }
        if (units is null) throw new EiecException($"{origin}: missing 'units:' mapping");

        var entries = new Dictionary<EnergyAction, EnergyEntry>();
        var perCycle = new Dictionary<string, PerCycleEnergy>();
        foreach (var (keyNode, value) in units.Children)
        {
            string unit = Scalar(keyNode, origin, "unit name");
            string at = $"{origin}: line {keyNode.Start.Line}: units.{unit}";
            if (!EnergyActions.KnownUnits.Contains(unit))
                throw new EiecException(
                    $"{at}: unknown unit '{unit}'; known units: {string.Join(", ", EnergyActions.KnownUnits)}");
            if (perCycle.ContainsKey(unit)) throw new EiecException($"{at}: unit '{unit}' is given twice");
            perCycle[unit] = Unit(value, unit, at, origin, entries);
        }
        var missingUnits = EnergyActions.KnownUnits.Where(u => !perCycle.ContainsKey(u)).ToList();
        if (missingUnits.Count > 0)
            throw new EiecException(
                $"{origin}: missing unit(s) {string.Join(", ", missingUnits.Select(m => $"'{m}'"))} " +
                                    "under 'units:' (every unit needs per_cycle and actions, even if all zero)");
        var missing = EnergyActions.All.Where(a => !entries.ContainsKey(a)).Select(a => a.Name()).ToList();
        if (missing.Count > 0)
            throw new EiecException($"{origin}: missing action(s) {string.Join(", ", missing.Select(m => $"'{m}'"))} " +
                                    "(every counted action needs an energy under one unit's 'actions:')");
        var ordered = EnergyActions.KnownUnits.ToDictionary(u => u, u => perCycle[u]);
        return new EnergyTable(name, origin, entries, ordered);
    }

    private static PerCycleEnergy Unit(YamlNode node, string unit, string at, string origin,
        Dictionary<EnergyAction, EnergyEntry> entries)
    {
        if (node is not YamlMappingNode map)
            throw new EiecException(
                $"{at}: expected a mapping {{per_cycle: {{clock, register, leakage}}, actions: {{...}}}}");
        PerCycleEnergy? perCycle = null;
        bool sawActions = false;
        foreach (var (keyNode, value) in map.Children)
        {
            string key = Scalar(keyNode, origin, "key");
            string here = $"{origin}: line {keyNode.Start.Line}: units.{unit}.{key}";
            if (key == "per_cycle") perCycle = ParsePerCycle(value, unit, here, origin);
            else if (key == "actions")
            {
                sawActions = true;
                if (value is YamlScalarNode { Value: "" or null } or YamlSequenceNode { Children.Count: 0 }) continue;
                if (value is not YamlMappingNode actions)
                    throw new EiecException($"{here}: must be a mapping of action name to {{pj, source, derivation}}");
                foreach (var (actionNode, entry) in actions.Children)
                {
                    string name = Scalar(actionNode, origin, "action name");
                    string a = $"{origin}: line {actionNode.Start.Line}: units.{unit}.actions.{name}";
                    if (!EnergyActions.TryParse(name, out var action))
                        throw new EiecException($"{a}: unknown action '{name}'; known actions: " +
                                                string.Join(", ", EnergyActions.All.Select(x => x.Name())));
                    if (entries.TryGetValue(action, out var earlier))
                        throw new EiecException($"{a}: action '{name}' is given twice (also under {earlier.Unit})");
                    entries[action] = Entry(entry, unit, a, origin);
                }
            }
            else throw new EiecException($"{here}: unknown key '{key}'; known keys: {string.Join(", ", UnitKeys)}");
        }
        if (perCycle is null)
            throw new EiecException($"{at}: missing 'per_cycle:' (clock, register, leakage; 0 if none)");
        if (!sawActions)
            throw new EiecException($"{at}: missing 'actions:' (write 'actions: {{}}' for a unit without actions)");
        return perCycle;
    }

    private static PerCycleEnergy ParsePerCycle(YamlNode node, string unit, string at, string origin)
    {
        if (node is not YamlMappingNode map)
            throw new EiecException(
                $"{at}: expected a mapping {{clock: {{pj: ...}}, register: {{pj: ...}}, leakage: {{pj: ...}}}}");
        var kinds = new Dictionary<string, EnergyEntry>();
        foreach (var (keyNode, value) in map.Children)
        {
            string kind = Scalar(keyNode, origin, "key");
            string here = $"{origin}: line {keyNode.Start.Line}: units.{unit}.per_cycle.{kind}";
            if (!PerCycleEnergy.Kinds.Contains(kind))
                throw new EiecException(
                    $"{here}: unknown key '{kind}'; known keys: {string.Join(", ", PerCycleEnergy.Kinds)}");
            if (kinds.ContainsKey(kind)) throw new EiecException($"{here}: '{kind}' is given twice");
            kinds[kind] = Entry(value, unit, here, origin);
        }
        var missing = PerCycleEnergy.Kinds.Where(k => !kinds.ContainsKey(k)).ToList();
        if (missing.Count > 0)
            throw new EiecException(
                $"{at}: missing {string.Join(", ", missing.Select(m => $"'{m}'"))} (pJ per cycle; 0 if none)");
        return new PerCycleEnergy(kinds["clock"], kinds["register"], kinds["leakage"]);
    }

    private static EnergyEntry Entry(YamlNode node, string unit, string at, string origin)
    {
        if (node is not YamlMappingNode map)
            throw new EiecException($"{at}: expected a mapping {{pj: <number>, source: <text>, derivation: <text>}}");
        double? pj = null;
        string? source = null, derivation = null;
        foreach (var (keyNode, value) in map.Children)
        {
            string key = Scalar(keyNode, origin, "key");
            switch (key)
            {
                case "pj":
                    string text = Scalar(value, origin, $"{at}: pj");
                    if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ||
                        !double.IsFinite(v) || v < 0)
                        throw new EiecException($"{at}: pj = '{text}' must be a finite number ≥ 0 (picojoules)");
                    pj = v;
                    break;
                case "source":
                    source = Scalar(value, origin, $"{at}: source");
                    break;
                case "derivation":
                    derivation = Scalar(value, origin, $"{at}: derivation");
                    break;
                default:
                    throw new EiecException($"{at}: unknown key '{key}' (line {keyNode.Start.Line}); known keys: " +
                                            string.Join(", ", EntryKeys));
            }
        }
        if (pj is null) throw new EiecException($"{at}: missing 'pj' (picojoules)");
        return new EnergyEntry(pj.Value, unit, source, derivation);
    }

    private static string Scalar(YamlNode node, string origin, string what) => node is YamlScalarNode { Value: { } v }
        ? v
        : throw new EiecException($"{origin}: line {node.Start.Line}: {what} must be a plain value");
}
