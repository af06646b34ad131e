using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using Outturn.Domain.Statistics;

namespace Outturn.Reports.Writers;

/// <summary>
/// The statistical process control icons, in the meaning of NHS England's "Making Data Count" (docs/spc.md) and
/// drawn as our own: a filled circle whose colour and white mark say the latest point's variation (grey with a level
/// line for common cause; an arrow up for a special cause high, down for low; blue when it is an improvement, orange
/// a concern, purple when the measure has no better direction) or the assurance (a tick: consistently passes; a cross:
/// consistently fails; a broken line: hit and miss). Each is drawn from one description, as SVG for HTML and PDF and as
/// PNG for Word, and always beside its words: never colour or shape alone.
/// </summary>
public static class SpcIcons
{
    /// <summary>An icon: its fill, its white marks (polylines in a 100 × 100 box), and what it means.</summary>
    public sealed record Icon(
        string Key,
        string Fill,
        IReadOnlyList<IReadOnlyList<(double X, double Y)>> Marks,
        string Words
    );

    // Colours dark enough for white marks to stand out at 4.5:1 or more (GOV.UK's palette).
    private const string Grey = "#505a5f";
    private const string Blue = "#1d70b8";
    private const string Orange = "#a34700";
    private const string Purple = "#4c2c92";

    private static readonly (double, double)[] Level = [(20, 56), (35, 44), (50, 56), (65, 44), (80, 56)];
    private static readonly (double, double)[] UpShaft = [(50, 78), (50, 24)];
    private static readonly (double, double)[] UpHead = [(30, 44), (50, 24), (70, 44)];
    private static readonly (double, double)[] DownShaft = [(50, 22), (50, 76)];
    private static readonly (double, double)[] DownHead = [(30, 56), (50, 76), (70, 56)];

    /// <summary>The variation icon; an improvement or a concern points up when the latest point is
    /// <paramref name="high"/> (above its mean), down when low.</summary>
    public static Icon Of(SpcVariation variation, bool high = true)
    {
        var words = MeasureSpc.Words(variation);
        IReadOnlyList<IReadOnlyList<(double, double)>> up = [UpShaft, UpHead],
            down = [DownShaft, DownHead];
        var (way, marks) = high ? ("high", up) : ("low", down);
        return variation switch
        {
            SpcVariation.CommonCause => new("common-cause", Grey, [Level], words),
            SpcVariation.Improvement => new("improvement-" + way, Blue, marks, Figures(words, way)),
            SpcVariation.Concern => new("concern-" + way, Orange, marks, Figures(words, way)),
            SpcVariation.NeutralHigh => new("neutral-high", Purple, up, words),
            _ => new("neutral-low", Purple, down, words),
        };
    }

    /// <summary>"Improving (special cause)" → "Improving (special cause, higher figures)".</summary>
    private static string Figures(string words, string way) => words.TrimEnd(')') + $", {way}er figures)";

    /// <summary>The icons a signal shows, variation first.</summary>
    public static IEnumerable<Icon> Of(Model.SpcSignal signal)
    {
        if (signal.Variation is { } variation)
        {
            yield return Of(variation, signal.High);
        }

        if (signal.Assurance is { } assurance)
        {
            yield return Of(assurance);
        }
    }

    public static Icon Of(SpcAssurance assurance) =>
        assurance switch
        {
            SpcAssurance.ConsistentPass => new(
                "pass",
                Blue,
                [
                    [(26, 52), (43, 69), (75, 33)],
                ],
                MeasureSpc.Words(assurance)
            ),
            SpcAssurance.ConsistentFail => new(
                "fail",
                Orange,
                [
                    [(31, 31), (69, 69)],
                    [(69, 31), (31, 69)],
                ],
                MeasureSpc.Words(assurance)
            ),
            _ => new(
                "hit-and-miss",
                Grey,
                [
                    [(20, 50), (34, 50)],
                    [(45, 50), (55, 50)],
                    [(66, 50), (80, 50)],
                ],
                MeasureSpc.Words(assurance)
            ),
        };

    private const double Radius = 47;
    private const double MarkWidth = 10;

    /// <summary>The icon as inline SVG, an image named by its words.</summary>
    public static string Svg(Icon icon, int size)
    {
        var svg = new StringBuilder(400);
        svg.Append(
                CultureInfo.InvariantCulture,
                $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"spc-icon\" viewBox=\"0 0 100 100\" "
            )
            .Append(CultureInfo.InvariantCulture, $"width=\"{size}\" ")
            .Append(
                CultureInfo.InvariantCulture,
                $"height=\"{size}\" role=\"img\" aria-label=\"{Escape(icon.Words)}\">"
            )
            .Append(CultureInfo.InvariantCulture, $"<title>{Escape(icon.Words)}</title>")
            .Append(CultureInfo.InvariantCulture, $"<circle cx=\"50\" cy=\"50\" r=\"{Radius}\" fill=\"{icon.Fill}\"/>");
        foreach (var mark in icon.Marks)
        {
            svg.Append("<polyline points=\"")
                .AppendJoin(' ', mark.Select(p => FormattableString.Invariant($"{p.X},{p.Y}")))
                .Append(
                    CultureInfo.InvariantCulture,
                    $"\" fill=\"none\" stroke=\"#ffffff\" stroke-width=\"{MarkWidth}\" stroke-linecap=\"round\" "
                )
                .Append("stroke-linejoin=\"round\"/>");
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>The icon as a PNG of <paramref name="size"/> pixels square with a transparent ground: each pixel's
    /// share of the circle and of the marks is sampled on a 4 × 4 grid, so that edges are smooth.</summary>
    public static byte[] Png(Icon icon, int size)
    {
        const int Samples = 4;
        var fill = Rgb(icon.Fill);
        var segments = icon.Marks.SelectMany(m => m.Zip(m.Skip(1))).ToList();
        var pixels = new byte[size * ((size * 4) + 1)];
        var scale = 100.0 / size;
        for (var y = 0; y < size; y++)
        {
            var row = y * ((size * 4) + 1);
            pixels[row] = 0; // filter: none
            for (var x = 0; x < size; x++)
            {
                int inCircle = 0,
                    inMark = 0;
                for (var sy = 0; sy < Samples; sy++)
                {
                    for (var sx = 0; sx < Samples; sx++)
                    {
                        var px = (x + ((sx + 0.5) / Samples)) * scale;
                        var py = (y + ((sy + 0.5) / Samples)) * scale;
                        if (((px - 50) * (px - 50)) + ((py - 50) * (py - 50)) > Radius * Radius)
                        {
                            continue;
                        }

                        inCircle++;
                        if (segments.Exists(s => Distance((px, py), s.First, s.Second) <= MarkWidth / 2))
                        {
                            inMark++;
                        }
                    }
                }

                // White over the fill where marked; the circle's coverage is the alpha.
                var white = inCircle == 0 ? 0 : (double)inMark / inCircle;
                var at = row + 1 + (x * 4);
                pixels[at] = Blend(fill.R, white);
                pixels[at + 1] = Blend(fill.G, white);
                pixels[at + 2] = Blend(fill.B, white);
                pixels[at + 3] = (byte)Math.Round(255.0 * inCircle / (Samples * Samples));
            }
        }

        return Encode(size, pixels);
    }

    private static byte Blend(byte channel, double white) => (byte)Math.Round((channel * (1 - white)) + (255 * white));

    private static double Distance((double X, double Y) p, (double X, double Y) a, (double X, double Y) b)
    {
        var (dx, dy) = (b.X - a.X, b.Y - a.Y);
        var t = Math.Clamp((((p.X - a.X) * dx) + ((p.Y - a.Y) * dy)) / ((dx * dx) + (dy * dy)), 0, 1);
        var (cx, cy) = (a.X + (t * dx) - p.X, a.Y + (t * dy) - p.Y);
        return Math.Sqrt((cx * cx) + (cy * cy));
    }

    private static (byte R, byte G, byte B) Rgb(string hex) =>
        (
            byte.Parse(hex.AsSpan(1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
            byte.Parse(hex.AsSpan(3, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
            byte.Parse(hex.AsSpan(5, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)
        );

    /// <summary>A PNG (ISO/IEC 15948): the signature, then IHDR (8-bit RGBA), one zlib-compressed IDAT of the
    /// filtered rows, and IEND, each chunk with its CRC-32.</summary>
    private static byte[] Encode(int size, byte[] rows)
    {
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, size);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), size);
        header[8] = 8; // bits per channel
        header[9] = 6; // RGBA
        Chunk(png, "IHDR", header);
        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            {
                zlib.Write(rows);
            }

            Chunk(png, "IDAT", compressed.ToArray());
        }

        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        var typeAndData = new byte[4 + data.Length];
        Encoding.ASCII.GetBytes(type, typeAndData);
        data.CopyTo(typeAndData, 4);
        png.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typeAndData));
        png.Write(number);
    }

    private static readonly uint[] CrcTable = [.. Enumerable.Range(0, 256).Select(n => CrcEntry((uint)n))];

    private static uint CrcEntry(uint c)
    {
        for (var k = 0; k < 8; k++)
        {
            c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        }

        return c;
    }

    /// <summary>CRC-32 as the PNG specification's sample code computes it (polynomial 0xEDB88320).</summary>
    internal static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var c = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            c = CrcTable[(c ^ b) & 0xFF] ^ (c >> 8);
        }

        return c ^ 0xFFFFFFFFu;
    }

    private static string Escape(string text) => System.Net.WebUtility.HtmlEncode(text);
}
