using System.Text.Json.Serialization;

namespace ModArith.Core.Analysis;

/// <summary>A token position of the query example: its x, its y (where z is predicted) or its z.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<QueryPosition>))]
public enum QueryPosition
{
    X,
    Y,
    Z,
}
