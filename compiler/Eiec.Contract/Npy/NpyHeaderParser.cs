using System.Globalization;
using System.Text;
using Eiec.Contract.Diagnostics;

namespace Eiec.Contract.Npy;

/// <summary>
/// Parses the Python-literal dictionary of a .npy header. NumPy evaluates it with
/// <c>ast.literal_eval</c>; we accept the same literal subset (strings, ints, True/False/None,
/// tuples, lists, dicts) and then demand exactly the keys descr, fortran_order and shape, so a
/// hand-written or damaged header is rejected instead of half-understood.
/// </summary>
internal sealed class NpyHeaderParser
{
    private sealed record PyTuple(List<object?> Items);
    private sealed record PyList(List<object?> Items);
    private sealed record PyDict(List<KeyValuePair<object?, object?>> Items);
    private sealed class PyNone { public static readonly PyNone Value = new(); }

    private readonly string _text;
    private readonly string _source;
    private int _pos;

    private NpyHeaderParser(string text, string source) { _text = text; _source = source; }

    public static NpyHeader Parse(string text, string source)
    {
        var parser = new NpyHeaderParser(text, source);
        var value = parser.ParseValue(depth: 0);
        parser.SkipSpace();
        if (parser._pos != text.Length) throw parser.Error("unexpected text after the dictionary");
        if (value is not PyDict dict) throw parser.Error("the header is not a dictionary", at: 0);
        return parser.Interpret(dict);
    }

    private NpyHeader Interpret(PyDict dict)
    {
        string? descr = null;
        bool? fortran = null;
        int[]? shape = null;
        foreach (var (keyObj, value) in dict.Items)
        {
            if (keyObj is not string key) throw Error($"dictionary key {Show(keyObj)} is not a string", 0);
            switch (key)
            {
                case "descr" when descr is null:
                    if (value is PyList)
                        throw Fail("structured (record) dtypes are not supported; save a plain numeric array");
                    descr = value as string ?? throw Fail($"'descr' must be a string, got {Show(value)}");
                    break;
                case "fortran_order" when fortran is null:
                    fortran = value as bool? ?? throw Fail($"'fortran_order' must be True or False, got {Show(value)}");
                    break;
                case "shape" when shape is null:
                    shape = ToShape(value);
                    break;
                case "descr" or "fortran_order" or "shape":
                    throw Fail($"key '{key}' appears twice");
                default:
                    throw Fail(
                        $"unexpected key '{key}' (a .npy header has exactly 'descr', 'fortran_order' and 'shape')");
            }
        }
        var missing = new[] { ("descr", descr is null), ("fortran_order", fortran is null), ("shape", shape is null) }
            .Where(m => m.Item2).Select(m => $"'{m.Item1}'").ToList();
        if (missing.Count > 0) throw Fail($"missing key(s) {string.Join(", ", missing)}");
        return new NpyHeader(descr!, fortran!.Value, shape!);
    }

    private int[] ToShape(object? value)
    {
        if (value is not PyTuple tuple) throw Fail($"'shape' must be a tuple of integers, got {Show(value)}");
        var shape = new int[tuple.Items.Count];
        for (var i = 0; i < shape.Length; i++)
        {
            if (tuple.Items[i] is not long dim)
                throw Fail($"'shape' entry {i} is {Show(tuple.Items[i])}, not an integer");
            if (dim < 0 || dim > int.MaxValue)
                throw Fail($"'shape' entry {i} = {dim} is out of range [0, {int.MaxValue}]");
            shape[i] = (int)dim;
        }
        return shape;
    }

    private object? ParseValue(int depth)
    {
        // Headers are tiny; a deep nest can only be an attack on the stack.
        if (depth > 32) throw Error("nesting too deep");
        SkipSpace();
        if (_pos >= _text.Length) throw Error("unexpected end of header");
        var c = _text[_pos];
        switch (c)
        {
            case '{': return ParseDict(depth);
            case '(':
                var items = ParseSequence(')', depth, out var isTuple);
                return isTuple ? new PyTuple(items) : items[0];
            case '[': return new PyList(ParseSequence(']', depth, out _));
            case '\'' or '"': return ParseString();
        }
        if (c is '-' or '+' || char.IsAsciiDigit(c)) return ParseInt();
        if (char.IsAsciiLetter(c) || c == '_')
        {
            var start = _pos;
            while (_pos < _text.Length && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] == '_')) _pos++;
            return _text[start.._pos] switch
            {
                "True" => true,
                "False" => false,
                "None" => PyNone.Value,
                var word => throw Error($"unexpected name '{word}'", start),
            };
        }
        throw Error($"unexpected character '{c}'");
    }

    private PyDict ParseDict(int depth)
    {
        _pos++;
        var items = new List<KeyValuePair<object?, object?>>();
        while (true)
        {
            SkipSpace();
            if (Peek() == '}') { _pos++; return new PyDict(items); }
            var key = ParseValue(depth + 1);
            SkipSpace();
            Expect(':');
            var value = ParseValue(depth + 1);
            items.Add(new(key, value));
            SkipSpace();
            if (Peek() == ',') { _pos++; continue; }
            if (Peek() == '}') { _pos++; return new PyDict(items); }
            throw Error("expected ',' or '}'");
        }
    }

    /// <summary>Parses "(...)" or "[...]"; isTuple tells a 1-tuple "(3,)" from a parenthesised "(3)".</summary>
    private List<object?> ParseSequence(char close, int depth, out bool isTuple)
    {
        _pos++;
        var items = new List<object?>();
        isTuple = true;
        SkipSpace();
        if (Peek() == close) { _pos++; return items; }
        while (true)
        {
            items.Add(ParseValue(depth + 1));
            SkipSpace();
            if (Peek() == ',')
            {
                _pos++;
                SkipSpace();
                if (Peek() == close) { _pos++; return items; }
                continue;
            }
            if (Peek() == close)
            {
                _pos++;
                isTuple = items.Count != 1;
                return items;
            }
            throw Error($"expected ',' or '{close}'");
        }
    }

    private string ParseString()
    {
        var quote = _text[_pos++];
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length) throw Error("unterminated string");
            var c = _text[_pos++];
            if (c == quote) return sb.ToString();
            if (c == '\\')
            {
                // Descr strings never need escapes; refusing them keeps the parser honest.
                throw Error("escape sequences in strings are not supported", _pos - 1);
            }
            sb.Append(c);
        }
    }

    private long ParseInt()
    {
        var start = _pos;
        if (_text[_pos] is '-' or '+') _pos++;
        var digitsStart = _pos;
        while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos])) _pos++;
        if (_pos == digitsStart) throw Error("expected digits", start);
        // Python 2 era files wrote longs as "3L".
        var end = _pos;
        if (_pos < _text.Length && _text[_pos] is 'L' or 'l') _pos++;
        if (!long.TryParse(
                _text.AsSpan(start, end - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture,
                out var value))
            throw Error("integer out of range", start);
        return value;
    }

    private void SkipSpace()
    {
        while (_pos < _text.Length && _text[_pos] is ' ' or '\t' or '\n' or '\r') _pos++;
    }

    private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

    private void Expect(char c)
    {
        if (Peek() != c) throw Error($"expected '{c}'");
        _pos++;
    }

    private static string Show(object? value) => value switch
    {
        string s => $"'{s}'",
        bool b => b ? "True" : "False",
        long l => l.ToString(CultureInfo.InvariantCulture),
        PyNone => "None",
        PyTuple => "a tuple",
        PyList => "a list",
        PyDict => "a dictionary",
        _ => "?",
    };

    private EiecException Fail(string reason) =>
        new($"{_source}: invalid .npy header: {reason}; header is {Quote(_text)}");

    private EiecException Error(string reason, int? at = null) =>
        new($"{_source}: malformed .npy header: {reason} at character {(at ?? _pos) + 1}; header is {Quote(_text)}");

    private static string Quote(string text)
    {
        var trimmed = text.TrimEnd();
        if (trimmed.Length > 200) trimmed = trimmed[..200] + "...";
        var sb = new StringBuilder("\"");
        foreach (var c in trimmed)
            sb.Append(c is < ' ' or > '~' ? $"\\x{(int)c:x2}" : c.ToString());
        return sb.Append('"').ToString();
    }
}
