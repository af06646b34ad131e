namespace Outturn.Data.Entities;

/// <summary>What an API token may do: read figures, or read and write them.</summary>
public enum ApiScope
{
    Read,
    Write,
}

/// <summary>
/// A token a machine (a case-management system, a data warehouse, Power BI) uses to call the JSON API for one
/// organisation. Only a hash of the secret is stored: the token itself is shown once, when it is made. Tokens expire
/// and can be revoked; a revoked token is kept so that history still says whose it was.
/// </summary>
public sealed class ApiToken
{
    public int Id { get; set; }
    public int OrganisationId { get; set; }

    /// <summary>What the token is for, in words ("Liquidlogic nightly feed").</summary>
    public required string Name { get; set; }

    /// <summary>The public part of the token, unique, by which it is found (the secret is never looked up).</summary>
    public required string Prefix { get; set; }

    /// <summary>SHA-256 of the whole token, hex. The secret is 256 random bits, so a fast hash is enough.</summary>
    public required string Hash { get; set; }

    public ApiScope Scope { get; set; }

    /// <summary>The person who made it; changes made with the token are recorded as theirs ("api:NAME by
    /// PERSON").</summary>
    public required string CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }
    public DateTime? LastUsedAt { get; set; }

    public bool IsActive(DateTime now) => RevokedAt is null && ExpiresAt > now;
}
