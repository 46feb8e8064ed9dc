using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;

namespace ModArith.Web.Security;

/// <summary>
/// Dashboard:AccessToken checks. The token is compared in constant time (of its SHA-256, so its
/// length does not leak either). A browser that presented it once gets a session cookie that holds
/// no secret: an opaque value sealed by ASP.NET Core Data Protection, naming a fingerprint of the
/// token (so changing the token ends every session) and expiring after <see cref="SessionLifetime"/>.
/// </summary>
public sealed class AccessToken
{
    public const string CookieName = "modarith_session";
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromDays(7);

    private readonly byte[] tokenHash;
    private readonly string fingerprint;
    private readonly ITimeLimitedDataProtector protector;

    public AccessToken(string token, IDataProtectionProvider dataProtection)
    {
        tokenHash = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        fingerprint = Convert.ToHexString(SHA256.HashData(tokenHash))[..16];
        protector = dataProtection.CreateProtector("ModArith.AccessToken.Session").ToTimeLimitedDataProtector();
    }

    public bool Matches(string? presented) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), tokenHash);

    public string NewSession() => protector.Protect("session:" + fingerprint, SessionLifetime);

    public bool IsValidSession(string? cookie)
    {
        if (string.IsNullOrEmpty(cookie)) return false;
        try { return protector.Unprotect(cookie, out _) == "session:" + fingerprint; }
        catch (CryptographicException) { return false; } // tampered, expired, or sealed with keys we do not have
    }
}
