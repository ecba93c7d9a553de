/// Constants of the ApsaraVideo VOD OpenAPI that every operation shares.
///
/// Source: reference `alibaba-openapi.md` §1 ("Action `SubmitWorkflowJob`, version `2017-03-21`, RPC style").
public enum VODAPI: Sendable {
    /// The `Version` parameter / `x-acs-version` header of every VOD 2017 operation.
    public static let version = "2017-03-21"
    /// The RAM service code, the first part of every VOD RAM action (`vod:…`).
    public static let ramServiceCode = "vod"
}
