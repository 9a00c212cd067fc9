using System.Diagnostics.Metrics;
using Prometheus;

namespace DvcGrains.Server.Observability;

/// <summary>
/// Exports the .NET instruments it is given as Prometheus metrics of its own registry, and only those: each becomes
/// the metric its <see cref="ExportedInstrument"/> names, created before the first scrape and before any measurement,
/// so that an up-down count or a total misses nothing and a metric exists from the start. Observable instruments are
/// read when Prometheus scrapes. One per host, exporting only the host's instruments: those of meters its
/// <see cref="IMeterFactory"/> made (the factory is their scope), and those of meters no host owns (no scope: the
/// runtime's and Npgsql's; Orleans' and ASP.NET Core's come from the factory), which every host exports alike. Another
/// host's meters in the same process (several servers in a test) are that host's to export.
/// </summary>
public sealed class MeterBridge : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Dictionary<(string Meter, string Instrument), Sink> _sinks;
    private readonly List<Sink> _readings;

    public MeterBridge(IEnumerable<ExportedInstrument> exports, IMeterFactory hostMeters)
    {
        var metrics = Metrics.WithCustomRegistry(Registry);
        _sinks = exports.ToDictionary(export => (export.Meter, export.Instrument), export => Sink.Create(export, metrics));
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (IsHosts(instrument.Meter, hostMeters) && _sinks.TryGetValue((instrument.Meter.Name, instrument.Name), out var sink))
            {
                listener.EnableMeasurementEvents(instrument, sink.For(instrument));
            }
        };
        _listener.SetMeasurementEventCallback<byte>((_, value, tags, state) => ((Recorder)state!)(value, tags));
        _listener.SetMeasurementEventCallback<short>((_, value, tags, state) => ((Recorder)state!)(value, tags));
        _listener.SetMeasurementEventCallback<int>((_, value, tags, state) => ((Recorder)state!)(value, tags));
        _listener.SetMeasurementEventCallback<long>((_, value, tags, state) => ((Recorder)state!)(value, tags));
        _listener.SetMeasurementEventCallback<float>((_, value, tags, state) => ((Recorder)state!)(value, tags));
        _listener.SetMeasurementEventCallback<double>((_, value, tags, state) => ((Recorder)state!)(value, tags));
        _listener.Start();
        _readings = [.. _sinks.Values.Where(sink => sink.OnlyObserved)];
        Registry.AddBeforeCollectCallback(ReadObservableInstruments);
    }

    /// <summary>The metrics of this host's instruments, which its /metrics page serves after the process's.</summary>
    public CollectorRegistry Registry { get; } = Metrics.NewCustomRegistry();

    public void Dispose() => _listener.Dispose();

    /// <summary>Reads the observable instruments, then drops the series an <see cref="ExportedInstrument.OnlyObserved"/> one no longer reports.</summary>
    private void ReadObservableInstruments()
    {
        _readings.ForEach(sink => sink.BeginReading());
        _listener.RecordObservableInstruments();
        _readings.ForEach(sink => sink.EndReading());
    }

    /// <summary>The host's meter, or the process's: a meter factory is the scope of every meter it makes.</summary>
    private static bool IsHosts(Meter meter, IMeterFactory hostMeters) => meter.Scope is null || ReferenceEquals(meter.Scope, hostMeters);

    /// <summary>Records one measurement of one instrument into its metric.</summary>
    private delegate void Recorder(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags);

    /// <summary>The Prometheus metric of one export, and how a measurement of its instrument moves it.</summary>
    private sealed class Sink
    {
        private readonly ExportedInstrument _export;
        private readonly Collector _metric;
        private readonly Dictionary<string, int> _labelIndexes;
        private readonly string[] _fixedValues;
        private readonly HashSet<string> _reported = new(StringComparer.Ordinal);
        private bool _read;

        private Sink(ExportedInstrument export, Collector metric)
        {
            _export = export;
            _metric = metric;
            _labelIndexes = export.Labels.Keys.Select((tag, index) => (tag, index)).ToDictionary(pair => pair.tag, pair => pair.index, StringComparer.Ordinal);
            _fixedValues = [.. export.FixedLabels.Values];
        }

        public bool OnlyObserved => _export.OnlyObserved;

        public void BeginReading()
        {
            _reported.Clear();
            _read = false;
        }

        /// <summary>
        /// Drops the series this reading did not report. An instrument no host publishes (the storage's on the embedded
        /// default) reports nothing at all and keeps the series it was born with.
        /// </summary>
        public void EndReading()
        {
            if (!_read || _metric is not Gauge gauge)
            {
                return;
            }
            foreach (var labels in gauge.GetAllLabelValues().ToList().Where(labels => !_reported.Contains(Key(labels))))
            {
                gauge.RemoveLabelled(labels);
            }
        }

        private static string Key(string[] labels) => string.Join('\u001f', labels);

        public static Sink Create(ExportedInstrument export, MetricFactory metrics)
        {
            var labels = export.LabelNames;
            Collector metric = export.Kind switch
            {
                ExportKind.Counter => metrics.CreateCounter(export.Name, export.Help, labels),
                ExportKind.Gauge => metrics.CreateGauge(export.Name, export.Help, labels),
                ExportKind.Histogram => metrics.CreateHistogram(export.Name, export.Help,
                    new HistogramConfiguration { LabelNames = labels, Buckets = [.. export.Buckets] }),
                _ => throw new ArgumentOutOfRangeException(nameof(export), export.Kind, "Unknown export kind."),
            };
            var sink = new Sink(export, metric);
            // A series whose labels are all fixed is known from the start too.
            IEnumerable<string[]> known = export.Labels.Count == 0 && export.FixedLabels.Count > 0 ? [[]] : export.KnownLabelValues;
            foreach (var values in known)
            {
                string[] labelValues = [.. values, .. sink._fixedValues];
                switch (metric)
                {
                    case Counter counter:
                        counter.WithLabels(labelValues).Publish();
                        break;
                    case Gauge gauge:
                        gauge.WithLabels(labelValues).Publish();
                        break;
                    case Histogram histogram:
                        histogram.WithLabels(labelValues).Publish();
                        break;
                }
            }
            return sink;
        }

        /// <summary>
        /// How a measurement of this instrument moves the metric: a counter's increment or an observable counter's
        /// total, an up-down counter's increment or an observed value, a histogram's observation.
        /// </summary>
        public Recorder For(Instrument instrument)
        {
            var type = instrument.GetType().GetGenericTypeDefinition();
            var scale = _export.Scale;
            return (_metric, type) switch
            {
                (Counter counter, var t) when t == typeof(Counter<>) => (value, tags) => counter.WithLabels(LabelValues(tags)).Inc(value * scale),
                (Counter counter, var t) when t == typeof(ObservableCounter<>) => (value, tags) => counter.WithLabels(LabelValues(tags)).IncTo(value * scale),
                (Gauge gauge, var t) when t == typeof(UpDownCounter<>) => (value, tags) => gauge.WithLabels(LabelValues(tags)).Inc(value * scale),
                // The runtime publishes its thread pool's size and queue as observable counters; they are gauges.
                (Gauge gauge, var t) when t == typeof(ObservableGauge<>) && _export.OnlyObserved => (value, tags) =>
                {
                    var labels = LabelValues(tags);
                    gauge.WithLabels(labels).Set(value * scale);
                    _reported.Add(Key(labels));
                    _read = true;
                },
                (Gauge gauge, var t) when t == typeof(ObservableGauge<>) || t == typeof(ObservableUpDownCounter<>) || t == typeof(Gauge<>) || t == typeof(ObservableCounter<>) =>
                    (value, tags) => gauge.WithLabels(LabelValues(tags)).Set(value * scale),
                (Histogram histogram, var t) when t == typeof(Histogram<>) => (value, tags) => histogram.WithLabels(LabelValues(tags)).Observe(value * scale),
                _ => throw new InvalidOperationException(
                    $"{instrument.Meter.Name}/{instrument.Name} is a {type.Name}, which cannot be exported as the {_export.Kind} {_export.Name}."),
            };
        }

        private string[] LabelValues(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            if (_labelIndexes.Count == 0)
            {
                return _fixedValues;
            }
            var values = new string[_labelIndexes.Count + _fixedValues.Length];
            Array.Fill(values, "", 0, _labelIndexes.Count);
            foreach (var tag in tags)
            {
                if (_labelIndexes.TryGetValue(tag.Key.Replace('.', '_'), out var index))
                {
                    values[index] = tag.Value?.ToString() ?? "";
                }
            }
            _fixedValues.CopyTo(values, _labelIndexes.Count);
            return values;
        }
    }
}
