using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Eiec.Contract.Config;

/// <summary>
/// The identity of a configuration: the first 16 hex digits (64 bits) of the SHA-256 of its settable
/// fields as <see cref="AccelConfigLoader.ToYaml"/> writes them (derived values follow from those).
/// One definition for every place that names a configuration: the generated RTL's provenance lines
/// and ID registers, image.bin's header and the host driver's check that an image fits a device.
/// </summary>
public static class ConfigHash
{
    /// <summary>16 lowercase hex digits.</summary>
    public static string Of(AccelConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(AccelConfigLoader.ToYaml(config)));
        return Convert.ToHexStringLower(bytes)[..16];
    }

    /// <summary>The same 64 bits as a number (the hex digits read as one big-endian value).</summary>
    public static ulong Value(AccelConfig config) =>
        ulong.Parse(Of(config), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}
