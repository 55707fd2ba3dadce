using static Kubewarden.Admission.Tests.Json;

namespace Kubewarden.Admission.Tests;

public sealed class AdmissionRequestTests
{
    private const string MinimalRequest =
        """{"uid":"u1","kind":{"group":"","version":"v1","kind":"Pod"},"resource":{"group":"","version":"v1","resource":"pods"},"operation":"CREATE","userInfo":{}}""";

    [Fact]
    public void FromReviewOrRequest_ReviewWithUnknownFieldsAndUnsortedKeys_ReserializesCanonically()
    {
        const string review = """
            {
              "apiVersion": "admission.k8s.io/v1",
              "kind": "AdmissionReview",
              "request": {
                "userInfo": {"username": "admin", "groups": ["system:masters", "system:authenticated"], "extra": {"z": ["1"], "a": ["2", "3"]}, "uid": "42", "bogus": 1},
                "operation": "CREATE",
                "options": {"kind": "CreateOptions", "apiVersion": "meta.k8s.io/v1"},
                "oldObject": null,
                "dryRun": false,
                "object": {"metadata": {"name": "nginx", "labels": {"zeta": "z", "alpha": "a"}}, "kind": "Pod", "apiVersion": "v1", "spec": {"containers": [{"name": "c", "image": "nginx"}]}},
                "namespace": "default",
                "name": "nginx",
                "requestSubResource": "",
                "requestResource": {"resource": "pods", "version": "v1", "group": ""},
                "requestKind": {"kind": "Pod", "version": "v1", "group": "", "extraGvk": true},
                "resource": {"group": "", "version": "v1", "resource": "pods"},
                "kind": {"group": "", "version": "v1", "kind": "Pod"},
                "uid": "705ab4f5-6393-11e8-b7cc-42010a800002",
                "unknownTopLevel": {"x": [1, 2]}
              }
            }
            """;

        var request = AdmissionRequest.FromReviewOrRequest(Utf8(review));

        const string expected =
            """{"uid":"705ab4f5-6393-11e8-b7cc-42010a800002","kind":{"group":"","version":"v1","kind":"Pod"},"resource":{"group":"","version":"v1","resource":"pods"},"requestKind":{"group":"","version":"v1","kind":"Pod"},"requestResource":{"group":"","version":"v1","resource":"pods"},"requestSubResource":"","name":"nginx","namespace":"default","operation":"CREATE","userInfo":{"extra":{"a":["2","3"],"z":["1"]},"groups":["system:masters","system:authenticated"],"uid":"42","username":"admin"},"object":{"apiVersion":"v1","kind":"Pod","metadata":{"labels":{"alpha":"a","zeta":"z"},"name":"nginx"},"spec":{"containers":[{"image":"nginx","name":"c"}]}},"dryRun":false,"options":{"apiVersion":"meta.k8s.io/v1","kind":"CreateOptions"}}""";
        Assert.Equal(expected, Text(request.ToUtf8Json()));
        Assert.Null(request.OldObject);
        Assert.Equal("nginx", request.Name);
        Assert.Equal(["system:masters", "system:authenticated"], request.UserInfo.Groups!);
    }

    [Fact]
    public void Parse_MinimalRequest_OmitsAbsentOptionalMembers()
    {
        var request = AdmissionRequest.Parse(Utf8(MinimalRequest));

        Assert.Equal(MinimalRequest, Text(request.ToUtf8Json()));
        Assert.Null(request.SubResource);
        Assert.Null(request.DryRun);
        Assert.Null(request.Object);
    }

    [Fact]
    public void Parse_NullOptionalMembers_AreOmitted()
    {
        const string input =
            """{"uid":"u1","kind":{"group":"","version":"v1","kind":"Pod"},"resource":{"group":"","version":"v1","resource":"pods"},"subResource":null,"requestKind":null,"name":null,"operation":"DELETE","userInfo":{"username":null,"groups":null},"object":null,"oldObject":{"b":1,"a":[{"y":null,"x":true}]},"dryRun":null,"options":null}""";

        var request = AdmissionRequest.Parse(Utf8(input));

        Assert.Equal(
            """{"uid":"u1","kind":{"group":"","version":"v1","kind":"Pod"},"resource":{"group":"","version":"v1","resource":"pods"},"operation":"DELETE","userInfo":{},"oldObject":{"a":[{"x":true,"y":null}],"b":1}}""",
            Text(request.ToUtf8Json()));
    }

    [Fact]
    public void FromReviewOrRequest_BareRequest_ParsesWholeDocument()
    {
        var request = AdmissionRequest.FromReviewOrRequest(Utf8(MinimalRequest));

        Assert.Equal("u1", request.Uid);
        Assert.Equal(MinimalRequest, Text(request.ToUtf8Json()));
    }

    [Fact]
    public void Parse_MissingUid_ErrorNamesField()
    {
        var input = MinimalRequest.Replace("\"uid\":\"u1\",", string.Empty, StringComparison.Ordinal);

        var ex = Assert.Throws<AdmissionRequestFormatException>(() => AdmissionRequest.Parse(Utf8(input)));

        Assert.Equal("AdmissionRequest.uid is required", ex.Message);
    }

    [Fact]
    public void FromReviewOrRequest_ReviewMissingUid_ErrorNamesField()
    {
        var input = "{\"request\":" + MinimalRequest.Replace("\"uid\":\"u1\",", string.Empty, StringComparison.Ordinal) + "}";

        var ex = Assert.Throws<AdmissionRequestFormatException>(() => AdmissionRequest.FromReviewOrRequest(Utf8(input)));

        Assert.Equal("AdmissionRequest.uid is required", ex.Message);
    }

    [Fact]
    public void Parse_NullUid_ErrorNamesField()
    {
        var input = MinimalRequest.Replace("\"u1\"", "null", StringComparison.Ordinal);

        var ex = Assert.Throws<AdmissionRequestFormatException>(() => AdmissionRequest.Parse(Utf8(input)));

        Assert.Equal("AdmissionRequest.uid must be a string", ex.Message);
    }

    [Fact]
    public void Parse_MissingNestedKindField_ErrorNamesPath()
    {
        var input = MinimalRequest.Replace("\"kind\":\"Pod\"", "\"other\":1", StringComparison.Ordinal);

        var ex = Assert.Throws<AdmissionRequestFormatException>(() => AdmissionRequest.Parse(Utf8(input)));

        Assert.Equal("AdmissionRequest.kind.kind is required", ex.Message);
    }

    [Fact]
    public void Parse_MissingUserInfo_ErrorNamesField()
    {
        var input = MinimalRequest.Replace(",\"userInfo\":{}", string.Empty, StringComparison.Ordinal);

        var ex = Assert.Throws<AdmissionRequestFormatException>(() => AdmissionRequest.Parse(Utf8(input)));

        Assert.Equal("AdmissionRequest.userInfo is required", ex.Message);
    }

    [Fact]
    public void Parse_WrongGroupsType_ErrorNamesElement()
    {
        var input = MinimalRequest.Replace("\"userInfo\":{}", "\"userInfo\":{\"groups\":[\"a\",2]}", StringComparison.Ordinal);

        var ex = Assert.Throws<AdmissionRequestFormatException>(() => AdmissionRequest.Parse(Utf8(input)));

        Assert.Equal("AdmissionRequest.userInfo.groups[1] must be a string", ex.Message);
    }

    [Fact]
    public void Parse_InvalidJson_Throws()
    {
        var ex = Assert.Throws<AdmissionRequestFormatException>(() => AdmissionRequest.Parse(Utf8("{\"uid\":")));

        Assert.StartsWith("AdmissionRequest: invalid JSON:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TrailingContent_Throws()
    {
        Assert.Throws<AdmissionRequestFormatException>(() => AdmissionRequest.Parse(Utf8(MinimalRequest + " {}")));
    }

    [Fact]
    public void FromReviewOrRequest_RequestNotObject_Throws()
    {
        var ex = Assert.Throws<AdmissionRequestFormatException>(() => AdmissionRequest.FromReviewOrRequest(Utf8("{\"request\":null}")));

        Assert.Equal("AdmissionReview.request must be an object", ex.Message);
    }

    [Fact]
    public void ToUtf8Json_DuplicateAndNonAsciiKeys_SortByCodePointLastWins()
    {
        var input = MinimalRequest.Replace(
            "\"userInfo\":{}",
            "\"userInfo\":{},\"object\":{\"b\":1,\"\uFF21\":2,\"\U0001F600\":3,\"a\":4,\"b\":5}",
            StringComparison.Ordinal);

        var request = AdmissionRequest.Parse(Utf8(input));

        var json = Text(request.ToUtf8Json());
        Assert.EndsWith("\"object\":{\"a\":4,\"b\":5,\"\uFF21\":2,\"\\uD83D\\uDE00\":3}}", json, StringComparison.Ordinal);
    }

    [Fact]
    public void ToUtf8Json_ConstructedRequest_WritesFixedOrder()
    {
        var request = new AdmissionRequest
        {
            Uid = "u",
            Kind = new GroupVersionKind { Group = "apps", Version = "v1", Kind = "Deployment" },
            Resource = new GroupVersionResource { Group = "apps", Version = "v1", Resource = "deployments" },
            SubResource = "scale",
            Operation = "UPDATE",
            UserInfo = new UserInfo { Username = "me", Extra = new Dictionary<string, string[]> { ["k"] = ["v"] } },
            DryRun = true,
            Object = Element("""{"spec":{"replicas":3}}"""),
        };

        Assert.Equal(
            """{"uid":"u","kind":{"group":"apps","version":"v1","kind":"Deployment"},"resource":{"group":"apps","version":"v1","resource":"deployments"},"subResource":"scale","operation":"UPDATE","userInfo":{"extra":{"k":["v"]},"username":"me"},"object":{"spec":{"replicas":3}},"dryRun":true}""",
            Text(request.ToUtf8Json()));
    }

    [Fact]
    public void SortedJsonWriter_NestedArraysOfObjects_SortsEveryLevel()
    {
        var value = Element("""{"z":[{"d":1,"c":{"f":"<&>","e":1.50}}],"y":"\u00e9"}""");

        Assert.Equal("""{"y":"é","z":[{"c":{"e":1.50,"f":"<&>"},"d":1}]}""", Text(SortedJsonWriter.ToUtf8Json(value)));
    }
}
