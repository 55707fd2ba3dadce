namespace Kubewarden.LoadTests.Scenarios;

/// <summary>A scenario file that cannot be used; the message names the file, the scenario and the field.</summary>
internal sealed class ScenarioFileException(string message, Exception? inner = null) : Exception(message, inner);
