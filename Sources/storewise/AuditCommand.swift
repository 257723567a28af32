import ArgumentParser

/// `storewise audit`: the append-only, hash-chained audit trail of decisions and changes.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "The hash-chained audit trail: list rows, verify the chain.",
        discussion: """
        Every proposal, decision, execution, install and model promotion appends a row carrying the previous row's \
        hash. `verify` recomputes each shop's chain and reports any edited, deleted or truncated row (exit 1).
          storewise audit verify
          storewise audit list --shop my-shop.myshopify.com --proposal 12
        """,
        subcommands: [AuditVerifyCommand.self, AuditListCommand.self]
    )
}
