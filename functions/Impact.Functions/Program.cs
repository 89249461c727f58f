using Impact.Functions.Configuration;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.AddImpactTelemetry();
builder.AddImpactPipeline();
builder.Build().Run();
