namespace Kubewarden.Policies;

/// <summary>Where a policy module is fetched from (spec §9.1).</summary>
public enum ModuleSourceKind
{
    /// <summary><c>file:///abs/path.wasm</c>: used in place.</summary>
    File,

    /// <summary><c>http://…</c>: HTTP GET (in the reference only usable for insecure sources).</summary>
    Http,

    /// <summary><c>https://…</c>: HTTP GET over TLS.</summary>
    Https,

    /// <summary><c>registry://host[:port]/repo:tag</c>, or a URL without a scheme: OCI pull.</summary>
    Registry,
}
