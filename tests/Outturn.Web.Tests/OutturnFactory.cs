using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Outturn.Data.Tests;

namespace Outturn.Web.Tests;

/// <summary>The web app over a fresh database of its own holding the demo council.</summary>
public sealed class OutturnFactory(TestDatabase database) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Outturn:Database", database.Target.ConnectionString);
        builder.UseSetting("Outturn:LoadDemo", "true");
    }

    public static async Task<(OutturnFactory Factory, TestDatabase Database)> CreateAsync(string provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        return (new OutturnFactory(database), database);
    }
}
