using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Outturn.Data.Entities;

namespace Outturn.Web.Tests;

/// <summary>
/// The generated OpenAPI document tells the truth: every endpoint's real responses (successes and problems) are
/// checked against the schema the document gives for that status, by a small JSON Schema checker below that is
/// strict about undocumented properties, so the document cannot drift from the code unnoticed.
/// </summary>
public class OpenApiTests
{
    private const string Org = ApiTests.Org;

    [Fact]
    public async Task Responses_match_the_generated_openapi_document()
    {
        var (factory, database) = await OutturnFactory.CreateAsync("sqlite");
        await using var db = database;
        using var _ = factory;
        var reader = ApiTests.WithToken(factory, await ApiTests.IssueAsync(factory, ApiScope.Read));
        var writer = ApiTests.WithToken(factory, await ApiTests.IssueAsync(factory, ApiScope.Write));
        var anonymous = factory.Browser();

        var documentResponse = await anonymous.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, documentResponse.StatusCode);
        var document = JsonDocument.Parse(await documentResponse.Content.ReadAsStringAsync()).RootElement;
        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        // The write's body is documented as the JSON it reads.
        var writeBody = document
            .GetProperty("paths")
            .GetProperty("/api/v1/organisations/{org}/values")
            .GetProperty("post")
            .GetProperty("requestBody");
        Assert.True(writeBody.GetProperty("required").GetBoolean());
        var rows = writeBody
            .GetProperty("content")
            .GetProperty("application/json")
            .GetProperty("schema")
            .GetProperty("properties")
            .GetProperty("values");
        Assert.Equal("array", rows.GetProperty("type").GetString());
        Assert.True(rows.GetProperty("items").GetProperty("properties").TryGetProperty("corrective_action", out var _));

        var checks = new (HttpClient Client, HttpMethod Method, string Template, string Url, object? Body, int Status)[]
        {
            (anonymous, HttpMethod.Get, "/api/v1/organisations", "/api/v1/organisations", null, 200),
            (reader, HttpMethod.Get, "/api/v1/organisations/{org}", Org, null, 200),
            (reader, HttpMethod.Get, "/api/v1/organisations/{org}/framework", $"{Org}/framework", null, 200),
            (reader, HttpMethod.Get, "/api/v1/organisations/{org}/items", $"{Org}/items?limit=20", null, 200),
            (reader, HttpMethod.Get, "/api/v1/organisations/{org}/items/{ref}", $"{Org}/items/HO01", null, 200),
            (reader, HttpMethod.Get, "/api/v1/organisations/{org}/items/{ref}", $"{Org}/items/NOPE", null, 404),
            (reader, HttpMethod.Get, "/api/v1/organisations/{org}/periods", $"{Org}/periods", null, 200),
            (reader, HttpMethod.Get, "/api/v1/organisations/{org}/values", $"{Org}/values?limit=200", null, 200),
            (reader, HttpMethod.Get, "/api/v1/organisations/{org}/values", $"{Org}/values?limit=0", null, 400),
            (
                anonymous,
                HttpMethod.Get,
                "/api/v1/organisations/{org}/evaluations",
                $"{Org}/evaluations?period=2018-03",
                null,
                401
            ),
            (
                reader,
                HttpMethod.Get,
                "/api/v1/organisations/{org}/evaluations",
                $"{Org}/evaluations?period=2018-03",
                null,
                200
            ),
            (
                reader,
                HttpMethod.Get,
                "/api/v1/organisations/{org}/evaluations",
                $"{Org}/evaluations?period=2017/18%20Q4",
                null,
                200
            ),
            (
                reader,
                HttpMethod.Get,
                "/api/v1/organisations/{org}/summaries",
                $"{Org}/summaries?period=2017/18&by=committee&years=2",
                null,
                200
            ),
            (reader, HttpMethod.Get, "/api/v1/organisations/{org}/publications", $"{Org}/publications", null, 200),
            (
                reader,
                HttpMethod.Post,
                "/api/v1/organisations/{org}/values",
                $"{Org}/values",
                new
                {
                    values = new[]
                    {
                        new
                        {
                            @ref = "HO01",
                            period = "2018-03",
                            value = "230",
                        },
                    },
                },
                403
            ),
            (
                writer,
                HttpMethod.Post,
                "/api/v1/organisations/{org}/values",
                $"{Org}/values",
                new
                {
                    values = new[]
                    {
                        new
                        {
                            @ref = "HO01",
                            period = "2018-03",
                            value = "230",
                        },
                    },
                },
                200
            ),
            (
                writer,
                HttpMethod.Post,
                "/api/v1/organisations/{org}/values",
                $"{Org}/values",
                new
                {
                    values = new[]
                    {
                        new
                        {
                            @ref = "HO01",
                            period = "2018-99",
                            value = "230",
                        },
                    },
                },
                400
            ),
            (
                writer,
                HttpMethod.Post,
                "/api/v1/organisations/{org}/collection/steps",
                $"{Org}/collection/steps",
                new
                {
                    @ref = "HO01",
                    period = "2018-03",
                    step = "submit",
                },
                200
            ),
            (
                writer,
                HttpMethod.Post,
                "/api/v1/organisations/{org}/collection/steps",
                $"{Org}/collection/steps",
                new
                {
                    @ref = "HO01",
                    period = "2018-03",
                    step = "submit",
                },
                409
            ),
            (
                writer,
                HttpMethod.Post,
                "/api/v1/organisations/{org}/collection/steps",
                $"{Org}/collection/steps",
                new
                {
                    @ref = "HO01",
                    period = "2018-03",
                    step = "publish",
                },
                400
            ),
            (
                reader,
                HttpMethod.Post,
                "/api/v1/organisations/{org}/collection/steps",
                $"{Org}/collection/steps",
                new
                {
                    @ref = "HO01",
                    period = "2018-03",
                    step = "approve",
                },
                403
            ),
        };

        var failures = new List<string>();
        foreach (var (client, method, template, url, body, status) in checks)
        {
            using var request = new HttpRequestMessage(method, url)
            {
                Content = body is null ? null : JsonContent.Create(body),
            };
            var response = await client.SendAsync(request);
            Assert.True(
                (int)response.StatusCode == status,
                $"{method} {url}: {response.StatusCode}, expected {status}: "
                    + $"{await response.Content.ReadAsStringAsync()}"
            );
            var operation = document
                .GetProperty("paths")
                .GetProperty(template)
                .GetProperty(method.Method.ToLowerInvariant());
            Assert.True(
                operation
                    .GetProperty("responses")
                    .TryGetProperty(status.ToString(CultureInfo.InvariantCulture), out var documented),
                $"{method} {template} does not document {status}"
            );
            var mediaType = response.Content.Headers.ContentType!.MediaType!;
            Assert.True(
                documented.GetProperty("content").TryGetProperty(mediaType, out var content),
                $"{method} {template} {status} does not document {mediaType}"
            );
            var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            var errors = new List<string>();
            SchemaChecker.Check(document, content.GetProperty("schema"), json, "$", errors);
            failures.AddRange(errors.Select(e => $"{method} {url} {status}: {e}"));
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(30)));
    }

    [Fact]
    public void The_checker_finds_what_does_not_match()
    {
        var doc = JsonDocument
            .Parse(
                """
                {"components":{"schemas":{"P":{"type":"object","required":["a"],"properties":{"a":{"type":"integer"},"d":{"type":["null","string"],"format":"date"}}}}}}
                """
            )
            .RootElement;
        var schema = JsonDocument.Parse("""{"type":"array","items":{"$ref":"#/components/schemas/P"}}""").RootElement;
        var errors = new List<string>();
        SchemaChecker.Check(
            doc,
            schema,
            JsonDocument.Parse("""[{"a":1,"d":null},{"a":2,"d":"2018-03-31"}]""").RootElement,
            "$",
            errors
        );
        Assert.Empty(errors);
        SchemaChecker.Check(
            doc,
            schema,
            JsonDocument.Parse("""[{"a":1.5},{"d":"31/03/2018"},{"a":1,"z":true}]""").RootElement,
            "$",
            errors
        );
        Assert.Equal(
            [
                "$[0].a: 1.5 is not integer",
                "$[1]: a is required",
                "$[1].d: '31/03/2018' is not a date",
                "$[2]: z is not in the document",
            ],
            errors
        );
    }
}

/// <summary>Checks a JSON value against the JSON Schema subset that ASP.NET Core's OpenAPI generator writes.</summary>
public static class SchemaChecker
{
    public static void Check(
        JsonElement document,
        JsonElement schema,
        JsonElement value,
        string path,
        List<string> errors
    )
    {
        if (
            schema.ValueKind == JsonValueKind.True
            || (schema.ValueKind == JsonValueKind.Object && !schema.EnumerateObject().Any())
        )
        {
            return;
        }

        if (schema.TryGetProperty("$ref", out var reference))
        {
            var target = document;
            foreach (var part in reference.GetString()!.TrimStart('#', '/').Split('/'))
            {
                target = target.GetProperty(part);
            }

            Check(document, target, value, path, errors);
            return;
        }

        foreach (var combinator in new[] { "anyOf", "oneOf" })
        {
            if (schema.TryGetProperty(combinator, out var options))
            {
                if (
                    !options
                        .EnumerateArray()
                        .Any(o =>
                        {
                            var e = new List<string>();
                            Check(document, o, value, path, e);
                            return e.Count == 0;
                        })
                )
                {
                    errors.Add($"{path}: matches none of {combinator}");
                }

                return;
            }
        }

        if (schema.TryGetProperty("allOf", out var all))
        {
            foreach (var part in all.EnumerateArray())
            {
                Check(document, part, value, path, errors);
            }
        }

        if (schema.TryGetProperty("type", out var type))
        {
            var types =
                type.ValueKind == JsonValueKind.Array
                    ? type.EnumerateArray().Select(t => t.GetString()!).ToList()
                    : [type.GetString()!];
            if (!types.Any(t => Is(t, value)))
            {
                errors.Add($"{path}: {Show(value)} is not {string.Join(" or ", types)}");
                return;
            }
        }

        if (
            schema.TryGetProperty("enum", out var allowed)
            && !allowed.EnumerateArray().Any(a => a.ToString() == value.ToString())
        )
        {
            errors.Add($"{path}: {Show(value)} is not one of {allowed}");
        }

        if (value.ValueKind == JsonValueKind.String && schema.TryGetProperty("format", out var format))
        {
            var text = value.GetString()!;
            var ok = format.GetString() switch
            {
                "date" => DateOnly.TryParseExact(
                    text,
                    "yyyy-MM-dd",
                    CultureInfo.InvariantCulture,
                    DateTimeStyles.None,
                    out _
                ),
                "date-time" => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
                _ => true,
            };
            if (!ok)
            {
                errors.Add($"{path}: {Show(value)} is not a {format.GetString()}");
            }
        }

        if (
            value.ValueKind == JsonValueKind.String
            && schema.TryGetProperty("pattern", out var pattern)
            && !Regex.IsMatch(value.GetString()!, pattern.GetString()!)
        )
        {
            errors.Add($"{path}: {Show(value)} does not match {pattern}");
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            var properties = schema.TryGetProperty("properties", out var p) ? p : default;
            var hasProperties = properties.ValueKind == JsonValueKind.Object;
            if (schema.TryGetProperty("required", out var required))
            {
                foreach (
                    var name in required
                        .EnumerateArray()
                        .Select(r => r.GetString()!)
                        .Where(n => !value.TryGetProperty(n, out _))
                )
                {
                    errors.Add($"{path}: {name} is required");
                }
            }

            var additional = schema.TryGetProperty("additionalProperties", out var a) ? a : default;
            foreach (var property in value.EnumerateObject())
            {
                if (hasProperties && properties.TryGetProperty(property.Name, out var propertySchema))
                {
                    Check(document, propertySchema, property.Value, $"{path}.{property.Name}", errors);
                }
                else if (additional.ValueKind == JsonValueKind.Object)
                {
                    Check(document, additional, property.Value, $"{path}.{property.Name}", errors);
                }
                else if (additional.ValueKind != JsonValueKind.True && hasProperties)
                {
                    errors.Add($"{path}: {property.Name} is not in the document");
                }
            }
        }

        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var i = 0;
            foreach (var element in value.EnumerateArray())
            {
                Check(document, items, element, $"{path}[{i++}]", errors);
            }
        }
    }

    private static bool Is(string type, JsonElement value) =>
        type switch
        {
            "null" => value.ValueKind == JsonValueKind.Null,
            "string" => value.ValueKind == JsonValueKind.String,
            "number" => value.ValueKind == JsonValueKind.Number,
            "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
            "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
            "object" => value.ValueKind == JsonValueKind.Object,
            "array" => value.ValueKind == JsonValueKind.Array,
            _ => false,
        };

    private static string Show(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? $"'{value.GetString()}'" : value.GetRawText();
}
