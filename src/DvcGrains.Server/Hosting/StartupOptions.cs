using Microsoft.Extensions.Options;

namespace DvcGrains.Server.Hosting;

/// <summary>
/// The sections that shape the host before its container exists (its endpoints, the silo, authentication): bound
/// once here and checked by their <see cref="IValidateOptions{TOptions}"/> at once, as <c>ValidateOnStart</c> checks
/// the others a moment later, with the same messages.
/// </summary>
public static class StartupOptions
{
    /// <exception cref="OptionsValidationException">A key of <paramref name="section"/> is faulty; each is named.</exception>
    public static T Read<T>(IConfiguration configuration, string section, IValidateOptions<T> validation) where T : class, new()
    {
        var options = configuration.GetSection(section).Get<T>() ?? new T();
        var result = validation.Validate(Options.DefaultName, options);
        return result.Failed ? throw new OptionsValidationException(section, typeof(T), result.Failures) : options;
    }

    /// <summary>
    /// Binds <typeparamref name="T"/> to <paramref name="section"/>, checked by <typeparamref name="TValidation"/>
    /// when the host starts: a faulty key stops the start.
    /// </summary>
    public static IServiceCollection AddValidatedOptions<T, TValidation>(this IServiceCollection services, IConfiguration configuration, string section)
        where T : class
        where TValidation : class, IValidateOptions<T>
    {
        services.AddOptions<T>().Bind(configuration.GetSection(section)).ValidateOnStart();
        return services.AddSingleton<IValidateOptions<T>, TValidation>();
    }

    /// <summary>
    /// What a refused start tells the operator: every faulty key, or the one whose value is not of its type; null when
    /// the failure is not about configuration.
    /// </summary>
    public static string? Refusal(Exception failure) => failure switch
    {
        OptionsValidationException refused => Describe(refused.Failures),
        // Orleans checks the rest of its settings itself as the silo starts.
        Orleans.Runtime.OrleansConfigurationException orleans => Describe([orleans.Message]),
        InvalidOperationException unconvertible when unconvertible.TargetSite?.DeclaringType == typeof(ConfigurationBinder) => Describe([unconvertible.Message]),
        AggregateException { InnerExceptions: var all } when all.All(inner => inner is OptionsValidationException) =>
            Describe(all.Cast<OptionsValidationException>().SelectMany(refused => refused.Failures)),
        _ => null,
    };

    private static string Describe(IEnumerable<string> failures) =>
        "The server does not start: its configuration has faulty keys.\n  " + string.Join("\n  ", failures);
}
