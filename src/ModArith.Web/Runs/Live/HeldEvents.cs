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
    private bool rereading;

    /// <summary>From now on events are held again (a page about to read the store anew).</summary>
    public void Hold() => held ??= [];

    /// <summary>
    /// True once <see cref="ReleaseAsync"/> ran (and no <see cref="Hold"/> since), or while a
    /// <see cref="RereadAsync"/> runs (it releases what it holds itself): the page has nothing to release.
    /// </summary>
    public bool Released => held is null || rereading;

    /// <summary>Applies the event now, or keeps it until the page has read the store.</summary>
    public Task ApplyOrHoldAsync(Func<Task> apply)
    {
        if (held is null) return apply();
        held.Add(apply);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Runs <paramref name="reread"/> (the page reads the store again and redraws from it) with the
    /// events that arrive meanwhile held and applied after it; while the page's first read is still
    /// held, it is queued behind the events held so far instead.
    /// </summary>
    public async Task RereadAsync(Func<Task> reread)
    {
        if (held is not null)
        {
            held.Add(reread);
            return;
        }
        held = [];
        rereading = true;
        try { await reread(); }
        finally { rereading = false; }
        await ReleaseAsync();
    }

    /// <summary>Applies the held events in their order; from now on events are applied as they come.</summary>
    public async Task ReleaseAsync()
    {
        if (rereading) return;
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
