import Foundation
import Storage

/// A consent-filtered audience as the file marketing tools import: CSV (``AudienceCSV``) or JSON
/// (the run, then one profile per member with its properties). The API's export route and
/// `storewise customers export` both write it, so the two never drift apart.
public struct AudienceExportFile: Sendable {
    public enum Format: String, Sendable, CaseIterable { case csv, json }

    public var fileName: String
    public var contentType: String
    public var data: Data

    /// `segment` nil means every segment; `day` is the shop-local day that names the file.
    public init(members: [AudienceMember], run: CustomerValueRun, segment: String?, channel: MarketingChannel, format: Format,
                currency: String, day: String) throws {
        // Never a row the marketing tool would reject or, worse, match to someone else.
        // Only the consented channel's address goes out: consent to texts is no licence to hand the
        // email to a marketing tool, nor the other way round (data minimisation).
        let reachable = members.filter { CustomerAPIController.reachable($0, on: channel) }.map { member in
            var kept = member
            if channel == .email { kept.phone = nil } else { kept.email = nil }
            return kept
        }
        fileName = AudienceCSV.fileName(segment: segment, channel: channel, day: day, format: format.rawValue)
        switch format {
        case .csv:
            contentType = "text/csv; charset=utf-8"
            data = Data(AudienceCSV(currency: currency).render(reachable).utf8)
        case .json:
            contentType = "application/json; charset=utf-8"
            data = try JSONResponse.encoder().encode(CustomerAPIController.AudienceExport(
                segment: segment ?? "all", channel: channel.rawValue, run: run, count: reachable.count,
                profiles: reachable.map { CustomerAPIController.AudienceProfile($0, currency: currency) }))
        }
    }
}
