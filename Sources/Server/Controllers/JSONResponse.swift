import Foundation
import Hummingbird
import NIOCore

/// Encodes API values as JSON with snake_case keys and ISO 8601 instants.
enum JSONResponse {
    static func make(_ value: some Encodable) throws -> Response {
        let data = try encoder().encode(value)
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// Snake-case keys, ISO 8601 dates, sorted keys: every JSON body the API writes.
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}

/// A page of results with what was asked.
struct Page<Item: Encodable & Sendable>: Encodable, Sendable {
    var items: [Item]
    var limit: Int
    var offset: Int
}
