namespace DvcGrains.LoadTests.Load;

/// <summary>One stretch of a scenario's load. A scenario runs its phases one after the other.</summary>
public abstract record LoadPhase(TimeSpan During)
{
    /// <summary>Open phases start iterations on a schedule whatever the server answers; closed ones keep a number running.</summary>
    public abstract bool IsOpen { get; }

    /// <summary>The same phase for another stretch of time (a warm-up has the shape of the first phase).</summary>
    public abstract LoadPhase Lasting(TimeSpan during);

    /// <summary>The phase with its rate or its copies multiplied by <paramref name="share"/> (a scenario's weight in a run).</summary>
    public abstract LoadPhase Scaled(double share);

    /// <summary>The phase in the notation of <see cref="LoadSpec"/>.</summary>
    public abstract override string ToString();
}

/// <summary>Open: a fixed number of iterations per second.</summary>
public sealed record InjectPhase(double Rate, TimeSpan During) : LoadPhase(During)
{
    public override bool IsOpen => true;
    public override LoadPhase Lasting(TimeSpan during) => this with { During = during };
    public override LoadPhase Scaled(double share) => this with { Rate = Rate * share };
    public override string ToString() => FormattableString.Invariant($"inject {Rate:0.##}/s {DurationText.Format(During)}");
}

/// <summary>Open: the rate moves linearly from <see cref="FromRate"/> to <see cref="ToRate"/> over the phase.</summary>
public sealed record RampingInjectPhase(double FromRate, double ToRate, TimeSpan During) : LoadPhase(During)
{
    public override bool IsOpen => true;

    /// <summary>A warm-up holds the rate the ramp starts from.</summary>
    public override LoadPhase Lasting(TimeSpan during) => new InjectPhase(FromRate, during);

    public override LoadPhase Scaled(double share) => this with { FromRate = FromRate * share, ToRate = ToRate * share };
    public override string ToString() => FormattableString.Invariant($"ramping-inject {FromRate:0.##}:{ToRate:0.##}/s {DurationText.Format(During)}");
}

/// <summary>Nothing starts; iterations already running finish.</summary>
public sealed record PausePhase(TimeSpan During) : LoadPhase(During)
{
    public override bool IsOpen => true;
    public override LoadPhase Lasting(TimeSpan during) => this with { During = during };
    public override LoadPhase Scaled(double share) => this;
    public override string ToString() => $"pause {DurationText.Format(During)}";
}

/// <summary>Closed: <see cref="Copies"/> iterations run at all times, each starting when the one before it ends.</summary>
public sealed record KeepConstantPhase(int Copies, TimeSpan During) : LoadPhase(During)
{
    public override bool IsOpen => false;
    public override LoadPhase Lasting(TimeSpan during) => this with { During = during };
    public override LoadPhase Scaled(double share) => this with { Copies = Math.Max(1, (int)Math.Round(Copies * share)) };
    public override string ToString() => FormattableString.Invariant($"keep-constant {Copies} {DurationText.Format(During)}");
}
