using System.Diagnostics.CodeAnalysis;
using Impact.Testing;

namespace Impact.Pipeline.Tests;

/// <summary>One Azurite for every test class in the "Azurite" collection (they run one after another).</summary>
[CollectionDefinition("Azurite")]
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "xunit names collection definitions {Name}Collection.")]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>;
