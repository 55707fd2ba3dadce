namespace Kubewarden.Rego.Builtins.Sprintf;

/// <summary>The flags, width and precision of one Go format directive, e.g. <c>%-08.3f</c>.</summary>
internal sealed class GoDirective
{
    public bool Plus { get; set; }

    public bool Minus { get; set; }

    public bool Sharp { get; set; }

    public bool Space { get; set; }

    public bool Zero { get; set; }

    /// <summary><c>%+v</c>: Go moves the <c>+</c> flag here, so <c>%+v</c> prints no sign for plain numbers.</summary>
    public bool PlusV { get; set; }

    /// <summary><c>%#v</c>: Go moves the <c>#</c> flag here (Go syntax: quoted strings).</summary>
    public bool SharpV { get; set; }

    public bool HasWidth { get; set; }

    public int Width { get; set; }

    public bool HasPrecision { get; set; }

    public int Precision { get; set; }

    /// <summary>Whether padding on the left is made of zeros (Go never pads with zeros on the right).</summary>
    public bool PadsWithZeros => Zero && !Minus;
}
