namespace Kubewarden.PolicyServer.Api;

/// <summary>The three evaluation routes of the API port.</summary>
internal enum AdmissionRoute
{
    /// <summary><c>/validate/{id}</c>: AdmissionReview, post-processed verdict, JSON error bodies.</summary>
    Validate,

    /// <summary><c>/validate_raw/{id}</c>: <c>{"request": any}</c>, post-processed verdict, plain error bodies.</summary>
    ValidateRaw,

    /// <summary><c>/audit/{id}</c>: AdmissionReview, raw verdict, plain error bodies.</summary>
    Audit,
}
