using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Eiec.Contract.Config;
using Eiec.Contract.Cz;
using Eiec.Contract.Diagnostics;
using Eiec.Contract.Image;
using Eiec.Golden;
using Eiec.Tests.Support;

namespace Eiec.Tests.Image;

/// <summary>image.bin: layout checked against the hex files and a bitwise CRC written here; run/sim results
/// from it equal those from the hex files; every damaged file is one clear error naming the fault.</summary>
public class ImageBinaryTests
{
    private static (TempDir Tmp, string Dir) Built(int pes = 3, int seed = 5, int[]? dims = null)
    {
        var tmp = new TempDir();
        CzWriter.Write(Images.Random(seed, dims ?? [40, 30, 10], 0.3, bias: true), tmp.File("m.cz"));
        // The interleaved layout, whose sections this file's tests count (a balanced image adds the output map
        // after the codebook: RowBalancerTests).
        var r = Support.Cli.Run("build", tmp.File("m.cz"), "--pes", pes.ToString(CultureInfo.InvariantCulture),
            "--balance", "none", "-o", tmp.File("out"));
        r.ExitCode.Should().Be(0, r.Stderr);
        return (tmp, tmp.File("out"));
    }

    /// <summary>Plain bit-at-a-time CRC-32 (reflected, polynomial 0xEDB88320), independent of the slicing
    /// one.</summary>
    private static uint Crc(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (var b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
        }
        return ~crc;
    }

    private static uint U32(byte[] b, int at) => BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(at));

    private static void Reseal(byte[] b) =>
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(b.Length - 4), Crc(b.AsSpan(0, b.Length - 4)));

    [Fact]
    public void Should_hold_the_header_sections_and_crc_documented_When_built()
    {
        var (tmp, dir) = Built();
        using var _ = tmp;
        var b = File.ReadAllBytes(Path.Combine(dir, "image.bin"));
        Encoding.ASCII.GetString(b, 0, 7).Should().Be("EIECIMG");
        U32(b, 8).Should().Be(1, "format version");
        U32(b, 12).Should().Be(100, "header bytes");
        U32(b, 24).Should().Be((uint)b.Length);
        U32(b, 28).Should().Be(2 + 4 * 3, "layers, codebook, and four memories per PE");
        U32(b, 32).Should().Be(3, "PEs");
        U32(b, 36).Should().Be(2, "layers");
        U32(b, 40).Should().Be(40);
        U32(b, 44).Should().Be(10);
        Encoding.UTF8.GetString(b, 68, 32).TrimEnd('\0').Should().Be(ImageReader.ReadManifest(dir).Model);
        U32(b, b.Length - 4).Should().Be(Crc(b.AsSpan(0, b.Length - 4)));
        // The configuration hash is the one in the RTL's provenance lines.
        var vh = File.ReadAllText(Path.Combine(dir, "rtl", "eie_config.vh"));
        string hash = ((ulong)U32(b, 20) << 32 | U32(b, 16)).ToString("x16", CultureInfo.InvariantCulture);
        vh.Should().Contain($"sha256:{hash}");

        // Walk the sections: PE 1's sparse-matrix section equals mem/pe001_spmat.hex word for word.
        int at = 100;
        var found = new List<string>();
        for (int s = 0; s < 14; s++)
        {
            uint target = U32(b, at), address = U32(b, at + 4), count = U32(b, at + 8);
            at += 12;
            int memory = (int)(target & 0xFF), pe = (int)(target >> 16);
            address.Should().Be(0);
            int pieces = memory switch { 0 => 8, 2 => 2, _ => 1 };   // 256-bit table, 64-bit spmat words
            found.Add($"{memory}:{pe}");
            if (memory == 2 && pe == 1)
            {
                var hex = File.ReadAllLines(Path.Combine(dir, "mem", "pe001_spmat.hex"));
                count.Should().BeGreaterThan(0);
                for (int i = 0; i < count; i++)
                {
                    ulong word = U32(b, at + 8 * i) | (ulong)U32(b, at + 8 * i + 4) << 32;
                    word.Should().Be(ulong.Parse(hex[i], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                }
                hex.Skip((int)count).Should().OnlyContain(line => line == "0000000000000000");
            }
            at += 4 * (int)count * pieces;
        }
        at.Should().Be(b.Length - 4);
        found.Take(3).Should().Equal("0:65535", "1:65535", "2:0");
    }

    [Fact]
    public void Should_give_the_same_outputs_from_image_bin_as_from_the_hex_files()
    {
        var (tmp, dir) = Built(pes: 4, seed: 11, dims: [60, 33, 17, 9]);
        using var _ = tmp;
        var fromBin = ImageReader.Read(dir, ImageSource.Binary);
        var fromHex = ImageReader.Read(dir, ImageSource.Hex);
        var rng = new Random(3);
        for (int v = 0; v < 5; v++)
        {
            var x = Enumerable.Range(0, 60).Select(_ => (short)rng.Next(-600, 600)).ToArray();
            GoldenModel.Run(fromBin, x).Output.Should().Equal(GoldenModel.Run(fromHex, x).Output);
        }
        // The CLI reads image.bin when present: the same outputs with and without it.
        var input = tmp.File("x.npy");
        Eiec.Contract.Npy.NpyWriter.WriteFile(input, Eiec.Contract.Npy.NpyArray.FromFloat32(
            Enumerable.Range(0, 60).Select(i => (float)Math.Sin(i)).ToArray(), [60]));
        Support.Cli.Run("run", dir, "--input", input, "--output", tmp.File("a.npy")).ExitCode.Should().Be(0);
        Support.Cli.Run("sim", dir, "--input", input, "--output", tmp.File("s.npy")).ExitCode.Should().Be(0);
        File.Delete(Path.Combine(dir, "image.bin"));
        Support.Cli.Run("run", dir, "--input", input, "--output", tmp.File("b.npy")).ExitCode.Should().Be(0);
        File.ReadAllBytes(tmp.File("a.npy")).Should().Equal(File.ReadAllBytes(tmp.File("b.npy")));
        File.ReadAllBytes(tmp.File("s.npy")).Should().Equal(File.ReadAllBytes(tmp.File("b.npy")));
    }

    public static TheoryData<string, string> Damage() => new()
    {
        { "truncated", "truncated: the header declares" },
        { "crc", "CRC mismatch" },
        { "config", "built for configuration sha256:" },
        { "capacity", "over capacity" },
        { "section", "truncated: spmat needs" },
    };

    [Theory]
    [MemberData(nameof(Damage))]
    public void Should_refuse_a_damaged_image_bin_with_one_line_naming_it(string damage, string message)
    {
        var (tmp, dir) = Built();
        using var _ = tmp;
        var path = Path.Combine(dir, "image.bin");
        var b = File.ReadAllBytes(path);
        switch (damage)
        {
            case "truncated": b = b[..^10]; break;
            case "crc": b[200] ^= 0x10; break;
            case "config": b[16] ^= 1; Reseal(b); break;
            case "capacity":
                BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(52), 1u << 20);   // spmat words used
                Reseal(b);
                break;
            case "section":
                // The first spmat section (after layers and codebook) claims more words than follow.
                int at = 100 + 12 + (int)U32(b, 108) * 32;
                at += 12 + 4 * (int)U32(b, at + 8);
                BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(at + 8), 1000);
                Reseal(b);
                break;
        }
        File.WriteAllBytes(path, b);
        var input = tmp.File("x.npy");
        Eiec.Contract.Npy.NpyWriter.WriteFile(input, Eiec.Contract.Npy.NpyArray.FromFloat32(new float[40], [40]));
        foreach (var command in new[] { "run", "sim" })
        {
            var r = Support.Cli.Run(command, dir, "--input", input);
            r.ExitCode.Should().Be(1, r.Stderr);
            r.Stderr.Should().Contain("image.bin").And.Contain(message);
            r.Stderr.TrimEnd().Split('\n').Should().HaveCount(1);
        }
    }

    [Fact]
    public void Should_refuse_an_image_bin_for_another_configuration_When_read_for_it()
    {
        var (tmp, dir) = Built(pes: 3);
        using var _ = tmp;
        var other = ImageReader.ReadManifest(dir).Accelerator with { FifoDepth = 4 };
        var act = () => ImageBinaryReader.Read(Path.Combine(dir, "image.bin"), other);
        act.Should().Throw<EiecException>().WithMessage($"*image.bin: built for configuration sha256:*" +
            $"target configuration is sha256:{ConfigHash.Of(other)}*");
    }

    [Fact]
    public void Should_write_only_the_configuration_rtl_When_eiec_rtl_runs_and_replace_it_atomically()
    {
        using var tmp = new TempDir();
        var r = Support.Cli.Run("rtl", "--pes", "5", "-o", tmp.File("rtl"));
        r.ExitCode.Should().Be(0, r.Stderr);
        var files = File.ReadAllLines(tmp.File("rtl/files.f"))
            .Where(l => !l.StartsWith("//", StringComparison.Ordinal));
        foreach (var f in files) File.Exists(tmp.File("rtl/" + f)).Should().BeTrue(f);
        File.ReadAllText(tmp.File("rtl/eie_config.vh")).Should().Contain("`define EIE_PES 5 ");
        // The same RTL a build writes for that configuration (a balanced build's also names its output map file).
        CzWriter.Write(Images.Random(1, [20, 10], 0.3), tmp.File("m.cz"));
        Support.Cli.Run("build", tmp.File("m.cz"), "--pes", "5", "--balance", "none", "-o", tmp.File("img"))
            .ExitCode.Should().Be(0);
        foreach (var f in Directory.GetFiles(tmp.File("rtl")))
            File.ReadAllText(f).Should().Be(File.ReadAllText(tmp.File("img/rtl/" + Path.GetFileName(f))));
        Support.Cli.Run("rtl", "--pes", "6", "-o", tmp.File("rtl")).ExitCode.Should().Be(0, "its own output");
        File.WriteAllText(tmp.File("rtl/mine.v"), "");
        var refused = Support.Cli.Run("rtl", "--pes", "6", "-o", tmp.File("rtl"));
        refused.ExitCode.Should().Be(1);
        refused.Stderr.Should().Contain("mine.v");
    }

    [Fact]
    public void Should_read_or_fail_with_one_clear_error_When_image_bin_is_mutated()
    {
        var (tmp, dir) = Built(pes: 2, seed: 8, dims: [20, 16, 6]);
        using var _ = tmp;
        var original = File.ReadAllBytes(Path.Combine(dir, "image.bin"));
        var config = ImageReader.ReadManifest(dir).Accelerator;
        var rng = new Random(17);
        int refused = 0;
        for (int i = 0; i < 300; i++)
        {
            var b = original.ToArray();
            switch (i % 4)
            {
                case 0: b[rng.Next(b.Length)] ^= (byte)(1 << rng.Next(8)); break;
                case 1: b = b[..rng.Next(b.Length)]; break;
                case 2:
                    BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(4 * rng.Next(b.Length / 4)), (uint)rng.Next());
                    break;
                default:
                    // A header or section field changed with the CRC made to match: only the checks after it stand.
                    BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(4 * rng.Next(2, 40)), (uint)rng.Next(0, 1 << 20));
                    Reseal(b);
                    break;
            }
            try { ImageBinaryReader.Parse(b, config, "m/image.bin"); }
            catch (EiecException e)
            {
                refused++;
                e.Message.Should().StartWith("m/image.bin").And.NotContain("\n");
            }
        }
        refused.Should().BeGreaterThan(200, "almost every mutation is caught (CRC, sizes, capacities)");
    }
}
