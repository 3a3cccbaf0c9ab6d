using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Eiec.Compiler.Lowering;
using Eiec.Compiler.Report;
using Eiec.Contract.Config;
using Eiec.Contract.Cz;
using Eiec.Contract.Image;
using Eiec.Hdl.Axi;
using Eiec.Tests.Support;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Eiec.Tests.Build;

/// <summary>
/// Guards the Native AOT build (`make aot`, bin/eiec-native) without building it: every shipped assembly is
/// compiled with the trim and AOT analyzers (warnings are errors) and nothing silences them beyond the two
/// documented YamlDotNet object-mapper uses; and the reflection-free code paths that replaced reflection
/// (source-generated JSON, the AccelConfig field table, the hand-written config YAML) write exactly the
/// bytes the reflection-based code wrote, checked against that code run here, where reflection is fine.
/// </summary>
public class AotCompatibilityTests
{
    private static readonly Assembly[] Shipped =
    [
        typeof(AccelConfig).Assembly, typeof(BuildReport).Assembly, typeof(Eiec.Golden.GoldenModel).Assembly,
        typeof(Eiec.FrontEnd.Gen.RandomModel).Assembly, typeof(Eiec.Toolchain.EiecToolchain).Assembly,
        typeof(Eiec.Sim.Report.SimReportJson).Assembly, typeof(Eiec.Hdl.Axi.AxiRegisterMap).Assembly,
        typeof(Eiec.Cli.EiecCli).Assembly,
    ];

    [Fact]
    public void Should_build_every_shipped_assembly_with_the_AOT_analyzers()
    {
        // IsAotCompatible implies IsTrimmable, which the SDK records in the assembly; the analyzers it turns on
        // make any reflection-based JSON or YAML call a build error (TreatWarningsAsErrors).
        foreach (var assembly in Shipped)
            assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .Should().Contain(a => a.Key == "IsTrimmable" && a.Value == "True",
                    $"{assembly.GetName().Name} must be built with IsAotCompatible (Directory.Build.props)");
    }

    [Fact]
    public void Should_not_silence_trim_or_AOT_warnings_except_the_documented_YAML_mappers()
    {
        var root = RepoPaths.Root;
        foreach (var file in SharedSettings.Concat(ShippedFiles("*.csproj")))
        {
            var text = File.ReadAllText(Path.Combine(root, file));
            // The one exception: YamlDotNet's per-assembly summary warnings stay warnings in the AOT publish.
            if (file == "compiler/Eiec.Cli/Eiec.Cli.csproj")
                text = text.Replace("<WarningsNotAsErrors>$(WarningsNotAsErrors);IL2104;IL3053</WarningsNotAsErrors>",
                    "", StringComparison.Ordinal);
            text.Should().NotMatchRegex(@"IL[23]\d{3}", $"{file} must not silence AOT warnings");
        }
        var suppressing = ShippedFiles("*.cs")
            .Where(f => File.ReadAllText(Path.Combine(root, f)) is var text
                        && (text.Contains("UnconditionalSuppressMessage", StringComparison.Ordinal)
                            || text.Contains("#pragma warning disable IL", StringComparison.Ordinal)))
            .ToList();
        suppressing.Should().BeEquivalentTo(DocumentedSuppressions);
    }

    private static readonly string[] SharedSettings = ["Directory.Build.props", ".editorconfig"];

    private static readonly string[] DocumentedSuppressions =
        ["compiler/Eiec.Contract/Cz/CzWriter.cs", "compiler/Eiec.FrontEnd/Gen/BenchmarkTable.cs"];

    private static readonly string[] ShippedTops = ["compiler", "hdl", "sim"];

    [Fact]
    public void Should_write_image_json_byte_for_byte_as_the_reflection_serializer_did()
    {
        var manifest = Manifest();
        var generated = JsonSerializer.Serialize(manifest, ImageJsonContext.Default.ImageManifest);
        generated.Should().Be(JsonSerializer.Serialize(manifest, ReflectionOptions));
        generated.Should().Contain("\"index_width\"").And.Contain("\"input_normalization\"")
            .And.NotContain("\"pe\": null", "null values are omitted");
        JsonSerializer.Deserialize(generated, ImageJsonContext.Default.ImageManifest)!.Accelerator
            .Should().Be(manifest.Accelerator);
    }

    [Fact]
    public void Should_check_every_derived_value_of_image_json_as_the_reflection_based_check_did()
    {
        // The derived values: AccelConfig's public read-only properties not marked [JsonIgnore], by reflection.
        var config = new AccelConfig();
        var derived = typeof(AccelConfig).GetProperties()
            .Where(p => !p.CanWrite && p.GetCustomAttribute<JsonIgnoreAttribute>() is null)
            .Select(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name
                         ?? JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name))
            .ToList();
        derived.Should().Contain(["entry_bits", "spmat_words", "index_width"]);
        var written = JsonSerializer.SerializeToNode(config, ReflectionOptions)!;
        ImageValidator.CheckDerivedValues(JsonElementOf(written), config, "image.json");
        foreach (var key in derived)
        {
            var tampered = written.DeepClone();
            tampered[key] = 12345;
            var check = () => ImageValidator.CheckDerivedValues(JsonElementOf(tampered), config, "image.json");
            check.Should().Throw<Eiec.Contract.Diagnostics.EiecException>()
                .WithMessage($"image.json: accelerator.{key} = 12345, but the configuration implies *");
        }
    }

    private static JsonElement JsonElementOf(System.Text.Json.Nodes.JsonNode node) =>
        JsonDocument.Parse(node.ToJsonString()).RootElement.Clone();

    [Fact]
    public void Should_write_report_json_byte_for_byte_as_the_reflection_serializer_did()
    {
        var report = BuildReport.From(Manifest());
        report.ToJson().Should().Be(JsonSerializer.Serialize(report, ReflectionOptions) + "\n");
    }

    [Fact]
    public void Should_write_regmap_json_byte_for_byte_as_the_anonymous_type_serializer_did()
    {
        // The document as it was written before (anonymous types through the reflection serializer).
        var config = Images.Small(8);
        var document = new
        {
            module = "eie_axi_top",
            version = $"0x{AxiRegisterMap.IdVersion:x8}",
            config_hash = ConfigHash.Of(config),
            address_bits = AxiRegisterMap.AddressBits,
            registers = AxiRegisterMap.Registers.Select(r => new
            {
                name = r.Name, offset = $"0x{r.Offset:x2}", access = r.Access, description = r.Description,
            }),
            bits = AxiRegisterMap.Bits.Select(b => new { name = b.Name, bit = b.Value, description = b.Description }),
            errors = AxiRegisterMap.Errors.Select(e =>
                new { name = e.Name, code = e.Value, description = e.Description }),
        };
        AxiRegisterMap.JsonText(config).Should().Be(
            JsonSerializer.Serialize(document, Indented) + "\n");
    }

    [Fact]
    public void Should_list_every_settable_AccelConfig_field_in_the_table_in_declaration_order()
    {
        var settable = typeof(AccelConfig).GetProperties().Where(p => p.CanWrite).ToList();
        AccelConfigFields.All.Select(f => f.Name).Should().Equal(
            settable.Select(p => UnderscoredNamingConvention.Instance.Apply(p.Name)));
        AccelConfigFields.All.Select(f => f.ValueType).Should().Equal(settable.Select(p => p.PropertyType));
        var config = new AccelConfig();
        for (int i = 0; i < settable.Count; i++)
        {
            var field = AccelConfigFields.All[i];
            object value = field.ValueType == typeof(int) ? 1000 + i
                : field.ValueType == typeof(double) ? 1000.5 + i : MemoryKind.Spram;
            var changed = field.With(config, value);
            settable[i].GetValue(changed).Should().Be(value, field.Name);
            field.Get(changed).Should().Be(value, field.Name);
            config.Should().Be(new AccelConfig(), "With must leave the original as it was");
        }
    }

    [Theory]
    [InlineData(800.0)]
    [InlineData(250.5)]
    [InlineData(100.0 / 3)]
    [InlineData(0.001)]
    [InlineData(9999.999999)]
    public void Should_write_config_yaml_and_hash_as_YamlDotNet_did(double clockMhz)
    {
        var config = Images.Small(16) with { ClockMhz = clockMhz, AccumulatorBits = 40 };
        var yamlDotNet = new SerializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build()
            // A memory kind at its default (block) is left out, so that configurations keep their hash.
            .Serialize(typeof(AccelConfig).GetProperties()
                .Where(p => p.CanWrite && p.GetValue(config) is not MemoryKind.Block)
                .ToDictionary(p => UnderscoredNamingConvention.Instance.Apply(p.Name), p => p.GetValue(config)));
        AccelConfigLoader.ToYaml(config).Should().Be(yamlDotNet);
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The options image.json and report.json were written with before source generation.</summary>
    private static readonly JsonSerializerOptions ReflectionOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private static ImageManifest Manifest()
    {
        var model = Images.Random(3, [40, 24, 10], 0.3, bias: true);
        var image = ImageCompiler.Compile(model, Images.Small(4) with { ClockMhz = 312.5 }, 8, "test.cz");
        return image.Manifest with { InputNormalization = new CzInputNormalization(0.1307, 0.3081) };
    }

    private static IEnumerable<string> ShippedFiles(string pattern) =>
        ShippedTops
            .SelectMany(top => Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, top), pattern,
                SearchOption.AllDirectories))
            .Select(f => Path.GetRelativePath(RepoPaths.Root, f).Replace('\\', '/'))
            .Where(f => !f.Contains("/obj/") && !f.Contains("/bin/"));
}
