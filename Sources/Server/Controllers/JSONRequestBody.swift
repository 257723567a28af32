import Foundation
import Hummingbird
import NIOCore

/// Reads a JSON request body and turns decoding failures into 400s that name the field.
enum JSONRequestBody {
    /// Settings and edits are a few hundred bytes; anything near this is not one of them.
    static let maxBytes = 65_536

    /// The raw body, at most `maxBytes`.
    static func data(_ request: Request) async throws -> Data {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: maxBytes)
        } catch {
            throw APIError(status: .contentTooLarge, code: "body_too_large", message: "the request body must be at most \(maxBytes) bytes")
        }
        return Data(buffer.readableBytesView)
    }

    /// The body's top-level keys, checking that it is a JSON object.
    static func keys(_ data: Data) throws -> [String] {
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw APIError.badRequest("the request body must be a JSON object", code: "invalid_body")
        }
        return Array(object.keys)
    }

    /// Decodes `T`; a missing or mistyped field answers 400 naming it (as `fieldName` spells it for clients).
    static func decode<T: Decodable>(_ type: T.Type, from data: Data, decoder: JSONDecoder = JSONDecoder(),
                                     fieldName: (String) -> String = { $0 }) throws -> T {
        _ = try keys(data)
        do {
            return try decoder.decode(T.self, from: data)
        } catch let error as DecodingError {
            if case .dataCorrupted(let context) = error, context.codingPath.isEmpty, let key = culprit(T.self, data: data, decoder: decoder) {
                // Linux Foundation reports a number that does not fit (2.5 for an Int) as invalid JSON without a path.
                throw APIError.badRequest("field \(fieldName(decoder.keyName(key))) has a value of the wrong type or out of range", code: "invalid_field")
            }
            throw fieldError(error, fieldName: fieldName)
        }
    }

    /// The top-level key whose removal makes a pathless `dataCorrupted` go away.
    private static func culprit<T: Decodable>(_ type: T.Type, data: Data, decoder: JSONDecoder) -> String? {
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else { return nil }
        for key in object.keys.sorted() {
            var rest = object
            rest[key] = nil
            guard let trimmed = try? JSONSerialization.data(withJSONObject: rest) else { continue }
            do {
                _ = try decoder.decode(T.self, from: trimmed)
                return key
            } catch DecodingError.dataCorrupted(let context) where context.codingPath.isEmpty {
                continue
            } catch {
                return key
            }
        }
        return nil
    }

    /// The client's view of a decoding error: which field, and what it should have been.
    static func fieldError(_ error: DecodingError, fieldName: (String) -> String) -> APIError {
        func name(_ path: [any CodingKey]) -> String {
            path.map { $0.intValue.map { "[\($0)]" } ?? fieldName($0.stringValue) }.joined(separator: ".")
        }
        func expected(_ type: Any.Type) -> String {
            switch type {
            case is Bool.Type: "true or false"
            case is Int.Type, is Int64.Type: "an integer"
            case is Double.Type: "a number"
            case is String.Type: "a string"
            default: "of type \(type)"
            }
        }
        let message: String
        switch error {
        case .keyNotFound(let key, let context):
            message = "field \(name(context.codingPath + [key])) is required"
        case .valueNotFound(let type, let context):
            message = "field \(name(context.codingPath)) must be \(expected(type)), got null"
        case .typeMismatch(let type, let context):
            message = "field \(name(context.codingPath)) must be \(expected(type))"
        case .dataCorrupted(let context):
            message = context.codingPath.isEmpty ? "the request body is not valid JSON"
                : "field \(name(context.codingPath)) has an invalid value (\(context.debugDescription))"
        @unknown default:
            message = "the request body could not be read"
        }
        return APIError.badRequest(message, code: "invalid_field")
    }
}

private extension JSONDecoder {
    /// A body key as the decoder maps it (the settings decoder maps snake_case to property names).
    func keyName(_ key: String) -> String {
        guard case .custom(let map) = keyDecodingStrategy else { return key }
        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }
        return map([Key(stringValue: key)]).stringValue
    }
}
