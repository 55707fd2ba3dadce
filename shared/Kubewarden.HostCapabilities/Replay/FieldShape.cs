namespace Kubewarden.HostCapabilities.Replay;

/// <summary>How a request field is read and compared.</summary>
internal enum FieldShape
{
    /// <summary>Must be present (a Rust field that is not an <c>Option</c>).</summary>
    Required,

    /// <summary>May be absent or null, which are equal (a Rust <c>Option</c>).</summary>
    Optional,

    /// <summary>An optional list compared as a set (a Rust <c>Option&lt;BTreeSet&gt;</c>).</summary>
    OptionalSet,
}
