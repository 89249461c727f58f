using System.Text;
using Azure.Storage.Queues;
using Impact.Pipeline.Storage;
using Impact.Testing;

namespace Impact.Pipeline.Tests.Storage;

/// <summary>The storage contract on Azure Storage, against a real Azurite.</summary>
[Collection("Azurite")]
public sealed class AzureStorageTests(AzuriteFixture azurite) : ImpactStorageContractTests
{
    protected override IImpactStorage CreateStorage() => AzureStorage.FromConnectionString(azurite.ConnectionString);

    /// <summary>Peeks with a client that does not decode, and decodes base64 here: proves the adapter sent base64.</summary>
    protected override async Task<IReadOnlyList<string>> ReadQueueAsync(string queue)
    {
        var client = azurite.CreateQueueServiceClient(QueueMessageEncoding.None).GetQueueClient(queue);
        var peeked = await client.PeekMessagesAsync(maxMessages: 32);
        return [.. peeked.Value.Select(m => Encoding.UTF8.GetString(Convert.FromBase64String(m.MessageText)))];
    }

    [Fact]
    public async Task EnqueueAsync_Message_IsWhatABase64QueueTriggerReads()
    {
        var queue = NewQueue();
        const string Message = "{\"workshop\":\"W0001\",\"niveau\":\"élevé\"}";

        await Storage.EnqueueAsync(queue, Message);

        var raw = await azurite.CreateQueueServiceClient(QueueMessageEncoding.None).GetQueueClient(queue).PeekMessageAsync();
        var decoded = await azurite.CreateQueueServiceClient(QueueMessageEncoding.Base64).GetQueueClient(queue).ReceiveMessageAsync();
        Assert.Equal("eyJ3b3Jrc2hvcCI6IlcwMDAxIiwibml2ZWF1Ijoiw6lsZXbDqSJ9", raw.Value.MessageText);
        Assert.Equal(Message, decoded.Value.MessageText);
    }

    [Fact]
    public async Task WriteBlobAsync_ContentType_IsStoredOnTheBlob()
    {
        var container = NewContainer();

        await Storage.WriteBlobAsync(container, "report.json", "{}"u8.ToArray(), "application/json; charset=utf-8");

        var properties = await azurite.CreateBlobServiceClient().GetBlobContainerClient(container).GetBlobClient("report.json").GetPropertiesAsync();
        Assert.Equal("application/json; charset=utf-8", properties.Value.ContentType);
    }

    [Fact]
    public async Task UpsertRowAsync_DateTimeOffset_IsStoredAsUtcDateTime()
    {
        var table = NewTable();
        var time = new DateTimeOffset(2024, 7, 1, 14, 0, 0, 123, TimeSpan.FromHours(2));

        await Storage.UpsertRowAsync(table, Row("p", "r", ("At", time)));

        var entity = await azurite.CreateTableServiceClient().GetTableClient(table).GetEntityAsync<Azure.Data.Tables.TableEntity>("p", "r");
        Assert.Equal(new DateTimeOffset(2024, 7, 1, 12, 0, 0, 123, TimeSpan.Zero), entity.Value.GetDateTimeOffset("At"));
    }

    [Theory]
    [InlineData("2024-Q", "PartitionKey eq 'W''1' and RowKey ge '2024-Q' and RowKey lt '2024-R'")]
    [InlineData("", "PartitionKey eq 'W''1'")]
    [InlineData("a\uffff", "PartitionKey eq 'W''1' and RowKey ge 'a\uffff'")]
    public void PartitionFilter_Prefix_IsARowKeyRange(string prefix, string expected)
    {
        Assert.Equal(expected, AzureStorage.PartitionFilter("W'1", prefix));
    }
}
