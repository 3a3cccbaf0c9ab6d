using System.Text.RegularExpressions;
using Eiec.Contract.Diagnostics;

namespace Eiec.Hdl;

/// <summary>
/// The names one generation emits: every module, every Verilog file (.v, .vh), every `define of a generated
/// header (the include guards included) carry a per-build prefix. Verilog has one global namespace for
/// modules and macros, so two configurations in one design need different names; the templates keep the
/// plain names (eie_pe, `EIE_PES) so they stay readable, and the prefix is applied here, on the generated
/// text. The empty prefix changes nothing: the output is byte for byte what the generator wrote.
/// </summary>
public sealed partial class HdlNames
{
    /// <summary>A prefix is a Verilog identifier's start, short enough for any tool's name limits.</summary>
    public const int MaxPrefixLength = 32;

    public string Prefix { get; }

    public HdlNames(string? prefix)
    {
        Prefix = prefix ?? "";
        if (Prefix.Length > MaxPrefixLength || (Prefix.Length > 0 && !PrefixPattern().IsMatch(Prefix)))
            throw new EiecException($"--prefix '{Prefix}': a module prefix must be at most {MaxPrefixLength} " +
                "characters of letters, digits and '_', not starting with a digit (it begins Verilog names)");
    }

    /// <summary>A module's name in this generation (eie_top → cfgA_eie_top).</summary>
    public string Module(string module) => Prefix + module;

    /// <summary>A Verilog file's name: one module per file, named after it, and the headers.</summary>
    public string File(string file) => Prefix + file;

    /// <summary>
    /// The generated files with the prefix applied: every Verilog file (.v, .vh) renamed, and in each of
    /// them every module of <paramref name="modules"/>, every macro some Verilog file `defines and every
    /// Verilog file name prefixed; the entries of <paramref name="fileList"/> renamed. Other files (a C
    /// header, JSON) are left as they are: they are not part of the Verilog design.
    /// </summary>
    public IReadOnlyList<GeneratedFile> ApplyTo(IReadOnlyList<GeneratedFile> files, IEnumerable<string> modules,
        string fileList)
    {
        if (Prefix.Length == 0) return files;
        var verilog = files.Where(f => IsVerilog(f.Name)).ToList();
        var moduleSet = modules.ToHashSet(StringComparer.Ordinal);
        var macros = verilog.SelectMany(f => DefinePattern().Matches(f.Text).Select(m => m.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal);
        var names = verilog.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        return files.Select(f =>
            IsVerilog(f.Name) ? new GeneratedFile(File(f.Name), Apply(f.Text, moduleSet, macros, names))
            : f.Name == fileList ? new GeneratedFile(f.Name, RenameEntries(f.Text, names))
            : f).ToList();
    }

    /// <summary>
    /// <paramref name="text"/> with every identifier in <paramref name="modules"/> or <paramref name="macros"/>
    /// prefixed (declarations, instantiations, macro uses, `ifdef lines and comments alike) and every mention
    /// of a file in <paramref name="files"/> (`include "eie_config.vh") pointed at the prefixed file. Whole
    /// names only: eie_pe never matches inside eie_pe_idle or u_eie_pe. Provenance lines (// eiec:) are kept:
    /// they name the template a file was made from.
    /// </summary>
    public string Apply(string text, IReadOnlySet<string> modules, IReadOnlySet<string> macros,
        IReadOnlySet<string> files)
    {
        if (Prefix.Length == 0) return text;
        var lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith(VerilogGenerator.ProvenancePrefix, StringComparison.Ordinal)) continue;
            var line = FileNamePattern().Replace(lines[i], m => files.Contains(m.Value) ? Prefix + m.Value : m.Value);
            lines[i] = IdentifierPattern().Replace(line, m => modules.Contains(m.Value) || macros.Contains(m.Value)
                ? Prefix + m.Value
                : m.Value);
        }
        return string.Join('\n', lines);
    }

    private string RenameEntries(string text, HashSet<string> files) =>
        string.Join('\n', text.Split('\n').Select(l => files.Contains(l) ? File(l) : l));

    private static bool IsVerilog(string name) =>
        name.EndsWith(".v", StringComparison.Ordinal) || name.EndsWith(".vh", StringComparison.Ordinal);

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex PrefixPattern();

    [GeneratedRegex(@"`define\s+([A-Za-z_][A-Za-z0-9_$]*)")]
    private static partial Regex DefinePattern();

    // A file name not preceded by a character that would make it part of a longer name or a path.
    [GeneratedRegex(@"(?<![A-Za-z0-9_$./])[A-Za-z0-9_]+\.vh?(?![A-Za-z0-9_.])")]
    private static partial Regex FileNamePattern();

    // An identifier not preceded by a character that would make it part of a longer one.
    [GeneratedRegex("(?<![A-Za-z0-9_$])[A-Za-z_][A-Za-z0-9_$]*")]
    private static partial Regex IdentifierPattern();
}
