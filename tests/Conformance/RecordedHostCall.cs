namespace Kubewarden.Conformance.Tests;

/// <summary>A host call a guest made, as the corpus states expectations about it.</summary>
internal sealed record RecordedHostCall(string Binding, string Namespace, string Operation, string Payload);
