using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Outturn.Reports.Writers;

namespace Outturn.Web.Pages;

/// <summary>Pieces of GOV.UK Frontend markup that many pages repeat.</summary>
public static class Govuk
{
    /// <summary>A field's error message (<c>govuk-error-message</c>) with the visually hidden "Error:" that screen
    /// readers announce; nothing when <paramref name="message"/> is null. The field names <paramref name="id"/> in its
    /// <c>aria-describedby</c>.</summary>
    public static IHtmlContent ErrorMessage(string id, string? message) =>
        message is null
            ? HtmlString.Empty
            : new HtmlString(
                $"<p id=\"{HtmlEncoder.Default.Encode(id)}\" class=\"govuk-error-message\">"
                    + $"<span class=\"govuk-visually-hidden\">Error:</span> {HtmlEncoder.Default.Encode(message)}</p>"
            );

    /// <summary>An officer's commentary with its paragraphs and bullets, as the reports' web pages write it
    /// (<see cref="HtmlWriter.CommentaryFragment"/>); everything in it is encoded.</summary>
    public static IHtmlContent Commentary(string? text) => new HtmlString(HtmlWriter.CommentaryFragment(text));

    /// <summary>A form group's classes: <c>govuk-form-group</c>, with <c>govuk-form-group--error</c> when its field
    /// has an error, then <paramref name="more"/>.</summary>
    public static string GroupClass(bool hasError, string more = "") =>
        "govuk-form-group" + (hasError ? " govuk-form-group--error" : "") + (more.Length > 0 ? " " + more : "");

    /// <summary>A tag's classes, green when <paramref name="on"/>, else grey.</summary>
    public static string TagClass(bool on) => on ? "govuk-tag govuk-tag--green" : "govuk-tag govuk-tag--grey";
}
