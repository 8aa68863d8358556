#include "domain/api_key_service.hpp"

#include "domain/masking.hpp"

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
      view.workspace_name = workspace->name;
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

Result<ApiKeyView> ApiKeyService::ViewById(Tx& tx, const std::string& id) {
  auto key = tx.ApiKeys().FindById(id);
  if (!key) return Fail(key.error());
  return ViewOf(tx, std::move(*key));
}

Result<Page<ApiKeyView>> ApiKeyService::List(const Actor& actor, ApiKeyQuery query) {
  if (auto s = ScopeListToOrganization(actor, query.organization_id); !s) return Fail(s.error());
  Page<ApiKeyView> out;
  auto read = store_.Read([&](Tx& tx) -> Status {
    auto page = tx.ApiKeys().List(query);
    if (!page) return Fail(page.error());
    out = std::move(*page);
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
    auto loaded = ViewById(tx, id);
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

Result<ApiKeyView> ApiKeyService::Resolve(const Actor& actor, const std::string& value) {
  if (auto s = ValidateApiKeyValue(value); !s) return Fail(s.error());
  if (vault_.Sealed()) return Fail(VaultSealedError());
  const std::string hint = MaskSecret(value);
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
  if (matches->size() > 1) {
    std::vector<std::string> ids;
    for (const auto& m : *matches) ids.push_back(m.key.id);
    return Fail(std::move(Error::Conflict("Several Anthropic API keys share this key's hint; archive or rename the "
                                          "duplicates in the Anthropic Console, sync, and paste again")
                              .WithApiCode("ambiguous_key")
                              .WithCandidates(std::move(ids))));
  }
  auto client = connection_.Client();
  if (!client) return Fail(client.error());
  auto accepted = (*client)->CheckApiKey(value);
  if (!accepted) return Fail(accepted.error());
  if (!*accepted) {
    return Fail(std::move(Error::InvalidArgument("Anthropic rejected this key (" + hint +
                                                 "): it may be inactive, archived or expired, or it was mistyped")
                              .WithApiCode("key_rejected")));
  }
  return std::move(matches->front());
}

Result<ApiKeyView> ApiKeyService::Register(const Actor& actor, const std::string& value) {
  if (auto s = RequireRole(actor, {Role::kSuperAdmin, Role::kAdmin}); !s) return Fail(s.error());
  auto resolved = Resolve(actor, value);
  if (!resolved) return resolved;
  auto& match = *resolved;
  const std::string hint = MaskSecret(value);
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
  return resolved;
}

Result<std::optional<ApiKey>> ApiKeyService::ArchiveUpstream(const ApiKeyRecord& key) {
  if (key.status == "archived" || key.vanished_at) return std::optional<ApiKey>();
  auto client = connection_.Client();
  if (!client) return Fail(client.error());
  auto updated = (*client)->UpdateApiKey(key.id, {.name = std::nullopt, .status = ApiKeyStatus::kArchived});
  if (!updated) return Fail(updated.error());
  return std::optional<ApiKey>(std::move(*updated));
}

Result<std::optional<User>> ApiKeyService::ArchiveLocally(Tx& tx, const ApiKeyRecord& stored,
                                                          const std::optional<ApiKey>& upstream, std::int64_t now) {
  if (upstream) {
    if (auto s = tx.ApiKeys().Upsert(FromUpstream(*upstream, stored, now)); !s) return Fail(s.error());
  }
  if (stored.secret_sealed) {
    if (auto s = tx.ApiKeys().SetSecret(stored.id, std::nullopt, std::nullopt); !s) return Fail(s.error());
  }
  auto holder = tx.Users().FindByApiKeyId(stored.id);
  if (!holder) {
    if (holder.error().code == ErrorCode::kNotFound) return std::optional<User>();
    return Fail(holder.error());
  }
  User user = *holder;
  user.api_key_id.reset();
  user.updated_at = now;
  if (auto s = tx.Users().Update(user); !s) return Fail(s.error());
  return std::optional<User>(*holder);
}

Result<ApiKeyView> ApiKeyService::Archive(const Actor& actor, const std::string& id) {
  auto view = LoadManaged(actor, id);
  if (!view) return Fail(view.error());
  auto upstream = ArchiveUpstream(view->key);
  if (!upstream) return Fail(upstream.error());
  const auto now = NowMs();
  ApiKeyView out;
  auto wrote = store_.Write([&](Tx& tx) -> Status {
    auto holder = ArchiveLocally(tx, view->key, *upstream, now);
    if (!holder) return Fail(holder.error());
    AuditDetails details;
    details.Add("oldStatus", view->key.status).Add("status", "archived").Add("hint", view->key.partial_key_hint);
    details.Add("secretErased", view->key.secret_sealed.has_value());
    if (*holder) details.Add("holderId", (*holder)->id).Add("holderEmail", (*holder)->email);
    if (auto s = tx.Audit().Append(MakeAuditEvent(actor.user_id, "api_key.archive", "api_key", id,
                                                  view->organization_id, actor.request_id, now, details.Json()));
        !s) {
      return s;
    }
    auto loaded = ViewById(tx, id);
    if (!loaded) return Fail(loaded.error());
    out = std::move(*loaded);
    return {};
  });
  if (!wrote) return Fail(wrote.error());
  return out;
}

Result<ApiKeyView> ApiKeyService::Replace(const Actor& actor, const std::string& id, const std::string& value) {
  auto old = LoadManaged(actor, id);
  if (!old) return Fail(old.error());
  auto resolved = Resolve(actor, value);
  if (!resolved) return resolved;
  auto& next = *resolved;
  if (next.key.id == id) {
    return Fail(Error::Conflict("the pasted value is the value of the key being replaced; create a new key in the "
                                "Anthropic Console and paste its value")
                    .WithApiCode("replacement_is_same_key"));
  }
  // The holder and the new key are checked again inside the transaction; this read fails early.
  std::optional<User> holder;
  auto check = [&](Tx& tx) -> Status {
    holder.reset();
    auto found = tx.Users().FindByApiKeyId(id);
    if (found) {
      holder = *found;
    } else if (found.error().code != ErrorCode::kNotFound) {
      return Fail(found.error());
    }
    if (holder && next.organization_id != holder->organization_id) {
      return Fail(Error::InvalidArgument("the new key's workspace does not belong to " + holder->name +
                                         "'s organization; create it in one of that organization's workspaces")
                      .WithApiCode("api_key_wrong_organization"));
    }
    auto taken = tx.Users().FindByApiKeyId(next.key.id);
    if (taken && (!holder || taken->id != holder->id)) {
      return Fail(Error::Conflict("the new key is already held by " + taken->name + " (" + taken->email + ")")
                      .WithApiCode("api_key_taken"));
    }
    if (!taken && taken.error().code != ErrorCode::kNotFound) return Fail(taken.error());
    return {};
  };
  if (auto s = store_.Read(check); !s) return Fail(s.error());
  auto sealed = vault_.Seal(value, next.key.id);
  if (!sealed) return Fail(sealed.error());
  auto upstream = ArchiveUpstream(old->key);
  if (!upstream) return Fail(upstream.error());
  const auto now = NowMs();
  auto wrote = store_.Write([&](Tx& tx) -> Status {
    if (auto s = check(tx); !s) return s;
    auto released = ArchiveLocally(tx, old->key, *upstream, now);
    if (!released) return Fail(released.error());
    if (auto s = tx.ApiKeys().SetSecret(next.key.id, *sealed, now); !s) return s;
    if (holder) {
      auto user = tx.Users().FindById(holder->id);
      if (!user) return Fail(user.error());
      user->api_key_id = next.key.id;
      user->updated_at = now;
      if (auto s = tx.Users().Update(*user); !s) return s;
    }
    AuditDetails details;
    details.Add("oldKeyId", id).Add("oldHint", old->key.partial_key_hint).Add("newKeyId", next.key.id);
    details.Add("newHint", next.key.partial_key_hint);
    holder ? details.Add("holderId", holder->id).Add("holderEmail", holder->email) : details.AddNull("holderId");
    return tx.Audit().Append(MakeAuditEvent(actor.user_id, "api_key.replace", "api_key", id, old->organization_id,
                                            actor.request_id, now, details.Json()));
  });
  if (!wrote) return Fail(wrote.error());
  next.key.secret_sealed = *sealed;
  next.key.secret_registered_at = now;
  if (holder) next.holder = ApiKeyHolder{holder->id, holder->name, holder->email};
  return resolved;
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
    auto loaded = ViewById(tx, id);
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

Status ApiKeyService::RetireUpstream(const Actor& actor, const std::string& key_id, bool archive) {
  if (auto s = RequireRole(actor, {Role::kSuperAdmin, Role::kAdmin}); !s) return s;
  ApiKeyView view;
  std::optional<std::string> holder_org;
  auto read = store_.Read([&](Tx& tx) -> Status {
    auto loaded = ViewById(tx, key_id);
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
  const auto now = NowMs();
  if (archive) {
    auto upstream = ArchiveUpstream(view.key);
    if (!upstream) return Fail(upstream.error());
    return store_.Write([&](Tx& tx) -> Status {
      // The holder is being off-boarded by the caller in its own transaction; the key is
      // archived and its secret erased here.
      if (*upstream) {
        if (auto s = tx.ApiKeys().Upsert(FromUpstream(**upstream, view.key, now)); !s) return s;
      }
      if (view.key.secret_sealed) {
        if (auto s = tx.ApiKeys().SetSecret(view.key.id, std::nullopt, std::nullopt); !s) return s;
      }
      return tx.Audit().Append(MakeAuditEvent(actor.user_id, "api_key.archive", "api_key", key_id, view.organization_id,
                                              actor.request_id, now,
                                              AuditDetails()
                                                  .Add("oldStatus", view.key.status)
                                                  .Add("status", "archived")
                                                  .Add("secretErased", view.key.secret_sealed.has_value())
                                                  .Add("reason", "offboarding")
                                                  .Json()));
    });
  }
  if (view.key.status == "inactive" || view.key.status == "archived" || view.key.status == "expired") return {};
  auto client = connection_.Client();
  if (!client) return Fail(client.error());
  auto updated = (*client)->UpdateApiKey(key_id, {.name = std::nullopt, .status = ApiKeyStatus::kInactive});
  if (!updated) return Fail(updated.error());
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
