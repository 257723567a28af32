import Pipeline

/// Escaping for text placed in HTML, so shop names and product titles can't inject markup.
enum HTML {
    static func escape(_ text: String) -> String { HTMLText.escape(text) }
}
