using Npgsql;

namespace DvcGrains.Persistence.Connections;

/// <summary>How a service that works on one data source is made on the pool that serves it (<see cref="DatabasePools"/>).</summary>
public static class PoolServices
{
    /// <summary>A <typeparamref name="T"/> on <paramref name="pool"/>; its other constructor parameters come from <paramref name="services"/>.</summary>
    public static T OnPool<T>(this IServiceProvider services, Func<DatabasePools, NpgsqlDataSource> pool, params object[] more) =>
        ActivatorUtilities.CreateInstance<T>(services, [pool(services.GetRequiredService<DatabasePools>()), .. more]);
}
