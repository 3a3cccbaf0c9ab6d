namespace Eiec.Contract.Diagnostics;

/// <summary>
/// Turns a name read from an input file (a layer name in a benchmark table, a model name) into one
/// file name that stays inside the output directory: no directory separators, no "..", no leading
/// dot (hidden files), no control characters. Names that are already safe are returned unchanged,
/// so outputs of ordinary inputs keep their names.
/// </summary>
public static class SafeFileName
{
    public static string From(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var chars = name.Select(c => c is '/' or '\\' or ':' or '\0' || char.IsControl(c) ? '_' : c).ToArray();
        var safe = new string(chars).Trim();
        if (safe.StartsWith('.')) safe = "_" + safe[1..];
        return safe.Length == 0 ? "_" : safe;
    }

    /// <summary>
    /// <paramref name="directory"/>/<paramref name="fileName"/>, after checking that the result
    /// really is directly inside <paramref name="directory"/> (the last line of defence against a
    /// name that escapes it).
    /// </summary>
    public static string Inside(string directory, string fileName)
    {
        var root = Path.GetFullPath(directory);
        var full = Path.GetFullPath(Path.Combine(root, fileName));
        var parent = Path.GetDirectoryName(full);
        if (!string.Equals(parent, Path.TrimEndingDirectorySeparator(root), StringComparison.Ordinal))
            throw new EiecException($"{fileName}: refusing to write outside the output directory {directory}");
        return Path.Combine(directory, fileName);
    }
}
