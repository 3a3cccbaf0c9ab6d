using System.Text.Json;
using System.Text.Json.Nodes;
using Eiec.Cli;
using Eiec.Contract.Config;
using Eiec.Contract.Cz;
using Eiec.Contract.Image;
using Eiec.Contract.Npy;
using Eiec.Tests.Fuzz;
using Eiec.Tests.Support;

namespace Eiec.Tests.Cli;

/// <summary>Bad input gets one line naming what is wrong and a non-zero exit code, never a stack trace.</summary>
public class BadInputTests
{
    private static void ShouldFailWithOneLine(Support.Cli.Result r, string fragment, int exitCode = 1)
    {
        r.ExitCode.Should().Be(exitCode, r.Stderr);
        r.Stderr.Should().StartWith("eiec: error: ").And.Contain(fragment);
        r.Stderr.TrimEnd().Split('\n').Should().HaveCount(1, r.Stderr);
    }

    private static string BuildImage(TempDir tmp, string name = "img")
    {
        CzWriter.Write(Images.Random(4, [40, 24, 10], 0.3, bias: true), tmp.File("m.cz"));
        // Interleaved: the faults below are in the files every image has (the output map's: RowBalancerTests).
        Support.Cli.Run("build", tmp.File("m.cz"), "--pes", "4", "--balance", "none", "-o", tmp.File(name))
            .ExitCode.Should().Be(0);
        NpyWriter.WriteFile(tmp.File("x.npy"),
            NpyArray.FromFloat32(Enumerable.Range(0, 40).Select(i => i % 3 * 0.5f).ToArray()));
        return tmp.File(name);
    }

    [Fact]
    public void Should_name_the_file_When_a_PE_memory_file_is_truncated()
    {
        using var tmp = new TempDir();
        var img = BuildImage(tmp);
        File.Delete(Path.Combine(img, "image.bin"));   // the hex files are read only without image.bin
        var file = Path.Combine(img, "mem/pe002_spmat.hex");
        var bytes = File.ReadAllBytes(file);
        File.WriteAllBytes(file, bytes[..^5]);
        ShouldFailWithOneLine(Support.Cli.Run("run", img, "--input", tmp.File("x.npy")), "pe002_spmat.hex");
        ShouldFailWithOneLine(Support.Cli.Run("sim", img, "--input", tmp.File("x.npy")), "pe002_spmat.hex");
    }

    [Fact]
    public void Should_name_the_PE_and_layer_When_a_pointer_is_corrupt()
    {
        using var tmp = new TempDir();
        var img = BuildImage(tmp);
        File.Delete(Path.Combine(img, "image.bin"));   // the hex files are read only without image.bin
        var file = Path.Combine(img, "mem/pe003_ptr_odd.hex");
        var lines = File.ReadAllLines(file);
        lines[0] = "ffff";
        File.WriteAllLines(file, lines);
        ShouldFailWithOneLine(Support.Cli.Run("run", img, "--input", tmp.File("x.npy")),
            "PE 3, layer 0 ('fc1'): column 0 pointers");
        ShouldFailWithOneLine(Support.Cli.Run("sim", img, "--input", tmp.File("x.npy")),
            "PE 3, layer 0 ('fc1'): column 0 pointers");
    }

    [Fact]
    public void Should_reject_an_edited_manifest_When_it_contradicts_its_configuration()
    {
        using var tmp = new TempDir();
        var img = BuildImage(tmp);
        var manifest = Path.Combine(img, "image.json");
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("\"pes\": 4", "\"pes\": 2"));
        ShouldFailWithOneLine(Support.Cli.Run("run", img, "--input", tmp.File("x.npy")),
            "image.json: layer 0 ('fc1'): groups = 10, expected 20");
    }

    [Fact]
    public void Should_refuse_to_rebuild_When_the_image_directory_holds_user_files()
    {
        using var tmp = new TempDir();
        var img = BuildImage(tmp);
        File.WriteAllText(Path.Combine(img, "input.hex"), "0001\n");
        ShouldFailWithOneLine(Support.Cli.Run("build", tmp.File("m.cz"), "--pes", "4", "-o", img),
            "input.hex, which eiec did not write");
        File.Exists(Path.Combine(img, "input.hex")).Should().BeTrue();
    }

    [Theory]
    [InlineData("/")]
    [InlineData("")]
    public void Should_refuse_unusable_output_paths(string output)
    {
        using var tmp = new TempDir();
        CzWriter.Write(Images.Random(4, [40, 10], 0.3), tmp.File("m.cz"));
        var r = Support.Cli.Run("build", tmp.File("m.cz"), "--pes", "4", "-o", output);
        r.ExitCode.Should().Be(1);
        r.Stderr.Should().StartWith("eiec: error: ");
    }

    [Fact]
    public void Should_reject_an_empty_batch_and_a_mismatched_reference()
    {
        using var tmp = new TempDir();
        var img = BuildImage(tmp);
        NpyWriter.WriteFile(tmp.File("empty.npy"), NpyArray.FromFloat32([], [0, 40]));
        ShouldFailWithOneLine(Support.Cli.Run("run", img, "--input", tmp.File("empty.npy")),
            "the input batch is empty");
        CzWriter.Write(Images.Random(4, [40, 12, 10], 0.3), tmp.File("other.cz"));
        ShouldFailWithOneLine(
            Support.Cli.Run("run", img, "--input", tmp.File("x.npy"), "--reference", tmp.File("other.cz")),
            "other.cz: layer 0 ('fc1') is 40 → 12 but the image's layer 0 is 40 → 24");
    }

    [Fact]
    public void Should_print_one_line_When_the_command_line_is_wrong()
    {
        // Usage errors exit 2 (README, "Exit codes"), so scripts can tell them from bad input files.
        ShouldFailWithOneLine(Support.Cli.Run("build", "--pes", "many"), "--help", exitCode: 2);
        ShouldFailWithOneLine(Support.Cli.Run("frobnicate"), "eiec --help", exitCode: 2);
    }

    [Fact]
    public void Should_validate_gen_options_before_writing_anything()
    {
        using var tmp = new TempDir();
        ShouldFailWithOneLine(Support.Cli.Run("gen", "--dims", "10,5", "--density", "2", "-o", tmp.File("out")),
            "--density 2: must be in (0, 1]");
        ShouldFailWithOneLine(Support.Cli.Run("gen", "--dims", "1,99999999999", "-o", tmp.File("out")),
            "--dims '1,99999999999'");
        ShouldFailWithOneLine(
            Support.Cli.Run("gen", "--dims", "100000,100000", "--density", "1", "-o", tmp.File("out")),
            "would keep more than");
        ShouldFailWithOneLine(Support.Cli.Run("gen", "--layer", "nope", "-o", tmp.File("out")),
            "no such benchmark layer");
        Directory.Exists(tmp.File("out")).Should().BeFalse();
    }

    /// <summary>One line prepended to a ZIP shifts every offset: the end record's entry count no
    /// longer matches the directory it finds (issue 11: an unhandled InvalidDataException, exit 134).</summary>
    private static void PrependLine(string path) =>
        File.WriteAllBytes(path, [.. "# edited\n"u8.ToArray(), .. File.ReadAllBytes(path)]);

    [Fact]
    public void Should_name_the_file_When_a_model_zip_has_a_wrong_entry_count_in_every_command()
    {
        using var tmp = new TempDir();
        var img = BuildImage(tmp);
        File.Copy(Path.Combine(RepoPaths.Root, "examples/mlp/model.cz"), tmp.File("bad.cz"));
        PrependLine(tmp.File("bad.cz"));
        var bad = tmp.File("bad.cz");
        const string Expected = "bad.cz: not a valid compressed model (.cz)";
        ShouldFailWithOneLine(Support.Cli.Run("build", bad, "--pes", "4", "-o", tmp.File("o1")), Expected);
        ShouldFailWithOneLine(Support.Cli.Run("sweep", bad, "--pes", "4", "--fifo-depth", "4", "-o", tmp.File("o2")),
            Expected);
        ShouldFailWithOneLine(Support.Cli.Run("run", img, "--input", tmp.File("x.npy"), "--reference", bad), Expected);
        NpzWriter.Write(tmp.File("dense.npz"), [new("fc1.weight", NpyArray.FromFloat32(new float[40], [1, 40]))]);
        NpzWriter.Write(tmp.File("data.npz"), [new("x", NpyArray.FromFloat32(new float[40], [1, 40])),
            new("y", NpyArray.FromUInt8([0]))]);
        ShouldFailWithOneLine(Support.Cli.Run("eval", "--data", tmp.File("data.npz"), tmp.File("dense.npz"), bad, img),
            Expected);
        Directory.Exists(tmp.File("o1")).Should().BeFalse();
        Directory.Exists(tmp.File("o2")).Should().BeFalse();
    }

    [Fact]
    public void Should_name_the_file_When_an_npz_has_a_wrong_entry_count()
    {
        using var tmp = new TempDir();
        NpzWriter.Write(tmp.File("dense.npz"), [new("fc1.weight", NpyArray.FromFloat32(new float[40], [1, 40]))]);
        NpzWriter.Write(tmp.File("data.npz"), [new("x", NpyArray.FromFloat32(new float[40], [1, 40])),
            new("y", NpyArray.FromUInt8([0]))]);
        PrependLine(tmp.File("dense.npz"));
        PrependLine(tmp.File("data.npz"));
        ShouldFailWithOneLine(Support.Cli.Run("compress", tmp.File("dense.npz"), "-o", tmp.File("c.cz")),
            "dense.npz: not a valid .npz archive");
        ShouldFailWithOneLine(
            Support.Cli.Run("train", "--data", tmp.File("data.npz"), "--layers", "40,2", "-o", tmp.File("t.npz")),
            "data.npz: not a valid .npz archive");
        File.Exists(tmp.File("c.cz")).Should().BeFalse();
        File.Exists(tmp.File("t.npz")).Should().BeFalse();
    }

    [Fact]
    public void Should_refuse_a_model_member_larger_than_its_layer_can_need_before_inflating_it()
    {
        using var tmp = new TempDir();
        var bytes = CzWriter.ToBytes(Images.Random(4, [40, 24, 10], 0.3));
        // 1.5 GB declared for a 40x24 layer's codes: refused from the directory, in well under a second.
        File.WriteAllBytes(tmp.File("m.cz"), ZipBytes.SetDeclaredSize(bytes, "fc1/codes.npy", 1_500_000_000));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        ShouldFailWithOneLine(Support.Cli.Run("build", tmp.File("m.cz"), "--pes", "4", "-o", tmp.File("o")),
            "layer 'fc1' field 'codes' (member 'fc1/codes.npy'): corrupt ZIP member: it declares 1500000000 bytes " +
            "but a 40x24 layer can need at most");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Should_refuse_an_npz_member_that_claims_more_than_deflate_can_expand_to()
    {
        using var tmp = new TempDir();
        var bytes = NpzWriter.ToBytes([new("x", NpyArray.FromFloat32(new float[400], [10, 40])),
            new("y", NpyArray.FromUInt8(new byte[10]))], compress: true);
        File.WriteAllBytes(tmp.File("d.npz"), ZipBytes.SetDeclaredSize(bytes, "x.npy", 2_000_000_000));
        ShouldFailWithOneLine(
            Support.Cli.Run("train", "--data", tmp.File("d.npz"), "--layers", "40,2", "-o", tmp.File("t.npz")),
            "d.npz: member 'x.npy': corrupt ZIP member: it declares 2000000000 bytes from");
    }

    [Fact]
    public void Should_print_one_line_naming_a_log_with_the_stack_trace_When_eiec_itself_fails()
    {
        Exception thrown;
        try { throw new InvalidOperationException("broken\ninvariant"); }
        catch (InvalidOperationException e) { thrown = e; }
        var quiet = new StringWriter();
        EiecCli.ReportInternalError(quiet, thrown, ["build", "m.cz"]).Should().Be(3);
        var line = quiet.ToString().TrimEnd();
        line.Split('\n').Should().HaveCount(1);
        line.Should().StartWith("eiec: internal error: InvalidOperationException: broken invariant (details in ");
        var start = line.IndexOf("details in ", StringComparison.Ordinal) + 11;
        var log = line[start..line.IndexOf(';', StringComparison.Ordinal)];
        File.ReadAllText(log).Should().Contain("eiec build m.cz")
            .And.Contain(nameof(Should_print_one_line_naming_a_log_with_the_stack_trace_When_eiec_itself_fails));
        File.Delete(log);

        var verbose = new StringWriter();
        EiecCli.ReportInternalError(verbose, thrown, ["build", "m.cz", "--verbose"]).Should().Be(3);
        verbose.ToString().Should().Contain("   at ");
        File.Delete(verbose.ToString().Split("details in ")[1].Split(';')[0]);
    }

    [Fact]
    public void Should_refuse_memory_depths_beyond_the_limit_naming_the_key_and_line()
    {
        using var tmp = new TempDir();
        CzWriter.Write(Images.Random(4, [40, 10], 0.3), tmp.File("m.cz"));
        File.WriteAllText(tmp.File("big.yaml"), "pes: 4\nspmat_sram_bytes: 1073741824\n");
        ShouldFailWithOneLine(
            Support.Cli.Run("build", tmp.File("m.cz"), "-c", tmp.File("big.yaml"), "-o", tmp.File("o")),
            "big.yaml: spmat_sram_bytes = 1073741824 at line 2 exceeds the limit of 16777216 bytes per PE");
        Directory.Exists(tmp.File("o")).Should().BeFalse();
    }

    [Fact]
    public void Should_refuse_a_build_whose_output_would_exceed_the_size_limit_before_writing()
    {
        using var tmp = new TempDir();
        CzWriter.Write(Images.Random(4, [40, 10], 0.3), tmp.File("m.cz"));
        // Each limit is allowed on its own, but 256 PEs of 16 MiB sparse-matrix SRAM (2 Mi words of 17
        // bytes of hex each) are 9.1 GB of memory files.
        File.WriteAllText(tmp.File("wide.yaml"), "pes: 256\nspmat_sram_bytes: 16777216\n");
        ShouldFailWithOneLine(
            Support.Cli.Run("build", tmp.File("m.cz"), "-c", tmp.File("wide.yaml"), "-o", tmp.File("o")),
            "the output would take");
        Directory.Exists(tmp.File("o")).Should().BeFalse();
        Directory.GetFileSystemEntries(tmp.Path).Should().HaveCount(2); // m.cz and wide.yaml: no staging left
    }

    [Fact]
    public void Should_simulate_with_buffers_sized_by_use_When_the_image_declares_a_huge_activation_sram()
    {
        using var tmp = new TempDir();
        var img = BuildImage(tmp);
        var before = Support.Cli.Run("sim", img, "--input", tmp.File("x.npy"));
        before.ExitCode.Should().Be(0, before.Stderr);
        // image.bin names the configuration it was built for; this test edits the configuration.
        File.Delete(Path.Combine(img, "image.bin"));   // the hex files are read only without image.bin
        var manifest = Path.Combine(img, "image.json");
        var text = File.ReadAllText(manifest);
        text.Should().Contain("\"activation_sram_bytes\": 2048");
        // Edited consistently: the reader checks the derived values image.json lists against the configuration,
        // so they are rewritten from the edited configuration (1 GiB of activation SRAM per PE).
        var json = JsonNode.Parse(text)!.AsObject();
        var config = json["accelerator"].Deserialize<AccelConfig>(ImageJson.Options)!
            with
        { ActivationSramBytes = 1 << 30 };
        json["accelerator"] = JsonSerializer.SerializeToNode(config, ImageJson.Options);
        File.WriteAllText(manifest, json.ToJsonString(ImageJson.Options));
        var memory = GC.GetTotalAllocatedBytes();
        var after = Support.Cli.Run("sim", img, "--input", tmp.File("x.npy"));
        after.ExitCode.Should().Be(0, after.Stderr);
        // 4 PEs at configured capacity would be 4 × (2 × 256 MB + 2 GB); by use it is kilobytes.
        (GC.GetTotalAllocatedBytes() - memory).Should().BeLessThan(512L << 20);
        after.Stdout.Split('\n').Where(l => l.Contains("cycles", StringComparison.Ordinal)).Should()
            .Equal(before.Stdout.Split('\n').Where(l => l.Contains("cycles", StringComparison.Ordinal)));
    }

    [Fact]
    public void Should_refuse_a_table_layer_too_large_to_generate_like_dims_does()
    {
        using var tmp = new TempDir();
        File.WriteAllText(tmp.File("t.yaml"),
            "layers:\n  - {name: huge, inputs: 200000, outputs: 200000, weight_density: 0.5, " +
            "activation_density: 0.5}\n");
        ShouldFailWithOneLine(Support.Cli.Run("gen", "--table", tmp.File("t.yaml"), "--all", "-o", tmp.File("out")),
            "t.yaml: layer 'huge' (200000 × 200000 at density 0.5) would keep more than");
        Directory.Exists(tmp.File("out")).Should().BeFalse();
    }

    [Fact]
    public void Should_keep_gen_outputs_inside_the_output_directory_When_table_names_hold_paths()
    {
        using var tmp = new TempDir();
        var escape = tmp.File("escape");
        File.WriteAllText(tmp.File("t.yaml"),
            "layers:\n" +
            "  - {name: ../up, inputs: 8, outputs: 4, weight_density: 0.5, activation_density: 0.5}\n" +
            $"  - {{name: '{escape}', inputs: 8, outputs: 4, weight_density: 0.5, activation_density: 0.5}}\n");
        var r = Support.Cli.Run("gen", "--table", tmp.File("t.yaml"), "--all", "-o", tmp.File("out"));
        r.ExitCode.Should().Be(0, r.Stderr);
        File.Exists(tmp.File("up.cz")).Should().BeFalse();
        File.Exists(escape + ".cz").Should().BeFalse();
        Directory.GetFiles(tmp.File("out")).Select(Path.GetFileName).Order().Should().Equal(
            "_._up.cz", "_._up.input.npy", escape.Replace('/', '_') + ".cz", escape.Replace('/', '_') + ".input.npy");
    }

    [Fact]
    public void Should_refuse_outputs_that_are_inputs_or_files_of_the_image_being_read()
    {
        using var tmp = new TempDir();
        var img = BuildImage(tmp);
        var manifest = Path.Combine(img, "image.json");
        var original = File.ReadAllBytes(manifest);
        ShouldFailWithOneLine(Support.Cli.Run("run", img, "--input", tmp.File("x.npy"), "--output", manifest),
            "it is part of the image");
        ShouldFailWithOneLine(Support.Cli.Run("sim", img, "--input", tmp.File("x.npy"), "--json", manifest),
            "it is part of the image");
        ShouldFailWithOneLine(Support.Cli.Run("run", img, "--input", tmp.File("x.npy"), "--output", tmp.File("x.npy")),
            "it is the input");
        File.ReadAllBytes(manifest).Should().Equal(original);

        NpzWriter.Write(tmp.File("d.npz"), [new("fc1.weight", NpyArray.FromFloat32(new float[40], [1, 40]))]);
        var dense = File.ReadAllBytes(tmp.File("d.npz"));
        // A .npz output is refused for a compressed model anyway; with --codebook-bits 0 (pruned dense .npz) it
        // is a legal kind of output, and writing it over the input is what must be refused.
        ShouldFailWithOneLine(Support.Cli.Run("compress", tmp.File("d.npz"), "-o", tmp.File("d.npz")),
            "a compressed model is written as .cz");
        ShouldFailWithOneLine(
            Support.Cli.Run("compress", tmp.File("d.npz"), "-o", tmp.File("d.npz"), "--codebook-bits", "0"),
            "it is the dense model");
        File.ReadAllBytes(tmp.File("d.npz")).Should().Equal(dense);
    }

    [Fact]
    public void Should_remove_staging_folders_of_an_interrupted_build_on_the_next_build()
    {
        using var tmp = new TempDir();
        var img = BuildImage(tmp, "out");
        // What a build killed with SIGKILL leaves: its staging copy, and an old copy from mid-swap.
        Directory.CreateDirectory(tmp.File(".out.tmp-999999-0123456789abcdef/mem"));
        File.WriteAllText(tmp.File(".out.tmp-999999-0123456789abcdef/mem/pe000_spmat.hex"), "00\n");
        Directory.CreateDirectory(tmp.File(".out.old-999999-0123456789abcdef"));
        File.WriteAllText(tmp.File(".out.old-999999-0123456789abcdef/image.json"), "{}");
        var r = Support.Cli.Run("build", tmp.File("m.cz"), "--pes", "4", "-o", img);
        r.ExitCode.Should().Be(0, r.Stderr);
        Directory.GetFileSystemEntries(tmp.Path).Select(Path.GetFileName).Order()
            .Should().Equal("m.cz", "out", "x.npy");
    }

    [Fact]
    public void Should_put_the_last_good_output_back_When_a_build_was_killed_mid_swap()
    {
        using var tmp = new TempDir();
        var img = BuildImage(tmp, "out");
        var good = File.ReadAllText(Path.Combine(img, "image.json"));
        Directory.Move(img, tmp.File(".out.old-999999-0123456789abcdef"));
        // The next build into the same directory starts from the restored copy and replaces it.
        File.WriteAllText(tmp.File("bad.cz"), "not a zip");
        Support.Cli.Run("build", tmp.File("bad.cz"), "--pes", "4", "-o", img).ExitCode.Should().Be(1);
        Support.Cli.Run("build", tmp.File("m.cz"), "--pes", "4", "--balance", "none", "-o", img)
            .ExitCode.Should().Be(0);
        File.ReadAllText(Path.Combine(img, "image.json")).Should().Be(good);
        Directory.GetFileSystemEntries(tmp.Path).Select(Path.GetFileName).Order()
            .Should().Equal("bad.cz", "m.cz", "out", "x.npy");
    }

    [Fact]
    public void Should_refuse_a_second_build_into_the_same_output_while_one_holds_the_lock()
    {
        using var tmp = new TempDir();
        CzWriter.Write(Images.Random(4, [40, 10], 0.3), tmp.File("m.cz"));
        using (new FileStream(tmp.File(".out.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            ShouldFailWithOneLine(Support.Cli.Run("build", tmp.File("m.cz"), "--pes", "4", "-o", tmp.File("out")),
                "another eiec is writing this output");
        }
        Support.Cli.Run("build", tmp.File("m.cz"), "--pes", "4", "-o", tmp.File("out")).ExitCode.Should().Be(0);
        File.Exists(tmp.File(".out.lock")).Should().BeFalse();
    }

    [Fact]
    public void Should_refuse_an_npy_header_declaring_two_billion_elements_without_allocating_them()
    {
        using var tmp = new TempDir();
        var img = BuildImage(tmp);
        var header = "{'descr': '|u1', 'fortran_order': False, 'shape': (2000000000,), }";
        header = header.PadRight(118) + "\n";
        File.WriteAllBytes(tmp.File("big.npy"),
            [0x93, .. "NUMPY"u8.ToArray(), 1, 0, (byte)header.Length, 0, .. System.Text.Encoding.ASCII.GetBytes(header),
             .. new byte[160]]);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var memory = GC.GetTotalAllocatedBytes();
        ShouldFailWithOneLine(Support.Cli.Run("run", img, "--input", tmp.File("big.npy")),
            "big.npy: truncated .npy data: the header declares shape (2000000000,) of '|u1' (2000000000 bytes) " +
            "but only 160");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
        (GC.GetTotalAllocatedBytes() - memory).Should().BeLessThan(256L << 20);
    }
}
