using Outturn.Data.Storage;
using Outturn.Reports;
using Outturn.Web.Endpoints;

namespace Outturn.Web;

/// <summary>Settings under "Outturn" in configuration (appsettings.json, environment variables Outturn__Database…).</summary>
public sealed class OutturnOptions
{
    public const string Section = "Outturn";

    /// <summary>A SQLite path or a PostgreSQL connection string, as the CLI's --database.</summary>
    public string? Database { get; set; }

    /// <summary>Load the demo council into an empty database on start.</summary>
    public bool LoadDemo { get; set; } = true;
}

public static class Extensions
{
    public static void AddOutturn(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(OutturnOptions.Section).Get<OutturnOptions>() ?? new OutturnOptions();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(DatabaseTarget.Parse(options.Database ?? Environment.GetEnvironmentVariable("OUTTURN_DATABASE")));
        builder.Services.AddScoped(sp => sp.GetRequiredService<DatabaseTarget>().CreateContext());
        builder.Services.AddScoped<EvaluationService>();
        builder.Services.AddScoped<ReportBuilder>();
        builder.Services.AddScoped<MeasureQueries>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddRazorPages(o => o.Conventions.ConfigureFilter(new Microsoft.AspNetCore.Mvc.AutoValidateAntiforgeryTokenAttribute()));
        builder.Services.AddProblemDetails();
    }

    /// <summary>Creates or upgrades the schema, and loads the demo council into an empty database if configured to.</summary>
    public static async Task PrepareDatabaseAsync(this IServiceProvider services)
    {
        var target = services.GetRequiredService<DatabaseTarget>();
        await using var db = await target.OpenAsync();
        if (services.GetRequiredService<OutturnOptions>().LoadDemo && !db.Organisations.Any())
        {
            var demo = Path.Combine(AppContext.BaseDirectory, "demo");
            await new Importer(db, TimeProvider.System).ImportAsync("Borsetshire County Council",
                [Path.Combine(demo, "measures.csv"), Path.Combine(demo, "values.csv")], "demo");
        }
    }

    public static void UseOutturn(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error");
            app.UseHsts();
        }

        app.UseStatusCodePagesWithReExecute("/NotFound");
        app.UseStaticFiles();
        app.UseRouting();
        app.MapRazorPages();
        app.MapReportDownloads();
    }
}
