namespace Eiec.Contract.Config;

/// <summary>
/// One settable field of <see cref="AccelConfig"/>: its YAML (snake_case) key, its value type (int or double),
/// how to read it and how to make a copy with it changed. <see cref="AccelConfigFields.All"/> lists them.
/// </summary>
public sealed record AccelConfigField(
    string Name, Type ValueType, Func<AccelConfig, object> Get, Func<AccelConfig, object, AccelConfig> With);
