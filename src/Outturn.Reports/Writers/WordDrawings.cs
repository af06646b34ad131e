using DocumentFormat.OpenXml.Packaging;
using A = DocumentFormat.OpenXml.Drawing;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using PIC = DocumentFormat.OpenXml.Drawing.Pictures;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Outturn.Reports.Writers;

/// <summary>A Word document's drawings: their ids, which must be unique in the document (charts and pictures alike),
/// and the statistical process control icons as pictures in the text, each with its words as its alternative text and
/// one image part per icon however often it appears.</summary>
internal sealed class WordDrawings(MainDocumentPart main)
{
    /// <summary>Drawn at 64 pixels, shown at 0.45 cm (about 12.8 points): sharp when printed.</summary>
    private const int Pixels = 64;

    private const long Size = 162_000; // EMUs

    private readonly Dictionary<string, string> _parts = [];
    private uint _lastId;

    public MainDocumentPart Main => main;

    public uint NextId() => ++_lastId;

    public W.Run Picture(SpcIcons.Icon icon)
    {
        if (!_parts.TryGetValue(icon.Key, out var relationship))
        {
            var part = main.AddImagePart(ImagePartType.Png);
            using (var png = new MemoryStream(SpcIcons.Png(icon, Pixels)))
            {
                part.FeedData(png);
            }

            relationship = main.GetIdOfPart(part);
            _parts[icon.Key] = relationship;
        }

        var id = NextId();
        var picture = new PIC.Picture(
            new PIC.NonVisualPictureProperties(
                new PIC.NonVisualDrawingProperties
                {
                    Id = 0U,
                    Name = icon.Key + ".png",
                    Description = icon.Words,
                },
                new PIC.NonVisualPictureDrawingProperties()
            ),
            new PIC.BlipFill(new A.Blip { Embed = relationship }, new A.Stretch(new A.FillRectangle())),
            new PIC.ShapeProperties(
                new A.Transform2D(new A.Offset { X = 0, Y = 0 }, new A.Extents { Cx = Size, Cy = Size }),
                new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle }
            )
        );
        return new W.Run(
            new W.Drawing(
                new DW.Inline(
                    new DW.Extent { Cx = Size, Cy = Size },
                    new DW.EffectExtent
                    {
                        LeftEdge = 0,
                        TopEdge = 0,
                        RightEdge = 0,
                        BottomEdge = 0,
                    },
                    new DW.DocProperties
                    {
                        Id = id,
                        Name = $"Picture {id}",
                        Description = icon.Words,
                    },
                    new DW.NonVisualGraphicFrameDrawingProperties(new A.GraphicFrameLocks { NoChangeAspect = true }),
                    new A.Graphic(
                        new A.GraphicData(picture) { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" }
                    )
                )
                {
                    DistanceFromTop = 0U,
                    DistanceFromBottom = 0U,
                    DistanceFromLeft = 0U,
                    DistanceFromRight = 0U,
                }
            )
        );
    }
}
