using System.Text.Json;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Outturn.Testing;

/// <summary>axe-core's WCAG 2.2 A and AA rules run over a page in Chromium, with the axe-core that
/// Deque.AxeCore.Commons bundles.</summary>
/// <remarks>
/// A page with no frames is checked by <c>axe.run</c> in the page itself, asking for the violations' details only.
/// Deque's <c>RunAxe</c> runs the same rules in parts (<c>runPartial</c> in each frame, then <c>finishRun</c> in a
/// new page it opens) and returns every passing node's details too; for a page of one frame that gives the same
/// violations at several times the cost (2–4 s a page on two cores, most of the browser tests' time). A page with
/// frames is still checked Deque's way, so that no frame goes unchecked.
/// </remarks>
public static class Axe
{
    /// <summary>The tags whose rules are run: WCAG 2.0, 2.1 and 2.2 at levels A and AA.</summary>
    public static readonly string[] Wcag22AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    private static readonly Lazy<string> Script = new(() => new BundledAxeScriptProvider().GetScript());

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    /// <summary>The same rules as Deque's <c>RunAxe</c> is asked for them.</summary>
    public static AxeRunOptions DequeOptions() =>
        new()
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. Wcag22AA] },
        };

    /// <summary>Runs the rules over <paramref name="page"/> as it is now.</summary>
    public static async Task<AxeOutcome> RunAsync(IPage page)
    {
        if (page.Frames.Count > 1)
        {
            var result = await page.RunAxe(DequeOptions());
            return new AxeOutcome(
                [.. result.Violations.Select(v => new AxeViolation(v.Id, v.Help, v.Nodes.Length, v.Nodes[0].Html))],
                result.Passes.Length
            );
        }

        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(Script.Value);
        }

        var json = await page.EvaluateAsync<string>(
            """
            tags => axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
                .then(r => JSON.stringify({
                    violations: r.violations.map(v => ({
                        id: v.id, help: v.help, nodes: v.nodes.length, example: v.nodes[0].html })),
                    passes: r.passes.length }))
            """,
            Wcag22AA
        );
        return JsonSerializer.Deserialize<AxeOutcome>(json, Json)
            ?? throw new InvalidOperationException("axe-core returned nothing");
    }
}

/// <summary>What axe-core found: each rule broken (with how many elements break it and the first), and how many
/// rules passed.</summary>
public sealed record AxeOutcome(IReadOnlyList<AxeViolation> Violations, int Passes)
{
    /// <summary>One line per rule broken, for an assertion's message.</summary>
    public string Describe() =>
        string.Join("\n", Violations.Select(v => $"{v.Id}: {v.Help} ({v.Nodes} elements, e.g. {v.Example})"));
}

/// <summary>A rule broken by <see cref="Nodes"/> elements, the first of which is <see cref="Example"/>.</summary>
public sealed record AxeViolation(string Id, string Help, int Nodes, string Example);
