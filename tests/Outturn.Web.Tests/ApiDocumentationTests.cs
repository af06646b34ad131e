using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Outturn.Data.Entities;

namespace Outturn.Web.Tests;

/// <summary>docs/api.md's <c>.http</c> examples are run, in order, against a fresh demo council: each must answer with
/// the status its <c># expect</c> line gives, so the documentation cannot go stale.</summary>
public class ApiDocumentationTests
{
    public sealed record HttpExample(
        string Name,
        HttpMethod Method,
        string Url,
        IReadOnlyList<(string Name, string Value)> Headers,
        string? Body,
        int Expect
    );

    /// <summary>Reads the requests of every <c>```http</c> block: <c>@name = value</c> variables, requests separated
    /// by <c>###</c> lines, headers up to a blank line, then the body, and a <c># expect NNN</c> line.</summary>
    public static IReadOnlyList<HttpExample> Parse(string markdown, IReadOnlyDictionary<string, string> overrides)
    {
        var examples = new List<HttpExample>();
        var variables = new Dictionary<string, string>(overrides);
        foreach (Match block in Regex.Matches(markdown, "```http\n(.*?)```", RegexOptions.Singleline))
        {
            foreach (var part in Regex.Split(block.Groups[1].Value, "^###", RegexOptions.Multiline))
            {
                var lines = part.Split('\n');
                var name = lines[0].Trim();
                string? requestLine = null;
                var headers = new List<(string, string)>();
                var body = new StringBuilder();
                var expect = 0;
                var inBody = false;
                foreach (var raw in lines.Skip(1).Prepend(name.StartsWith('@') ? name : ""))
                {
                    var line = raw.TrimEnd('\r');
                    if (Regex.Match(line, @"^@(\w+)\s*=\s*(.*)$") is { Success: true } variable)
                    {
                        variables.TryAdd(variable.Groups[1].Value, variable.Groups[2].Value.Trim());
                        continue;
                    }

                    if (Regex.Match(line, @"^# expect (\d{3})$") is { Success: true } status)
                    {
                        expect = int.Parse(status.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                        continue;
                    }

                    if (requestLine is null)
                    {
                        if (Regex.IsMatch(line, "^(GET|POST|PUT|PATCH|DELETE) "))
                        {
                            requestLine = line;
                        }

                        continue;
                    }

                    if (!inBody && line.Length == 0)
                    {
                        inBody = true;
                        continue;
                    }

                    if (inBody)
                    {
                        body.Append(line).Append('\n');
                    }
                    else
                    {
                        var colon = line.IndexOf(':', StringComparison.Ordinal);
                        headers.Add((line[..colon].Trim(), line[(colon + 1)..].Trim()));
                    }
                }

                if (requestLine is null)
                {
                    continue;
                }

                string Fill(string text) => Regex.Replace(text, @"\{\{(\w+)\}\}", m => variables[m.Groups[1].Value]);
                var (method, url) = (
                    requestLine[..requestLine.IndexOf(' ', StringComparison.Ordinal)],
                    requestLine[(requestLine.IndexOf(' ', StringComparison.Ordinal) + 1)..].Trim()
                );
                var text = body.ToString().Trim();
                examples.Add(
                    new HttpExample(
                        name,
                        new HttpMethod(method),
                        Fill(url),
                        [.. headers.Select(h => (h.Item1, Fill(h.Item2)))],
                        text.Length == 0 ? null : Fill(text),
                        expect
                    )
                );
            }
        }

        return examples;
    }

    [Fact]
    public async Task The_examples_in_docs_api_md_work_as_written()
    {
        var (factory, database) = await OutturnFactory.CreateAsync("sqlite");
        await using var db = database;
        using var _ = factory;
        var overrides = new Dictionary<string, string>
        {
            ["host"] = "http://localhost",
            ["read_token"] = await ApiTests.IssueAsync(factory, ApiScope.Read),
            ["write_token"] = await ApiTests.IssueAsync(factory, ApiScope.Write),
        };
        var markdown = await File.ReadAllTextAsync(Path.Combine(Repository.Root, "docs", "api.md"));
        var examples = Parse(markdown.Replace("\r\n", "\n", StringComparison.Ordinal), overrides);
        Assert.True(examples.Count >= 8, $"only {examples.Count} examples found");

        var client = factory.Browser();
        foreach (var example in examples)
        {
            Assert.True(example.Expect > 0, $"'{example.Name}' has no # expect line");
            using var request = new HttpRequestMessage(example.Method, example.Url);
            string? contentType = null;
            foreach (var (name, value) in example.Headers)
            {
                if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
                {
                    contentType = value;
                }
                else
                {
                    request.Headers.TryAddWithoutValidation(name, value);
                }
            }

            if (example.Body is not null)
            {
                request.Content = new StringContent(example.Body, Encoding.UTF8);
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType ?? "application/json");
            }

            var response = await client.SendAsync(request);
            Assert.True(
                (int)response.StatusCode == example.Expect,
                $"'{example.Name}': {example.Method} {example.Url} answered {(int)response.StatusCode}, docs/api.md "
                    + $"expects {example.Expect}: {await response.Content.ReadAsStringAsync()}"
            );
        }
    }
}
