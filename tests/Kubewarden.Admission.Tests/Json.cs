using System.Text;
using System.Text.Json;

namespace Kubewarden.Admission.Tests;

internal static class Json
{
    public static byte[] Utf8(string json) => Encoding.UTF8.GetBytes(json);

    public static string Text(byte[] utf8) => Encoding.UTF8.GetString(utf8);

    public static JsonElement Element(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
