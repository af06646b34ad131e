using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Outturn.Web.Pages;

/// <summary>
/// Every GOV.UK table a page writes sits in a region of its own that scrolls sideways when the table is wider than
/// the screen (a 375 px phone), so the page itself never does: the region is named by the table's caption and can be
/// reached with the keyboard, as WCAG 2.2's reflow and keyboard criteria ask. The report's own tables (drawn by the
/// report renderer) reflow into labelled rows instead.
/// </summary>
[HtmlTargetElement("table", Attributes = "class")]
public sealed partial class ScrollingTableTagHelper : TagHelper
{
    /// <summary>Runs after the framework's own table helpers.</summary>
    public override int Order => 1000;

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        var classes = output.Attributes["class"]?.Value?.ToString() ?? "";
        if (!classes.Split(' ').Contains("govuk-table"))
        {
            return;
        }

        var content = (await output.GetChildContentAsync()).GetContent();
        output.Content.SetHtmlContent(content);
        var caption = Caption().Match(content) is { Success: true } found
            ? WebUtility.HtmlDecode(Tags().Replace(found.Groups["text"].Value, " "))
            : "Table";
        var label = WebUtility.HtmlEncode(Spaces().Replace(caption, " ").Trim());
        output.PreElement.SetHtmlContent(
            $"<div class=\"outturn-scroll\" role=\"region\" aria-label=\"{label}\" tabindex=\"0\">"
        );
        output.PostElement.SetHtmlContent("</div>");
    }

    [GeneratedRegex("<caption[^>]*>(?<text>.*?)</caption>", RegexOptions.Singleline)]
    private static partial Regex Caption();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
