using Impact.Functions.Configuration;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.AddImpactTelemetry();
builder.AddImpactPipeline();
builder.AddImpactHttpApi();
builder.Build().Run();
