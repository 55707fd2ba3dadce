using static Kubewarden.Admission.Tests.Json;

namespace Kubewarden.Admission.Tests;

public sealed class AdmissionResponseTests
{
    [Fact]
    public void ToUtf8Json_Accept_EmitsNullAnnotationsAndWarnings()
    {
        var response = AdmissionResponse.Accept("u");

        Assert.Equal("""{"uid":"u","allowed":true,"auditAnnotations":null,"warnings":null}""", Text(response.ToUtf8Json()));
    }

    [Fact]
    public void ToUtf8Json_Reject_WritesStatusMessageAndCode()
    {
        var response = AdmissionResponse.Reject("u", "privileged containers are not allowed", 400);

        Assert.Equal(
            """{"uid":"u","allowed":false,"status":{"message":"privileged containers are not allowed","code":400},"auditAnnotations":null,"warnings":null}""",
            Text(response.ToUtf8Json()));
    }

    [Fact]
    public void ToUtf8Json_AllMembers_WritesFixedOrder()
    {
        var response = new AdmissionResponse
        {
            Warnings = ["w1", "w2"],
            AuditAnnotations = new Dictionary<string, string> { ["z"] = "1", ["a"] = "2" },
            Status = new AdmissionStatus
            {
                Code = 500,
                Details = new AdmissionStatusDetails
                {
                    RetryAfterSeconds = 5,
                    Causes = [new AdmissionStatusCause { Message = "bad image" }],
                    Uid = "d-uid",
                    Kind = "Pod",
                    Group = "",
                    Name = "nginx",
                },
                Reason = "Invalid",
                Message = "m",
                Status = "Failure",
            },
            Patch = "W10=",
            PatchType = AdmissionResponse.JsonPatchType,
            Allowed = true,
            Uid = "u",
        };

        Assert.Equal(
            """{"uid":"u","allowed":true,"patchType":"JSONPatch","patch":"W10=","status":{"status":"Failure","message":"m","reason":"Invalid","details":{"name":"nginx","group":"","kind":"Pod","uid":"d-uid","causes":[{"reason":null,"message":"bad image","field":null}],"retry_after_seconds":5},"code":500},"auditAnnotations":{"a":"2","z":"1"},"warnings":["w1","w2"]}""",
            Text(response.ToUtf8Json()));
    }

    [Fact]
    public void ToUtf8Json_EmptyCauses_AreOmitted()
    {
        var response = new AdmissionResponse
        {
            Uid = "u",
            Allowed = false,
            Status = new AdmissionStatus { Details = new AdmissionStatusDetails { Causes = [] } },
        };

        Assert.Equal(
            """{"uid":"u","allowed":false,"status":{"details":{}},"auditAnnotations":null,"warnings":null}""",
            Text(response.ToUtf8Json()));
    }

    [Fact]
    public void AcceptWithPatch_EncodesPatchAsBase64()
    {
        var patch = Utf8("""[{"op":"add","path":"/a","value":1}]""");

        var response = AdmissionResponse.AcceptWithPatch("u", patch);

        Assert.Equal(AdmissionResponse.JsonPatchType, response.PatchType);
        Assert.Equal(Convert.ToBase64String(patch), response.Patch);
        Assert.Equal(patch, Convert.FromBase64String(response.Patch!));
    }

    [Fact]
    public void Write_Accept_WrapsInAdmissionReview()
    {
        var review = AdmissionReviewWriter.Write(AdmissionResponse.Accept("u"));

        Assert.Equal(
            """{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","response":{"uid":"u","allowed":true,"auditAnnotations":null,"warnings":null}}""",
            Text(review));
    }

    [Fact]
    public void WriteRaw_Accept_WrapsInResponseOnly()
    {
        var review = AdmissionReviewWriter.WriteRaw(AdmissionResponse.Accept("u"));

        Assert.Equal("""{"response":{"uid":"u","allowed":true,"auditAnnotations":null,"warnings":null}}""", Text(review));
    }

    [Fact]
    public void Parse_FullResponse_RoundTrips()
    {
        const string json =
            """{"uid":"u","allowed":false,"patchType":"JSONPatch","patch":"W10=","status":{"status":"Failure","message":"m","reason":"Invalid","details":{"name":"n","causes":[{"reason":"r","message":null,"field":"f"}],"retry_after_seconds":3},"code":403},"auditAnnotations":{"k":"v"},"warnings":["w"]}""";

        var response = AdmissionResponse.Parse(Utf8(json));

        Assert.Equal(json, Text(response.ToUtf8Json()));
        Assert.Equal(3, response.Status!.Details!.RetryAfterSeconds);
    }

    [Fact]
    public void Parse_UnknownMembersAndMissingUid_UidDefaultsToEmpty()
    {
        var response = AdmissionResponse.Parse(Utf8("""{"allowed":true,"extra":{"x":1}}"""));

        Assert.Equal(string.Empty, response.Uid);
        Assert.True(response.Allowed);
        Assert.Null(response.Warnings);
    }

    [Fact]
    public void Parse_MissingAllowed_ThrowsNamingField()
    {
        var ex = Assert.Throws<FormatException>(() => AdmissionResponse.Parse(Utf8("""{"uid":"u"}""")));

        Assert.Equal("AdmissionResponse.allowed is required", ex.Message);
    }

    [Fact]
    public void Parse_WrongType_ThrowsFormatException()
    {
        var ex = Assert.Throws<FormatException>(() => AdmissionResponse.Parse(Utf8("""{"uid":"u","allowed":"yes"}""")));

        Assert.Contains("$.allowed", ex.Message, StringComparison.Ordinal);
    }
}
