using System.Text.Json.Serialization;
using Kubewarden.HostCapabilities.Sigstore.Cosign;
using Kubewarden.HostCapabilities.Sigstore.Requests;

namespace Kubewarden.HostCapabilities.Sigstore;

/// <summary>Source-generated JSON for the verification payloads, the answer and the cosign documents.</summary>
[JsonSourceGenerationOptions(RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(PubKeyVerificationRequest))]
[JsonSerializable(typeof(KeylessVerificationRequest))]
[JsonSerializable(typeof(KeylessPrefixVerificationRequest))]
[JsonSerializable(typeof(GithubActionsVerificationRequest))]
[JsonSerializable(typeof(CertificateVerificationRequest))]
[JsonSerializable(typeof(VerificationResponse))]
[JsonSerializable(typeof(CosignManifest))]
[JsonSerializable(typeof(SimpleSigningPayload))]
internal sealed partial class SigstoreJsonContext : JsonSerializerContext;
