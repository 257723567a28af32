import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Pipeline

/// An error answered as JSON `{"error": code, "message": …}` with a fitting status.
///
/// Messages name what is wrong (a header, a field, a parameter) and never carry a database error
/// or stack trace: those go to the log.
public struct APIError: HTTPResponseError, Sendable {
    public var status: HTTPResponse.Status
    public var code: String
    public var message: String

    public init(status: HTTPResponse.Status, code: String, message: String) {
        self.status = status; self.code = code; self.message = message
    }

    public static func badRequest(_ message: String, code: String = "bad_request") -> APIError {
        APIError(status: .badRequest, code: code, message: message)
    }
    public static func unauthorized(_ message: String) -> APIError {
        APIError(status: .unauthorized, code: "unauthorized", message: message)
    }
    public static func notFound(_ message: String) -> APIError {
        APIError(status: .notFound, code: "not_found", message: message)
    }

    /// The HTTP form of an ingest failure.
    public init(_ error: IngestError) {
        let status: HTTPResponse.Status = switch error {
        case .missingHeader, .malformedPayload: .badRequest
        case .unknownShop: .notFound
        case .invalidSignature: .unauthorized
        case .storageUnavailable, .shuttingDown: .serviceUnavailable
        case .processingFailed: .internalServerError
        }
        self.init(status: status, code: error.code, message: error.description)
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let object = ["error": code, "message": message]
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
