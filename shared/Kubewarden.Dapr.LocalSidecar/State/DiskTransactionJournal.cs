namespace Kubewarden.Dapr.LocalSidecar.State;

/// <summary>
/// Makes a change of several files all-or-nothing across a crash: the renames and deletes are written to a journal
/// before any is done, and a journal left behind by a crash is replayed on the next start. Replaying is safe because
/// each target file appears at most once in a journal.
/// </summary>
internal sealed class DiskTransactionJournal(string directory)
{
    public const string Extension = ".journal";
    private const string Move = "move";
    private const string Delete = "delete";

    /// <summary>Performs the steps; once the journal is written they happen, if not now then on the next start.</summary>
    public void Run(IReadOnlyList<FileStep> steps)
    {
        // One rename or delete is atomic by itself.
        if (steps.Count == 1)
        {
            Apply(steps);
            return;
        }

        var journal = Path.Combine(directory, Guid.NewGuid().ToString("N") + Extension);
        var temporary = journal + DiskStateStorage.TemporaryExtension;
        using (var writer = new StreamWriter(new FileStream(temporary, FileMode.CreateNew, FileAccess.Write)))
        {
            foreach (var step in steps)
            {
                writer.Write(step.Source is null ? $"{Delete} {step.Target}\n" : $"{Move} {step.Source} {step.Target}\n");
            }

            writer.Flush();
            ((FileStream)writer.BaseStream).Flush(flushToDisk: true);
        }

        File.Move(temporary, journal);
        Apply(steps);
        File.Delete(journal);
    }

    /// <summary>Finishes the transactions a crash interrupted.</summary>
    public void Recover()
    {
        foreach (var journal in Directory.EnumerateFiles(directory, "*" + Extension))
        {
            Apply(File.ReadAllLines(journal).Select(Parse).ToList());
            File.Delete(journal);
        }
    }

    private void Apply(IReadOnlyList<FileStep> steps)
    {
        foreach (var step in steps)
        {
            var target = Path.Combine(directory, step.Target);
            if (step.Source is null)
            {
                File.Delete(target);
                continue;
            }

            var source = Path.Combine(directory, step.Source);
            // On a replay a missing source means this move was done before the crash.
            if (File.Exists(source))
            {
                File.Move(source, target, overwrite: true);
            }
        }
    }

    private static FileStep Parse(string line)
    {
        var parts = line.Split(' ');
        return parts switch
        {
            [Move, var source, var target] => new FileStep(source, target),
            [Delete, var target] => new FileStep(null, target),
            _ => throw new InvalidDataException($"Unreadable transaction journal line '{line}'."),
        };
    }
}
