using System.Buffers;
using System.Text;

namespace Kubewarden.LoadTests.Scenarios;

/// <summary>
/// A request body with placeholders, split into segments once so that rendering only copies bytes:
/// <c>{{uid}}</c> a fresh unique id, <c>{{n}}</c> the request's sequence number, <c>{{random:a|b|c}}</c> one of the
/// choices. Values are inserted as they are; the template supplies any JSON quotes around them.
/// </summary>
internal sealed class BodyTemplate
{
    private const int MaxPlaceholderBytes = 40;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    private readonly Segment[] _segments;
    private readonly byte[]? _constant;

    private BodyTemplate(string name, Segment[] segments)
    {
        Name = name;
        _segments = segments;
        if (segments.All(s => s.Kind == SegmentKind.Literal))
        {
            _constant = [.. segments.SelectMany(s => s.Choices[0])];
        }
    }

    /// <summary>Where the template came from (file name or position in the scenario), for messages.</summary>
    public string Name { get; }

    public static BodyTemplate Parse(string name, string text)
    {
        var segments = new List<Segment>();
        var position = 0;
        while (position < text.Length)
        {
            var open = text.IndexOf("{{", position, StringComparison.Ordinal);
            if (open < 0)
            {
                segments.Add(Segment.Literal(text[position..]));
                break;
            }

            var close = text.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                throw new FormatException($"{name}: '{{{{' at offset {open} is never closed with '}}}}'");
            }

            if (open > position)
            {
                segments.Add(Segment.Literal(text[position..open]));
            }

            segments.Add(Placeholder(name, text[(open + 2)..close].Trim()));
            position = close + 2;
        }

        return new BodyTemplate(name, [.. segments]);
    }

    public byte[] Render(long sequence, Random random)
    {
        if (_constant is not null)
        {
            return _constant;
        }

        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        foreach (var segment in _segments)
        {
            segment.WriteTo(buffer, sequence, random);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static Segment Placeholder(string name, string expression)
    {
        if (expression == "uid")
        {
            return new Segment(SegmentKind.Uid, []);
        }

        if (expression == "n")
        {
            return new Segment(SegmentKind.Sequence, []);
        }

        if (expression.StartsWith("random:", StringComparison.Ordinal))
        {
            var choices = expression["random:".Length..].Split('|');
            if (choices.Any(c => c.Length == 0))
            {
                throw new FormatException($"{name}: '{{{{{expression}}}}}' has an empty choice");
            }

            return new Segment(SegmentKind.Random, [.. choices.Select(Encoding.UTF8.GetBytes)]);
        }

        throw new FormatException(
            $"{name}: unknown placeholder '{{{{{expression}}}}}' (known: {{{{uid}}}}, {{{{n}}}}, {{{{random:a|b}}}})");
    }

    private enum SegmentKind
    {
        Literal,
        Uid,
        Sequence,
        Random,
    }

    private sealed record Segment(SegmentKind Kind, byte[][] Choices)
    {
        public static Segment Literal(string text) => new(SegmentKind.Literal, [Encoding.UTF8.GetBytes(text)]);

        public void WriteTo(ArrayBufferWriter<byte> buffer, long sequence, Random random)
        {
            switch (Kind)
            {
                case SegmentKind.Literal:
                    buffer.Write(Choices[0]);
                    break;
                case SegmentKind.Random:
                    buffer.Write(Choices[random.Next(Choices.Length)]);
                    break;
                case SegmentKind.Uid:
                    Guid.NewGuid().TryFormat(buffer.GetSpan(MaxPlaceholderBytes), out var uidLength);
                    buffer.Advance(uidLength);
                    break;
                case SegmentKind.Sequence:
                    sequence.TryFormat(buffer.GetSpan(MaxPlaceholderBytes), out var sequenceLength);
                    buffer.Advance(sequenceLength);
                    break;
            }
        }
    }
}
