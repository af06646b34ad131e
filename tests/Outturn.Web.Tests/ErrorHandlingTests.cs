using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Outturn.Web.Tests;

/// <summary>An unhandled exception is a ProblemDetails for the API and the GOV.UK error page for pages, with the
/// request's id, and never a stack trace (the tests run the app in Development, where ASP.NET Core would show
/// one).</summary>
public sealed class ErrorHandlingTests
{
    private const string Secret = "a detail only the log may hold";

    [Fact]
    public async Task A_failure_is_a_problem_for_the_API_and_the_error_page_for_pages()
    {
        await using var database = await TestDatabase.CreateAsync("sqlite");
        using var factory = new OutturnFactory(database);
        using var broken = factory.WithWebHostBuilder(b =>
            b.ConfigureTestServices(s =>
                s.AddScoped<Data.Storage.EvaluationService>(_ => throw new InvalidOperationException(Secret))
            )
        );
        var client = broken.CreateClient(
            new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }
        );

        var api = await client.GetAsync(
            $"/api/v1/organisations/{Data.Entities.Slug.Of("Borsetshire County Council")}/evaluations?period=2018-03"
        );
        Assert.Equal(HttpStatusCode.InternalServerError, api.StatusCode);
        Assert.True(
            "application/problem+json" == api.Content.Headers.ContentType?.MediaType,
            await api.Content.ReadAsStringAsync()
        );
        var body = await api.Content.ReadAsStringAsync();
        using var problem = JsonDocument.Parse(body);
        Assert.Equal(500, problem.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.RootElement.GetProperty("request_id").GetString()));
        Assert.DoesNotContain(Secret, body, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);

        var page = await client.GetAsync("/committees/Cabinet");
        Assert.Equal(HttpStatusCode.InternalServerError, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Sorry, there is a problem with the service", html, StringComparison.Ordinal);
        Assert.Contains("govuk-", html, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, html, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", html, StringComparison.Ordinal);
    }
}
