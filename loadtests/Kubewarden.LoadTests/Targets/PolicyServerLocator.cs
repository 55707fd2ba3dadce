using System.Diagnostics;

namespace Kubewarden.LoadTests.Targets;

/// <summary>Finds our policy-server build in the repository this harness runs from, building it when missing.</summary>
internal static class PolicyServerLocator
{
    private const string RelativeDll = "services/policy-server/bin/Release/net10.0/policy-server.dll";

    /// <summary>The folder holding Kubewarden.sln, walking up from the harness's own directory.</summary>
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Kubewarden.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no Kubewarden.sln above {AppContext.BaseDirectory}; pass the policy-server.dll path explicitly");
    }

    /// <summary><paramref name="explicitPath"/> when given, else the repository's Release build (built first if absent).</summary>
    public static async Task<string> FindOrBuildAsync(string? explicitPath, CancellationToken cancellationToken)
    {
        if (explicitPath is not null)
        {
            return File.Exists(explicitPath) ? Path.GetFullPath(explicitPath) : throw new FileNotFoundException("policy-server.dll not found", explicitPath);
        }

        var root = RepositoryRoot();
        var dll = Path.Combine(root, RelativeDll);
        if (!File.Exists(dll))
        {
            await BuildAsync(root, cancellationToken);
        }

        return dll;
    }

    private static async Task BuildAsync(string root, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet") { ArgumentList = { "build", "services/policy-server", "-c", "Release" }, WorkingDirectory = root };
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var build = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet build");
        var output = build.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = build.StandardError.ReadToEndAsync(cancellationToken);
        await build.WaitForExitAsync(cancellationToken);
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet build services/policy-server failed ({build.ExitCode}):\n{await output}{await errors}");
        }
    }
}
