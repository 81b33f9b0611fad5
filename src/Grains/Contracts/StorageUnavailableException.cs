namespace UnitGrains.Contracts;

/// <summary>
/// A grain could not read or write its state because the database failed. It crosses the wire
/// in place of the driver's own exception, which Orleans cannot serialize (the gateway would see
/// a codec error and answer 500); the gateway answers 503. The grain has rolled its memory back.
/// </summary>
[GenerateSerializer]
public sealed class StorageUnavailableException : Exception
{
    public StorageUnavailableException()
    {
    }

    public StorageUnavailableException(string message)
        : base(message)
    {
    }

    public StorageUnavailableException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
