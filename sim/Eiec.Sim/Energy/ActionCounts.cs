namespace Eiec.Sim.Energy;

/// <summary>How many times each <see cref="EnergyAction"/> happened.</summary>
public sealed class ActionCounts
{
    private readonly long[] _counts = new long[EnergyActions.All.Count];

    public long this[EnergyAction action]
    {
        get => _counts[(int)action];
        set => _counts[(int)action] = value;
    }

    public static ActionCounts operator +(ActionCounts x, ActionCounts y)
    {
        var sum = new ActionCounts();
        for (int i = 0; i < sum._counts.Length; i++) sum._counts[i] = x._counts[i] + y._counts[i];
        return sum;
    }

    public static ActionCounts Sum(IEnumerable<ActionCounts> counts)
    {
        var sum = new ActionCounts();
        foreach (var c in counts)
            for (int i = 0; i < sum._counts.Length; i++) sum._counts[i] += c._counts[i];
        return sum;
    }

    /// <summary>Name → count, in declaration order.</summary>
    public IReadOnlyDictionary<string, long> ToDictionary()
    {
        var d = new Dictionary<string, long>();
        foreach (var a in EnergyActions.All) d[a.Name()] = this[a];
        return d;
    }
}
