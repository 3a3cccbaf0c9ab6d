using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Eiec.Contract.Image;
using Eiec.Hdl.Axi;

namespace Eiec.Tests.Rtl;

/// <summary>
/// A command file for hosttest/tb/eie_axi_tb.v: AXI4-Lite writes and reads, input beats, waits. <see cref="Load"/>
/// sends an image.bin the way the C driver does (LD_TARGET, LD_ADDR, then every data word to LD_DATA).
/// </summary>
public sealed class AxiScript
{
    private readonly StringBuilder text = new();
    public int Lanes { get; }
    public int Beats { get; private set; }

    public AxiScript(int streamBits = 64) => Lanes = streamBits / 16;

    private AxiScript Line(int op, ulong a, ulong b)
    {
        text.Append(CultureInfo.InvariantCulture, $"{op:x} {a:x} {b:x}\n");
        return this;
    }

    public static int Reg(string name) => AxiRegisterMap.Registers.Single(r => r.Name == name).Offset;

    public AxiScript Write(string register, uint value) => Line(1, (ulong)Reg(register), value);
    public AxiScript Read(string register) => Line(2, (ulong)Reg(register), 0);
    public AxiScript Beat(ulong data, bool last) => Line(3, data, last ? 1UL : 0UL);
    public AxiScript WaitBeats(int total) => Line(4, (ulong)total, 0);
    public AxiScript WaitCycles(int cycles) => Line(5, (ulong)cycles, 0);
    public AxiScript DropQueued() => Line(6, 0, 0);

    /// <summary>Every section of an image.bin, word by word through the load registers.</summary>
    public AxiScript Load(byte[] image, int wordBits)
    {
        uint Word(int at) => BinaryPrimitives.ReadUInt32LittleEndian(image.AsSpan(at));
        int sections = (int)Word(4 * ImageBinary.SectionsWord), at = ImageBinary.HeaderBytes;
        for (int s = 0; s < sections; s++)
        {
            uint target = Word(at), address = Word(at + 4), count = Word(at + 8);
            at += 12;
            int memory = (int)(target & 0xFF);
            int pieces = memory == ImageBinary.Layers ? 8
                : memory == ImageBinary.Spmat ? ImageBinary.Pieces(wordBits) : 1;
            if (count == 0) continue;
            Write("LD_TARGET", target).Write("LD_ADDR", address);
            for (int i = 0; i < count * pieces; i++, at += 4) Write("LD_DATA", Word(at));
        }
        return this;
    }

    /// <summary>One vector, packed <see cref="Lanes"/> values a beat, TLAST on its last beat; <paramref name="beats"/>
    /// overrides the number of beats sent (fewer: TLAST early; more: TLAST late, on the extra last one).</summary>
    public AxiScript Vector(short[] x, int? beats = null)
    {
        int natural = (x.Length + Lanes - 1) / Lanes, n = beats ?? natural;
        for (int b = 0; b < n; b++)
        {
            ulong data = 0;
            for (int l = 0; l < Lanes; l++)
            {
                int i = b * Lanes + l;
                if (i < x.Length) data |= (ulong)(ushort)x[i] << (16 * l);
            }
            Beat(data, b == n - 1);
        }
        Beats += n;
        return this;
    }

    public string Text => text.ToString() + "0 0 0\n";
}
