using Impact.Testing;

namespace Impact.Functions.Tests;

/// <summary>Tests that share one Azurite, started on free loopback ports and stopped after.</summary>
[CollectionDefinition("Azurite")]
#pragma warning disable CA1711 // The xunit collection is named after what it provides.
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>;
#pragma warning restore CA1711
