namespace ModArith.Web.Components.Inside;

/// <summary>
/// One section's plots reached the screen: how many, the time from its data arriving to the plots
/// being drawn (a Blazor render of the placeholders, the transfer and the drawing), the round trip
/// of the drawing call, and the browser's drawing time alone.
/// </summary>
public sealed record PlotsDrawn(int Plots, TimeSpan SinceData, TimeSpan RoundTrip, double DrawMs);
