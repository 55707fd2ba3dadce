using System.Diagnostics;

namespace Kubewarden.Oci.Tests.Registry;

/// <summary>A user for the registry's htpasswd auth; the bcrypt line is made by the installed <c>htpasswd -Bbn</c>.</summary>
/// <param name="Username">The user name.</param>
/// <param name="Password">The password.</param>
public sealed record HtpasswdUser(string Username, string Password)
{
    /// <summary>Runs <c>htpasswd -Bbn</c> and returns the <c>user:$2y$…</c> line.</summary>
    public string ToHtpasswdLine()
    {
        var start = new ProcessStartInfo("htpasswd") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-Bbn", Username, Password })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start htpasswd (apt-get install apache2-utils)");
        var line = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return process.ExitCode == 0 ? line : throw new InvalidOperationException($"htpasswd failed: {process.StandardError.ReadToEnd()}");
    }
}
