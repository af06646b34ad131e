using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Outturn.Data.Entities;
using Outturn.Data.Storage;
using Outturn.Web.Api;
using Outturn.Web.Endpoints;

namespace Outturn.Web;

/// <summary>Settings under "Outturn" in configuration (appsettings.json, environment variables
/// Outturn__Database…).</summary>
public sealed class OutturnOptions
{
    public const string Section = "Outturn";

    /// <summary>The shortest password anyone may have (NCSC: length over composition rules).</summary>
    public const int MinimumPasswordLength = 12;

    /// <summary>A SQLite path or a PostgreSQL connection string, as the CLI's --database.</summary>
    public string? Database { get; set; }

    /// <summary>Load the demo council into an empty database on start.</summary>
    public bool LoadDemo { get; set; } = true;

    /// <summary>The organisation shown to visitors; default: the first.</summary>
    public string? Organisation { get; set; }

    /// <summary>The address the public reaches the service at (https://performance.example.gov.uk), for absolute links
    /// in the API; without it links are relative. Never taken from the request's Host header, which a caller
    /// chooses.</summary>
    public string? PublicBaseAddress { get; set; }

    /// <summary>The reverse proxies (addresses or CIDR networks) whose X-Forwarded-For and X-Forwarded-Proto headers
    /// are trusted (<see cref="Web.Proxies"/>); none by default.</summary>
    public List<string> Proxies { get; set; } = [];

    /// <summary>The first administrator's password; when not set, one is made up and printed once in the log.</summary>
    public string? AdminPassword { get; set; }

    /// <summary>Where the data is: <see cref="Database"/>, else $OUTTURN_DATABASE, else the default SQLite
    /// file.</summary>
    public DatabaseTarget DatabaseTarget() =>
        Data.Storage.DatabaseTarget.Parse(Database ?? Environment.GetEnvironmentVariable("OUTTURN_DATABASE"));

    /// <summary>A PostgreSQL connection string that what visitors read is read through: a streaming standby of
    /// <see cref="Database"/>, usually with the primary after it and <c>Target Session Attributes=prefer-standby</c>
    /// so that reads carry on if the standby is down (<see cref="Web.ReadRouting"/>). None: everything reads the
    /// primary.</summary>
    public string? ReadDatabase { get; set; }

    /// <summary>The database visitors read, when one is configured.</summary>
    public DatabaseTarget? ReadDatabaseTarget() =>
        string.IsNullOrWhiteSpace(ReadDatabase) ? null : Data.Storage.DatabaseTarget.Parse(ReadDatabase);

    /// <summary>Sign-in with an OpenID Connect provider (Microsoft Entra ID, Google Workspace, Okta…), when its
    /// Authority is set.</summary>
    public OidcOptions Oidc { get; set; } = new();

    /// <summary>The SMTP server reminders are sent through; without a host, nothing is sent.</summary>
    public Data.Cycle.EmailSettings Email { get; set; } = new();

    /// <summary>When reminders go and how often the scheduler looks (docs/cycle.md).</summary>
    public ReminderOptions Reminders { get; set; } = new();

    /// <summary>The log's format, and where traces and metrics are sent (<see cref="Observability"/>).</summary>
    public TelemetryOptions Telemetry { get; set; } = new();
}

/// <summary>Settings under "Outturn:Reminders".</summary>
public sealed class ReminderOptions
{
    public int DaysBefore { get; set; } = 3;
    public int DaysAfter { get; set; } = 1;
    public int EscalateAfter { get; set; } = 5;

    /// <summary>How often the scheduler looks for reminders due, in minutes; each reminder goes once however often
    /// it looks.</summary>
    public int IntervalMinutes { get; set; } = 60;

    /// <summary>The rule these settings make, or null when they are out of range.</summary>
    public Domain.Cycle.ReminderSettings? Settings()
    {
        try
        {
            return new Domain.Cycle.ReminderSettings(DaysBefore, DaysAfter, EscalateAfter);
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}

/// <summary>
/// Settings under "Outturn:Oidc". For Microsoft Entra ID: Authority https://login.microsoftonline.com/TENANT/v2.0,
/// the app registration's client id and secret, and the redirect URI https://HOST/signin-oidc registered with it.
/// </summary>
public sealed class OidcOptions
{
    public const string Scheme = "oidc";

    /// <summary>What is asked of the provider: who the person is, and their name and email to match an account
    /// by.</summary>
    public static readonly IReadOnlyList<string> Scopes = ["openid", "profile", "email"];

    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }

    /// <summary>The button's words: "Sign in with {DisplayName}".</summary>
    public string DisplayName { get; set; } = "your organisation's account";

    /// <summary>The claims, in order, whose value is matched to an Outturn user name or email address.</summary>
    public string[] UserClaims { get; set; } = ["preferred_username", "email", "upn"];

    /// <summary>Off only for tests and development against a provider on plain HTTP.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);
}

/// <summary>Checks the settings as the app starts; each failure names the setting, what it holds and what it
/// should.</summary>
public sealed class OutturnOptionsValidator : IValidateOptions<OutturnOptions>
{
    public ValidateOptionsResult Validate(string? name, OutturnOptions options)
    {
        var failures = new List<string>();
        const string at = OutturnOptions.Section + ":";
        try
        {
            options.DatabaseTarget();
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
            failures.Add(
                $"{at}Database (or OUTTURN_DATABASE) is not a SQLite path or a PostgreSQL connection string: "
                    + $"{e.Message}"
            );
        }

        if (
            options.PublicBaseAddress is { Length: > 0 } address
            && !(
                Uri.TryCreate(address, UriKind.Absolute, out var uri)
                && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
                && uri.Query.Length == 0
            )
        )
        {
            failures.Add(
                $"{at}PublicBaseAddress is '{address}': expected an absolute http or https address without a query, "
                    + $"such as https://performance.example.gov.uk."
            );
        }

        if (!string.IsNullOrWhiteSpace(options.ReadDatabase))
        {
            // Not echoed: a connection string may hold a password.
            static DatabaseProvider? ProviderOf(Func<DatabaseTarget?> target)
            {
                try
                {
                    return target()?.Provider;
                }
                catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
                {
                    return null;
                }
            }

            if (
                ProviderOf(options.ReadDatabaseTarget) != DatabaseProvider.PostgreSql
                || ProviderOf(options.DatabaseTarget) != DatabaseProvider.PostgreSql
            )
            {
                failures.Add(
                    $"{at}ReadDatabase is set: expected a PostgreSQL connection string to a standby of a PostgreSQL "
                        + $"{at}Database (a SQLite file has no standby)."
                );
            }
        }

        foreach (var proxy in options.Proxies.Where(p => Web.Proxies.Parse(p) is null))
        {
            failures.Add($"{at}Proxies has '{proxy}': expected a proxy's address (10.0.0.5) or network (10.0.0.0/24).");
        }

        if (options.AdminPassword is { Length: > 0 } password && password.Length < OutturnOptions.MinimumPasswordLength)
        {
            failures.Add(
                $"{at}AdminPassword has {password.Length} characters: expected at least "
                    + $"{OutturnOptions.MinimumPasswordLength}."
            );
        }

        failures.AddRange(options.Email.Problems());
        if (options.Reminders.Settings() is null)
        {
            failures.Add(
                $"{at}Reminders: DaysBefore is 0 to 60, DaysAfter 1 to 60, and EscalateAfter at least DaysAfter and at "
                    + "most 120."
            );
        }

        if (options.Telemetry.LogFormat is { } format && format is not ("json" or "text"))
        {
            failures.Add($"{at}Telemetry:LogFormat is '{format}': expected json or text.");
        }

        if (
            options.Telemetry.OtlpEndpoint is { Length: > 0 } otlp
            && !(
                Uri.TryCreate(otlp, UriKind.Absolute, out var collector)
                && (collector.Scheme == Uri.UriSchemeHttps || collector.Scheme == Uri.UriSchemeHttp)
            )
        )
        {
            failures.Add(
                $"{at}Telemetry:OtlpEndpoint is '{otlp}': expected a collector's http or https address, such as "
                    + "http://collector:4318."
            );
        }

        if (options.Reminders.IntervalMinutes is < 1 or > 1440)
        {
            failures.Add($"{at}Reminders:IntervalMinutes is {options.Reminders.IntervalMinutes}: expected 1 to 1440.");
        }

        var oidc = options.Oidc;
        var oidcAt = at + "Oidc:";
        if (!string.IsNullOrWhiteSpace(oidc.Authority) || !string.IsNullOrWhiteSpace(oidc.ClientId))
        {
            if (string.IsNullOrWhiteSpace(oidc.Authority))
            {
                failures.Add($"{oidcAt}Authority is not set but {oidcAt}ClientId is: set both, or neither.");
            }
            else if (
                !Uri.TryCreate(oidc.Authority, UriKind.Absolute, out var authority)
                || !(
                    authority.Scheme == Uri.UriSchemeHttps
                    || (authority.Scheme == Uri.UriSchemeHttp && !oidc.RequireHttpsMetadata)
                )
            )
            {
                failures.Add(
                    $"{oidcAt}Authority is '{oidc.Authority}': expected an absolute https address (plain http only "
                        + $"with {oidcAt}RequireHttpsMetadata false)."
                );
            }

            if (string.IsNullOrWhiteSpace(oidc.ClientId))
            {
                failures.Add($"{oidcAt}ClientId is not set but {oidcAt}Authority is: set both, or neither.");
            }

            if (oidc.UserClaims.Length == 0 || oidc.UserClaims.Any(string.IsNullOrWhiteSpace))
            {
                failures.Add(
                    $"{oidcAt}UserClaims is empty or holds a blank name: expected the claims to match people by, such "
                        + $"as preferred_username."
                );
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

public static class Extensions
{
    public static void AddOutturn(this WebApplicationBuilder builder)
    {
        // Bound and checked once: a bad setting stops the app at start with a message naming it
        // (OutturnOptionsValidator).
        builder.Services.AddOptions<OutturnOptions>().BindConfiguration(OutturnOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<OutturnOptions>, OutturnOptionsValidator>();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<OutturnOptions>>().Value);
        builder.Services.AddSingleton(sp => sp.GetRequiredService<OutturnOptions>().DatabaseTarget().WithPooling());
        // Read here too for what decides which services exist (an OpenID Connect provider or not).
        var options =
            builder.Configuration.GetSection(OutturnOptions.Section).Get<OutturnOptions>() ?? new OutturnOptions();
        builder.AddOutturnObservability(options.Telemetry);
        builder.Services.AddSingleton(sp => new ReadRouting(
            sp.GetRequiredService<DatabaseTarget>(),
            sp.GetRequiredService<OutturnOptions>().ReadDatabaseTarget()?.WithPooling(),
            sp.GetRequiredService<IHttpContextAccessor>()
        ));
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped(sp => sp.GetRequiredService<ReadRouting>().For(sp).CreateContext());
        builder.Services.AddScoped<EvaluationService>();
        builder.Services.AddScoped<Data.Cycle.CollectionService>();
        builder.Services.AddScoped<Data.Cycle.PeriodLockService>();
        builder.Services.AddScoped<Data.Cycle.TargetGridService>();
        if (options.Email.IsConfigured)
        {
            builder.Services.AddHostedService<ReminderScheduler>();
        }
        // Keys in the database: every instance on it signs and reads the same cookies and forms.
        builder.Services.AddDataProtection().SetApplicationName("Outturn").PersistKeysToDbContext<OutturnDbContext>();
        builder.Services.AddScoped<ReportMaker>();
        builder.Services.AddScoped<CoveringPapers>();
        builder.Services.AddScoped<CoveringDrafts>();
        builder.Services.AddScoped<MeasureQueries>();
        builder.Services.AddScoped<Data.Comparisons.ComparisonService>();
        builder.Services.AddScoped<EntryService>();
        builder.Services.AddScoped<UploadStore>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder
            .Services.AddIdentity<OutturnUser, IdentityRole>(o =>
            {
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                // Length over composition rules, as the NCSC advises ("three random words"): 12 characters, any kind.
                o.Password.RequiredLength = OutturnOptions.MinimumPasswordLength;
                o.Password.RequireDigit = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<OutturnDbContext>()
            .AddDefaultTokenProviders();
        builder.Services.Configure<DataProtectionTokenProviderOptions>(o =>
            o.TokenLifespan = Pages.Account.ForgotPasswordModel.LinkLifetime
        );
        // A changed role or removed access (which change the security stamp) reaches signed-in browsers within a
        // minute.
        builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/sign-in";
            o.AccessDeniedPath = "/account/access-denied";
            o.Cookie.Name = ReadRouting.SessionCookie;
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.SlidingExpiration = true;
            o.Events.OnValidatePrincipal = SessionCheck.ValidateAsync;
        });
        builder.Services.AddAuthorization(o =>
        {
            // Everything needs a signed-in person unless a page says otherwise (published dashboards, sign-in).
            o.FallbackPolicy = new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder()
                .RequireAuthenticatedUser()
                .Build();
            o.AddOutturnPolicies();
        });
        builder.Services.AddScoped<Access>();
        builder.Services.AddScoped<ApiAccess>();
        builder.Services.AddMemoryCache(o => o.SizeLimit = 500);
        builder.Services.AddSingleton<ReportCache>();
        builder.Services.AddSingleton<VisitorPageCache>();
        builder.Services.AddSingleton<PdfRenderer>();
        if (options.Oidc.Enabled)
        {
            // People sign in at their organisation's provider; the callback (Pages/Account/External) links the
            // identity to an existing Outturn account, whose roles and organisation then apply. No account is made.
            builder
                .Services.AddAuthentication()
                .AddOpenIdConnect(
                    OidcOptions.Scheme,
                    options.Oidc.DisplayName,
                    o =>
                    {
                        o.SignInScheme = IdentityConstants.ExternalScheme;
                        o.Authority = options.Oidc.Authority;
                        o.ClientId = options.Oidc.ClientId;
                        o.ClientSecret = options.Oidc.ClientSecret;
                        o.RequireHttpsMetadata = options.Oidc.RequireHttpsMetadata;
                        o.ResponseType = "code";
                        o.ResponseMode = "query";
                        o.UsePkce = true;
                        o.Scope.Clear();
                        foreach (var scope in OidcOptions.Scopes)
                        {
                            o.Scope.Add(scope);
                        }

                        o.MapInboundClaims = false;
                        o.SaveTokens = false;
                        o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                        o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                        // The provider sends people back by a top-level GET (response_mode=query), which Lax cookies
                        // survive.
                        o.CorrelationCookie.SameSite = SameSiteMode.Lax;
                        o.NonceCookie.SameSite = SameSiteMode.Lax;
                        o.Events.OnRemoteFailure = context =>
                        {
                            // A refused or broken sign-in (bad signature, wrong audience, cancelled) ends on a page
                            // that says so.
                            Log.ExternalSignInFailed(
                                context
                                    .HttpContext.RequestServices.GetRequiredService<ILoggerFactory>()
                                    .CreateLogger("Outturn.SignIn"),
                                context.Failure
                            );
                            context.Response.Redirect("/account/external");
                            context.HandleResponse();
                            return Task.CompletedTask;
                        };
                    }
                );
        }

        builder.Services.AddScoped<ApiTokenStore>();
        builder
            .Services.AddAuthentication()
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiTokenAuthentication>(
                ApiTokenAuthentication.SchemeName,
                null
            );
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.Never;
        });
        builder.Services.AddOpenApi(
            "v1",
            o =>
            {
                o.ShouldInclude = d =>
                    d.RelativePath is { } path
                    && (
                        path.StartsWith("api/", StringComparison.Ordinal)
                        || path.StartsWith("open-data/", StringComparison.Ordinal)
                    );
                o.AddSchemaTransformer(ProblemSchemas.AddExtensions);
                o.AddOperationTransformer(JsonBody.Describe);
                o.AddDocumentTransformer(
                    (document, _, _) =>
                    {
                        document.Info.Title = "Outturn API";
                        document.Info.Version = "v1";
                        document.Info.Description =
                            "Performance figures, ratings and summaries of an organisation's framework. Read with a "
                            + "bearer token "
                            + "(Authorization: Bearer ott_…), a signed-in browser, or nothing for published figures; "
                            + "write with a write-scoped token. See docs/api.md.";
                        return Task.CompletedTask;
                    }
                );
            }
        );
        builder.Services.AddRazorPages(o =>
            o.Conventions.ConfigureFilter(new Microsoft.AspNetCore.Mvc.AutoValidateAntiforgeryTokenAttribute())
        );
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<OutturnExceptionHandler>();
        builder.Services.AddRequestLimits();
        builder.Services.AddOutturnHealth();
        // Framing is refused for every response by SecurityHeaders (X-Frame-Options DENY, frame-ancestors 'none').
        builder.Services.AddAntiforgery(o =>
        {
            o.SuppressXFrameOptionsHeader = true;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        builder.Services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = false;
        });
    }

    /// <summary>Creates or upgrades the schema, loads the demo council into an empty database if configured to, and
    /// creates the roles and a first administrator.</summary>
    public static async Task PrepareDatabaseAsync(this IServiceProvider services)
    {
        var target = services.GetRequiredService<DatabaseTarget>();
        var options = services.GetRequiredService<OutturnOptions>();
        var log = services.GetRequiredService<ILoggerFactory>().CreateLogger("Outturn");
        var started = System.Diagnostics.Stopwatch.StartNew();
        var where = target.ToString();
        Log.OpeningDatabase(log, where);
        await using (var db = await target.OpenAsync())
        {
            if (options.LoadDemo && !db.Organisations.Any())
            {
                Log.LoadingDemo(log);
                await DemoCouncil.LoadAsync(db, Path.Combine(AppContext.BaseDirectory, "demo"), TimeProvider.System);
                await DemoCouncil.PublishRecentAsync(
                    db,
                    input => Outturn.Reports.Model.ReportJson.Write(Outturn.Reports.ReportBuilder.Build(input)),
                    TimeProvider.System
                );
                await DemoCouncil.StartCycleAsync(db);
            }
        }

        await using var scope = services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All.Where(r => !roles.Roles.Any(x => x.Name == r)))
        {
            await roles.CreateAsync(new IdentityRole(role));
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<OutturnUser>>();
        // The first administrator, when there is none: the demo's own people (its performance team and measure
        // owners, made as it loads) are not one.
        if (
            (await users.GetUsersInRoleAsync(Roles.Administrator)).Count == 0
            && await users.FindByNameAsync("admin") is null
        )
        {
            var password =
                options.AdminPassword
                ?? Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(18));
            var admin = new OutturnUser { UserName = "admin", DisplayName = "Administrator" };
            var created = await users.CreateAsync(admin, password);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException(
                    "The first administrator cannot be created: "
                        + string.Join("; ", created.Errors.Select(e => e.Description))
                );
            }

            await users.AddToRoleAsync(admin, Roles.Administrator);
            if (options.AdminPassword is null)
            {
                Log.AdministratorCreated(log, password);
            }
        }

        Log.DatabaseReady(log, started.ElapsedMilliseconds);
    }

    /// <summary>Says where to open the app once it listens (the first address; localhost for one bound to every
    /// interface).</summary>
    public static void LogWhenReady(this WebApplication app) =>
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app
                .Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
                .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()
                ?.Addresses;
            if (addresses?.FirstOrDefault() is { } address)
            {
                var open = address
                    .Replace("://[::]", "://localhost", StringComparison.Ordinal)
                    .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)
                    .Replace("://+", "://localhost", StringComparison.Ordinal);
                var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Outturn");
                Log.Ready(log, open);
            }
        });

    public static void UseOutturn(this WebApplication app)
    {
        // First, so that every later step sees the client's own address and scheme.
        app.UseOutturnProxies(app.Services.GetRequiredService<OutturnOptions>().Proxies);
        // In every environment (development too): no stack trace reaches a browser or a caller of the API.
        app.UseExceptionHandler("/Error");
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseSecurityHeaders();
        app.UseStatusCodePagesWithReExecute("/NotFound");
        // A query that names a parameter twice (?period=2017-12&period=2018-03) is ambiguous: refused, never guessed.
        // Only a list's parameter may repeat (a dashboard's ?show=red&show=amber, from its checkboxes).
        app.Use(
            (context, next) =>
            {
                if (context.Request.Query.Any(q => q.Value.Count > 1 && q.Key != "show"))
                {
                    context.Response.StatusCode = StatusCodes.Status400BadRequest;
                    return Task.CompletedTask;
                }

                return next(context);
            }
        );
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        // After authentication: uploads are limited per person.
        app.UseRateLimiter();
        // An address that matches nothing is "Page not found" for everyone, not a request to sign in first; after
        // authentication, whose handlers answer callbacks of their own (/signin-oidc).
        app.Use(
            (context, next) =>
            {
                if (context.GetEndpoint() is null)
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return Task.CompletedTask;
                }

                return next(context);
            }
        );
        app.UseAuthorization();
        app.UsePersonInLogs();
        // What a signed-in person (or an API token's maker) changes is theirs in the audit trail.
        app.Use(
            (context, next) =>
            {
                if (context.User.Identity is { IsAuthenticated: true, Name: { } name })
                {
                    context.RequestServices.GetRequiredService<OutturnDbContext>().Actor = name;
                }

                return next(context);
            }
        );
        // After authorization: a visitor's page may be answered with the bytes kept from the last time.
        var visitorPages = app.Services.GetRequiredService<VisitorPageCache>();
        app.Use(visitorPages.InvokeAsync);
        app.MapRazorPages();
        app.MapReportDownloads();
        app.MapApi();
        app.MapOpenData();
        app.MapOutturnHealth();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
    }
}
