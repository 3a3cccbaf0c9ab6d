using System.Text.Json.Serialization;

namespace Eiec.Compiler.Report;

/// <summary>
/// Compile-time JSON metadata for report.json, with the options of <see cref="Contract.Image.ImageJson"/>
/// (snake_case, indented, nulls omitted): no reflection, so the Native AOT build writes the same bytes.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(BuildReport))]
public sealed partial class BuildReportJsonContext : JsonSerializerContext;
