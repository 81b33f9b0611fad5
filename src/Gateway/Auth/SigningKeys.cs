using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace UnitGrains.Gateway.Auth;

/// <summary>
/// Where the token signing key comes from: configuration (<c>UnitGrains:Auth:SigningKey</c>), or —
/// in Development only — a key generated once per user in <c>~/.unitgrains/dev-signing-key</c>, so
/// the running gateway and the token command agree without anyone handling a secret. Outside
/// Development a missing key stops the start with an error that says what to set.
/// </summary>
public static class SigningKeys
{
    public const int MinimumLength = 32;

    public static string DevelopmentKeyFile { get; } =
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".unitgrains", "dev-signing-key");

    public static SymmetricSecurityKey Resolve(AuthOptions options, IHostEnvironment environment)
    {
        var key = options.SigningKey;
        if (string.IsNullOrWhiteSpace(key))
        {
            if (!environment.IsDevelopment())
            {
                throw new InvalidOperationException(
                    $"No token signing key is configured for the {environment.EnvironmentName} environment: set UnitGrains:Auth:SigningKey " +
                    $"(environment variable UnitGrains__Auth__SigningKey) to a secret of at least {MinimumLength} characters. " +
                    "A development key is generated only in the Development environment.");
            }

            key = DevelopmentKey();
        }

        if (key.Length < MinimumLength)
        {
            throw new InvalidOperationException($"UnitGrains:Auth:SigningKey has {key.Length} characters; HMAC-SHA256 needs at least {MinimumLength}.");
        }

        return new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key));
    }

    /// <summary>Reads the per-user development key, creating it on first use (readable by the user only).</summary>
    private static string DevelopmentKey()
    {
        if (File.Exists(DevelopmentKeyFile))
        {
            return File.ReadAllText(DevelopmentKeyFile).Trim();
        }

        Directory.CreateDirectory(Path.GetDirectoryName(DevelopmentKeyFile)!);
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using var writer = new StreamWriter(DevelopmentKeyFile, Encoding.ASCII, options);
            writer.Write(key);
            return key;
        }
        catch (IOException) when (File.Exists(DevelopmentKeyFile))
        {
            // The gateway and the token command started together: the other one wrote it first.
            return File.ReadAllText(DevelopmentKeyFile).Trim();
        }
    }
}
