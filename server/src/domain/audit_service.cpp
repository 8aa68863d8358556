#include "domain/audit_service.hpp"

#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <map>
#include <set>

#include "core/ids.hpp"
#include "core/log.hpp"
#include "domain/key_brief.hpp"

namespace portal::domain {

AuditEvent MakeAuditEvent(std::optional<std::string> actor_id, std::string action, std::string target_type,
                          std::string target_id, std::optional<std::string> organization_id, std::string request_id,
                          std::int64_t now, std::string details_json) {
  AuditEvent event;
  event.id = NewId("aud");
  if (actor_id && !actor_id->empty()) event.actor_id = std::move(actor_id);
  event.action = std::move(action);
  event.target_type = std::move(target_type);
  event.target_id = std::move(target_id);
  event.organization_id = std::move(organization_id);
  event.request_id = std::move(request_id);
  event.details_json = std::move(details_json);
  event.created_at = now;
  return event;
}

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

AuditDetails& AuditDetails::Add(std::string_view key, const std::vector<std::string>& values) {
  Key(key);
  body_ += '[';
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) body_ += ',';
    log::AppendJsonString(body_, values[i]);
  }
  body_ += ']';
  return *this;
}

AuditDetails& AuditDetails::AddNull(std::string_view key) {
  Key(key);
  body_ += "null";
  return *this;
}

namespace {

// The actors and current target names of a page of events, looked up a kind at a time (one
// query per kind of target, however long the page).
class Names {
 public:
  Status Load(Tx& tx, const std::vector<AuditEvent>& events) {
    std::vector<std::string> users, organizations, keys;
    for (const auto& e : events) {
      if (e.actor_id) users.push_back(*e.actor_id);
      if (e.target_type == "user") users.push_back(e.target_id);
      if (e.target_type == "organization") organizations.push_back(e.target_id);
      if (e.organization_id) organizations.push_back(*e.organization_id);
      if (e.target_type == "api_key") keys.push_back(e.target_id);
    }
    for (auto* ids : {&users, &organizations, &keys}) {
      std::sort(ids->begin(), ids->end());
      ids->erase(std::unique(ids->begin(), ids->end()), ids->end());
    }
    auto found_users = tx.Users().FindByIds(users);
    if (!found_users) return Fail(found_users.error());
    for (auto& u : *found_users) users_.emplace(u.id, std::move(u));
    auto found_organizations = tx.Organizations().FindByIds(organizations);
    if (!found_organizations) return Fail(found_organizations.error());
    for (auto& o : *found_organizations) targets_.emplace("organization:" + o.id, o.name);
    auto found_keys = tx.ApiKeys().FindByIds(keys);
    if (!found_keys) return Fail(found_keys.error());
    for (auto& k : *found_keys) targets_.emplace("api_key:" + k.id, k.name + " (" + k.partial_key_hint + ")");
    for (const auto& e : events) {
      if (e.target_type != "workspace" && e.target_type != "prompt") continue;
      const std::string key = e.target_type + ":" + e.target_id;
      if (targets_.contains(key) || missing_.contains(key)) continue;
      auto name = e.target_type == "workspace"
                      ? Named(tx.Workspaces().FindById(e.target_id), [](const WorkspaceRecord& w) { return w.name; })
                      : Named(tx.Prompts().FindById(e.target_id), [](const Prompt& p) { return p.title; });
      if (!name) return Fail(name.error());
      if (*name) {
        targets_.emplace(key, **name);
      } else {
        missing_.insert(key);
      }
    }
    return {};
  }

  const User* Actor(const std::string& id) const {
    auto found = users_.find(id);
    return found == users_.end() ? nullptr : &found->second;
  }

  std::optional<std::string> Organization(const std::optional<std::string>& id) const {
    if (!id) return std::nullopt;
    auto found = targets_.find("organization:" + *id);
    return found == targets_.end() ? std::nullopt : std::optional<std::string>(found->second);
  }

  std::optional<std::string> Target(const AuditEvent& event) const {
    if (event.target_type == "user") {
      const User* user = Actor(event.target_id);
      return user ? std::optional<std::string>(user->name + " (" + user->email + ")") : std::nullopt;
    }
    auto found = targets_.find(event.target_type + ":" + event.target_id);
    return found == targets_.end() ? std::nullopt : std::optional<std::string>(found->second);
  }

 private:
  template <typename T, typename F>
  static Result<std::optional<std::string>> Named(Result<T> found, F name) {
    if (found) return std::optional<std::string>(name(*found));
    if (found.error().code == ErrorCode::kNotFound) return std::optional<std::string>();
    return Fail(found.error());
  }

  std::map<std::string, User> users_;
  std::map<std::string, std::string> targets_;
  std::set<std::string> missing_;
};

// The details that name a portal object by id, and what kind of object each names.
enum class RefKind { kOrganization, kWorkspace, kApiKey };
constexpr std::array<std::pair<std::string_view, RefKind>, 8> kDetailRefs{{
    {"organizationId", RefKind::kOrganization},
    {"previousOrganizationId", RefKind::kOrganization},
    {"workspaceId", RefKind::kWorkspace},
    {"apiKeyId", RefKind::kApiKey},
    {"previousApiKeyId", RefKind::kApiKey},
    {"newKeyId", RefKind::kApiKey},
    {"keyDeactivated", RefKind::kApiKey},
    {"keyArchived", RefKind::kApiKey},
}};

std::optional<RefKind> DetailRef(std::string_view key) {
  for (const auto& [name, kind] : kDetailRefs) {
    if (name == key) return kind;
  }
  return std::nullopt;
}

// The objects a page's details name: their names, and the organization each belongs to.
class DetailRefs {
 public:
  struct Ref {
    std::string name;
    std::optional<std::string> organization_id;
  };

  Status Load(Tx& tx, const std::vector<boost::json::object>& details) {
    std::vector<std::string> organizations, keys;
    std::set<std::string> workspaces;
    for (const auto& object : details) {
      for (const auto& [key, value] : object) {
        auto kind = DetailRef(key);
        if (!kind || !value.is_string()) continue;
        std::string id(value.get_string());
        if (*kind == RefKind::kOrganization) organizations.push_back(id);
        if (*kind == RefKind::kWorkspace) workspaces.insert(id);
        if (*kind == RefKind::kApiKey) keys.push_back(id);
      }
    }
    auto found_organizations = tx.Organizations().FindByIds(organizations);
    if (!found_organizations) return Fail(found_organizations.error());
    for (const auto& o : *found_organizations) refs_.emplace(o.id, Ref{o.name, o.id});
    for (const auto& id : workspaces) {
      auto w = tx.Workspaces().FindById(id);
      if (w) {
        refs_.emplace(id, Ref{w->name, w->organization_id});
      } else if (w.error().code != ErrorCode::kNotFound) {
        return Fail(w.error());
      }
    }
    auto found_keys = tx.ApiKeys().FindByIds(keys);
    if (!found_keys) return Fail(found_keys.error());
    for (const auto& k : *found_keys) {
      auto organization = KeyOrganization(tx, k);
      if (!organization) return Fail(organization.error());
      refs_.emplace(k.id, Ref{k.name + " (" + k.partial_key_hint + ")", *organization});
    }
    return {};
  }

  const Ref* Find(const std::string& id) const {
    auto found = refs_.find(id);
    return found == refs_.end() ? nullptr : &found->second;
  }

 private:
  std::map<std::string, Ref> refs_;
};

// The details of `event` as `actor` may read them, with the names of the objects they name.
void ResolveDetails(const Actor& actor, const DetailRefs& refs, boost::json::object details, AuditEntry& entry) {
  for (auto& [key, value] : details) {
    if (!DetailRef(key) || !value.is_string()) continue;
    const DetailRefs::Ref* ref = refs.Find(std::string(value.get_string()));
    if (!IsSuperAdmin(actor) && (ref == nullptr || ref->organization_id != actor.organization_id)) {
      value = nullptr;
      entry.hidden_details.emplace_back(key);
      continue;
    }
    if (ref != nullptr) entry.detail_names.emplace(std::string(key), ref->name);
  }
  entry.event.details_json = boost::json::serialize(details);
}

boost::json::object ParseDetails(const std::string& text) {
  boost::system::error_code ec;
  auto parsed = boost::json::parse(text, ec);
  if (ec || !parsed.is_object()) return {};
  return std::move(parsed.as_object());
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
    Names names;
    if (auto loaded = names.Load(tx, listed->items); !loaded) return loaded;
    std::vector<boost::json::object> details;
    details.reserve(listed->items.size());
    for (const auto& event : listed->items) details.push_back(ParseDetails(event.details_json));
    DetailRefs refs;
    if (auto loaded = refs.Load(tx, details); !loaded) return loaded;
    for (std::size_t i = 0; i < listed->items.size(); ++i) {
      auto& event = listed->items[i];
      AuditEntry entry;
      if (event.actor_id) {
        if (const User* user = names.Actor(*event.actor_id)) {
          entry.actor_name = user->name;
          if (!IsSuperAdmin(actor) && user->organization_id != actor.organization_id) event.actor_id.reset();
        }
      }
      entry.target_name = names.Target(event);
      entry.organization_name = names.Organization(event.organization_id);
      entry.event = std::move(event);
      ResolveDetails(actor, refs, std::move(details[i]), entry);
      page.items.push_back(std::move(entry));
    }
    return {};
  });
  if (!read) return Fail(read.error());
  return page;
}

}  // namespace portal::domain
