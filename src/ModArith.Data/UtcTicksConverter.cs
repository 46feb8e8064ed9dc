using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ModArith.Data;

/// <summary>
/// Stores a <see cref="DateTimeOffset"/> as its UTC ticks (an INTEGER column). The SQLite
/// provider cannot ORDER BY or compare DateTimeOffset values; integers sort and compare by the
/// instant. The offset is not kept: values read back are in UTC, which is all the app writes.
/// </summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks,
    v => new DateTimeOffset(v, TimeSpan.Zero));
