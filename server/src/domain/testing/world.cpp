#include "domain/testing/world.hpp"

#include <stdexcept>

#include "domain/masking.hpp"

namespace portal::domain::testing {

std::string KeyValue(int n, char middle) {
  // "sk-ant-api03-" + 3 characters of n … 40 characters hidden by the hint … 4 characters of n.
  const std::string id = std::to_string(1000 + n);
  return "sk-ant-api03-" + id.substr(id.size() - 3) + std::string(40, middle) + "Z" + id.substr(id.size() - 3);
}

Organization TestWorld::AddOrganization(const std::string& id, const std::string& name) {
  Organization org{id, name, "", clock.now_ms, clock.now_ms};
  store.Put(org);
  return org;
}

User TestWorld::AddUser(const std::string& id, Role role, const std::optional<std::string>& organization_id,
                        const std::optional<std::string>& api_key_id) {
  User user;
  user.id = id;
  user.email = id + "@portal.test";
  user.name = "Name of " + id;
  user.password_hash = "hash:initial-password";
  user.role = role;
  user.organization_id = organization_id;
  user.api_key_id = api_key_id;
  user.created_at = clock.now_ms;
  user.updated_at = clock.now_ms;
  store.Put(user);
  return user;
}

Session TestWorld::AddSession(const std::string& id, const std::string& user_id) {
  Session session{id, user_id, "web", clock.now_ms, clock.now_ms + 3'600'000, std::nullopt, ""};
  store.Put(session);
  return session;
}

WorkspaceRecord TestWorld::AddWorkspace(const std::string& id, const std::string& name,
                                        const std::optional<std::string>& organization_id) {
  WorkspaceRecord record;
  record.id = id;
  record.name = name;
  record.display_color = "#6C5BB9";
  record.created_at = "2025-01-01T00:00:00Z";
  record.organization_id = organization_id;
  record.synced_at = clock.now_ms;
  store.Put(record);
  Workspace upstream;
  upstream.id = id;
  upstream.name = name;
  upstream.display_color = record.display_color;
  upstream.created_at = record.created_at;
  anthropic->workspaces.push_back(upstream);
  return record;
}

ApiKeyRecord TestWorld::AddKey(const std::string& id, const std::optional<std::string>& workspace_id,
                               const std::string& value, bool registered, ApiKeyStatus status) {
  ApiKeyRecord record;
  record.id = id;
  record.name = "key " + id;
  record.status = std::string(ToString(status));
  record.partial_key_hint = MaskSecret(value);
  record.workspace_id = workspace_id;
  record.created_at = "2025-02-01T00:00:00Z";
  record.synced_at = clock.now_ms;
  if (registered) {
    record.secret_sealed = *vault.Seal(value, id);
    record.secret_registered_at = clock.now_ms;
  }
  store.Put(record);
  ApiKey upstream;
  upstream.id = id;
  upstream.name = record.name;
  upstream.status = status;
  upstream.partial_key_hint = record.partial_key_hint;
  upstream.workspace_id = workspace_id;
  upstream.created_at = record.created_at;
  anthropic->keys.push_back(upstream);
  if (status == ApiKeyStatus::kActive) anthropic->valid_key_values.insert(value);
  return record;
}

std::optional<User> TestWorld::FindUser(const std::string& id) const {
  auto it = store.State().users.find(id);
  if (it == store.State().users.end()) return std::nullopt;
  return it->second;
}

ApiKeyRecord TestWorld::KeyRecord(const std::string& id) const {
  auto it = store.State().api_keys.find(id);
  if (it == store.State().api_keys.end()) throw std::logic_error("no API key " + id);
  return it->second;
}

Actor ActorFor(const User& user) {
  Actor actor = MakeActor(user.id, user.role, user.organization_id);
  actor.email = user.email;
  actor.name = user.name;
  return actor;
}

Actor MakeActor(std::string user_id, Role role, std::optional<std::string> organization_id) {
  Actor actor;
  actor.user_id = std::move(user_id);
  actor.session_id = "ses_of_" + actor.user_id;
  actor.role = role;
  actor.organization_id = std::move(organization_id);
  actor.request_id = "req-test";
  return actor;
}

}  // namespace portal::domain::testing
