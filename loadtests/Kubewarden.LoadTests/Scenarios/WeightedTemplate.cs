namespace Kubewarden.LoadTests.Scenarios;

internal sealed record WeightedTemplate(BodyTemplate Body, int Weight);
