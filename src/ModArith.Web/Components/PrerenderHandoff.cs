using Microsoft.Extensions.Caching.Memory;

namespace ModArith.Web.Components;

/// <summary>
/// Hands what a page read while prerendering to the same page once it is interactive, so its first
/// interactive render shows that instead of a "Loading…" placeholder while it asks the store again.
/// With PostgreSQL the store answers asynchronously, and that placeholder flashed over the
/// prerendered content on every page load. Only a random key travels in the page (Blazor's
/// persistent component state); the data stays here for a minute. Blazor's own way, writing the
/// data itself into the page, made the runs list 75 kB heavier in both directions and went over
/// the circuit's 32 kB message limit. A miss (another front-end, or too late) falls back to
/// reading the store.
/// </summary>
public sealed class PrerenderHandoff : IDisposable
{
    private static readonly TimeSpan Keep = TimeSpan.FromMinutes(1);
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 2000 });

    /// <summary>Keeps <paramref name="value"/> for the interactive page; returns its key.</summary>
    public string Put(object value)
    {
        var key = Guid.NewGuid().ToString("N");
        cache.Set(key, value, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Keep });
        return key;
    }

    /// <summary>The value kept under <paramref name="key"/>, once (it is removed), or null.</summary>
    public T? Take<T>(string? key) where T : class
    {
        if (key is null || !cache.TryGetValue(key, out object? value)) return null;
        cache.Remove(key);
        return value as T;
    }

    public void Dispose() => cache.Dispose();
}
