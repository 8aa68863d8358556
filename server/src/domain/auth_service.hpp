#pragma once
// Sessions and login (R-A1, R-A2, R-A4, R-A5 API half).
//
// A login creates a Session (the access token's `sid` and the refresh-token family) and a
// refresh token stored only as its SHA-256. Refreshing rotates the token; presenting a token that
// was already rotated revokes the whole session and is audited. Access tokens are checked against
// the session and the current user row on every request, so logout, disabling a user or a role
// change takes effect on the next request.
//
// Blocking: every method hashes or touches the database; call from a worker thread.
// Thread-safe.

#include <chrono>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "domain/entities.hpp"
#include "domain/key_brief.hpp"
#include "domain/login_throttle.hpp"
#include "domain/policy.hpp"
#include "domain/ports.hpp"
#include "domain/repositories.hpp"

namespace portal::domain {

struct AuthSettings {
  std::chrono::seconds access_ttl{600};
  std::chrono::seconds refresh_ttl{30 * 24 * 3600};
  // 5 failed logins per account from one address within 15 minutes, then waits of 30 s, 60 s, …
  // up to 15 min; 20 per address across accounts, then 60 s, 120 s, … (docs/security.md).
  ThrottleRule account_address_throttle{5, std::chrono::minutes(15), std::chrono::seconds(30),
                                        std::chrono::minutes(15)};
  ThrottleRule address_throttle{20, std::chrono::minutes(15), std::chrono::seconds(60), std::chrono::minutes(15)};
};

struct TokenPair {
  std::string access_token;
  std::int64_t expires_in = 0;  // seconds
  std::string refresh_token;    // opaque; only its hash is stored
  User user;
};

struct LoginInput {
  std::string email;
  std::string password;
  std::string client;  // "web" | "cli"
  std::string address;
  std::string request_id;
};

struct Profile {
  User user;
  std::optional<Organization> organization;
  std::optional<ApiKeyBrief> api_key;  // the key the user holds, masked
};

class AuthService {
 public:
  AuthService(Store& store, PasswordHasher& hasher, AccessTokenCodec& codec, TokenGenerator& tokens, const Clock& clock,
              AuthSettings settings = {}, std::unique_ptr<ThrottleCounters> throttle_counters = nullptr);

  Result<TokenPair> Login(const LoginInput& input);
  Result<TokenPair> Refresh(const std::string& refresh_token, const std::string& request_id);
  // Revokes the session named by the actor (or by the refresh token when there is no actor).
  Status Logout(const std::optional<Actor>& actor, const std::optional<std::string>& refresh_token,
                const std::string& request_id);
  // Verifies a bearer token and loads the caller; kUnauthenticated for anything wrong.
  Result<Actor> Authenticate(std::string_view access_token, const std::string& request_id);
  // The same, also filling `profile` (user, organization, key) on the same connection (/me).
  Result<Actor> Authenticate(std::string_view access_token, const std::string& request_id, Profile* profile);
  // The user and their organization (for /me and the login response).
  Result<Profile> GetProfile(const std::string& user_id);
  Status ChangePassword(const Actor& actor, const std::string& current_password, const std::string& new_password);

  // Setup (R-A5): true while no user exists.
  Result<bool> SetupNeeded();
  // Creates the first SuperAdmin and logs them in; kConflict once any user exists, even when
  // called concurrently.
  Result<TokenPair> Setup(const std::string& name, const std::string& email, const std::string& password,
                          const std::string& client, const std::string& request_id);

  PasswordHasher& Hasher() { return hasher_; }

 private:
  // Creates a session + refresh token for `user` inside `tx` and returns the pair.
  Result<TokenPair> StartSession(Tx& tx, const User& user, const std::string& client, std::int64_t now);
  std::string IssueAccess(const std::string& user_id, const std::string& session_id, std::int64_t now_ms) const;
  Status LoadProfileDetails(Tx& tx, Profile& profile);
  std::int64_t NowMs() const { return ToUnixMillis(clock_.Now()); }

  Store& store_;
  PasswordHasher& hasher_;
  AccessTokenCodec& codec_;
  TokenGenerator& tokens_;
  const Clock& clock_;
  AuthSettings settings_;
  LoginThrottle throttle_;
  std::string dummy_hash_;  // verified for unknown emails so both answers take the same time
};

}  // namespace portal::domain
