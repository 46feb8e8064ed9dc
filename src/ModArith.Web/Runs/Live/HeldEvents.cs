namespace ModArith.Web.Runs.Live;

/// <summary>
/// A page's live events held while it reads the store, then applied after what it read: a page
/// subscribes first and reads second, so an event published in between is neither lost nor (the
/// page's appliers skip steps they already have) drawn twice. Used on the renderer's
/// synchronization context only (inside InvokeAsync), so it needs no lock.
/// </summary>
public sealed class HeldEvents
{
    private List<Func<Task>>? held = [];

    /// <summary>From now on events are held again (a page about to read the store anew).</summary>
    public void Hold() => held ??= [];

    /// <summary>True once <see cref="ReleaseAsync"/> ran (and no <see cref="Hold"/> since): events are applied as they come.</summary>
    public bool Released => held is null;

    /// <summary>Applies the event now, or keeps it until the page has read the store.</summary>
    public Task ApplyOrHoldAsync(Func<Task> apply)
    {
        if (held is null) return apply();
        held.Add(apply);
        return Task.CompletedTask;
    }

    /// <summary>Applies the held events in their order; from now on events are applied as they come.</summary>
    public async Task ReleaseAsync()
    {
        // Events held while these run (they await) are kept in the same list and run in turn.
        while (held is { Count: > 0 })
        {
            var next = held[0];
            held.RemoveAt(0);
            await next();
        }
        held = null;
    }
}
