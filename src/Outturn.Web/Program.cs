using Outturn.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddOutturn();

var app = builder.Build();
await app.Services.PrepareDatabaseAsync();
app.UseOutturn();
app.LogWhenReady();
app.Run();

/// <summary>Visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
