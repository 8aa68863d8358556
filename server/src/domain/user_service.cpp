#include "domain/user_service.hpp"

#include "domain/api_key_service.hpp"

#include <algorithm>
#include <map>

#include "core/ids.hpp"
#include "domain/audit_service.hpp"
#include "domain/auth_service.hpp"
#include "domain/validation.hpp"

namespace portal::domain {
namespace {

constexpr std::size_t kGeneratedPasswordLength = 16;

Error NotYourOwn(const std::string& what) {
  return Error::InvalidArgument("you cannot " + what + " your own account").WithApiCode("self_change_refused");
}

// A user the actor may see (SuperAdmin any; Admin/User their organization's).
Result<User> FindVisibleUser(Tx& tx, const Actor& actor, const std::string& id) {
  auto user = tx.Users().FindById(id);
  if (!user) return Fail(user.error());
  if (auto visible = RequireOrganizationAccess(actor, user->organization_id); !visible) {
    return Fail(Error::NotFound("user not found"));
  }
  return user;
}

// A user the actor may change: visible, and the actor is SuperAdmin or Admin.
Result<User> FindManagedUser(Tx& tx, const Actor& actor, const std::string& id) {
  auto user = FindVisibleUser(tx, actor, id);
  if (!user) return user;
  if (auto allowed = RequireRole(actor, {Role::kSuperAdmin, Role::kAdmin}); !allowed) return Fail(allowed.error());
  return user;
}

// The organization a user is being placed in exists and the actor may manage it.
Status CheckTargetOrganization(Tx& tx, const Actor& actor, const std::optional<std::string>& organization_id) {
  if (!organization_id) return {};
  if (auto allowed = RequireOrganizationAdmin(actor, organization_id); !allowed) {
    if (allowed.error().code == ErrorCode::kNotFound) return Fail(Error::NotFound("organization not found"));
    return allowed;
  }
  auto org = tx.Organizations().FindById(*organization_id);
  if (!org) {
    if (org.error().code == ErrorCode::kNotFound) return Fail(Error::NotFound("organization not found"));
    return Fail(org.error());
  }
  return {};
}

// The rules for giving `key_id` to `user` (in the user's final state); see the header.
Status CheckAssignable(Tx& tx, const Actor& actor, const User& user, const std::string& key_id) {
  auto key = tx.ApiKeys().FindById(key_id);
  if (!key) {
    if (key.error().code == ErrorCode::kNotFound) {
      return Fail(Error::NotFound("API key " + key_id + " not found").WithApiCode("api_key_not_found"));
    }
    return Fail(key.error());
  }
  auto key_org = KeyOrganization(tx, *key);
  if (!key_org) return Fail(key_org.error());
  if (auto visible = RequireOrganizationAccess(actor, *key_org); !visible) {
    return Fail(Error::NotFound("API key " + key_id + " not found").WithApiCode("api_key_not_found"));
  }
  if (*key_org != user.organization_id) {
    return Fail(Error::InvalidArgument("API key " + key_id + " belongs to another organization's workspace")
                    .WithApiCode("api_key_wrong_organization"));
  }
  if (!key->secret_sealed) {
    return Fail(Error::InvalidArgument("API key " + key_id +
                                       " has no registered secret yet; register its value first (APIキー管理)")
                    .WithApiCode("api_key_not_registered"));
  }
  if (key->vanished_at || key->status != "active") {
    return Fail(Error::InvalidArgument("API key " + key_id + " is not active (" +
                                       (key->vanished_at ? std::string("no longer in Anthropic") : key->status) + ")")
                    .WithApiCode("api_key_not_active"));
  }
  auto holder = tx.Users().FindByApiKeyId(key_id);
  if (holder && holder->id != user.id) {
    std::string who = RequireOrganizationAccess(actor, holder->organization_id)
                          ? holder->name + " (" + holder->email + ")"
                          : std::string("another user");
    return Fail(Error::Conflict("API key " + key_id + " is already assigned to " + who + "; unassign it there first")
                    .WithApiCode("api_key_assigned"));
  }
  if (!holder && holder.error().code != ErrorCode::kNotFound) return Fail(holder.error());
  return {};
}

void AddKeyChange(AuditDetails& details, const std::optional<std::string>& before,
                  const std::optional<std::string>& after) {
  before ? details.Add("previousApiKeyId", *before) : details.AddNull("previousApiKeyId");
  after ? details.Add("apiKeyId", *after) : details.AddNull("apiKeyId");
}

// A page of users with their organizations' names and keys: two queries, however long the page.
Result<std::vector<UserView>> LoadUserViews(Tx& tx, std::vector<User> users) {
  std::vector<std::string> organization_ids, key_ids;
  for (const auto& user : users) {
    if (user.organization_id) organization_ids.push_back(*user.organization_id);
    if (user.api_key_id) key_ids.push_back(*user.api_key_id);
  }
  std::sort(organization_ids.begin(), organization_ids.end());
  organization_ids.erase(std::unique(organization_ids.begin(), organization_ids.end()), organization_ids.end());
  auto organizations = tx.Organizations().FindByIds(organization_ids);
  if (!organizations) return Fail(organizations.error());
  auto keys = tx.ApiKeys().FindByIds(key_ids);
  if (!keys) return Fail(keys.error());
  std::map<std::string, std::string> names;
  for (auto& org : *organizations) names.emplace(org.id, std::move(org.name));
  std::map<std::string, ApiKeyBrief> briefs;
  for (const auto& key : *keys) briefs.emplace(key.id, BriefOf(key));
  std::vector<UserView> views;
  views.reserve(users.size());
  for (auto& user : users) {
    UserView view;
    if (user.organization_id) {
      if (auto name = names.find(*user.organization_id); name != names.end()) view.organization_name = name->second;
    }
    if (user.api_key_id) {
      auto brief = briefs.find(*user.api_key_id);
      view.api_key = brief != briefs.end() ? brief->second : UnknownKeyBrief(*user.api_key_id);
    }
    view.user = std::move(user);
    views.push_back(std::move(view));
  }
  return views;
}

// A listed user as the API shows it: a key the portal does not know shows as "vanished".
UserView ViewOf(ListedUser listed) {
  UserView view;
  view.organization_name = std::move(listed.organization_name);
  view.api_key = HeldKeyBrief(listed.user.api_key_id, listed.api_key);
  view.user = std::move(listed.user);
  return view;
}

}  // namespace

Result<UserView> LoadUserView(Tx& tx, User user) {
  std::vector<User> one;
  one.push_back(std::move(user));
  auto views = LoadUserViews(tx, std::move(one));
  if (!views) return Fail(views.error());
  return std::move(views->front());
}

Status UserService::RetireUpstream(const Actor& actor, const std::optional<std::string>& api_key_id,
                                   KeyRetirement how) {
  if (!api_key_id || how == KeyRetirement::kKeep) return {};
  return api_keys_.RetireUpstream(actor, *api_key_id, how == KeyRetirement::kArchive);
}

Result<Page<UserView>> UserService::List(const Actor& actor, UserQuery query) {
  if (auto s = ScopeListToOrganization(actor, query.organization_id); !s) return Fail(s.error());
  Page<UserView> page;
  auto read = store_.Read([&](Tx& tx) -> Status {
    auto listed = tx.Users().List(query);
    if (!listed) return Fail(listed.error());
    page.total = listed->total;
    page.total_exact = listed->total_exact;
    page.next_cursor = listed->next_cursor;
    page.items.reserve(listed->items.size());
    for (auto& item : listed->items) page.items.push_back(ViewOf(std::move(item)));
    return {};
  });
  if (!read) return Fail(read.error());
  return page;
}

Result<UserView> UserService::Get(const Actor& actor, const std::string& id) {
  UserView out;
  auto read = store_.Read([&](Tx& tx) -> Status {
    auto user = FindManagedUser(tx, actor, id);
    if (!user) return Fail(user.error());
    auto view = LoadUserView(tx, std::move(*user));
    if (!view) return Fail(view.error());
    out = std::move(*view);
    return {};
  });
  if (!read) return Fail(read.error());
  return out;
}

Result<CreatedUser> UserService::Create(const Actor& actor, const CreateUserRequest& request) {
  if (auto allowed = RequireRole(actor, {Role::kSuperAdmin, Role::kAdmin}); !allowed) return Fail(allowed.error());
  User user;
  user.name = Trimmed(request.name);
  user.email = NormalizeEmail(request.email);
  user.role = request.role;
  user.organization_id = request.organization_id;
  if (auto s = ValidateName(user.name, "name"); !s) return Fail(s.error());
  if (auto s = ValidateEmail(user.email); !s) return Fail(s.error());
  if (user.role == Role::kSuperAdmin) {
    if (!IsSuperAdmin(actor)) return Fail(Error::Forbidden("only a SuperAdmin can create a SuperAdmin"));
    if (user.organization_id) return Fail(Error::InvalidArgument("a SuperAdmin belongs to no organization"));
  } else if (!user.organization_id) {
    return Fail(Error::InvalidArgument("field 'organizationId' is required for an Admin or User"));
  }
  CreatedUser created;
  std::string password;
  if (request.password) {
    password = *request.password;
    if (auto s = ValidatePassword(password); !s) return Fail(s.error());
  } else {
    password = tokens_.RandomPassword(kGeneratedPasswordLength);
    created.initial_password = password;
  }
  // Permission and key checks before the (slow) hash; repeated inside the write transaction.
  auto check = [&](Tx& tx) -> Status {
    if (auto s = CheckTargetOrganization(tx, actor, user.organization_id); !s) return s;
    if (request.api_key_id) return CheckAssignable(tx, actor, user, *request.api_key_id);
    return {};
  };
  if (auto s = store_.Read(check); !s) return Fail(s.error());
  auto hash = hasher_.Hash(password);
  if (!hash) return Fail(hash.error());
  auto now = NowMs();
  user.id = NewId("usr");
  user.password_hash = std::move(*hash);
  user.api_key_id = request.api_key_id;
  user.must_change_password = !request.password;  // a generated password is the portal's, not theirs
  user.created_at = now;
  user.updated_at = now;
  auto write = store_.Write([&](Tx& tx) -> Status {
    if (auto s = check(tx); !s) return s;
    if (auto s = tx.Users().Insert(user); !s) return s;
    AuditDetails details;
    details.Add("role", ToString(user.role)).Add("email", user.email).Add("passwordGenerated", !request.password);
    if (user.api_key_id) details.Add("apiKeyId", *user.api_key_id);
    if (auto s = tx.Audit().Append(MakeAuditEvent(actor.user_id, "user.create", "user", user.id, user.organization_id,
                                                  actor.request_id, now, details.Json()));
        !s) {
      return s;
    }
    auto view = LoadUserView(tx, user);
    if (!view) return Fail(view.error());
    created.user = std::move(*view);
    return {};
  });
  if (!write) return Fail(write.error());
  return created;
}

Result<User> ApplyUserPatch(const Actor& actor, const User& before, const UserPatch& patch) {
  User after = before;
  if (patch.name) {
    after.name = Trimmed(*patch.name);
    if (auto s = ValidateName(after.name, "name"); !s) return Fail(s.error());
  }
  if (patch.email) {
    after.email = NormalizeEmail(*patch.email);
    if (auto s = ValidateEmail(after.email); !s) return Fail(s.error());
  }
  if (patch.role) {
    if (*patch.role == Role::kSuperAdmin && !IsSuperAdmin(actor)) {
      return Fail(Error::Forbidden("only a SuperAdmin can make someone a SuperAdmin"));
    }
    after.role = *patch.role;
  }
  if (patch.organization_id) after.organization_id = *patch.organization_id;
  if (after.role == Role::kSuperAdmin) {
    if (patch.organization_id && *patch.organization_id) {
      return Fail(Error::InvalidArgument("a SuperAdmin belongs to no organization"));
    }
    after.organization_id.reset();
  } else if (!after.organization_id) {
    return Fail(Error::InvalidArgument("an Admin or User must belong to an organization"));
  }
  if (patch.status) after.status = *patch.status;
  if (patch.api_key_id) after.api_key_id = *patch.api_key_id;
  if (after.api_key_id && after.api_key_id == before.api_key_id && after.organization_id != before.organization_id) {
    return Fail(Error::InvalidArgument(
                    "the user's API key belongs to the previous organization; unassign it or pick a key of the new "
                    "organization in the same change")
                    .WithApiCode("api_key_wrong_organization"));
  }
  if (actor.user_id == before.id) {
    if (after.status == UserStatus::kDisabled && before.status != UserStatus::kDisabled) {
      return Fail(NotYourOwn("disable"));
    }
    if (after.role != before.role || after.organization_id != before.organization_id) {
      return Fail(NotYourOwn("change the role or organization of"));
    }
  }
  if (patch.retire_key != KeyRetirement::kKeep && !before.api_key_id) {
    return Fail(Error::InvalidArgument("the user holds no API key to deactivate or archive"));
  }
  // An archived key is gone for good: its holder loses it in the same change.
  if (patch.retire_key == KeyRetirement::kArchive) {
    if (after.api_key_id != before.api_key_id) {
      return Fail(Error::InvalidArgument("archiving the user's key and assigning a key cannot be combined"));
    }
    after.api_key_id.reset();
  }
  return after;
}

Result<UserView> UserService::Update(const Actor& actor, const std::string& id, const UserPatch& patch) {
  // The next state and every rule; run once before calling Anthropic and again inside the write
  // transaction.
  User before;
  User after;
  auto prepare = [&](Tx& tx) -> Status {
    auto found = FindManagedUser(tx, actor, id);
    if (!found) return Fail(found.error());
    before = std::move(*found);
    auto next = ApplyUserPatch(actor, before, patch);
    if (!next) return Fail(next.error());
    after = std::move(*next);
    if (after.organization_id != before.organization_id) {
      if (auto s = CheckTargetOrganization(tx, actor, after.organization_id); !s) return s;
    }
    if (after.api_key_id && after.api_key_id != before.api_key_id) {
      if (auto s = CheckAssignable(tx, actor, after, *after.api_key_id); !s) return s;
    }
    return {};
  };
  if (auto s = store_.Read(prepare); !s) return Fail(s.error());
  if (auto s = RetireUpstream(actor, before.api_key_id, patch.retire_key); !s) return Fail(s.error());
  const bool key_deactivated = patch.retire_key == KeyRetirement::kDeactivate;
  const bool key_archived = patch.retire_key == KeyRetirement::kArchive;

  auto now = NowMs();
  UserView out;
  auto write = store_.Write([&](Tx& tx) -> Status {
    if (auto s = prepare(tx); !s) return s;
    after.updated_at = now;
    if (auto s = tx.Users().Update(after); !s) return s;
    AuditDetails details;
    if (after.name != before.name) details.Add("nameChanged", true);
    if (after.email != before.email) details.Add("email", after.email).Add("previousEmail", before.email);
    if (after.role != before.role) details.Add("role", ToString(after.role)).Add("previousRole", ToString(before.role));
    if (after.organization_id != before.organization_id) {
      after.organization_id ? details.Add("organizationId", *after.organization_id) : details.AddNull("organizationId");
      before.organization_id ? details.Add("previousOrganizationId", *before.organization_id)
                             : details.AddNull("previousOrganizationId");
    }
    if (after.status != before.status) details.Add("status", ToString(after.status));
    if (after.api_key_id != before.api_key_id) AddKeyChange(details, before.api_key_id, after.api_key_id);
    if (key_deactivated) details.Add("keyDeactivated", *before.api_key_id);
    if (key_archived) details.Add("keyArchived", *before.api_key_id);
    if (after.status == UserStatus::kDisabled && before.status != UserStatus::kDisabled) {
      auto revoked = tx.Sessions().RevokeUserSessions(after.id, "user_disabled", now);
      if (!revoked) return Fail(revoked.error());
      details.Add("sessionsRevoked", *revoked);
    }
    const char* action = after.api_key_id != before.api_key_id ? "user.update_api_key" : "user.update";
    if (auto s = tx.Audit().Append(MakeAuditEvent(actor.user_id, action, "user", after.id, after.organization_id,
                                                  actor.request_id, now, details.Json()));
        !s) {
      return s;
    }
    auto view = LoadUserView(tx, after);
    if (!view) return Fail(view.error());
    out = std::move(*view);
    return {};
  });
  if (!write) return Fail(write.error());
  return out;
}

Result<UserDeletion> UserService::Delete(const Actor& actor, const std::string& id, KeyRetirement retire_key) {
  if (actor.user_id == id) return Fail(NotYourOwn("delete"));
  User user;
  auto load = [&](Tx& tx) -> Status {
    auto found = FindManagedUser(tx, actor, id);
    if (!found) return Fail(found.error());
    user = std::move(*found);
    return {};
  };
  if (auto s = store_.Read(load); !s) return Fail(s.error());
  UserDeletion done;
  if (retire_key != KeyRetirement::kKeep && user.api_key_id) {
    if (auto s = RetireUpstream(actor, user.api_key_id, retire_key); !s) return Fail(s.error());
    done.key_deactivated = retire_key == KeyRetirement::kDeactivate;
    done.key_archived = retire_key == KeyRetirement::kArchive;
  }
  auto now = NowMs();
  auto write = store_.Write([&](Tx& tx) -> Status {
    if (auto s = load(tx); !s) return s;
    auto revoked = tx.Sessions().RevokeUserSessions(user.id, "user_deleted", now);
    if (!revoked) return Fail(revoked.error());
    done.sessions_revoked = *revoked;
    done.api_key_released = user.api_key_id;
    if (auto s = tx.Users().Delete(user.id); !s) return s;
    AuditDetails details;
    details.Add("email", user.email).Add("role", ToString(user.role)).Add("sessionsRevoked", done.sessions_revoked);
    if (user.api_key_id) {
      details.Add("apiKeyReleased", *user.api_key_id)
          .Add("keyDeactivated", done.key_deactivated)
          .Add("keyArchived", done.key_archived);
    }
    return tx.Audit().Append(MakeAuditEvent(actor.user_id, "user.delete", "user", user.id, user.organization_id,
                                            actor.request_id, now, details.Json()));
  });
  if (!write) return Fail(write.error());
  return done;
}

Result<std::string> UserService::ResetPassword(const Actor& actor, const std::string& id) {
  auto check = [&](Tx& tx) -> Status {
    auto found = FindManagedUser(tx, actor, id);
    if (!found) return Fail(found.error());
    return {};
  };
  if (auto s = store_.Read(check); !s) return Fail(s.error());
  std::string password = tokens_.RandomPassword(kGeneratedPasswordLength);
  auto hash = hasher_.Hash(password);
  if (!hash) return Fail(hash.error());
  auto now = NowMs();
  auto write = store_.Write([&](Tx& tx) -> Status {
    if (auto s = check(tx); !s) return s;
    auto user = tx.Users().FindById(id);
    if (!user) return Fail(user.error());
    user->password_hash = *hash;
    user->must_change_password = true;
    user->updated_at = now;
    if (auto s = tx.Users().Update(*user); !s) return s;
    auto revoked = tx.Sessions().RevokeUserSessions(id, "password_reset", now);
    if (!revoked) return Fail(revoked.error());
    return tx.Audit().Append(MakeAuditEvent(actor.user_id, "user.password_reset", "user", id, user->organization_id,
                                            actor.request_id, now,
                                            AuditDetails().Add("sessionsRevoked", *revoked).Json()));
  });
  if (!write) return Fail(write.error());
  return password;
}

}  // namespace portal::domain
