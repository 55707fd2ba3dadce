using System.Security.Cryptography;
using Kubewarden.Policies;

namespace Kubewarden.PolicyServer.PolicySet;

/// <summary>One read of the policies file: its version (SHA-256 of the bytes) and what it parses to.</summary>
internal sealed record PoliciesFile(string Version, PoliciesLoadResult Result)
{
    public static PoliciesFile Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        return new PoliciesFile($"sha256:{Convert.ToHexStringLower(SHA256.HashData(bytes))}", PoliciesFileLoader.Load(bytes, path));
    }
}
