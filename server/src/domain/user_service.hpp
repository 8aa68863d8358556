#pragma once
// Users (R-U1..R-U3) as administrators manage them.
//
// Who may do what:
// - SuperAdmin: every user.
// - Admin: the users of their own organization; may create Admins and Users there, never a
//   SuperAdmin, and may not move a user to another organization.
// - User: none of this (403; they have /me). Another organization's user answers 404.
// Nobody may disable, delete or change the role of their own account (no self-lock-out).
//
// One source of truth (PRODUCT.md §2): users.api_key_id is the only link between a user and a
// key. Changing it is one UPDATE in one transaction, so every view (user list, key list, /me,
// /me/api-key) changes at once. A key can be assigned only when it is registered (secret stored),
// active, belongs to the user's organization (through its workspace; a SuperAdmin's key to no
// organization) and is held by nobody else — otherwise kConflict naming the holder (or "another
// user" when the caller may not see them), kInvalidArgument for the other rules, kNotFound when
// the caller may not see the key.
//
// Disabling or deleting a user revokes every session. Off-boarding may retire the key the user
// held: KeyRetirement::kDeactivate sets it inactive in Anthropic (reversible), kArchive archives
// it for good (erases its secret; the user loses it). Anthropic is called first; when it fails
// nothing is changed (retry).
//
// Blocking (database, password hashing, Anthropic); thread-safe.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "domain/entities.hpp"
#include "domain/key_brief.hpp"
#include "domain/policy.hpp"
#include "domain/ports.hpp"
#include "domain/repositories.hpp"

namespace portal::domain {

struct UserView {
  User user;
  std::optional<std::string> organization_name;
  std::optional<ApiKeyBrief> api_key;
};

struct CreateUserRequest {
  std::string name;
  std::string email;
  Role role = Role::kUser;
  std::optional<std::string> organization_id;
  std::optional<std::string> password;  // generated when absent
  std::optional<std::string> api_key_id;
};

struct CreatedUser {
  UserView user;
  std::optional<std::string> initial_password;  // set only when generated (shown once)
};

// Absent fields stay as they are; for the nullable ones, the outer optional says "present" and
// the inner one holds the value (nullopt = set to null).
enum class KeyRetirement { kKeep, kDeactivate, kArchive };

struct UserPatch {
  std::optional<std::string> name;
  std::optional<std::string> email;
  std::optional<Role> role;
  std::optional<std::optional<std::string>> organization_id;
  std::optional<UserStatus> status;
  std::optional<std::optional<std::string>> api_key_id;
  KeyRetirement retire_key = KeyRetirement::kKeep;
};

// The user `before` becomes with `patch` applied by `actor`, or the rule the change breaks: names
// and emails valid, only a SuperAdmin makes a SuperAdmin (who belongs to no organization), an
// Admin or User belongs to one, nobody disables or moves themselves or changes their own role, a
// kept key does not follow its holder into another organization, an archived key leaves its holder.
// Pure: whether the organization exists and the key is assignable is checked against the store by
// UserService::Update.
Result<User> ApplyUserPatch(const Actor& actor, const User& before, const UserPatch& patch);

struct UserDeletion {
  std::int64_t sessions_revoked = 0;
  std::optional<std::string> api_key_released;  // the key the user held, now free
  bool key_deactivated = false;
  bool key_archived = false;
};

class ApiKeyService;  // domain/api_key_service.hpp: sets a key inactive (or archives it) in Anthropic

class UserService {
 public:
  UserService(Store& store, PasswordHasher& hasher, TokenGenerator& tokens, const Clock& clock, ApiKeyService& api_keys)
      : store_(store), hasher_(hasher), tokens_(tokens), clock_(clock), api_keys_(api_keys) {}

  Result<Page<UserView>> List(const Actor& actor, UserQuery query);
  Result<UserView> Get(const Actor& actor, const std::string& id);
  Result<CreatedUser> Create(const Actor& actor, const CreateUserRequest& request);
  Result<UserView> Update(const Actor& actor, const std::string& id, const UserPatch& patch);
  Result<UserDeletion> Delete(const Actor& actor, const std::string& id, KeyRetirement retire_key);
  // A new random password; every session of the user ends. Returns the password (shown once).
  Result<std::string> ResetPassword(const Actor& actor, const std::string& id);

 private:
  std::int64_t NowMs() const { return ToUnixMillis(clock_.Now()); }
  Status RetireUpstream(const Actor& actor, const std::optional<std::string>& api_key_id, KeyRetirement how);

  Store& store_;
  PasswordHasher& hasher_;
  TokenGenerator& tokens_;
  const Clock& clock_;
  ApiKeyService& api_keys_;
};

// The user with their organization's name and key (for lists and /me).
Result<UserView> LoadUserView(Tx& tx, User user);

}  // namespace portal::domain
