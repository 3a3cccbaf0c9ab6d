using System.Text.Json.Serialization;
using Eiec.Contract.Config;

namespace Eiec.Contract.Image;

/// <summary>
/// Compile-time JSON metadata for image.json (the manifest and the accelerator record in it), so that
/// reading and writing an image needs no reflection: the Native AOT build (`make aot`) has none, and
/// the managed build skips the reflection pass at start-up. The options are <see cref="ImageJson"/>'s.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(ImageManifest))]
[JsonSerializable(typeof(AccelConfig))]
public sealed partial class ImageJsonContext : JsonSerializerContext;
