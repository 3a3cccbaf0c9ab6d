namespace Eiec.Contract.Diagnostics;

/// <summary>
/// Checks that an output a command is about to write will not destroy what it reads: an output
/// that is one of its inputs, or a file of an image directory being read, is refused up front.
/// Paths are compared after resolving them to full paths (and symbolic links, where they exist).
/// </summary>
public static class OutputPaths
{
    /// <summary>Throws if <paramref name="output"/> names the same file as <paramref name="input"/>.</summary>
    /// <param name="option">The output's option, for the message ("-o", "--json").</param>
    /// <param name="what">What the input is ("the dense model").</param>
    public static void NotAnInput(string? output, string option, string? input, string what)
    {
        if (output is null || input is null) return;
        if (string.Equals(Resolve(output), Resolve(input), StringComparison.Ordinal))
            throw new EiecException($"{option} {output}: it is {what} ({input}) this command reads; " +
                "writing it would destroy the input, so choose another output path");
    }

    /// <summary>
    /// Throws if <paramref name="output"/> lies inside the image directory <paramref name="imageDir"/>
    /// under one of the image's own entries (<paramref name="isImageEntry"/> of its first component).
    /// </summary>
    public static void NotInImage(string? output, string option, string imageDir, Func<string, bool> isImageEntry)
    {
        ArgumentNullException.ThrowIfNull(isImageEntry);
        if (output is null) return;
        var root = Path.TrimEndingDirectorySeparator(Resolve(imageDir));
        var full = Resolve(output);
        if (!full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal)) return;
        var first = full[(root.Length + 1)..].Split(Path.DirectorySeparatorChar)[0];
        if (isImageEntry(first))
            throw new EiecException($"{option} {output}: it is part of the image {imageDir} this command reads " +
                $"('{first}'); choose a path outside the image's own files");
    }

    private static string Resolve(string path)
    {
        string full;
        try { full = Path.GetFullPath(path); }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return path;
        }
        try
        {
            // A symbolic link to an input is the input; resolve the final target where one exists.
            var info = new FileInfo(full);
            if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } target)
                return target.FullName;
            var directory = Path.GetDirectoryName(full);
            if (directory is not null && Directory.Exists(directory)
                && new DirectoryInfo(directory).ResolveLinkTarget(returnFinalTarget: true) is { } dirTarget)
                return Path.Combine(dirTarget.FullName, Path.GetFileName(full));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        return full;
    }
}
