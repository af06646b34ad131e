using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Outturn.Web.Api;

/// <summary>Documents what the API's problems carry beyond RFC 9457's members: the trace id every problem has, and
/// the refused rows of a write (row index, field, value, what was expected).</summary>
public static class ProblemSchemas
{
    public static Task AddExtensions(
        OpenApiSchema schema,
        OpenApiSchemaTransformerContext context,
        CancellationToken ct
    )
    {
        var type = context.JsonTypeInfo.Type;
        if (type != typeof(ProblemDetails) && type != typeof(HttpValidationProblemDetails))
        {
            return Task.CompletedTask;
        }

        schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
        schema.Properties["trace_id"] = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Description = "The request's trace id, to quote when asking for help.",
        };
        if (type == typeof(HttpValidationProblemDetails))
        {
            schema.Properties["rows"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                Description =
                    "Every refused row: its index in the request's values array, the field, the value found and what "
                    + "was expected.",
                Items = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        ["index"] = new OpenApiSchema { Type = JsonSchemaType.Integer },
                        ["column"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                        ["value"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                        ["expected"] = new OpenApiSchema { Type = JsonSchemaType.String },
                    },
                },
            };
        }

        return Task.CompletedTask;
    }
}

/// <summary>An endpoint's JSON request body, for the OpenAPI document (<see cref="JsonBody.Describe"/>); the endpoint
/// reads and checks the body itself, and answers 415 for another content type.</summary>
public sealed record JsonBody(Type Type)
{
    public static async Task Describe(
        OpenApiOperation operation,
        OpenApiOperationTransformerContext context,
        CancellationToken ct
    )
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<JsonBody>().FirstOrDefault() is not { } body)
        {
            return;
        }

        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(body.Type, null, ct) },
            },
        };
    }
}
