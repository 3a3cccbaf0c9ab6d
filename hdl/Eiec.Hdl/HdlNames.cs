using System.Text.RegularExpressions;
using Eiec.Contract.Diagnostics;

namespace Eiec.Hdl;

/// <summary>
/// The names one generation emits: every module, its file, every `define of the config header and the
/// header's include guard carry a per-build prefix. Verilog has one global namespace for modules and
/// macros, so two configurations in one design need different names; the templates keep the plain names
/// (eie_pe, `EIE_PES) so they stay readable, and the prefix is applied here, on the generated text.
/// The empty prefix changes nothing: the output is byte for byte what the templates hold.
/// </summary>
public sealed partial class HdlNames
{
    /// <summary>The include guard of the config header, before the prefix.</summary>
    public const string ConfigGuard = "EIE_CONFIG_VH";

    /// <summary>A prefix is a Verilog identifier's start, short enough for any tool's name limits.</summary>
    public const int MaxPrefixLength = 32;

    public string Prefix { get; }

    public static HdlNames Default { get; } = new("");

    public HdlNames(string? prefix)
    {
        Prefix = prefix ?? "";
        if (Prefix.Length > MaxPrefixLength || (Prefix.Length > 0 && !PrefixPattern().IsMatch(Prefix)))
            throw new EiecException($"--prefix '{Prefix}': a module prefix must be at most {MaxPrefixLength} " +
                "characters of letters, digits and '_', not starting with a digit (it begins Verilog names)");
    }

    /// <summary>A module's name in this generation (eie_top → cfgA_eie_top).</summary>
    public string Module(string module) => Prefix + module;

    /// <summary>A generated file's name: one module per file, named after it, and the config header.</summary>
    public string File(string file) => Prefix + file;

    /// <summary>A macro's name (EIE_PES → cfgA_EIE_PES).</summary>
    public string Macro(string macro) => Prefix + macro;

    /// <summary>
    /// <paramref name="text"/> with every identifier in <paramref name="modules"/> or <paramref name="macros"/>
    /// prefixed (declarations, instantiations, macro uses, `ifdef lines and comments alike) and every
    /// `include of one of <paramref name="includes"/> pointed at the prefixed file. Whole identifiers only:
    /// eie_pe never matches inside eie_pe_idle or u_eie_pe.
    /// </summary>
    public string Apply(string text, IReadOnlySet<string> modules, IReadOnlySet<string> macros,
        IReadOnlySet<string> includes)
    {
        if (Prefix.Length == 0) return text;
        text = IncludePattern().Replace(text, m => includes.Contains(m.Groups[2].Value)
            ? m.Groups[1].Value + File(m.Groups[2].Value) + "\""
            : m.Value);
        return IdentifierPattern().Replace(text, m => modules.Contains(m.Value) || macros.Contains(m.Value)
            ? Prefix + m.Value
            : m.Value);
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex PrefixPattern();

    [GeneratedRegex("(`include\\s+\")([^\"]+)\"")]
    private static partial Regex IncludePattern();

    // An identifier not preceded by a character that would make it part of a longer one.
    [GeneratedRegex("(?<![A-Za-z0-9_$])[A-Za-z_][A-Za-z0-9_$]*")]
    private static partial Regex IdentifierPattern();
}
