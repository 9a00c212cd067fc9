namespace DvcGrains.LoadTests.Engine;

/// <summary>
/// One pass of a scenario (a dossier's life, a dashboard read): its steps run in order, each a call whose latency is
/// measured from its intended start. <see cref="FirstStep"/> is where the iteration counts as dropped when the
/// generator cannot start it.
/// </summary>
public sealed record Iteration(string FirstStep, Func<IterationContext, Task> Run);
