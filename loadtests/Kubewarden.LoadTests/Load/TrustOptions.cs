using System.CommandLine;

namespace Kubewarden.LoadTests.Load;

/// <summary>How a command trusts the target's certificate: <c>--ca</c> (the only trusted root) or <c>--insecure</c>, not both.</summary>
internal sealed class TrustOptions
{
    private readonly Option<FileInfo?> _ca = new("--ca") { Description = "PEM CA file; the only trusted root" };
    private readonly Option<bool> _insecure = new("--insecure") { Description = "Do not check the server certificate" };

    public void AddTo(Command command)
    {
        command.Options.Add(_ca);
        command.Options.Add(_insecure);
        command.Validators.Add(result =>
        {
            if (result.GetValue(_ca) is not null && result.GetValue(_insecure))
            {
                result.AddError("--ca and --insecure exclude each other.");
            }
        });
    }

    public string? CaFile(ParseResult parse) => parse.GetValue(_ca)?.FullName;

    public bool Insecure(ParseResult parse) => parse.GetValue(_insecure);
}
