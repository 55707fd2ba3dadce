namespace Kubewarden.LoadTests.Scenarios;

/// <summary>Picks request bodies in proportion to their weights.</summary>
internal sealed class RequestMix
{
    private readonly BodyTemplate[] _templates;
    private readonly int[] _cumulativeWeights;

    public RequestMix(IReadOnlyList<WeightedTemplate> templates)
    {
        if (templates.Count == 0)
        {
            throw new ArgumentException("A request mix needs at least one request.", nameof(templates));
        }

        _templates = [.. templates.Select(t => t.Body)];
        _cumulativeWeights = new int[templates.Count];
        var total = 0;
        for (var i = 0; i < templates.Count; i++)
        {
            total = checked(total + templates[i].Weight);
            _cumulativeWeights[i] = total;
        }
    }

    public int Count => _templates.Length;

    public BodyTemplate Pick(Random random)
    {
        if (_templates.Length == 1)
        {
            return _templates[0];
        }

        var ticket = random.Next(_cumulativeWeights[^1]);
        var index = Array.BinarySearch(_cumulativeWeights, ticket + 1);
        return _templates[index >= 0 ? index : ~index];
    }
}
