import Foundation

/// Fast ISO 8601 timestamps as Shopify writes them, without a `DateFormatter`.
///
/// Webhook ingest parses thousands of dates per second, and `ISO8601DateFormatter` is both slow
/// and unable to read every shape Shopify uses, so this is a small byte-level parser.
///
/// Accepted: `2021-12-31T19:00:00-05:00`, `2024-01-01T10:00:00.123Z`, `2024-01-01T10:00:00+0530`,
/// and the orders-export shape `2025-05-11 09:55:16 -0400` (space separators). A timestamp
/// without an offset is rejected rather than guessed.
public enum ShopifyDate {
    /// The instant `text` names, or nil when it is not a valid timestamp.
    public static func parse(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { parse(bytes: $0) }
    }

    /// Parses UTF-8 bytes; see `parse(_:)`.
    public static func parse(bytes: UnsafeBufferPointer<UInt8>) -> Date? {
        var reader = Reader(bytes: bytes)
        guard let year = reader.number(4), reader.skip("-"),
              let month = reader.number(2), reader.skip("-"),
              let day = reader.number(2)
        else { return nil }
        guard reader.skip("T") || reader.skip("t") || reader.skip(" ") else { return nil }
        guard let hour = reader.number(2), reader.skip(":"),
              let minute = reader.number(2), reader.skip(":"),
              let second = reader.number(2)
        else { return nil }
        guard (1...12).contains(month), day >= 1, day <= CivilDate.daysIn(month: month, year: year),
              hour <= 23, minute <= 59, second <= 60  // 60: a leap second, folded into the next minute
        else { return nil }
        var fraction = 0.0
        if reader.skip(".") || reader.skip(",") {
            var scale = 0.1
            var any = false
            while let digit = reader.digit() {
                fraction += Double(digit) * scale
                scale /= 10
                any = true
            }
            guard any else { return nil }
        }
        _ = reader.skip(" ")
        var offset = 0
        if reader.skip("Z") || reader.skip("z") {
            offset = 0
        } else if let sign = reader.sign() {
            guard let hours = reader.number(2), hours <= 23 else { return nil }
            _ = reader.skip(":")
            let minutes = reader.atEnd ? 0 : reader.number(2)
            guard let minutes, minutes <= 59 else { return nil }
            offset = sign * (hours * 3600 + minutes * 60)
        } else {
            return nil
        }
        guard reader.atEnd else { return nil }
        let days = CivilDate(year: year, month: month, day: day).dayNumber
        let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offset)
        // Whole seconds stay exact: Date stores a Double, exact for integers below 2^53.
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    /// Formats `date` as `2021-12-31T19:00:00-05:00` in the given UTC offset (seconds east).
    ///
    /// Sub-second parts are written as milliseconds (`.123`) only when present, so whole-second
    /// dates read back to the identical `Date`.
    public static func format(_ date: Date, utcOffset: Int = 0) -> String {
        let interval = date.timeIntervalSince1970
        let wholeSeconds = interval.rounded(.down)
        var millis = Int(((interval - wholeSeconds) * 1000).rounded())
        var local = Int64(wholeSeconds) + Int64(utcOffset)
        if millis == 1000 { millis = 0; local += 1 }
        let days = Int(local >= 0 ? local / 86_400 : (local - 86_399) / 86_400)
        let secondOfDay = Int(local - Int64(days) * 86_400)
        let civil = CivilDate(dayNumber: days)
        let (year, month, day) = (civil.year, civil.month, civil.day)
        var out = [UInt8]()
        out.reserveCapacity(29)
        append(year, width: 4, to: &out); out.append(UInt8(ascii: "-"))
        append(month, width: 2, to: &out); out.append(UInt8(ascii: "-"))
        append(day, width: 2, to: &out); out.append(UInt8(ascii: "T"))
        append(secondOfDay / 3600, width: 2, to: &out); out.append(UInt8(ascii: ":"))
        append(secondOfDay / 60 % 60, width: 2, to: &out); out.append(UInt8(ascii: ":"))
        append(secondOfDay % 60, width: 2, to: &out)
        if millis != 0 {
            out.append(UInt8(ascii: "."))
            append(millis, width: 3, to: &out)
        }
        out.append(utcOffset < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
        let offsetMinutes = abs(utcOffset) / 60
        append(offsetMinutes / 60, width: 2, to: &out); out.append(UInt8(ascii: ":"))
        append(offsetMinutes % 60, width: 2, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static func append(_ value: Int, width: Int, to out: inout [UInt8]) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            out.append(UInt8(ascii: "0") + UInt8(rest / divisor % 10))
            rest %= divisor
            divisor /= 10
        }
    }

    /// A cursor over the timestamp's bytes.
    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        var atEnd: Bool { index == bytes.count }

        mutating func skip(_ character: Unicode.Scalar) -> Bool {
            guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
            index += 1
            return true
        }

        mutating func digit() -> Int? {
            guard index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 else { return nil }
            defer { index += 1 }
            return Int(bytes[index] - 48)
        }

        mutating func number(_ count: Int) -> Int? {
            var value = 0
            for _ in 0..<count {
                guard let digit = digit() else { return nil }
                value = value * 10 + digit
            }
            return value
        }

        mutating func sign() -> Int? {
            if skip("+") { return 1 }
            if skip("-") { return -1 }
            return nil
        }
    }
}
