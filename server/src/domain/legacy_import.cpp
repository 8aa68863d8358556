#include "domain/legacy_import.hpp"

#include <algorithm>
#include <unordered_map>

#include "core/ids.hpp"
#include "domain/anthropic_connection.hpp"
#include "domain/api_key_service.hpp"
#include "domain/audit_service.hpp"
#include "domain/auth_service.hpp"
#include "domain/key_brief.hpp"
#include "domain/masking.hpp"
#include "domain/prompt_service.hpp"
#include "domain/sync_service.hpp"
#include "domain/validation.hpp"

namespace portal::domain {
namespace {

constexpr std::string_view kOrganizations = "simpleorganizations";
constexpr std::string_view kUsers = "simpleusers";
constexpr std::string_view kKeys = "anthropicapikeys";
constexpr std::string_view kPrompts = "prompts";
// A password hash the portal cannot verify: the user must be given a new password.
constexpr std::string_view kUnusablePassword = "!imported-without-password";
constexpr std::string_view kDryRunRollback = "import_dry_run_rollback";

std::string Lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool IsBcrypt(std::string_view hash) {
  return hash.size() == 60 && (hash.starts_with("$2a$") || hash.starts_with("$2b$") || hash.starts_with("$2y$"));
}

std::optional<Role> LegacyRole(std::string_view text) {
  const auto role = Lower(Trimmed(text));
  if (role == "superadmin" || role == "super_admin" || role == "super-admin") return Role::kSuperAdmin;
  if (role == "admin") return Role::kAdmin;
  if (role == "user" || role == "member") return Role::kUser;
  return std::nullopt;
}

// What an import needs to know about a user it created or matched (for keys and prompts).
struct ImportedUser {
  std::string id;
  Role role = Role::kUser;
  std::optional<std::string> organization_id;
};

// One run of the import inside one transaction.
class ImportRun {
 public:
  ImportRun(Tx& tx, const Vault& vault, const Actor& actor, std::int64_t now, ImportReport& report)
      : tx_(tx), vault_(vault), actor_(actor), now_(now), report_(report) {}

  Status Execute(const LegacyExport& data) {
    for (const auto& file : data.missing_files) {
      Problem("missing_file", file, "", "the export has no " + file + ".json; taken as empty");
    }
    for (const auto& p : data.read_problems) Problem("unreadable_document", p.collection, p.legacy_id, p.message);
    for (const auto& org : data.organizations) {
      if (auto s = ImportOrganization(org); !s) return s;
    }
    if (auto s = ImportKeyValues(data); !s) return s;
    for (const auto* user : KeptUsers(data.users)) {
      if (auto s = ImportUser(*user, data); !s) return s;
    }
    for (const auto& prompt : data.prompts) {
      if (auto s = ImportPrompt(prompt); !s) return s;
    }
    return Audit("import.run", "import", "legacy-mongo", std::nullopt, Summary());
  }

 private:
  ImportCount& Count(const std::string& kind) { return report_.counts[kind]; }

  void Problem(std::string kind, std::string_view collection, std::string_view legacy_id, std::string message) {
    report_.problems.push_back({std::move(kind), std::string(collection), std::string(legacy_id), std::move(message)});
  }

  Status Audit(std::string action, std::string target_type, std::string target_id,
               std::optional<std::string> organization_id, const AuditDetails& details) {
    const std::optional<std::string> actor_id =
        actor_.user_id.empty() ? std::nullopt : std::optional<std::string>(actor_.user_id);
    return tx_.Audit().Append(MakeAuditEvent(actor_id, std::move(action), std::move(target_type), std::move(target_id),
                                             std::move(organization_id), actor_.request_id, now_, details.Json()));
  }

  AuditDetails Summary() {
    AuditDetails details;
    for (const auto& [kind, count] : report_.counts) {
      details.Add(kind + "Created", count.created)
          .Add(kind + "Matched", count.matched)
          .Add(kind + "Skipped", count.skipped);
    }
    return details.Add("problems", static_cast<std::int64_t>(report_.problems.size()));
  }

  Result<std::optional<std::string>> Remembered(std::string_view collection, const std::string& legacy_id) {
    return tx_.LegacyIds().Find(collection, legacy_id);
  }

  Status Remember(std::string_view collection, const std::string& legacy_id, const std::string& object_id) {
    return tx_.LegacyIds().Insert(collection, legacy_id, object_id, now_);
  }

  // ---- organizations -------------------------------------------------------------------------

  Status ImportOrganization(const LegacyOrganization& legacy) {
    auto& count = Count("organizations");
    if (legacy.legacy_id.empty()) {
      ++count.skipped;
      Problem("missing_id", kOrganizations, "", "line " + std::to_string(legacy.line) + ": the document has no _id");
      return {};
    }
    auto known = Remembered(kOrganizations, legacy.legacy_id);
    if (!known) return Fail(known.error());
    if (*known) {
      auto org = tx_.Organizations().FindById(**known);
      if (org) {
        ++count.matched;
        organizations_[legacy.legacy_id] = org->id;
        return LinkWorkspace(legacy, org->id);
      }
      if (org.error().code != ErrorCode::kNotFound) return Fail(org.error());
      ++count.skipped;
      Problem(
          "organization_deleted", kOrganizations, legacy.legacy_id,
          "organization \"" + legacy.name + "\" was imported before and has since been deleted; it is not recreated");
      return {};
    }
    if (Lower(legacy.status) == "deleted") {
      ++count.skipped;
      Problem("organization_deleted", kOrganizations, legacy.legacy_id,
              "organization \"" + legacy.name + "\" is marked deleted in the old portal; it is not imported");
      return {};
    }
    const std::string name = Trimmed(legacy.name);
    if (auto valid = ValidateName(name, "name"); !valid) {
      ++count.skipped;
      Problem("invalid_name", kOrganizations, legacy.legacy_id,
              "the organization's name is not usable (" + valid.error().message + "); it is not imported");
      return {};
    }
    auto existing = tx_.Organizations().FindByName(name);
    std::string id;
    if (existing) {
      id = existing->id;
      ++count.matched;
      if (std::find(taken_organizations_.begin(), taken_organizations_.end(), id) != taken_organizations_.end()) {
        Problem("duplicate_organization", kOrganizations, legacy.legacy_id,
                "another organization of this export is also named \"" + name +
                    "\"; both become the one portal organization of that name");
      }
    } else if (existing.error().code == ErrorCode::kNotFound) {
      Organization org{NewId("org"), name, Trimmed(legacy.description), now_, now_};
      if (auto s = tx_.Organizations().Insert(org); !s) return s;
      if (auto s = Audit("import.organization", "organization", org.id, org.id,
                         AuditDetails().Add("name", org.name).Add("legacyId", legacy.legacy_id));
          !s) {
        return s;
      }
      id = org.id;
      ++count.created;
      report_.changed = true;
    } else {
      return Fail(existing.error());
    }
    taken_organizations_.push_back(id);
    organizations_[legacy.legacy_id] = id;
    if (auto s = Remember(kOrganizations, legacy.legacy_id, id); !s) return s;
    return LinkWorkspace(legacy, id);
  }

  Status LinkWorkspace(const LegacyOrganization& legacy, const std::string& organization_id) {
    if (!legacy.workspace_id || legacy.workspace_id->empty()) return {};
    auto& count = Count("workspaceLinks");
    auto workspace = tx_.Workspaces().FindById(*legacy.workspace_id);
    if (!workspace) {
      if (workspace.error().code != ErrorCode::kNotFound) return Fail(workspace.error());
      ++count.skipped;
      Problem("workspace_unknown", kOrganizations, legacy.legacy_id,
              "workspace " + *legacy.workspace_id +
                  " is not known from Anthropic (sync first, or it was deleted); it is not linked to \"" + legacy.name +
                  "\"");
      return {};
    }
    if (workspace->organization_id == organization_id) {
      ++count.matched;
      return {};
    }
    if (workspace->organization_id) {
      ++count.skipped;
      Problem("workspace_linked_elsewhere", kOrganizations, legacy.legacy_id,
              "workspace " + workspace->id + " (" + workspace->name +
                  ") already belongs to another organization; it stays there");
      return {};
    }
    if (auto s = tx_.Workspaces().SetOrganization(workspace->id, organization_id); !s) return s;
    ++count.created;
    report_.changed = true;
    return Audit("import.workspace_link", "workspace", workspace->id, organization_id,
                 AuditDetails().Add("name", workspace->name).Add("organizationId", organization_id));
  }

  // ---- key values ----------------------------------------------------------------------------

  // The one Anthropic key a value belongs to (by its hint), or nullopt after reporting why not.
  Result<std::optional<ApiKeyRecord>> KeyOfValue(const std::string& value, std::string_view collection,
                                                 const std::string& legacy_id) {
    if (auto cached = resolved_.find(value); cached != resolved_.end()) {
      if (!cached->second) return std::optional<ApiKeyRecord>();
      auto key = tx_.ApiKeys().FindById(*cached->second);
      if (!key) return Fail(key.error());
      return std::optional<ApiKeyRecord>(std::move(*key));
    }
    auto& slot = resolved_[value];
    if (!ValidateApiKeyValue(value)) {
      Problem("invalid_key_value", collection, legacy_id,
              "a stored key value is not an Anthropic API key (sk-ant-api03-…); it is not imported");
      return std::optional<ApiKeyRecord>();
    }
    const std::string hint = MaskSecret(value);
    auto found = tx_.ApiKeys().FindByHint(hint);
    if (!found) return Fail(found.error());
    if (found->empty()) {
      Problem("no_matching_key", collection, legacy_id,
              "no Anthropic API key has the hint " + hint +
                  " (deleted in the Console, or not synced yet); the value is not imported");
      return std::optional<ApiKeyRecord>();
    }
    if (found->size() > 1) {
      std::string ids;
      for (const auto& k : *found) ids += (ids.empty() ? "" : ", ") + k.id;
      Problem("ambiguous_key_hint", collection, legacy_id,
              "several Anthropic keys share the hint " + hint + " (" + ids +
                  "); register the value by hand (APIキー管理 → 登録)");
      return std::optional<ApiKeyRecord>();
    }
    slot = found->front().id;
    return std::optional<ApiKeyRecord>(std::move(found->front()));
  }

  // Seals one value under its Anthropic key (once per distinct value).
  Status ImportValue(const std::string& value, std::string_view collection, const std::string& legacy_id,
                     const std::string& claimed_id) {
    if (resolved_.contains(value)) return {};
    auto key = KeyOfValue(value, collection, legacy_id);
    if (!key) return Fail(key.error());
    auto& count = Count("apiKeys");
    if (!*key) {
      ++count.skipped;
      return {};
    }
    const ApiKeyRecord& k = **key;
    if (!claimed_id.empty() && claimed_id != k.id && IsAnthropicKey(claimed_id)) {
      Problem("key_id_value_mismatch", collection, legacy_id,
              "the value stored with " + claimed_id + " is the value of " + k.id + " (" + k.partial_key_hint +
                  "); it is registered under " + k.id + " only");
    }
    if (k.secret_sealed) {
      auto opened = vault_.Open(*k.secret_sealed, k.id);
      if (!opened) return Fail(opened.error());
      if (*opened == value) {
        ++count.matched;
      } else {
        ++count.skipped;
        Problem("key_secret_differs", collection, legacy_id,
                "key " + k.id + " already has another registered value; the portal keeps the one it has");
      }
      return {};
    }
    auto sealed = vault_.Seal(value, k.id);
    if (!sealed) return Fail(sealed.error());
    if (auto s = tx_.ApiKeys().SetSecret(k.id, *sealed, now_); !s) return s;
    ++count.created;
    report_.changed = true;
    auto organization = KeyOrganization(tx_, k);
    if (!organization) return Fail(organization.error());
    return Audit("import.api_key_secret", "api_key", k.id, *organization,
                 AuditDetails().Add("hint", k.partial_key_hint).Add("name", k.name));
  }

  Status ImportKeyValues(const LegacyExport& data) {
    for (const auto& key : data.api_keys) {
      if (key.value && !key.value->empty()) {
        if (auto s = ImportValue(*key.value, kKeys, key.legacy_id, key.api_key_id); !s) return s;
      }
    }
    for (const auto& user : data.users) {
      if (user.api_key_value && !user.api_key_value->empty()) {
        if (auto s = ImportValue(*user.api_key_value, kUsers, user.legacy_id, ""); !s) return s;
      }
    }
    return {};
  }

  // Whether the portal knows `id` as a key Anthropic has (an id the old portal invented is not).
  bool IsAnthropicKey(const std::string& id) {
    auto key = tx_.ApiKeys().FindById(id);
    return key.has_value();
  }

  // ---- users ---------------------------------------------------------------------------------

  // One user per case-insensitive email: active first, then updated last, then first in the file.
  std::vector<const LegacyUser*> KeptUsers(const std::vector<LegacyUser>& users) {
    std::unordered_map<std::string, const LegacyUser*> keeper;
    auto better = [](const LegacyUser& a, const LegacyUser& b) {
      const bool a_active = Lower(a.status) == "active" || a.status.empty();
      const bool b_active = Lower(b.status) == "active" || b.status.empty();
      if (a_active != b_active) return a_active;
      return a.updated_at > b.updated_at;
    };
    for (const auto& user : users) {
      auto [it, inserted] = keeper.emplace(NormalizeEmail(user.email), &user);
      if (!inserted && better(user, *it->second)) it->second = &user;
    }
    std::vector<const LegacyUser*> kept;
    for (const auto& user : users) {
      const auto* chosen = keeper[NormalizeEmail(user.email)];
      if (chosen == &user) {
        kept.push_back(&user);
        continue;
      }
      ++Count("users").skipped;
      Problem("duplicate_email", kUsers, user.legacy_id,
              "\"" + user.email + "\" differs only in case from \"" + chosen->email + "\" (" + chosen->legacy_id +
                  "), which is imported instead (active before disabled, then the one updated last)");
    }
    return kept;
  }

  Result<std::optional<std::string>> OrganizationOf(const std::string& legacy_id) {
    if (auto it = organizations_.find(legacy_id); it != organizations_.end()) return std::optional(it->second);
    auto known = Remembered(kOrganizations, legacy_id);
    if (!known || !*known) return known;
    auto org = tx_.Organizations().FindById(**known);
    if (org) return std::optional(org->id);
    if (org.error().code != ErrorCode::kNotFound) return Fail(org.error());
    return std::optional<std::string>();
  }

  Status ImportUser(const LegacyUser& legacy, const LegacyExport& data) {
    auto& count = Count("users");
    if (legacy.legacy_id.empty()) {
      ++count.skipped;
      Problem("missing_id", kUsers, "", "line " + std::to_string(legacy.line) + ": the document has no _id");
      return {};
    }
    auto known = Remembered(kUsers, legacy.legacy_id);
    if (!known) return Fail(known.error());
    if (*known) {
      auto user = tx_.Users().FindById(**known);
      if (user) {
        ++count.matched;
        users_[legacy.legacy_id] = {user->id, user->role, user->organization_id};
        return {};
      }
      if (user.error().code != ErrorCode::kNotFound) return Fail(user.error());
      ++count.skipped;
      Problem("user_deleted", kUsers, legacy.legacy_id,
              legacy.email + " was imported before and has since been deleted; it is not recreated");
      return {};
    }
    const std::string email = NormalizeEmail(legacy.email);
    if (auto valid = ValidateEmail(email); !valid) {
      ++count.skipped;
      Problem("invalid_email", kUsers, legacy.legacy_id, "\"" + legacy.email + "\" is not a valid email address");
      return {};
    }
    if (auto existing = tx_.Users().FindByEmail(email); existing) {
      ++count.matched;
      users_[legacy.legacy_id] = {existing->id, existing->role, existing->organization_id};
      Problem("user_exists", kUsers, legacy.legacy_id,
              email + " already has a portal account; it is left as it is (no password, role or key taken over)");
      return Remember(kUsers, legacy.legacy_id, existing->id);
    } else if (existing.error().code != ErrorCode::kNotFound) {
      return Fail(existing.error());
    }

    User user;
    user.id = NewId("usr");
    user.email = email;
    user.created_at = now_;
    user.updated_at = now_;
    auto role = LegacyRole(legacy.role);
    if (!role) {
      Problem("unknown_role", kUsers, legacy.legacy_id,
              email + " has the role \"" + legacy.role + "\", which the portal does not know; imported as User");
    }
    user.role = role.value_or(Role::kUser);
    if (user.role == Role::kSuperAdmin) {
      if (legacy.organization_legacy_id) {
        Problem("superadmin_organization_dropped", kUsers, legacy.legacy_id,
                email + " is a SuperAdmin, who belongs to no organization in the portal; the old organization " +
                    *legacy.organization_legacy_id + " is not kept");
      }
    } else {
      if (!legacy.organization_legacy_id) {
        ++count.skipped;
        Problem("missing_organization", kUsers, legacy.legacy_id,
                email + " is an " + std::string(ToString(user.role)) + " without an organization; not imported");
        return {};
      }
      auto org = OrganizationOf(*legacy.organization_legacy_id);
      if (!org) return Fail(org.error());
      if (!*org) {
        ++count.skipped;
        Problem("dangling_organization", kUsers, legacy.legacy_id,
                email + " belongs to organization " + *legacy.organization_legacy_id +
                    ", which is not in the export (or was not imported); not imported");
        return {};
      }
      user.organization_id = **org;
    }
    user.name = Trimmed(legacy.name);
    if (!ValidateName(user.name, "name")) {
      const std::string local = email.substr(0, email.find('@'));
      Problem("invalid_name", kUsers, legacy.legacy_id,
              email + " has no usable name; \"" + local + "\" (from the email) is used instead");
      user.name = local;
    }
    if (IsBcrypt(legacy.password_hash)) {
      user.password_hash = legacy.password_hash;
    } else {
      user.password_hash = kUnusablePassword;
      Problem("password_not_imported", kUsers, legacy.legacy_id,
              email +
                  "'s password hash is not bcrypt ($2a$/$2b$/$2y$); reset the password after the import "
                  "(ユーザー管理 → パスワード再設定)");
    }
    const auto status = Lower(Trimmed(legacy.status));
    user.status = status.empty() || status == "active" ? UserStatus::kActive : UserStatus::kDisabled;

    auto key = KeyForUser(legacy, user, data);
    if (!key) return Fail(key.error());
    user.api_key_id = *key;

    if (auto s = tx_.Users().Insert(user); !s) return s;
    ++count.created;
    report_.changed = true;
    users_[legacy.legacy_id] = {user.id, user.role, user.organization_id};
    if (user.api_key_id) ++Count("assignments").created;
    AuditDetails details;
    details.Add("email", user.email).Add("role", ToString(user.role)).Add("legacyId", legacy.legacy_id);
    user.api_key_id ? details.Add("apiKeyId", *user.api_key_id) : details.AddNull("apiKeyId");
    if (auto s = Audit("import.user", "user", user.id, user.organization_id, details); !s) return s;
    return Remember(kUsers, legacy.legacy_id, user.id);
  }

  // The key `user` may hold, or nullopt after reporting why not (the user then has none).
  Result<std::optional<std::string>> KeyForUser(const LegacyUser& legacy, const User& user, const LegacyExport& data) {
    const bool has_id = legacy.api_key_id && !legacy.api_key_id->empty();
    const bool has_value = legacy.api_key_value && !legacy.api_key_value->empty();
    if (!has_id && !has_value) return std::optional<std::string>();
    auto& count = Count("assignments");
    std::optional<ApiKeyRecord> key;
    if (has_id) {
      auto by_id = tx_.ApiKeys().FindById(*legacy.api_key_id);
      if (by_id) {
        key = std::move(*by_id);
        if (has_value) {
          auto of_value = resolved_.find(*legacy.api_key_value);
          if (of_value != resolved_.end() && of_value->second != key->id) {
            Problem("user_key_value_mismatch", kUsers, legacy.legacy_id,
                    user.email + "'s stored key value is not the value of " + key->id + " (" + key->partial_key_hint +
                        ", the key the user holds); it was never stored under " + key->id);
          }
        }
      } else if (by_id.error().code != ErrorCode::kNotFound) {
        return Fail(by_id.error());
      } else {
        // An id the old portal invented, or a key Anthropic no longer has: found by value only.
        std::optional<std::string> value;
        for (const auto& k : data.api_keys) {
          if (k.api_key_id == *legacy.api_key_id && k.value && !k.value->empty()) value = k.value;
        }
        if (!value && has_value) value = legacy.api_key_value;
        if (value) {
          if (auto it = resolved_.find(*value); it != resolved_.end() && it->second) {
            auto found = tx_.ApiKeys().FindById(*it->second);
            if (!found) return Fail(found.error());
            key = std::move(*found);
          }
        }
        if (!key) {
          ++count.skipped;
          Problem("key_not_found", kUsers, legacy.legacy_id,
                  user.email + "'s key " + *legacy.api_key_id +
                      " is neither an Anthropic key nor found by its value; the user is imported without a key");
          return std::optional<std::string>();
        }
      }
    } else if (auto it = resolved_.find(*legacy.api_key_value); it != resolved_.end() && it->second) {
      auto found = tx_.ApiKeys().FindById(*it->second);
      if (!found) return Fail(found.error());
      key = std::move(*found);
    } else {
      ++count.skipped;
      Problem("key_not_found", kUsers, legacy.legacy_id,
              user.email + "'s stored key value matches no Anthropic key; the user is imported without a key");
      return std::optional<std::string>();
    }

    auto refuse = [&](std::string kind, std::string why) {
      ++count.skipped;
      Problem(std::move(kind), kUsers, legacy.legacy_id,
              user.email + " is imported without " + key->id + " (" + key->partial_key_hint + "): " + std::move(why));
      return std::optional<std::string>();
    };
    if (key->vanished_at) return refuse("key_not_usable", "Anthropic no longer has this key");
    if (key->status == "archived") return refuse("key_not_usable", "the key is archived in Anthropic");
    auto key_org = KeyOrganization(tx_, *key);
    if (!key_org) return Fail(key_org.error());
    if (*key_org != user.organization_id) {
      return refuse("key_wrong_organization", user.organization_id
                                                  ? "its workspace does not belong to the user's organization"
                                                  : "a SuperAdmin may hold only a key of no organization");
    }
    auto fresh = tx_.ApiKeys().FindById(key->id);  // the secret may have been registered by this import
    if (!fresh) return Fail(fresh.error());
    if (!fresh->secret_sealed) return refuse("key_not_registered", "the portal has no value for this key");
    auto holder = tx_.Users().FindByApiKeyId(key->id);
    if (holder) return refuse("key_already_held", "it is already held by " + holder->email);
    if (holder.error().code != ErrorCode::kNotFound) return Fail(holder.error());
    if (key->status != "active") {
      Problem("key_inactive", kUsers, legacy.legacy_id,
              user.email + " holds " + key->id + ", which is " + key->status +
                  " in Anthropic (the dashboard will flag it)");
    }
    return std::optional<std::string>(key->id);
  }

  // ---- prompts -------------------------------------------------------------------------------

  Status ImportPrompt(const LegacyPrompt& legacy) {
    auto& count = Count("prompts");
    if (legacy.legacy_id.empty()) {
      ++count.skipped;
      Problem("missing_id", kPrompts, "", "line " + std::to_string(legacy.line) + ": the document has no _id");
      return {};
    }
    auto known = Remembered(kPrompts, legacy.legacy_id);
    if (!known) return Fail(known.error());
    if (*known) {
      ++count.matched;
      return {};
    }
    if (!legacy.owner_legacy_id) {
      ++count.skipped;
      Problem("missing_owner", kPrompts, legacy.legacy_id,
              "prompt \"" + legacy.title + "\" has no owner; not imported");
      return {};
    }
    auto found_owner = OwnerOf(*legacy.owner_legacy_id);
    if (!found_owner) return Fail(found_owner.error());
    const ImportedUser* owner = *found_owner;
    if (owner == nullptr) {
      ++count.skipped;
      Problem("dangling_owner", kPrompts, legacy.legacy_id,
              "prompt \"" + legacy.title + "\" belongs to user " + *legacy.owner_legacy_id +
                  ", who is not in the export (or was not imported); not imported");
      return {};
    }
    Prompt prompt;
    prompt.id = NewId("prm");
    prompt.title = legacy.title;
    prompt.description = legacy.description;
    prompt.category = legacy.category;
    prompt.tags = legacy.tags;
    prompt.content = legacy.content;
    prompt.owner_id = owner->id;
    prompt.use_count = legacy.use_count;
    prompt.created_at = legacy.created_at > 0 ? legacy.created_at : now_;
    prompt.updated_at = legacy.updated_at > 0 ? legacy.updated_at : prompt.created_at;
    auto visibility = ParsePromptVisibility(legacy.visibility).value_or(PromptVisibility::kPrivate);
    if (owner->role == Role::kSuperAdmin) {
      if (legacy.organization_legacy_id) {
        auto org = OrganizationOf(*legacy.organization_legacy_id);
        if (!org) return Fail(org.error());
        prompt.organization_id = *org;
      }
    } else {
      prompt.organization_id = owner->organization_id;
    }
    auto reduced = visibility;
    if (owner->role == Role::kUser) reduced = PromptVisibility::kPrivate;
    if (reduced == PromptVisibility::kOrganization && !prompt.organization_id) reduced = PromptVisibility::kPrivate;
    if (reduced != visibility) {
      Problem("visibility_reduced", kPrompts, legacy.legacy_id,
              "prompt \"" + legacy.title + "\" was " + std::string(ToString(visibility)) +
                  "; its owner may keep it only as private, so it is imported as private");
    }
    prompt.visibility = reduced;
    auto fields = NormalizePromptFields(prompt);
    if (fields) fields = ValidatePromptContent(prompt.content);
    if (!fields) {
      ++count.skipped;
      Problem("invalid_prompt", kPrompts, legacy.legacy_id,
              "prompt \"" + legacy.title + "\" cannot be imported: " + fields.error().message);
      return {};
    }
    PromptVersion first{
        prompt.id, 1, prompt.content, "imported from the old portal", prompt.owner_id, std::nullopt, prompt.updated_at};
    if (auto s = tx_.Prompts().Insert(prompt, first); !s) return s;
    ++count.created;
    report_.changed = true;
    if (auto s = Audit("import.prompt", "prompt", prompt.id, prompt.organization_id,
                       AuditDetails()
                           .Add("title", prompt.title)
                           .Add("visibility", ToString(prompt.visibility))
                           .Add("legacyId", legacy.legacy_id));
        !s) {
      return s;
    }
    return Remember(kPrompts, legacy.legacy_id, prompt.id);
  }

  Result<const ImportedUser*> OwnerOf(const std::string& legacy_id) {
    if (auto it = users_.find(legacy_id); it != users_.end()) return &it->second;
    auto known = Remembered(kUsers, legacy_id);
    if (!known) return Fail(known.error());
    if (!*known) return nullptr;
    auto user = tx_.Users().FindById(**known);
    if (!user) {
      if (user.error().code != ErrorCode::kNotFound) return Fail(user.error());
      return nullptr;
    }
    auto& slot = users_[legacy_id];
    slot = {user->id, user->role, user->organization_id};
    return &slot;
  }

  Tx& tx_;
  const Vault& vault_;
  const Actor& actor_;
  const std::int64_t now_;
  ImportReport& report_;
  std::unordered_map<std::string, std::string> organizations_;  // legacy id → portal id
  std::vector<std::string> taken_organizations_;                // portal ids taken by this run
  std::unordered_map<std::string, ImportedUser> users_;         // legacy id → portal user
  // key value → the Anthropic key it belongs to (nullopt: none, reported once)
  std::unordered_map<std::string, std::optional<std::string>> resolved_;
};

}  // namespace

Result<ImportReport> LegacyImportService::Run(const Actor& actor, const LegacyExport& data,
                                              const ImportOptions& options) {
  if (!actor.user_id.empty() && !IsSuperAdmin(actor)) {
    return Fail(Error::Forbidden("only a SuperAdmin can import the old portal's data"));
  }
  if (vault_.Sealed()) return Fail(VaultSealedError());
  ImportReport report;
  report.dry_run = options.dry_run;
  const std::optional<std::string> actor_id =
      actor.user_id.empty() ? std::nullopt : std::optional<std::string>(actor.user_id);
  // Keys are matched against Anthropic as it is now. An import syncs first; a dry run reads the
  // same data and applies it only inside its own transaction, which it rolls back.
  std::optional<SyncSnapshot> fetched;
  if (options.sync_first && sync_ != nullptr && connection_ != nullptr) {
    auto configured = connection_->Configured();
    if (!configured) return Fail(configured.error());
    if (!*configured) {
      report.anthropic = "not_configured";
    } else if (options.dry_run) {
      auto snapshot = sync_->Fetch(ToUnixMillis(clock_.Now()));
      if (!snapshot) {
        return Fail(std::move(Error::Unavailable("reading from Anthropic before the dry run failed (" +
                                                 snapshot.error().message + "); nothing was changed — try again")
                                  .WithApiCode("import_sync_failed")));
      }
      fetched = std::move(*snapshot);
      report.anthropic = "fetched";
    } else {
      auto run = sync_->RunNow("import", actor_id, actor.request_id);
      if (!run) return Fail(run.error());
      if (run->status != "succeeded") {
        return Fail(std::move(Error::Unavailable("the sync before the import failed (" + run->error +
                                                 "); nothing was imported — try again")
                                  .WithApiCode("import_sync_failed")));
      }
      report.anthropic = "synced";
      report.sync_run_id = run->id;
    }
  }
  for (const char* kind : {"organizations", "workspaceLinks", "apiKeys", "users", "assignments", "prompts"}) {
    report.counts[kind];
  }
  const auto now = ToUnixMillis(clock_.Now());
  auto written = store_.Write([&](Tx& tx) -> Status {
    if (fetched) {
      if (auto applied = SyncService::ApplySnapshot(tx, std::move(*fetched), now); !applied) {
        return Fail(applied.error());
      }
    }
    ImportRun run(tx, vault_, actor, now, report);
    if (auto s = run.Execute(data); !s) return s;
    // The old portal's assignments and links predate the history usage is attributed by.
    if (auto s = tx.Usage().BackdateFirstLinks(); !s) return s;
    if (options.dry_run) return Fail(std::move(Error::Internal("dry run").WithApiCode(std::string(kDryRunRollback))));
    return {};
  });
  if (!written && written.error().api_code != kDryRunRollback) return Fail(written.error());
  return report;
}

}  // namespace portal::domain
