namespace Outturn.Web;

/// <summary>
/// A name or ref taken from an address. Links escape a '/' in a committee's name or a measure's ref as %2F, which
/// ASP.NET Core leaves escaped in the path (so the address keeps its segments) and so in the route value: it is
/// turned back into '/' here.
/// </summary>
public static class RouteText
{
    public static string Decode(string text) => text.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);

    public static string? DecodeOrNull(string? text) => text is null ? null : Decode(text);
}
