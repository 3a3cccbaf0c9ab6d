using System.Text.Json;
using System.Text.Json.Serialization;

namespace Eiec.Contract.Image;

/// <summary>
/// JSON settings shared by the manifest and the reports: snake_case, indented, stable order. Types come
/// from the source-generated <see cref="ImageJsonContext"/> (no reflection; JsonNode trees need none).
/// </summary>
public static class ImageJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        TypeInfoResolver = ImageJsonContext.Default,
    };
}
