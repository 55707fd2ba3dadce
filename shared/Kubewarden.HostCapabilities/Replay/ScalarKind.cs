namespace Kubewarden.HostCapabilities.Replay;

/// <summary>What a scalar is known to be: JSON says it; a YAML plain scalar leaves it open.</summary>
internal enum ScalarKind
{
    /// <summary>A JSON string or a quoted (or <c>!!str</c>) YAML scalar.</summary>
    String,

    /// <summary>A JSON number.</summary>
    Number,

    /// <summary>A JSON boolean.</summary>
    Boolean,

    /// <summary>A YAML plain scalar: a string, a number or a boolean depending on the field it fills.</summary>
    Plain,
}
