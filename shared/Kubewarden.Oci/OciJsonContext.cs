using System.Text.Json.Serialization;

namespace Kubewarden.Oci;

/// <summary>Source-generated serialization of the registry API documents.</summary>
[JsonSerializable(typeof(OciManifest))]
[JsonSerializable(typeof(TokenResponse))]
internal sealed partial class OciJsonContext : JsonSerializerContext;
