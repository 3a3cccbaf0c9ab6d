using System.Globalization;
using Eiec.Contract.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Eiec.Sim.Energy;

/// <summary>
/// An energy-per-action table (Accelergy's ERT): YAML data, never constants in code. Format:
/// <code>
/// name: eie-45nm            # optional: technology, reference_clock_mhz, description
/// actions:
///   mac: {pj: 0.925, unit: Arith, source: "where the number comes from"}
///   ...                      # every action in EnergyActions, no others
/// </code>
/// <c>unit</c> (one of <see cref="EnergyActions.KnownUnits"/>) and <c>source</c> are optional.
/// </summary>
public sealed class EnergyTable
{
    /// <summary>Logical name of the embedded default table.</summary>
    public const string DefaultResource = "Eiec.Sim.Energy.eie-45nm.yaml";
    private static readonly string[] TopKeys = ["name", "technology", "reference_clock_mhz", "description", "actions"];
    private static readonly string[] EntryKeys = ["pj", "unit", "source"];

    private EnergyTable(string name, string origin, IReadOnlyDictionary<EnergyAction, EnergyEntry> entries)
    {
        Name = name;
        Origin = origin;
        Entries = entries;
    }

    public string Name { get; }
    /// <summary>The file it was read from (or the embedded resource's name).</summary>
    public string Origin { get; }
    public IReadOnlyDictionary<EnergyAction, EnergyEntry> Entries { get; }

    public EnergyEntry this[EnergyAction action] => Entries[action];

    /// <summary>The built-in 45 nm table derived from the EIE paper (sim/Eiec.Sim/Energy/eie-45nm.yaml).</summary>
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

    /// <summary>Parses and validates a table; every problem is an <see cref="EiecException"/> naming <paramref name="origin"/> and the key.</summary>
    public static EnergyTable Parse(string yaml, string origin)
    {
        var stream = new YamlStream();
        try { stream.Load(new StringReader(yaml)); }
        catch (YamlException e)
        { throw new EiecException($"{origin}: malformed energy table at line {e.Start.Line}, column {e.Start.Column}: {(e.InnerException ?? e).Message}"); }
        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new EiecException($"{origin}: an energy table is one YAML mapping with an 'actions:' key");

        string name = Path.GetFileNameWithoutExtension(origin);
        YamlMappingNode? actions = null;
        foreach (var (keyNode, value) in root.Children)
        {
            string key = Scalar(keyNode, origin, "top-level key");
            if (!TopKeys.Contains(key))
                throw new EiecException($"{origin}: unknown key '{key}' (line {keyNode.Start.Line}); known keys: {string.Join(", ", TopKeys)}");
            if (key == "name") name = Scalar(value, origin, "name");
            if (key == "actions")
                actions = value as YamlMappingNode ?? throw new EiecException($"{origin}: 'actions' (line {value.Start.Line}) must be a mapping of action name to {{pj, unit, source}}");
        }
        if (actions is null) throw new EiecException($"{origin}: missing 'actions:' mapping");

        var entries = new Dictionary<EnergyAction, EnergyEntry>();
        foreach (var (keyNode, value) in actions.Children)
        {
            string key = Scalar(keyNode, origin, "action name");
            string at = $"{origin}: actions.{key} (line {keyNode.Start.Line})";
            if (!EnergyActions.TryParse(key, out var action))
                throw new EiecException($"{at}: unknown action '{key}'; known actions: {string.Join(", ", EnergyActions.All.Select(a => a.Name()))}");
            if (entries.ContainsKey(action)) throw new EiecException($"{at}: action '{key}' is given twice");
            entries[action] = Entry(value, action, at, origin);
        }
        var missing = EnergyActions.All.Where(a => !entries.ContainsKey(a)).Select(a => a.Name()).ToList();
        if (missing.Count > 0)
            throw new EiecException($"{origin}: missing action(s) {string.Join(", ", missing.Select(m => $"'{m}'"))} under 'actions:' (every counted action needs an energy)");
        return new EnergyTable(name, origin, entries);
    }

    private static EnergyEntry Entry(YamlNode node, EnergyAction action, string at, string origin)
    {
        if (node is not YamlMappingNode map)
            throw new EiecException($"{at}: expected a mapping {{pj: <number>, unit: <unit>, source: <text>}}");
        double? pj = null;
        string unit = action.DefaultUnit();
        string? source = null;
        foreach (var (keyNode, value) in map.Children)
        {
            string key = Scalar(keyNode, origin, "key");
            switch (key)
            {
                case "pj":
                    string text = Scalar(value, origin, $"{at}: pj");
                    if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v) || v < 0)
                        throw new EiecException($"{at}: pj = '{text}' must be a finite number ≥ 0 (picojoules per action)");
                    pj = v;
                    break;
                case "unit":
                    unit = Scalar(value, origin, $"{at}: unit");
                    if (!EnergyActions.KnownUnits.Contains(unit))
                        throw new EiecException($"{at}: unit '{unit}' is not a hardware unit; known units: {string.Join(", ", EnergyActions.KnownUnits)}");
                    break;
                case "source":
                    source = Scalar(value, origin, $"{at}: source");
                    break;
                default:
                    throw new EiecException($"{at}: unknown key '{key}'; known keys: {string.Join(", ", EntryKeys)}");
            }
        }
        if (pj is null) throw new EiecException($"{at}: missing 'pj' (picojoules per action)");
        return new EnergyEntry(pj.Value, unit, source);
    }

    private static string Scalar(YamlNode node, string origin, string what) => node is YamlScalarNode { Value: { } v }
        ? v
        : throw new EiecException($"{origin}: {what} at line {node.Start.Line} must be a plain value");
}
