import FCKit

/// GET /v1/financial_connections/accounts/{account}/owners?ownership=fcaowns_…
extension SandboxEngine {
    func listOwners(_ ctx: RequestContext) throws(APIError) -> Reply {
        let p = ctx.params
        try ParamValidator.validate(p.object, ListPaging.spec + [("ownership", .string)])
        let id = ctx[0]
        let a = try account(id)
        let ownershipId = try p.require("ownership")
        try requireActive(a, id)
        guard let ownership = accountRecords[id]?.ownerships[ownershipId] else {
            throw .noSuch("financial connections account ownership", ownershipId, param: "ownership", status: 400)
        }
        let owners = ownership["owners"]?["data"]?.arrayValue ?? []
        var byId: [String: JSON] = [:]
        for owner in owners { if let oid = owner["id"]?.stringValue { byId[oid] = owner } }
        let order = owners.compactMap { $0["id"]?.stringValue }
        return .json(try ListPaging.page(order, params: p, url: "/v1/financial_connections/accounts/\(id)/owners",
                                         noun: "financial connections account owner") { oid throws(APIError) in byId[oid]! })
    }
}
