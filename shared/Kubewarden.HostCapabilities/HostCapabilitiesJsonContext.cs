using System.Text.Json.Serialization;
using Kubewarden.HostCapabilities.Crypto;
using Kubewarden.HostCapabilities.Net;
using Kubewarden.HostCapabilities.Oci;

namespace Kubewarden.HostCapabilities;

/// <summary>Source-generated JSON of the capabilities' payloads and answers, named as Kubewarden's SDKs name them.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(ManifestDigestResponse))]
[JsonSerializable(typeof(DnsLookupResponse))]
[JsonSerializable(typeof(CertificateVerificationRequest))]
[JsonSerializable(typeof(CertificateVerificationResponse))]
internal sealed partial class HostCapabilitiesJsonContext : JsonSerializerContext;
