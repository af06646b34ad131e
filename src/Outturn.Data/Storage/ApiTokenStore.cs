using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Outturn.Data.Entities;

namespace Outturn.Data.Storage;

/// <summary>A token just made: the only time its secret is known.</summary>
public sealed record IssuedToken(ApiToken Token, string Secret);

/// <summary>
/// Makes, finds and revokes API tokens. A token reads <c>ott_PREFIX_SECRET</c>: the prefix (8 random bytes) finds the
/// row, and the SHA-256 of the whole token must match the stored hash, compared in constant time.
/// </summary>
public sealed class ApiTokenStore(OutturnDbContext db, TimeProvider clock)
{
    public const string Marker = "ott_";

    /// <summary>The longest a token may live: a year, so that forgotten tokens die.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(366);

    public async Task<IssuedToken> IssueAsync(
        int organisationId,
        string name,
        ApiScope scope,
        TimeSpan lifetime,
        string createdBy,
        CancellationToken ct = default
    )
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new OutturnException("Give the token a name that says what it is for.");
        }

        if (lifetime <= TimeSpan.Zero || lifetime > MaxLifetime)
        {
            throw new OutturnException("A token lasts between 1 and 366 days.");
        }

        var prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var secret = $"{Marker}{prefix}_{Base64Url(RandomNumberGenerator.GetBytes(32))}";
        var now = clock.GetUtcNow().UtcDateTime;
        var token = new ApiToken
        {
            OrganisationId = organisationId,
            Name = name.Trim(),
            Prefix = prefix,
            Hash = HashOf(secret),
            Scope = scope,
            CreatedBy = createdBy,
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        };
        db.ApiTokens.Add(token);
        AuditLog.Add(
            db,
            organisationId,
            now,
            createdBy,
            AuditKinds.TokenIssued,
            token.Name,
            $"{scope.ToString().ToLowerInvariant()}, expires {token.ExpiresAt:yyyy-MM-dd}"
        );
        await db.SaveChangesAsync(ct);
        return new IssuedToken(token, secret);
    }

    /// <summary>The active token that <paramref name="presented"/> is, or null when it is unknown, wrong, expired or
    /// revoked.</summary>
    public async Task<ApiToken?> FindActiveAsync(string presented, CancellationToken ct = default)
    {
        if (!presented.StartsWith(Marker, StringComparison.Ordinal) || presented.Length > 200)
        {
            return null;
        }

        var parts = presented[Marker.Length..].Split('_', 2);
        if (parts.Length != 2)
        {
            return null;
        }

        var prefix = parts[0];
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Prefix == prefix, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        if (
            token is null
            || !CryptographicOperations.FixedTimeEquals(
                Encoding.ASCII.GetBytes(token.Hash),
                Encoding.ASCII.GetBytes(HashOf(presented))
            )
            || !token.IsActive(now)
            || !(await MakersEntitledAsync([token], ct)).Contains(token.Id)
        )
        {
            return null;
        }

        // Recorded at most once a minute, so that a busy feed does not write on every call.
        if (token.LastUsedAt is null || now - token.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            token.LastUsedAt = now;
            await db.SaveChangesAsync(ct);
        }

        return token;
    }

    /// <summary>
    /// Which of <paramref name="tokens"/> their makers may still use: a token acts with no more than its maker's
    /// rights now, so it stops when its maker is removed, loses access or moves to another organisation, and a
    /// write token stops when its maker is no longer a performance officer or administrator.
    /// </summary>
    public async Task<HashSet<int>> MakersEntitledAsync(IReadOnlyList<ApiToken> tokens, CancellationToken ct = default)
    {
        var names = tokens.Select(t => t.CreatedBy).Distinct().ToList();
        var now = clock.GetUtcNow();
        var makers = await db
            .Users.AsNoTracking()
            .Where(u => names.Contains(u.UserName!))
            .Select(u => new
            {
                u.UserName,
                u.OrganisationId,
                u.LockoutEnd,
                Roles = db
                    .UserRoles.Where(r => r.UserId == u.Id)
                    .Join(db.Roles, r => r.RoleId, r => r.Id, (_, r) => r.Name)
                    .ToList(),
            })
            .ToListAsync(ct);
        var entitled = new HashSet<int>();
        foreach (var token in tokens)
        {
            var maker = makers.SingleOrDefault(m => m.UserName == token.CreatedBy);
            if (maker is null || (maker.LockoutEnd is { } end && end > now) || maker.Roles.Count == 0)
            {
                continue;
            }

            var ofOrganisation =
                maker.OrganisationId == token.OrganisationId
                || (maker.OrganisationId is null && maker.Roles.Contains(Roles.Administrator));
            var mayWrite = maker.Roles.Contains(Roles.Administrator) || maker.Roles.Contains(Roles.PerformanceOfficer);
            if (ofOrganisation && (token.Scope != ApiScope.Write || mayWrite))
            {
                entitled.Add(token.Id);
            }
        }

        return entitled;
    }

    public async Task<IReadOnlyList<ApiToken>> ListAsync(int organisationId, CancellationToken ct = default) =>
        await db
            .ApiTokens.AsNoTracking()
            .Where(t => t.OrganisationId == organisationId)
            .OrderByDescending(t => t.CreatedAt)
            .ThenByDescending(t => t.Id)
            .ToListAsync(ct);

    /// <summary>Revokes a token of the organisation; false when there is no such token. Revoking twice changes
    /// nothing.</summary>
    public async Task<bool> RevokeAsync(int organisationId, int tokenId, string by, CancellationToken ct = default)
    {
        var token = await db.ApiTokens.SingleOrDefaultAsync(
            t => t.Id == tokenId && t.OrganisationId == organisationId,
            ct
        );
        if (token is null)
        {
            return false;
        }

        if (token.RevokedAt is null)
        {
            token.RevokedAt = clock.GetUtcNow().UtcDateTime;
            token.RevokedBy = by;
            AuditLog.Add(db, organisationId, token.RevokedAt.Value, by, AuditKinds.TokenRevoked, token.Name);
            await db.SaveChangesAsync(ct);
        }

        return true;
    }

    public static string HashOf(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
