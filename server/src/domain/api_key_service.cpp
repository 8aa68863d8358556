#include "domain/api_key_service.hpp"

#include "domain/audit_service.hpp"
#include "domain/auth_service.hpp"
#include "domain/validation.hpp"

namespace portal::domain {
namespace {

constexpr std::string_view kKeyPrefix = "sk-ant-api03-";

// A key never changes workspace, so the stored one is kept: under 2026-10-21 Anthropic names the
// Default Workspace by its real id, which the portal records as "no workspace".
ApiKeyRecord FromUpstream(const ApiKey& k, const ApiKeyRecord& stored, std::int64_t now) {
  ApiKeyRecord r;
  r.id = k.id;
  r.name = k.name;
  r.status = std::string(ToString(k.status));
  r.partial_key_hint = k.partial_key_hint.value_or("");
  r.workspace_id = stored.workspace_id;
  r.created_at = k.created_at;
  r.created_by = k.created_by ? k.created_by->id : "";
  r.synced_at = now;
  return r;
}

}  // namespace

std::string MaskKeyValue(std::string_view value) {
  if (value.size() < 24) return "***";
  return std::string(value.substr(0, 16)) + "..." + std::string(value.substr(value.size() - 4));
}

std::string KeyPickerLabel(const ApiKeyRecord& key) {
  return key.id + ": " + key.partial_key_hint + " (" + key.name + ")";
}

Status ValidateApiKeyValue(std::string_view value) {
  auto invalid = [] {
    return Fail(
        Error::InvalidArgument("value is not an Anthropic API key: expected sk-ant-api03-… as shown once "
                               "by the Anthropic Console"));
  };
  if (!value.starts_with(kKeyPrefix) || value.size() < 40 || value.size() > 256) return invalid();
  for (char c : value.substr(kKeyPrefix.size())) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (!ok) return invalid();
  }
  return {};
}

Result<ApiKeyView> ApiKeyService::ViewOf(Tx& tx, ApiKeyRecord key) {
  ApiKeyView view;
  if (key.workspace_id) {
    auto workspace = tx.Workspaces().FindById(*key.workspace_id);
    if (workspace) {
      view.organization_id = workspace->organization_id;
    } else if (workspace.error().code != ErrorCode::kNotFound) {
      return Fail(workspace.error());
    }
  }
  auto holder = tx.ApiKeys().FindHolder(key.id);
  if (!holder) return Fail(holder.error());
  if (*holder) {
    auto user = tx.Users().FindById(**holder);
    if (!user) return Fail(user.error());
    view.holder = ApiKeyHolder{user->id, user->name, user->email};
  }
  view.key = std::move(key);
  return view;
}

Result<Page<ApiKeyView>> ApiKeyService::List(const Actor& actor, ApiKeyQuery query) {
  if (auto s = ScopeListToOrganization(actor, query.organization_id); !s) return Fail(s.error());
  Page<ApiKeyView> out;
  auto read = store_.Read([&](Tx& tx) -> Status {
    auto page = tx.ApiKeys().List(query);
    if (!page) return Fail(page.error());
    out.next_cursor = page->next_cursor;
    out.total = page->total;
    for (auto& key : page->items) {
      auto view = ViewOf(tx, std::move(key));
      if (!view) return Fail(view.error());
      out.items.push_back(std::move(*view));
    }
    return {};
  });
  if (!read) return Fail(read.error());
  return out;
}

Result<ApiKeyView> ApiKeyService::LoadManaged(const Actor& actor, const std::string& id) {
  // Another tenant's object is not found (404) for everyone below SuperAdmin; a User gets 403
  // only for objects of their own organization.
  ApiKeyView view;
  auto read = store_.Read([&](Tx& tx) -> Status {
    auto key = tx.ApiKeys().FindById(id);
    if (!key) return Fail(key.error());
    auto loaded = ViewOf(tx, std::move(*key));
    if (!loaded) return Fail(loaded.error());
    view = std::move(*loaded);
    return {};
  });
  if (!read) return Fail(read.error());
  if (auto s = RequireOrganizationAccess(actor, view.organization_id); !s)
    return Fail(Error::NotFound("API key not found"));
  if (auto s = RequireRole(actor, {Role::kSuperAdmin, Role::kAdmin}); !s) return Fail(s.error());
  return view;
}

Result<ApiKeyView> ApiKeyService::Get(const Actor& actor, const std::string& id) { return LoadManaged(actor, id); }

Result<std::vector<ApiKeyView>> ApiKeyService::Matches(const Actor& actor, const std::string& hint) {
  std::vector<ApiKeyView> matches;
  auto read = store_.Read([&](Tx& tx) -> Status {
    auto found = tx.ApiKeys().FindByHint(hint);
    if (!found) return Fail(found.error());
    for (auto& key : *found) {
      auto view = ViewOf(tx, std::move(key));
      if (!view) return Fail(view.error());
      // An Admin registers only keys of their organization's workspaces: others do not exist for them.
      if (!IsSuperAdmin(actor) && view->organization_id != actor.organization_id) continue;
      matches.push_back(std::move(*view));
    }
    return {};
  });
  if (!read) return Fail(read.error());
  return matches;
}

Result<RegisterResult> ApiKeyService::Register(const Actor& actor, const std::string& value) {
  if (auto s = RequireRole(actor, {Role::kSuperAdmin, Role::kAdmin}); !s) return Fail(s.error());
  if (auto s = ValidateApiKeyValue(value); !s) return Fail(s.error());
  if (vault_.Sealed()) return Fail(VaultSealedError());
  const std::string hint = MaskKeyValue(value);
  auto matches = Matches(actor, hint);
  if (!matches) return Fail(matches.error());
  if (matches->empty()) {
    // Maybe created in the Console after the last sync: refresh once.
    auto run = sync_.RunNow("register", actor.user_id, actor.request_id);
    if (!run) return Fail(run.error());
    matches = Matches(actor, hint);
    if (!matches) return Fail(matches.error());
  }
  if (matches->empty()) {
    return Fail(std::move(Error::NotFound("No Anthropic API key matches " + hint +
                                          ". Create the key in the Anthropic Console first (in a workspace of "
                                          "your organization), then paste its value here again.")
                              .WithApiCode("no_matching_key")));
  }
  if (matches->size() > 1) return RegisterResult{std::nullopt, std::move(*matches)};
  auto& match = matches->front();

  auto client = connection_.Client();
  if (!client) return Fail(client.error());
  auto accepted = (*client)->CheckApiKey(value);
  if (!accepted) return Fail(accepted.error());
  if (!*accepted) {
    return Fail(std::move(Error::InvalidArgument("Anthropic rejected this key (" + hint +
                                                 "): it may be inactive, archived or expired, or it was mistyped")
                              .WithApiCode("key_rejected")));
  }
  auto sealed = vault_.Seal(value, match.key.id);
  if (!sealed) return Fail(sealed.error());
  const auto now = NowMs();
  auto wrote = store_.Write([&](Tx& tx) -> Status {
    if (auto s = tx.ApiKeys().SetSecret(match.key.id, *sealed, now); !s) return s;
    return tx.Audit().Append(MakeAuditEvent(actor.user_id, "api_key.secret_register", "api_key", match.key.id,
                                            match.organization_id, actor.request_id, now,
                                            AuditDetails().Add("hint", hint).Add("name", match.key.name).Json()));
  });
  if (!wrote) return Fail(wrote.error());
  match.key.secret_sealed = *sealed;
  match.key.secret_registered_at = now;
  return RegisterResult{std::move(match), {}};
}

Result<ApiKeyView> ApiKeyService::Update(const Actor& actor, const std::string& id, const ApiKeyPatch& patch) {
  auto view = LoadManaged(actor, id);
  if (!view) return Fail(view.error());
  if (!patch.name && !patch.status) return Fail(Error::InvalidArgument("nothing to change: give name or status"));
  ApiKeyUpdate update;
  if (patch.name) {
    if (auto s = ValidateCharacters(*patch.name, "name"); !s) return Fail(s.error());
    if (patch.name->empty() || patch.name->size() > 500)
      return Fail(Error::InvalidArgument("name must be 1–500 characters"));
    update.name = *patch.name;
  }
  if (patch.status) {
    if (*patch.status == "active") {
      update.status = ApiKeyStatus::kActive;
    } else if (*patch.status == "inactive") {
      update.status = ApiKeyStatus::kInactive;
    } else {
      return Fail(Error::InvalidArgument("status must be \"active\" or \"inactive\""));
    }
  }
  auto client = connection_.Client();
  if (!client) return Fail(client.error());
  auto updated = (*client)->UpdateApiKey(id, update);
  if (!updated) return Fail(updated.error());
  const auto now = NowMs();
  ApiKeyView out;
  auto wrote = store_.Write([&](Tx& tx) -> Status {
    if (auto s = tx.ApiKeys().Upsert(FromUpstream(*updated, view->key, now)); !s) return s;
    AuditDetails details;
    if (patch.name) details.Add("oldName", view->key.name).Add("name", updated->name);
    if (patch.status) details.Add("oldStatus", view->key.status).Add("status", std::string(ToString(updated->status)));
    if (auto s = tx.Audit().Append(MakeAuditEvent(actor.user_id, "api_key.update", "api_key", id, view->organization_id,
                                                  actor.request_id, now, details.Json()));
        !s) {
      return s;
    }
    auto key = tx.ApiKeys().FindById(id);
    if (!key) return Fail(key.error());
    auto loaded = ViewOf(tx, std::move(*key));
    if (!loaded) return Fail(loaded.error());
    out = std::move(*loaded);
    return {};
  });
  if (!wrote) return Fail(wrote.error());
  return out;
}

Result<RevealedSecret> ApiKeyService::RevealOwnKey(const Actor& actor) {
  std::optional<ApiKeyRecord> key;
  auto read = store_.Read([&](Tx& tx) -> Status {
    auto user = tx.Users().FindById(actor.user_id);
    if (!user) return Fail(user.error());
    if (!user->api_key_id) return {};
    auto found = tx.ApiKeys().FindById(*user->api_key_id);
    if (!found) return found.error().code == ErrorCode::kNotFound ? Status{} : Fail(found.error());
    key = std::move(*found);
    return {};
  });
  if (!read) return Fail(read.error());
  if (!key) return Fail(Error::NotFound("no API key is assigned to you"));
  if (!key->secret_sealed) {
    return Fail(Error::NotFound("the secret of your API key is not registered yet: ask your administrator"));
  }
  auto value = vault_.Open(*key->secret_sealed, key->id);
  if (!value) return Fail(vault_.Sealed() ? VaultSealedError() : value.error());
  const auto now = NowMs();
  auto audited = store_.Write([&](Tx& tx) -> Status {
    return tx.Audit().Append(MakeAuditEvent(actor.user_id, "api_key.secret_read", "api_key", key->id,
                                            actor.organization_id, actor.request_id, now,
                                            AuditDetails().Add("hint", key->partial_key_hint).Json()));
  });
  if (!audited) return Fail(audited.error());  // no audit, no secret
  return RevealedSecret{BriefOf(*key), std::move(*value)};
}

Result<std::optional<ApiKeyRecord>> ApiKeyService::KeyOfUser(const std::string& user_id) {
  std::optional<ApiKeyRecord> key;
  auto read = store_.Read([&](Tx& tx) -> Status {
    auto user = tx.Users().FindById(user_id);
    if (!user) return Fail(user.error());
    if (!user->api_key_id) return {};
    auto found = tx.ApiKeys().FindById(*user->api_key_id);
    if (!found) return found.error().code == ErrorCode::kNotFound ? Status{} : Fail(found.error());
    key = std::move(*found);
    return {};
  });
  if (!read) return Fail(read.error());
  return key;
}

Status ApiKeyService::DeactivateUpstream(const Actor& actor, const std::string& key_id) {
  if (auto s = RequireRole(actor, {Role::kSuperAdmin, Role::kAdmin}); !s) return s;
  ApiKeyView view;
  std::optional<std::string> holder_org;
  auto read = store_.Read([&](Tx& tx) -> Status {
    auto key = tx.ApiKeys().FindById(key_id);
    if (!key) return Fail(key.error());
    auto loaded = ViewOf(tx, std::move(*key));
    if (!loaded) return Fail(loaded.error());
    view = std::move(*loaded);
    if (view.holder) {
      auto user = tx.Users().FindById(view.holder->id);
      if (user) holder_org = user->organization_id;
    }
    return {};
  });
  if (!read) return read;
  if (!IsSuperAdmin(actor) && view.organization_id != actor.organization_id && holder_org != actor.organization_id) {
    return Fail(Error::NotFound("API key not found"));
  }
  if (view.key.status == "inactive" || view.key.status == "archived" || view.key.status == "expired") return {};
  auto client = connection_.Client();
  if (!client) return Fail(client.error());
  auto updated = (*client)->UpdateApiKey(key_id, {.name = std::nullopt, .status = ApiKeyStatus::kInactive});
  if (!updated) return Fail(updated.error());
  const auto now = NowMs();
  return store_.Write([&](Tx& tx) -> Status {
    if (auto s = tx.ApiKeys().Upsert(FromUpstream(*updated, view.key, now)); !s) return s;
    return tx.Audit().Append(
        MakeAuditEvent(actor.user_id, "api_key.deactivate", "api_key", key_id, view.organization_id, actor.request_id,
                       now, AuditDetails().Add("oldStatus", view.key.status).Add("status", "inactive").Json()));
  });
}

Result<std::vector<std::pair<std::string, ApiKeyRecord>>> ApiKeyService::Drift(const Actor& actor) {
  if (auto s = RequireRole(actor, {Role::kSuperAdmin, Role::kAdmin}); !s) return Fail(s.error());
  std::optional<std::string> org = IsSuperAdmin(actor) ? std::nullopt : actor.organization_id;
  std::vector<std::pair<std::string, ApiKeyRecord>> out;
  auto read = store_.Read([&](Tx& tx) -> Status {
    auto drifted = tx.ApiKeys().ListDrifted(org);
    if (!drifted) return Fail(drifted.error());
    out = std::move(*drifted);
    return {};
  });
  if (!read) return Fail(read.error());
  for (auto& [user, key] : out) key.secret_sealed.reset();
  return out;
}

}  // namespace portal::domain
