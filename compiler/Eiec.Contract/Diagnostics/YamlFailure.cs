using YamlDotNet.Core;

namespace Eiec.Contract.Diagnostics;

/// <summary>
/// The exceptions YamlDotNet's parser can raise on damaged input. Besides <see cref="YamlException"/>
/// it throws InvalidOperationException (its scanner, on some broken plain scalars) and
/// ArgumentException (an unparsable tag, an unexpected event) — all found by AFL++ and kept in
/// hosttest/Eiec.Tests/Fuzz/regressions. Every YAML reader turns them into one clean error.
/// </summary>
public static class YamlFailure
{
    public static bool IsMalformedInput(Exception e) =>
        e is YamlException or InvalidOperationException or ArgumentException;

    /// <summary>" at line L, column C: message" (the position when YamlDotNet knows it).</summary>
    public static string Describe(Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var where = e is YamlException y && y.Start.Line > 0 ? $" at line {y.Start.Line}, column {y.Start.Column}" : "";
        return $"{where}: {(e.InnerException ?? e).Message}";
    }
}
