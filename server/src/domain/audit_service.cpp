#include "domain/audit_service.hpp"

#include "core/log.hpp"

namespace portal::domain {

void AuditDetails::Key(std::string_view key) {
  if (!body_.empty()) body_ += ',';
  log::AppendJsonString(body_, key);
  body_ += ':';
}

AuditDetails& AuditDetails::Add(std::string_view key, std::string_view value) {
  Key(key);
  log::AppendJsonString(body_, value);
  return *this;
}

AuditDetails& AuditDetails::Add(std::string_view key, std::int64_t value) {
  Key(key);
  body_ += std::to_string(value);
  return *this;
}

AuditDetails& AuditDetails::Add(std::string_view key, bool value) {
  Key(key);
  body_ += value ? "true" : "false";
  return *this;
}

AuditDetails& AuditDetails::AddNull(std::string_view key) {
  Key(key);
  body_ += "null";
  return *this;
}

namespace {

// The current name of an event's target, if the portal knows one for its type.
Result<std::optional<std::string>> TargetName(Tx& tx, const AuditEvent& event) {
  auto named = [](auto found, auto name) -> Result<std::optional<std::string>> {
    if (found) return std::optional<std::string>(name(*found));
    if (found.error().code == ErrorCode::kNotFound) return std::optional<std::string>();
    return Fail(found.error());
  };
  const auto& type = event.target_type;
  const auto& id = event.target_id;
  if (type == "user")
    return named(tx.Users().FindById(id), [](const User& u) { return u.name + " (" + u.email + ")"; });
  if (type == "organization")
    return named(tx.Organizations().FindById(id), [](const Organization& o) { return o.name; });
  if (type == "workspace") return named(tx.Workspaces().FindById(id), [](const WorkspaceRecord& w) { return w.name; });
  if (type == "api_key") {
    return named(tx.ApiKeys().FindById(id),
                 [](const ApiKeyRecord& k) { return k.name + " (" + k.partial_key_hint + ")"; });
  }
  if (type == "prompt") return named(tx.Prompts().FindById(id), [](const Prompt& p) { return p.title; });
  return std::optional<std::string>();
}

}  // namespace

Result<Page<AuditEntry>> AuditService::List(const Actor& actor, AuditQuery query) {
  if (auto allowed = RequireRole(actor, {Role::kSuperAdmin, Role::kAdmin}); !allowed) return Fail(allowed.error());
  if (!IsSuperAdmin(actor)) {
    if (!actor.organization_id) return Fail(Error::Forbidden("your account belongs to no organization"));
    if (query.organization_id) {
      if (auto visible = RequireOrganizationAccess(actor, query.organization_id); !visible) {
        return Fail(visible.error());
      }
    }
    query.organization_id = actor.organization_id;
  }
  Page<AuditEntry> page;
  auto read = store_.Read([&](Tx& tx) -> Status {
    auto listed = tx.Audit().List(query);
    if (!listed) return Fail(listed.error());
    page.next_cursor = listed->next_cursor;
    page.total = listed->total;
    page.total_exact = listed->total_exact;
    for (auto& event : listed->items) {
      AuditEntry entry;
      if (event.actor_id) {
        auto user = tx.Users().FindById(*event.actor_id);
        if (user) {
          entry.actor_name = user->name;
          if (!IsSuperAdmin(actor) && user->organization_id != actor.organization_id) event.actor_id.reset();
        } else if (user.error().code != ErrorCode::kNotFound) {
          return Fail(user.error());
        }
      }
      auto target = TargetName(tx, event);
      if (!target) return Fail(target.error());
      entry.target_name = std::move(*target);
      entry.event = std::move(event);
      page.items.push_back(std::move(entry));
    }
    return {};
  });
  if (!read) return Fail(read.error());
  return page;
}

}  // namespace portal::domain
