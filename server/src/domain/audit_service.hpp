#pragma once
// The audit trail as people read it (R-X2): SuperAdmin sees every event, an Admin the events of
// their own organization, a User none (403). Events are written by each service, in the same
// transaction as the change they describe (MakeAuditEvent); this service only reads.
//
// AuditDetails builds the details_json of an event. Callers pass only non-secret values (ids,
// names, counts, flags); nothing here can tell a secret from a name, so never pass one.
//
// Blocking (database); thread-safe.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "domain/entities.hpp"
#include "domain/policy.hpp"
#include "domain/repositories.hpp"

namespace portal::domain {

// An event to append in the transaction of the change it describes. An empty actor id (the
// system: the CLI, the demo seed, a sync) is stored as none.
AuditEvent MakeAuditEvent(std::optional<std::string> actor_id, std::string action, std::string target_type,
                          std::string target_id, std::optional<std::string> organization_id, std::string request_id,
                          std::int64_t now, std::string details_json = "{}");

class AuditDetails {
 public:
  AuditDetails& Add(std::string_view key, std::string_view value);
  AuditDetails& Add(std::string_view key, const char* value) { return Add(key, std::string_view(value)); }
  AuditDetails& Add(std::string_view key, const std::string& value) { return Add(key, std::string_view(value)); }
  AuditDetails& Add(std::string_view key, std::int64_t value);
  AuditDetails& Add(std::string_view key, int value) { return Add(key, static_cast<std::int64_t>(value)); }
  AuditDetails& Add(std::string_view key, bool value);
  AuditDetails& AddNull(std::string_view key);
  AuditDetails& Add(std::string_view key, const std::vector<std::string>& values);  // an array of strings
  std::string Json() const { return "{" + body_ + "}"; }

 private:
  void Key(std::string_view key);
  std::string body_;
};

// An event as people read it: who and what by name. Names are looked up now (a renamed object
// shows its current name; a deleted one none). For an Admin, the id of an actor outside their
// organization (a SuperAdmin, say) is left out; the name stays. The details that name a portal
// object by id (organizationId, previousOrganizationId, workspaceId, apiKeyId, previousApiKeyId,
// newKeyId, keyDeactivated, keyArchived) get that object's name; for an Admin, one outside their organization (or gone)
// keeps neither id nor name: its value becomes null and its key is listed in hidden_details.
struct AuditEntry {
  AuditEvent event;  // event.details_json as the viewer may read it
  std::optional<std::string> actor_name;
  std::optional<std::string> target_name;
  std::optional<std::string> organization_name;  // of event.organization_id
  std::map<std::string, std::string> detail_names;
  std::vector<std::string> hidden_details;
};

class AuditService {
 public:
  explicit AuditService(Store& store) : store_(store) {}

  // Newest first. kForbidden for a User; kNotFound when an Admin filters by another organization.
  Result<Page<AuditEntry>> List(const Actor& actor, AuditQuery query);

 private:
  Store& store_;
};

}  // namespace portal::domain
