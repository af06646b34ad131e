using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Outturn.Web.Api;

/// <summary>Responses as the API writes them: JSON with an ETag (304 when it matches If-None-Match), and
/// problems as RFC 9457 ProblemDetails.</summary>
public static class ApiResults
{
    /// <summary>The API's JSON settings (snake_case names), for reading a body as for writing an answer.</summary>
    public static JsonSerializerOptions SerializerOptions(HttpContext http) =>
        http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;

    public static IResult Json<T>(HttpContext http, T payload)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(payload, SerializerOptions(http));
        return WithETag(http, bytes, "application/json; charset=utf-8");
    }

    /// <summary>Answers with <paramref name="bytes"/> and their ETag, or 304 Not Modified when the caller has them
    /// already.</summary>
    public static IResult WithETag(HttpContext http, byte[] bytes, string contentType)
    {
        var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..32] + "\"";
        var headers = http.Response.Headers;
        headers.ETag = etag;
        headers.CacheControl = "no-cache";
        headers.Vary = "Authorization, Cookie";
        var match = http.Request.Headers.IfNoneMatch.ToString();
        if (
            match.Length > 0
            && (
                match.Trim() == "*"
                || match.Split(',').Select(m => m.Trim().Replace("W/", "", StringComparison.Ordinal)).Contains(etag)
            )
        )
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Bytes(bytes, contentType);
    }

    public static IResult Problem(int status, string title, string detail) =>
        Results.Problem(statusCode: status, title: title, detail: detail);

    /// <summary>401 with the challenge a machine needs to know it should send a bearer token.</summary>
    public static IResult Unauthorised(HttpContext http, string detail, bool invalidToken = false)
    {
        http.Response.Headers.WWWAuthenticate = invalidToken ? "Bearer error=\"invalid_token\"" : "Bearer";
        return Problem(401, "Sign-in needed", detail);
    }

    /// <summary>401 for nobody, 403 for someone who may not.</summary>
    public static IResult Refused(HttpContext http, ApiCaller caller, string detail) =>
        caller.HasCredentials ? Problem(403, "Not allowed", detail) : Unauthorised(http, detail);

    /// <summary>400 with every bad row: <c>errors</c> keyed by field (<c>values[3].period</c>), and <c>rows</c> as the
    /// import report gives them (row, column, value, what was expected).</summary>
    public static IResult Invalid(IReadOnlyList<ImportError> errors)
    {
        var fields = errors
            .GroupBy(e =>
                e.Row > 0 ? $"values[{e.Row - 1}]" + (e.Column is null ? "" : "." + e.Column) : e.Column ?? "values"
            )
            .ToDictionary(g => g.Key, g => g.Select(e => Message(e)).ToArray());
        return Results.ValidationProblem(
            fields,
            title: "The values were refused; nothing was changed.",
            detail: $"{errors.Count} problem(s) were found. Every one is listed; fix them and send the request again.",
            extensions: new Dictionary<string, object?>
            {
                ["rows"] = errors
                    .Select(e => new
                    {
                        index = e.Row - 1,
                        column = e.Column,
                        value = e.Value,
                        expected = e.Expected,
                    })
                    .ToList(),
            }
        );
    }

    private static string Message(ImportError e) =>
        (e.Value is null ? "" : $"'{e.Value}': ") + "expected " + e.Expected;
}
