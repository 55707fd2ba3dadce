namespace Kubewarden.Oci;

/// <summary>A username and password for HTTP Basic authentication or for a token realm.</summary>
/// <param name="Username">The user name.</param>
/// <param name="Password">The password.</param>
internal sealed record RegistryCredentials(string Username, string Password);
