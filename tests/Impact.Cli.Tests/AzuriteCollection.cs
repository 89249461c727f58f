using System.Diagnostics.CodeAnalysis;
using Impact.Testing;

namespace Impact.Cli.Tests;

/// <summary>One Azurite for every test class of this assembly in the "Azurite" collection.</summary>
[CollectionDefinition("Azurite")]
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "xunit names collection definitions {Name}Collection.")]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>;
