#include "domain/key_brief.hpp"

namespace portal::domain {

ApiKeyBrief BriefOf(const ApiKeyRecord& key) {
  return {key.id, key.name, key.partial_key_hint, key.vanished_at ? std::string("vanished") : key.status};
}

ApiKeyBrief UnknownKeyBrief(const std::string& id) { return {id, "", "", "vanished"}; }

std::optional<ApiKeyBrief> HeldKeyBrief(const std::optional<std::string>& api_key_id,
                                        const std::optional<ApiKeyRecord>& key) {
  if (!api_key_id) return std::nullopt;
  return key ? BriefOf(*key) : UnknownKeyBrief(*api_key_id);
}

Result<std::optional<ApiKeyBrief>> LoadApiKeyBrief(Tx& tx, const std::optional<std::string>& api_key_id) {
  if (!api_key_id) return std::optional<ApiKeyBrief>();
  auto key = tx.ApiKeys().FindById(*api_key_id);
  if (!key) {
    if (key.error().code != ErrorCode::kNotFound) return Fail(key.error());
    return std::optional<ApiKeyBrief>(UnknownKeyBrief(*api_key_id));
  }
  return std::optional<ApiKeyBrief>(BriefOf(*key));
}

bool IsUsable(const ApiKeyBrief& key) { return key.status == "active"; }

Result<std::optional<std::string>> KeyOrganization(Tx& tx, const ApiKeyRecord& key) {
  if (!key.workspace_id) return std::optional<std::string>();
  auto workspace = tx.Workspaces().FindById(*key.workspace_id);
  if (!workspace) {
    if (workspace.error().code == ErrorCode::kNotFound) return std::optional<std::string>();
    return Fail(workspace.error());
  }
  return workspace->organization_id;
}

}  // namespace portal::domain
