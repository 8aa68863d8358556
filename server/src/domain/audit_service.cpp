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

Result<Page<AuditEvent>> AuditService::List(const Actor& actor, AuditQuery query) {
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
  Page<AuditEvent> page;
  auto read = store_.Read([&](Tx& tx) -> Status {
    auto listed = tx.Audit().List(query);
    if (!listed) return Fail(listed.error());
    page = std::move(*listed);
    return {};
  });
  if (!read) return Fail(read.error());
  return page;
}

}  // namespace portal::domain
