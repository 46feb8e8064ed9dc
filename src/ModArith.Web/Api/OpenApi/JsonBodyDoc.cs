namespace ModArith.Web.Api.OpenApi;

/// <summary>
/// Endpoint metadata documenting the JSON body a handler reads itself (through
/// <see cref="RequestBody"/>, to name every bad field): its schema is <see cref="Type"/>'s.
/// Used instead of <c>Accepts&lt;T&gt;</c>, whose content-type metadata would also make routing
/// answer a non-JSON body with a bare 415 before the handler's problem details.
/// </summary>
public sealed record JsonBodyDoc(Type Type, string Description);
