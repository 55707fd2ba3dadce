using System.Runtime.InteropServices;

namespace Kubewarden.HostCapabilities.Oci;

/// <summary>
/// The platform of this process in the OCI image-index vocabulary (Go's <c>GOOS</c>/<c>GOARCH</c>): the entry of a
/// multi-platform image that <c>oci/v1/oci_manifest_config</c> picks, as Kubewarden's OCI client does.
/// </summary>
internal static class RunningPlatform
{
    public static string OperatingSystem { get; } =
        System.OperatingSystem.IsLinux() ? "linux"
        : System.OperatingSystem.IsMacOS() ? "darwin"
        : System.OperatingSystem.IsWindows() ? "windows"
        : RuntimeInformation.OSDescription.ToLowerInvariant();

    public static string Architecture { get; } = RuntimeInformation.ProcessArchitecture switch
    {
        System.Runtime.InteropServices.Architecture.X64 => "amd64",
        System.Runtime.InteropServices.Architecture.Arm64 => "arm64",
        System.Runtime.InteropServices.Architecture.X86 => "386",
        System.Runtime.InteropServices.Architecture.LoongArch64 => "loong64",
        var other => other.ToString().ToLowerInvariant(),
    };

    /// <summary><c>os/architecture</c>, for messages.</summary>
    public static string Name => $"{OperatingSystem}/{Architecture}";
}
